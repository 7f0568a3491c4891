// Revoking a certificate (thu hồi Giấy khen): the chairman of the issuing commune, with a reason.
// The row stays; the public verification page shows "Đã thu hồi" with the date and the reason.
import { FormErrors } from "~/components/dossier/form-fields.tsx";
import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { loadRevocable, revokeCertificate } from "~/models/certificate.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";
import { invariantResponse } from "~/utils/http.ts";

export const meta: MetaFunction = () => [{ title: "Thu hồi Giấy khen · Thi đua – Khen thưởng" }];

export const RevokeSchema = z.object({
  reason: z
    .string({ error: "Vui lòng ghi rõ lý do thu hồi Giấy khen." })
    .trim()
    .min(1, "Vui lòng ghi rõ lý do thu hồi Giấy khen.")
    .max(2000, "Lý do không quá 2000 ký tự."),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "chairman");
  const certificate = await loadRevocable(user, params.certificateId!);
  invariantResponse(certificate, "Không tìm thấy Giấy khen.", { status: 404 });
  return {
    id: certificate.id,
    serial: certificate.serial,
    recipient: certificate.honorific ? `${certificate.honorific} ${certificate.recipientName}` : certificate.recipientName,
    decision: `Quyết định số ${certificate.decisionNumber} ngày ${formatDate(certificate.decisionDate)}`,
    decisionId: certificate.decisionId,
    revoked: certificate.revokedAt ? { at: formatDate(certificate.revokedAt), reason: certificate.revokedReason } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "chairman");
  const submission = parseWithZod(await request.formData(), { schema: RevokeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await revokeCertificate(user, params.certificateId!, submission.value.reason);
  if (!result.ok) return data(submission.reply({ formErrors: [result.message] }), { status: result.status });
  const certificate = await loadRevocable(user, params.certificateId!);
  return redirect(certificate ? `/quyet-dinh/${certificate.decisionId}?xong=thu-hoi` : "/quyet-dinh");
}

export default function RevokePage() {
  const certificate = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "revoke",
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RevokeSchema }),
  });
  return (
    <>
      <p className="muted">
        <Link to={`/quyet-dinh/${certificate.decisionId}`}>{certificate.decision}</Link>
      </p>
      <h1>Thu hồi Giấy khen</h1>
      <div className="card">
        <dl className="facts">
          <dt>Số hiệu</dt>
          <dd>{certificate.serial}</dd>
          <dt>Người (tập thể) được khen</dt>
          <dd>{certificate.recipient}</dd>
          <dt>Theo</dt>
          <dd>{certificate.decision}</dd>
        </dl>
      </div>
      {certificate.revoked ? (
        <p className="notice">
          Giấy khen đã bị thu hồi ngày {certificate.revoked.at}. Lý do: {certificate.revoked.reason}{" "}
          <Link to={`/giay-khen/${certificate.id}/cap-lai`}>Cấp lại Giấy khen</Link>
        </p>
      ) : (
        <Form method="post" className="stack card" {...getFormProps(form)}>
          <FormErrors errors={form.errors} id={form.errorId} />
          <p>
            Thu hồi không xóa Giấy khen khỏi hệ thống: trang xác minh công khai sẽ hiển thị «Đã thu hồi» kèm ngày và lý do. Thao tác được
            ghi vào nhật ký và không thể hoàn tác.
          </p>
          <div>
            <label htmlFor={fields.reason.id}>Lý do thu hồi</label>
            <textarea {...getTextareaProps(fields.reason)} rows={3} />
            <p className="field-error" aria-live="polite" id={fields.reason.errorId}>
              {fields.reason.errors}
            </p>
          </div>
          <div>
            <button type="submit" className="primary">
              Thu hồi Giấy khen
            </button>
          </div>
        </Form>
      )}
    </>
  );
}
