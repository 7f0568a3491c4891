// A4 print view of the whole dossier: Tờ trình, Biên bản, Báo cáo thành tích (Mẫu 07), one after another.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatIsoDate } from "~/forms/fields.ts";
import type { ProposalData } from "~/forms/proposal.ts";
import type { UnitMinutesData } from "~/forms/unit-minutes.ts";
import { achievementReportView, placeAndIsoDate } from "~/documents/achievement-report.ts";
import { loadDossier } from "~/models/dossier-documents.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";
import { AWARD_FORM_LABELS } from "~/utils/labels.ts";

export const meta: MetaFunction = () => [{ title: "Bản in hồ sơ đề nghị khen thưởng · Thi đua – Khen thưởng" }];

const upper = (text: string) => text.toLocaleUpperCase("vi-VN");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const dossier = await loadDossier(user, params.dossierId!);
  invariantResponse(dossier, "Không tìm thấy hồ sơ.", { status: 404 });
  const proposal = (dossier.documents.proposal?.data ?? {}) as ProposalData;
  const minutes = (dossier.documents.unit_minutes?.data ?? {}) as UnitMinutesData;
  const place = dossier.movement.unit.placeName ?? dossier.unit.placeName;
  const authority = upper(dossier.unit.parent?.name ?? dossier.movement.unit.name);
  return {
    header: { authority, unitName: upper(dossier.unit.name) },
    proposal: {
      present: Boolean(dossier.documents.proposal),
      number: proposal.number ?? "…",
      placeDate: placeAndIsoDate(place, proposal.date),
      addressee: proposal.addressee ?? "…",
      submittingUnit: proposal.submittingUnit ?? dossier.unit.name,
      reasons: proposal.reasons ?? "",
      nominees: (proposal.nominees ?? []).map((row) => ({
        name: row.name ?? "",
        position: row.position ?? "",
        awardForm: row.awardForm ? AWARD_FORM_LABELS[row.awardForm] : "",
      })),
      movement: `${dossier.movement.title} năm ${dossier.movement.year}`,
    },
    minutes: {
      present: Boolean(dossier.documents.unit_minutes),
      placeDate: placeAndIsoDate(place, minutes.date),
      date: minutes.date ? formatIsoDate(minutes.date) : "…",
      place: minutes.place ?? "…",
      chair: minutes.chair ?? "…",
      secretary: minutes.secretary ?? "…",
      attendance: `${minutes.present ?? "…"}/${minutes.total ?? "…"}`,
      votes: (minutes.votes ?? []).map((vote) => ({
        nominee: vote.nominee ?? "",
        agree: vote.agree ?? null,
        total: vote.total ?? null,
        share:
          vote.agree !== undefined && vote.total ? `${String(Math.round((vote.agree / vote.total) * 1000) / 10).replace(".", ",")}%` : "",
      })),
      conclusion: minutes.conclusion ?? "",
      scan: dossier.attachments.find((a) => a.kind === "unit_minutes_scan")?.fileName ?? null,
    },
    report: achievementReportView(dossier),
  };
}

function Paragraphs({ text, empty = "…" }: { text: string; empty?: string }) {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  return (
    <>
      {(lines.length ? lines : [empty]).map((line, i) => (
        <p key={i} className="indent">
          {line}
        </p>
      ))}
    </>
  );
}

function DocumentHeader({ left, placeDate, number }: { left: ReactNode; placeDate: string; number?: string }) {
  return (
    <table className="print-header">
      <tbody>
        <tr>
          <td>
            {left}
            {number ? <p>Số: {number}</p> : null}
          </td>
          <td>
            <p className="strong">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
            <p className="strong underline">Độc lập - Tự do - Hạnh phúc</p>
            <p className="italic">{placeDate}</p>
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function Signatures({ left, right }: { left: ReactNode; right: ReactNode }) {
  return (
    <table className="print-signatures">
      <tbody>
        <tr>
          <td>{left}</td>
          <td>{right}</td>
        </tr>
      </tbody>
    </table>
  );
}

export default function PrintView() {
  const { header, proposal, minutes, report } = useLoaderData<typeof loader>();
  const unitBlock = (
    <>
      <p>{header.authority}</p>
      <p className="strong underline">{header.unitName}</p>
    </>
  );
  return (
    <div className="print-view">
      <p className="no-print notice">
        Bản in khổ A4. Dùng lệnh In của trình duyệt (Ctrl+P).{" "}
        <button type="button" className="secondary small" onClick={() => window.print()}>
          In hồ sơ
        </button>
      </p>

      <article className="print-doc">
        <DocumentHeader left={unitBlock} number={proposal.number} placeDate={proposal.placeDate} />
        <h2 className="print-title">TỜ TRÌNH</h2>
        <p className="center strong">Về việc đề nghị khen thưởng thành tích thực hiện phong trào thi đua “{proposal.movement}”</p>
        <p className="center">Kính gửi: {proposal.addressee}</p>
        <Paragraphs text={proposal.reasons} />
        <p className="indent">{proposal.submittingUnit} kính đề nghị xem xét, khen thưởng cho các cá nhân, tập thể sau:</p>
        <table className="print-table">
          <thead>
            <tr>
              <th>TT</th>
              <th>Họ và tên (tên tập thể)</th>
              <th>Chức vụ, đơn vị</th>
              <th>Hình thức khen thưởng</th>
            </tr>
          </thead>
          <tbody>
            {proposal.nominees.map((row, i) => (
              <tr key={i}>
                <td className="center">{i + 1}</td>
                <td>{row.name}</td>
                <td>{row.position}</td>
                <td>{row.awardForm}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Signatures left={<p className="italic small">Nơi nhận: như trên; lưu.</p>} right={<p className="strong">THỦ TRƯỞNG ĐƠN VỊ</p>} />
        {proposal.present ? null : <p className="no-print muted">Tờ trình chưa được lập.</p>}
      </article>

      <article className="print-doc">
        <DocumentHeader left={unitBlock} placeDate={minutes.placeDate} />
        <h2 className="print-title">BIÊN BẢN</h2>
        <p className="center strong">Họp Hội đồng Thi đua – Khen thưởng {header.unitName.toLocaleLowerCase("vi-VN")}</p>
        <p className="indent">
          Thời gian: ngày {minutes.date}. Địa điểm: {minutes.place}.
        </p>
        <p className="indent">
          Chủ trì: {minutes.chair}. Thư ký: {minutes.secretary}.
        </p>
        <p className="indent">Thành viên có mặt / tổng số: {minutes.attendance}.</p>
        <p className="indent">Kết quả bỏ phiếu:</p>
        <table className="print-table">
          <thead>
            <tr>
              <th>TT</th>
              <th>Cá nhân, tập thể được đề nghị</th>
              <th>Đồng ý / tổng số phiếu</th>
              <th>Tỷ lệ</th>
            </tr>
          </thead>
          <tbody>
            {minutes.votes.map((vote, i) => (
              <tr key={i}>
                <td className="center">{i + 1}</td>
                <td>{vote.nominee}</td>
                <td className="center">
                  {vote.agree ?? "…"}/{vote.total ?? "…"}
                </td>
                <td className="center">{vote.share}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="indent">Kết luận:</p>
        <Paragraphs text={minutes.conclusion} />
        <Signatures
          left={
            <>
              <p className="strong">THƯ KÝ</p>
              <p className="signature-space" />
              <p className="strong">{minutes.secretary}</p>
            </>
          }
          right={
            <>
              <p className="strong">CHỦ TRÌ</p>
              <p className="signature-space" />
              <p className="strong">{minutes.chair}</p>
            </>
          }
        />
        {minutes.scan ? <p className="no-print muted">Bản scan có chữ ký: {minutes.scan}</p> : null}
      </article>

      <article className="print-doc">
        <DocumentHeader
          left={
            <>
              <p>{report.authority}</p>
              <p className="strong underline">{report.unitName}</p>
            </>
          }
          placeDate={report.placeDate}
        />
        <h2 className="print-title">{report.title}</h2>
        <p className="center strong">{report.award}</p>
        <p className="center italic">{report.subtitle}</p>
        <p className="center strong">{report.nomineeLine}</p>
        <h3>{report.individual ? "I. SƠ LƯỢC LÝ LỊCH, CHỨC NĂNG, NHIỆM VỤ" : "I. ĐẶC ĐIỂM, TÌNH HÌNH, CHỨC NĂNG, NHIỆM VỤ"}</h3>
        {report.identity.map(([label, value]) => (
          <p key={label}>
            - {label}: {value || "…"}
          </p>
        ))}
        <p>- Chức năng, nhiệm vụ được giao:</p>
        <Paragraphs text={report.duties} />
        <h3>II. THÀNH TÍCH ĐẠT ĐƯỢC</h3>
        <p className="strong">1. Kết quả thực hiện các chỉ tiêu thi đua</p>
        <table className="print-table">
          <thead>
            <tr>
              <th>TT</th>
              <th>Chỉ tiêu thi đua</th>
              <th>Yêu cầu</th>
              <th>Kết quả đạt được</th>
              <th>Đánh giá</th>
            </tr>
          </thead>
          <tbody>
            {report.figures.map((figure) => (
              <tr key={figure.index}>
                <td className="center">{figure.index}</td>
                <td>{figure.label}</td>
                <td className="center">{figure.requirement}</td>
                <td className="center">{figure.result || "…"}</td>
                <td className="center">{figure.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {report.results ? <Paragraphs text={report.results} /> : null}
        <p className="strong">2. Các giải pháp, biện pháp đã thực hiện</p>
        <Paragraphs text={report.solutions} />
        <p className="strong">3. Sáng kiến, kinh nghiệm, đổi mới</p>
        <Paragraphs text={report.initiatives} empty="Không." />
        <h3>III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN</h3>
        <Paragraphs text={report.previousAwards} empty="Không." />
        <Signatures
          left={
            <>
              <p className="strong">THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ</p>
              <p className="italic">(Ký, đóng dấu)</p>
              <p className="signature-space" />
              <p className="strong">{report.headName}</p>
              <p>{report.headTitle}</p>
            </>
          }
          right={
            <>
              <p className="strong">NGƯỜI BÁO CÁO THÀNH TÍCH</p>
              <p className="italic">(Ký, ghi rõ họ và tên)</p>
              <p className="signature-space" />
              <p className="strong">{report.reporterName}</p>
            </>
          }
        />
      </article>
    </div>
  );
}
