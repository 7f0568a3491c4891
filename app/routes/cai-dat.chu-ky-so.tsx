// The certificate a unit signs its decisions with (chữ ký số): what is in use, and the upload of a
// new PKCS#12 (.p12/.pfx) with its passphrase, by the unit's chairman or an administrator.
import { FormErrors } from "~/components/dossier/form-fields.tsx";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { RevisionField, revalidateAfterStaleSave } from "~/components/revision-field.tsx";
import { SigningCredentialSchema } from "~/forms/document-settings.ts";
import { postedRevision, revisionOf } from "~/forms/revision.ts";
import { readForm } from "~/utils/upload.server.ts";
import { CREDENTIAL_ROLES, credentialSummary, credentialUnits, saveSigningCredential } from "~/models/signing-credential.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate, formatDateTime } from "~/utils/format.ts";

export const meta: MetaFunction = () => [{ title: "Chữ ký số của đơn vị · Thi đua – Khen thưởng" }];
export const shouldRevalidate = revalidateAfterStaleSave;

async function unitsOf(request: Request) {
  const user = await requireRole(request, [...CREDENTIAL_ROLES]);
  const units = await credentialUnits(user);
  return { user, units };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { units } = await unitsOf(request);
  const wanted = new URL(request.url).searchParams.get("don-vi");
  const unit = units.find((u) => u.id === wanted) ?? units[0];
  if (!unit) throw new Response("Không có đơn vị nào để thiết lập.", { status: 404 });
  const current = await credentialSummary(unit.id);
  return {
    units,
    unit,
    revision: revisionOf(current?.updatedAt),
    current: current && {
      subject: current.subject,
      issuer: current.issuer,
      serialNumber: current.serialNumber,
      validity: `từ ${formatDate(current.notBefore)} đến ${formatDate(current.notAfter)}`,
      expired: current.notAfter < new Date(),
      generated: current.generated,
      updatedAt: formatDateTime(current.updatedAt),
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await unitsOf(request);
  const { formData, tooLarge } = await readForm(request);
  const submission = parseWithZod(formData, { schema: SigningCredentialSchema });
  if (tooLarge.size > 0)
    return data(submission.reply({ fieldErrors: { file: ["Tệp quá lớn để là một tệp chứng thư số (.p12 hoặc .pfx)."] } }), { status: 400 });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["passphrase"] }), { status: 400 });
  const { unitId, file, passphrase } = submission.value;
  const result = await saveSigningCredential(
    user,
    unitId,
    { pkcs12: new Uint8Array(await file.arrayBuffer()), passphrase },
    { revision: postedRevision(formData) },
  );
  if (!result.ok) return data(submission.reply({ formErrors: [result.message], hideFields: ["passphrase"] }), { status: result.status });
  return redirect(`/cai-dat/chu-ky-so?don-vi=${unitId}&xong=1`);
}

export default function SigningCredentialPage() {
  const { units, unit, current, revision } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    id: "signing-credential",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SigningCredentialSchema }),
  });
  return (
    <>
      <h1>Chữ ký số của đơn vị</h1>
      <p className="muted">
        Khi Chủ tịch (hoặc Phó Chủ tịch được ủy quyền) ký quyết định khen thưởng, hệ thống ký số tệp quyết định bằng chứng thư số của cơ
        quan (tệp PKCS#12 .p12 hoặc .pfx do tổ chức cung cấp dịch vụ chứng thực chữ ký số cấp). Tệp và mật khẩu được lưu trong cơ sở dữ liệu
        của hệ thống; mật khẩu được mã hóa.
      </p>
      {params.get("xong") && !lastResult ? (
        <p className="notice">Đã lưu chứng thư số mới. Các quyết định ký từ nay dùng chứng thư này.</p>
      ) : null}
      {units.length > 1 ? (
        <Form method="get" className="stack card">
          <label htmlFor="don-vi">Đơn vị</label>
          <select id="don-vi" name="don-vi" defaultValue={unit.id}>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          <button type="submit" className="secondary">
            Chọn
          </button>
        </Form>
      ) : null}
      <div className="card">
        <h2 style={{ marginTop: 0 }}>{unit.name}</h2>
        {current ? (
          <dl className="facts">
            <dt>Chứng thư số</dt>
            <dd>{current.subject}</dd>
            <dt>Tổ chức cấp</dt>
            <dd>{current.issuer}</dd>
            <dt>Số hiệu</dt>
            <dd>{current.serialNumber}</dd>
            <dt>Hiệu lực</dt>
            <dd>
              {current.validity}
              {current.expired ? <strong className="form-error"> — đã hết hạn</strong> : null}
            </dd>
            <dt>Cập nhật</dt>
            <dd>{current.updatedAt}</dd>
          </dl>
        ) : (
          <p>Đơn vị chưa có chứng thư số: chưa ký số được quyết định khen thưởng.</p>
        )}
        {current?.generated ? (
          <p className="notice">
            Đây là chứng thư thử nghiệm do hệ thống tự tạo khi chạy thử, không có giá trị pháp lý. Hãy tải lên chứng thư số thật của cơ
            quan.
          </p>
        ) : null}
      </div>
      <Form method="post" encType="multipart/form-data" className="stack card" {...getFormProps(form)}>
        <h2 style={{ marginTop: 0 }}>Tải lên chứng thư số</h2>
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="unitId" value={unit.id} />
        <RevisionField value={revision} />
        <div>
          <label htmlFor={fields.file.id}>Tệp chứng thư số (.p12 hoặc .pfx)</label>
          <input {...getInputProps(fields.file, { type: "file" })} accept=".p12,.pfx,application/x-pkcs12" />
          <p className="field-error" aria-live="polite" id={fields.file.errorId}>
            {fields.file.errors?.join(" ")}
          </p>
        </div>
        <div>
          <label htmlFor={fields.passphrase.id}>Mật khẩu của tệp</label>
          <input {...getInputProps(fields.passphrase, { type: "password" })} autoComplete="off" />
          <p className="field-error" aria-live="polite" id={fields.passphrase.errorId}>
            {fields.passphrase.errors?.join(" ")}
          </p>
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            Tải lên
          </button>
        </div>
      </Form>
    </>
  );
}
