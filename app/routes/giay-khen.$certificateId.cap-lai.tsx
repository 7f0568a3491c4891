// Cấp lại Giấy khen: after a revocation the chairman (or the vice-chairman delegated for the movement)
// issues a new certificate under a new serial that replaces the revoked one, with a reason and, when
// that was the fault, the name and position spelt right. The old serial's public page links to the new one.
import { FormErrors } from "~/components/dossier/form-fields.tsx";
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { HONORIFIC_CHOICES, ReissueSchema } from "~/forms/certificate-reissue.ts";
import { loadReissuable, reissueCertificate } from "~/models/certificate.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";
import { invariantResponse } from "~/utils/http.ts";

export const meta: MetaFunction = () => [{ title: "Cấp lại Giấy khen · Thi đua – Khen thưởng" }];

const ROLES = ["chairman", "vice_chairman"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, [...ROLES]);
  const certificate = await loadReissuable(user, params.certificateId!);
  invariantResponse(certificate, "Không tìm thấy Giấy khen.", { status: 404 });
  return {
    id: certificate.id,
    serial: certificate.serial,
    honorific: certificate.honorific,
    recipientName: certificate.recipientName,
    recipientDetail: certificate.recipientDetail ?? "",
    decision: `Quyết định số ${certificate.decisionNumber} ngày ${formatDate(certificate.decisionDate)}`,
    decisionId: certificate.decisionId,
    revoked: certificate.revokedAt ? { at: formatDate(certificate.revokedAt), reason: certificate.revokedReason } : null,
    replacedBy: certificate.replacedBy?.serial ?? null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, [...ROLES]);
  const submission = parseWithZod(await request.formData(), { schema: ReissueSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await reissueCertificate(user, params.certificateId!, submission.value);
  if (!result.ok) return data(submission.reply({ formErrors: [result.message] }), { status: result.status });
  const old = await loadReissuable(user, params.certificateId!);
  return redirect(`/quyet-dinh/${old?.decisionId ?? ""}?xong=cap-lai&so=${encodeURIComponent(result.serial)}`);
}

export default function ReissuePage() {
  const c = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "reissue",
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReissueSchema }),
    defaultValue: { honorific: c.honorific ?? undefined, recipientName: c.recipientName, recipientDetail: c.recipientDetail },
  });
  return (
    <>
      <p className="muted">
        <Link to={`/quyet-dinh/${c.decisionId}`}>{c.decision}</Link>
      </p>
      <h1>Cấp lại Giấy khen</h1>
      <div className="card">
        <dl className="facts">
          <dt>Số hiệu đã thu hồi</dt>
          <dd>{c.serial}</dd>
          <dt>Người (tập thể) được khen</dt>
          <dd>
            {c.honorific ? `${c.honorific} ${c.recipientName}` : c.recipientName}
            {c.recipientDetail ? <div className="muted">{c.recipientDetail}</div> : null}
          </dd>
          <dt>Theo</dt>
          <dd>{c.decision}</dd>
          {c.revoked ? (
            <>
              <dt>Thu hồi</dt>
              <dd>
                Ngày {c.revoked.at}. Lý do: {c.revoked.reason}
              </dd>
            </>
          ) : null}
        </dl>
      </div>
      {c.replacedBy ? (
        <p className="notice">
          Giấy khen này đã được cấp lại với số hiệu <a href={`/xac-minh/${c.replacedBy}`}>{c.replacedBy}</a>.
        </p>
      ) : !c.revoked ? (
        <p className="notice">
          Giấy khen còn hiệu lực: chỉ cấp lại được sau khi đã <Link to={`/giay-khen/${c.id}/thu-hoi`}>thu hồi</Link>.
        </p>
      ) : (
        <Form method="post" className="stack card" {...getFormProps(form)}>
          <FormErrors errors={form.errors} id={form.errorId} />
          <p>
            Giấy khen mới mang số hiệu mới, ghi rõ thay cho số hiệu {c.serial}; trang xác minh của số hiệu cũ dẫn đến Giấy khen mới. Sửa họ
            tên hoặc chức vụ nếu Giấy khen cũ in sai. Thao tác được ghi vào nhật ký.
          </p>
          <div>
            <label htmlFor={fields.reason.id}>Lý do cấp lại</label>
            <textarea {...getTextareaProps(fields.reason)} rows={3} />
            <p className="field-error" aria-live="polite" id={fields.reason.errorId}>
              {fields.reason.errors}
            </p>
          </div>
          {c.honorific !== null ? (
            <div>
              <label htmlFor={fields.honorific.id}>Danh xưng</label>
              <select {...getSelectProps(fields.honorific)}>
                {HONORIFIC_CHOICES.map((choice) => (
                  <option key={choice} value={choice}>
                    {choice}
                  </option>
                ))}
              </select>
              <p className="field-error" aria-live="polite" id={fields.honorific.errorId}>
                {fields.honorific.errors}
              </p>
            </div>
          ) : null}
          <div>
            <label htmlFor={fields.recipientName.id}>Họ và tên (tên tập thể) in trên Giấy khen</label>
            <input {...getInputProps(fields.recipientName, { type: "text" })} />
            <p className="field-error" aria-live="polite" id={fields.recipientName.errorId}>
              {fields.recipientName.errors}
            </p>
          </div>
          <div>
            <label htmlFor={fields.recipientDetail.id}>Chức vụ, đơn vị</label>
            <input {...getInputProps(fields.recipientDetail, { type: "text" })} />
            <p className="field-error" aria-live="polite" id={fields.recipientDetail.errorId}>
              {fields.recipientDetail.errors}
            </p>
          </div>
          <div>
            <button type="submit" className="primary">
              Cấp lại Giấy khen
            </button>
          </div>
        </Form>
      )}
    </>
  );
}
