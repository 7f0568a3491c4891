// One award decision: its awardees, their certificates (issue, print, revoke) and the PDFs.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { AWARD_FORM_LABELS, AWARD_TITLE_LABELS, DOSSIER_STATE_LABELS, awardLabel } from "#machines/index.ts";
import { decisionArticles } from "~/documents/decision.server.ts";
import { decisionDocument, loadDecision, signingAuthority } from "~/models/award-decision.server.ts";
import { issueCertificates } from "~/models/certificate.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";
import { invariantResponse } from "~/utils/http.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Quyết định số ${data?.number ?? ""} · Thi đua – Khen thưởng` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "vice_chairman", "secretary"]);
  const decision = await loadDecision(user, params.decisionId!);
  invariantResponse(decision, "Không tìm thấy quyết định khen thưởng.", { status: 404 });
  // Issuing needs the signer's authority (chairman, or vice-chairman with a delegation in force).
  const authority = await signingAuthority(user, { id: decision.movementId, unitId: decision.unitId });
  const document = decisionDocument(decision);
  return {
    id: decision.id,
    number: decision.number,
    decidedAt: formatDate(decision.decidedAt),
    subject: decision.subject,
    movement: decision.movement,
    signer: `${decision.onBehalf ? "KT. Chủ tịch – Phó Chủ tịch" : "Chủ tịch"} ${decision.signerName}`,
    legalBasis: decision.legalBasis,
    articles: decisionArticles(document),
    canIssue: Boolean(authority),
    canRevoke: user.grants.some((grant) => grant.role === "chairman" && grant.unitId === decision.unitId),
    entries: decision.entries.map((entry) => ({
      dossierId: entry.dossierId,
      position: entry.position,
      name: entry.name,
      detail: entry.detail,
      award: awardLabel(AWARD_FORM_LABELS[entry.awardForm], entry.awardTitle && AWARD_TITLE_LABELS[entry.awardTitle]),
      state: DOSSIER_STATE_LABELS[entry.dossier.state],
      issuable: entry.dossier.state === "approved" && !entry.dossier.certificate,
      certificate: entry.dossier.certificate
        ? {
            id: entry.dossier.certificate.id,
            serial: entry.dossier.certificate.serial,
            goldenBookNumber: entry.dossier.certificate.goldenBookNumber,
            issuedAt: formatDate(entry.dossier.certificate.issuedAt),
            revokedAt: entry.dossier.certificate.revokedAt ? formatDate(entry.dossier.certificate.revokedAt) : null,
            revokedReason: entry.dossier.certificate.revokedReason,
            replaces: entry.dossier.certificate.replaces?.serial ?? null,
          }
        : null,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chairman", "vice_chairman"]);
  const form = await request.formData();
  const dossierId = form.get("dossierId");
  const result = await issueCertificates(user, params.decisionId!, {
    dossierIds: typeof dossierId === "string" && dossierId ? [dossierId] : undefined,
  });
  if (!result.ok) return data({ message: result.message }, { status: result.status });
  return redirect(`/quyet-dinh/${params.decisionId}?xong=cap&so=${result.issued.length}`);
}

export default function DecisionPage() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const pending = d.entries.filter((e) => e.issuable).length;
  const issued = d.entries.filter((e) => e.certificate && !e.certificate.revokedAt).length;
  const notice =
    params.get("xong") === "ky"
      ? `Đã ký Quyết định số ${d.number}. Tiếp theo: cấp Giấy khen cho các cá nhân, tập thể trong danh sách.`
      : params.get("xong") === "cap"
        ? `Đã cấp ${params.get("so") ?? ""} Giấy khen; hồ sơ chuyển sang «Đã khen thưởng».`
        : params.get("xong") === "thu-hoi"
          ? "Đã thu hồi Giấy khen; trang xác minh công khai hiển thị «Đã thu hồi»."
          : params.get("xong") === "cap-lai"
            ? `Đã cấp lại Giấy khen số hiệu ${params.get("so") ?? ""}; trang xác minh của số hiệu cũ dẫn đến Giấy khen mới.`
            : null;
  return (
    <>
      <p className="muted">
        <Link to="/quyet-dinh">Quyết định khen thưởng</Link> · Phong trào “{d.movement.title}” năm {d.movement.year}
      </p>
      <h1>Quyết định số {d.number}</h1>
      {notice && !failure ? <p className="notice">{notice}</p> : null}
      {failure ? (
        <p className="form-error" role="alert">
          {failure.message}
        </p>
      ) : null}
      <div className="card">
        <dl className="facts">
          <dt>Ngày ký</dt>
          <dd>{d.decidedAt}</dd>
          <dt>Trích yếu</dt>
          <dd>{d.subject}</dd>
          <dt>Người ký</dt>
          <dd>{d.signer}</dd>
        </dl>
        <details>
          <summary>Căn cứ và nội dung quyết định</summary>
          {d.legalBasis.map((line) => (
            <p key={line} className="muted">
              <em>{line}</em>
            </p>
          ))}
          {d.articles.map((article) => (
            <p key={article.label}>
              <strong>{article.label}</strong> {article.text}
            </p>
          ))}
        </details>
        <p className="actions">
          <a className="button" href={`/quyet-dinh/${d.id}/quyet-dinh.pdf`}>
            Tải Quyết định (PDF)
          </a>
          {issued > 0 ? (
            <>
              <a className="button" href={`/quyet-dinh/${d.id}/giay-khen.pdf`}>
                In {issued} Giấy khen (PDF, mẫu đầy đủ)
              </a>
              <a className="button secondary-button" href={`/quyet-dinh/${d.id}/giay-khen.pdf?che-do=phoi`}>
                In trên phôi (PDF)
              </a>
              <Link className="button secondary-button" to={`/quyet-dinh/${d.id}/in`}>
                Bản in trên trình duyệt
              </Link>
            </>
          ) : null}
        </p>
      </div>

      <h2>Danh sách được khen thưởng</h2>
      {d.canIssue && pending > 0 ? (
        <Form method="post" className="card">
          <p>
            {pending} cá nhân, tập thể chưa được cấp Giấy khen. Khi cấp, hệ thống ghi số sổ vàng, số hiệu, ký số dữ liệu Giấy khen để tra
            cứu công khai và chuyển hồ sơ sang «Đã khen thưởng».
          </p>
          <button type="submit" className="primary" disabled={busy}>
            Cấp Giấy khen ({pending})
          </button>
        </Form>
      ) : null}
      <table>
        <thead>
          <tr>
            <th className="num">STT</th>
            <th>Họ và tên (tập thể)</th>
            <th>Danh hiệu, hình thức khen thưởng</th>
            <th>Hồ sơ</th>
            <th>Giấy khen</th>
          </tr>
        </thead>
        <tbody>
          {d.entries.map((entry) => (
            <tr key={entry.dossierId}>
              <td className="num">{entry.position}</td>
              <td>
                {entry.name}
                {entry.detail ? <div className="muted">{entry.detail}</div> : null}
              </td>
              <td>{entry.award}</td>
              <td>
                <Link to={`/ho-so/${entry.dossierId}`}>{entry.state}</Link>
              </td>
              <td>
                {entry.certificate ? (
                  <>
                    <div>
                      Số hiệu <strong>{entry.certificate.serial}</strong> · Số sổ vàng {entry.certificate.goldenBookNumber} · cấp ngày{" "}
                      {entry.certificate.issuedAt}
                      {entry.certificate.replaces ? <> · cấp lại thay số hiệu {entry.certificate.replaces}</> : null}
                    </div>
                    {entry.certificate.revokedAt ? (
                      <div>
                        <span className="badge bad">Đã thu hồi ngày {entry.certificate.revokedAt}</span> {entry.certificate.revokedReason}
                        {d.canIssue ? (
                          <>
                            {" "}
                            <Link to={`/giay-khen/${entry.certificate.id}/cap-lai`}>Cấp lại</Link>
                          </>
                        ) : null}
                      </div>
                    ) : (
                      <div className="actions">
                        <a href={`/giay-khen/${entry.certificate.id}/ban-in.pdf`}>PDF</a>
                        <a href={`/giay-khen/${entry.certificate.id}/ban-in.pdf?che-do=phoi`}>In trên phôi</a>
                        <a href={`/xac-minh/${entry.certificate.serial}`}>Trang xác minh</a>
                        {d.canRevoke ? <Link to={`/giay-khen/${entry.certificate.id}/thu-hoi`}>Thu hồi</Link> : null}
                      </div>
                    )}
                  </>
                ) : entry.issuable && d.canIssue ? (
                  <Form method="post">
                    <input type="hidden" name="dossierId" value={entry.dossierId} />
                    <button type="submit" className="secondary" disabled={busy}>
                      Cấp Giấy khen
                    </button>
                  </Form>
                ) : (
                  <span className="muted">Chưa cấp</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
