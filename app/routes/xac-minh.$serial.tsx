// Public verification of a certificate (no sign-in): what it says, and whether it is genuine —
// the row is checked against the Ed25519 signature made when it was issued, so a row edited
// in the database shows "Không hợp lệ" — and whether its decision's signed PDF still verifies.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { verifyCertificate } from "~/models/certificate.server.ts";
import { decisionSignatureStatus } from "~/models/decision-pdf.server.ts";
import { formatDate, formatDateTime } from "~/utils/format.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Xác minh Giấy khen ${data?.serial ?? ""} · Thi đua – Khen thưởng` },
  { name: "robots", content: "noindex" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await verifyCertificate(params.serial ?? "");
  if (!found) {
    throw new Response(`Không tìm thấy Giấy khen có số hiệu «${params.serial ?? ""}». Vui lòng kiểm tra lại số hiệu in trên Giấy khen.`, {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const signature = await decisionSignatureStatus(found.decisionId);
  return {
    status: found.status,
    decisionSignature:
      signature.state === "valid"
        ? {
            state: signature.state,
            text: `Đã ký số bởi ${signature.signer}${signature.signedAt ? ` lúc ${formatDateTime(signature.signedAt)}` : ""}; tệp quyết định không bị thay đổi sau khi ký.${signature.selfSigned ? " (Chứng thư số thử nghiệm, không do tổ chức cung cấp dịch vụ chứng thực chữ ký số cấp.)" : ""}`,
          }
        : signature.state === "invalid"
          ? { state: signature.state, text: `Chữ ký số không hợp lệ: ${signature.problem}` }
          : { state: signature.state, text: "Quyết định được ban hành trước khi hệ thống ký số văn bản." },
    problem: found.problem,
    serial: found.serial,
    recipient: found.recipient,
    recipientDetail: found.recipientDetail,
    achievement: found.achievement,
    awardForm: found.awardForm,
    awardTitle: found.awardTitle,
    issuer: found.issuer,
    decision: `Quyết định số ${found.decisionNumber} ngày ${formatDate(found.decisionDate)}`,
    goldenBookNumber: found.goldenBookNumber,
    signer: found.signer,
    issuedAt: formatDate(found.issuedAt),
    revokedAt: found.revokedAt ? formatDate(found.revokedAt) : null,
    revokedReason: found.revokedReason,
    replacedBy: found.replacedBy,
    replaces: found.replaces,
    reissueReason: found.reissueReason,
  };
}

const STATUS = {
  valid: {
    label: "Hợp lệ",
    text: "Giấy khen do cơ quan có thẩm quyền cấp, thông tin dưới đây trùng khớp với bản ghi đã được ký số khi cấp.",
  },
  revoked: { label: "Đã thu hồi", text: "Giấy khen này đã bị cơ quan cấp thu hồi và không còn giá trị." },
  invalid: { label: "Không hợp lệ", text: "" },
} as const;

const SIGNATURE_LABELS = { valid: "Hợp lệ", invalid: "Không hợp lệ", unsigned: "Không có chữ ký số" } as const;

export default function VerificationPage() {
  const c = useLoaderData<typeof loader>();
  const status = STATUS[c.status];
  return (
    <section className="verify">
      <h1>Xác minh Giấy khen</h1>
      <div className={`verify-status ${c.status}`} role="status">
        <strong>{status.label}</strong>
        <span>{c.status === "invalid" ? c.problem : status.text}</span>
        {c.status === "revoked" ? (
          <span>
            Thu hồi ngày {c.revokedAt}. Lý do: {c.revokedReason}
          </span>
        ) : null}
        {c.replacedBy ? (
          <span className="replaced-by">
            Đã được thay thế bằng Giấy khen cấp lại số hiệu <a href={`/xac-minh/${c.replacedBy}`}>{c.replacedBy}</a>.
          </span>
        ) : null}
        {c.replaces ? (
          <span className="replaces">
            Giấy khen cấp lại, thay thế Giấy khen số hiệu <a href={`/xac-minh/${c.replaces}`}>{c.replaces}</a> đã bị thu hồi. Lý do cấp lại:{" "}
            {c.reissueReason}
          </span>
        ) : null}
      </div>
      <div className="card">
        <dl className="facts">
          <dt>Số hiệu</dt>
          <dd>{c.serial}</dd>
          <dt>Người (tập thể) được khen thưởng</dt>
          <dd>
            {c.recipient}
            {c.recipientDetail ? <div className="muted">{c.recipientDetail}</div> : null}
          </dd>
          {c.awardTitle ? (
            <>
              <dt>Danh hiệu thi đua</dt>
              <dd>{c.awardTitle}</dd>
            </>
          ) : null}
          <dt>Hình thức khen thưởng</dt>
          <dd>{c.awardForm}</dd>
          <dt>Thành tích</dt>
          <dd>{c.achievement}</dd>
          <dt>Quyết định</dt>
          <dd>{c.decision}</dd>
          <dt>Chữ ký số của quyết định</dt>
          <dd className={`signature-${c.decisionSignature.state}`}>
            <strong>{SIGNATURE_LABELS[c.decisionSignature.state]}</strong>. {c.decisionSignature.text}
          </dd>
          <dt>Cơ quan cấp</dt>
          <dd>{c.issuer}</dd>
          <dt>Người ký</dt>
          <dd>{c.signer}</dd>
          <dt>Số sổ vàng</dt>
          <dd>{c.goldenBookNumber}</dd>
          <dt>Ngày cấp</dt>
          <dd>{c.issuedAt}</dd>
        </dl>
      </div>
      <Form method="get" action="/xac-minh" className="verify-again">
        <label htmlFor="so">Xác minh Giấy khen khác</label>
        <input id="so" name="so" type="text" placeholder="Số hiệu" autoComplete="off" />
        <button type="submit" className="secondary">
          Xác minh
        </button>
      </Form>
    </section>
  );
}
