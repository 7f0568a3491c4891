// The three documents of a dossier (Tờ trình, Biên bản of the unit, Báo cáo thành tích Mẫu 07) as
// PDFs, from the data their forms saved: what the package to the level above carries.
import { formatIsoDate } from "~/forms/fields.ts";
import type { ProposalData } from "~/forms/proposal.ts";
import type { UnitMinutesData } from "~/forms/unit-minutes.ts";
import type { LoadedDossierView } from "~/models/dossier-documents.server.ts";
import { achievementReportView, placeAndIsoDate } from "./achievement-report.ts";
import { AWARD_FORM_LABELS } from "~/utils/labels.ts";
import type { PDFDocument } from "pdf-lib";
import { MM, PdfWriter, renderPdf, type Fonts } from "~/utils/pdf.server.ts";
import { officialHeader, paragraph } from "./layout.server.ts";

/** Two signers side by side, each with a note, space for the signature and the name. */
function twoSigners(w: PdfWriter, left: string[], right: string[]): void {
  w.ensure(50 * MM);
  w.gap(4);
  w.columns([
    {
      width: w.width / 2,
      lines: left.map((text, i) => ({
        text,
        style:
          i === 0
            ? { font: "bold" as const, size: 13 }
            : text === " "
              ? { size: 60 }
              : { font: (i === left.length - 1 ? "bold" : "italic") as "bold" | "italic", size: 12 },
      })),
    },
    {
      width: w.width / 2,
      lines: right.map((text, i) => ({
        text,
        style:
          i === 0
            ? { font: "bold" as const, size: 13 }
            : text === " "
              ? { size: 60 }
              : { font: (i === right.length - 1 ? "bold" : "italic") as "bold" | "italic", size: 12 },
      })),
    },
  ]);
}

/** "≥ 95%" → "Từ 95% trở lên": Noto Serif has no ≥ and ≤ glyphs, and documents spell comparisons out anyway. */
export function requirementWords(requirement: string): string {
  const match = /^([≥≤=])\s*(.+)$/.exec(requirement.trim());
  if (!match) return requirement;
  const value = match[2]!;
  return match[1] === "≥" ? `Từ ${value} trở lên` : match[1] === "≤" ? `Không quá ${value}` : `Bằng ${value}`;
}

function paragraphs(w: PdfWriter, text: string, empty = "…"): void {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  for (const line of lines.length ? lines : [empty]) paragraph(w, [{ text: line }], { size: 13 });
}

function header(w: PdfWriter, dossier: LoadedDossierView, placeDate: string, number?: string) {
  officialHeader(w, {
    unitName: dossier.unit.name,
    parentName: dossier.unit.parent?.name ?? dossier.movement.unit.name,
    number,
    placeDate,
  });
  w.gap(6);
}

export function proposalPdf(dossier: LoadedDossierView): Promise<Uint8Array> {
  return renderPdf(`Tờ trình đề nghị khen thưởng — ${dossier.nominee.name}`, (doc, fonts) => drawProposal(doc, fonts, dossier));
}

function drawProposal(doc: PDFDocument, fonts: Fonts, dossier: LoadedDossierView): void {
  const data = (dossier.documents.proposal?.data ?? {}) as ProposalData;
  const place = dossier.movement.unit.placeName ?? dossier.unit.placeName;
  const w = new PdfWriter(doc, fonts);
  header(w, dossier, placeAndIsoDate(place, data.date), data.number ?? "…");
  w.text("TỜ TRÌNH", { font: "bold", size: 14, align: "center" });
  w.text(
    `Về việc đề nghị khen thưởng thành tích thực hiện phong trào thi đua “${dossier.movement.title}” năm ${dossier.movement.year}`,
    { font: "bold", size: 13, align: "center" },
    w.left + 10 * MM,
    w.width - 20 * MM,
  );
  w.gap(3);
  w.text(`Kính gửi: ${data.addressee ?? "…"}`, { size: 13, align: "center" });
  w.gap(3);
  paragraphs(w, data.reasons ?? "");
  paragraph(w, [{ text: `${data.submittingUnit ?? dossier.unit.name} kính đề nghị xem xét, khen thưởng cho các cá nhân, tập thể sau:` }], {
    size: 13,
  });
  w.gap(2);
  w.table(
    [
      { title: "TT", width: 10, align: "center" },
      { title: "Họ và tên (tên tập thể)", width: 50 },
      { title: "Chức vụ, đơn vị", width: 55 },
      { title: "Hình thức khen thưởng", width: 45 },
    ],
    (data.nominees ?? []).map((row, i) => [
      String(i + 1),
      row.name ?? "",
      row.position ?? "",
      row.awardForm ? AWARD_FORM_LABELS[row.awardForm] : "",
    ]),
    12,
  );
  twoSigners(w, ["Nơi nhận:", "- Như trên;", "- Lưu."], ["THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên)", " ", ""]);
}

export function unitMinutesPdf(dossier: LoadedDossierView): Promise<Uint8Array> {
  return renderPdf(`Biên bản họp Hội đồng TĐKT của đơn vị — ${dossier.unit.name}`, (doc, fonts) => drawUnitMinutes(doc, fonts, dossier));
}

function drawUnitMinutes(doc: PDFDocument, fonts: Fonts, dossier: LoadedDossierView): void {
  const data = (dossier.documents.unit_minutes?.data ?? {}) as UnitMinutesData;
  const place = dossier.movement.unit.placeName ?? dossier.unit.placeName;
  const w = new PdfWriter(doc, fonts);
  header(w, dossier, placeAndIsoDate(place, data.date));
  w.text("BIÊN BẢN", { font: "bold", size: 14, align: "center" });
  w.text(`Họp Hội đồng Thi đua - Khen thưởng ${dossier.unit.name}`, { font: "bold", size: 13, align: "center" });
  w.gap(4);
  paragraph(w, [{ text: `Thời gian: ngày ${data.date ? formatIsoDate(data.date) : "…"}. Địa điểm: ${data.place ?? "…"}.` }], { size: 13 });
  paragraph(w, [{ text: `Chủ trì: ${data.chair ?? "…"}. Thư ký: ${data.secretary ?? "…"}.` }], { size: 13 });
  paragraph(w, [{ text: `Thành viên có mặt / tổng số: ${data.present ?? "…"}/${data.total ?? "…"}.` }], { size: 13 });
  paragraph(w, [{ text: "Kết quả bỏ phiếu:" }], { size: 13 });
  w.table(
    [
      { title: "TT", width: 10, align: "center" },
      { title: "Cá nhân, tập thể được đề nghị", width: 80 },
      { title: "Đồng ý / tổng số phiếu", width: 40, align: "center" },
      { title: "Tỷ lệ", width: 25, align: "center" },
    ],
    (data.votes ?? []).map((vote, i) => [
      String(i + 1),
      vote.nominee ?? "",
      `${vote.agree ?? "…"}/${vote.total ?? "…"}`,
      vote.agree !== undefined && vote.total ? `${String(Math.round((vote.agree / vote.total) * 1000) / 10).replace(".", ",")}%` : "",
    ]),
    12,
  );
  w.gap(2);
  paragraph(w, [{ text: "Kết luận:" }], { size: 13 });
  paragraphs(w, data.conclusion ?? "");
  twoSigners(w, ["THƯ KÝ", "(Ký, ghi rõ họ tên)", " ", data.secretary ?? ""], ["CHỦ TRÌ", "(Ký, ghi rõ họ tên)", " ", data.chair ?? ""]);
}

export function achievementReportPdf(dossier: LoadedDossierView): Promise<Uint8Array> {
  return renderPdf(`Báo cáo thành tích — ${dossier.nominee.name}`, (doc, fonts) => drawAchievementReport(doc, fonts, dossier));
}

function drawAchievementReport(doc: PDFDocument, fonts: Fonts, dossier: LoadedDossierView): void {
  const report = achievementReportView(dossier);
  const w = new PdfWriter(doc, fonts);
  header(w, dossier, report.placeDate);
  w.text(report.title, { font: "bold", size: 14, align: "center" });
  w.text(report.award, { font: "bold", size: 13, align: "center" });
  w.text(report.subtitle, { font: "italic", size: 13, align: "center" }, w.left + 5 * MM, w.width - 10 * MM);
  w.text(report.nomineeLine, { font: "bold", size: 13, align: "center" });
  w.gap(3);
  w.heading(report.individual ? "I. SƠ LƯỢC LÝ LỊCH, CHỨC NĂNG, NHIỆM VỤ" : "I. ĐẶC ĐIỂM, TÌNH HÌNH, CHỨC NĂNG, NHIỆM VỤ", { size: 13 });
  for (const [label, value] of report.identity) w.text(`- ${label}: ${value || "…"}`, { size: 13 });
  w.text("- Chức năng, nhiệm vụ được giao:", { size: 13 });
  paragraphs(w, report.duties);
  w.heading("II. THÀNH TÍCH ĐẠT ĐƯỢC", { size: 13 });
  w.text("1. Kết quả thực hiện các chỉ tiêu thi đua", { font: "bold", size: 13 });
  w.table(
    [
      { title: "TT", width: 9, align: "center" },
      { title: "Chỉ tiêu thi đua", width: 56 },
      { title: "Yêu cầu", width: 36, align: "center" },
      { title: "Kết quả đạt được", width: 28, align: "center" },
      { title: "Đánh giá", width: 24, align: "center" },
    ],
    report.figures.map((figure) => [
      String(figure.index),
      figure.label,
      requirementWords(figure.requirement),
      figure.result || "…",
      figure.status,
    ]),
    11,
  );
  if (report.results) paragraphs(w, report.results);
  w.text("2. Các giải pháp, biện pháp đã thực hiện", { font: "bold", size: 13 });
  paragraphs(w, report.solutions);
  w.text("3. Sáng kiến, kinh nghiệm, đổi mới", { font: "bold", size: 13 });
  paragraphs(w, report.initiatives, "Không.");
  w.heading("III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN", { size: 13 });
  paragraphs(w, report.previousAwards, "Không.");
  twoSigners(
    w,
    ["THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ", "(Ký, đóng dấu)", " ", `${report.headName}${report.headTitle ? ` – ${report.headTitle}` : ""}`],
    ["NGƯỜI BÁO CÁO THÀNH TÍCH", "(Ký, ghi rõ họ và tên)", " ", report.reporterName],
  );
}
