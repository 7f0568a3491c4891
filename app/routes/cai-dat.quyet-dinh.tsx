// The legal basis a unit's award decisions cite (căn cứ ban hành): the "Căn cứ …" lines of laws and
// decrees, and who proposes, for the commune's chairman or office; back to the defaults in one click.
import { FormErrors } from "~/components/dossier/form-fields.tsx";
import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { RevisionField, revalidateAfterStaleSave } from "~/components/revision-field.tsx";
import { DecisionBasisSchema } from "~/forms/document-settings.ts";
import { postedRevision } from "~/forms/revision.ts";
import { DOCUMENT_SETTINGS_ROLES, decisionBasis, saveDecisionBasis } from "~/models/document-settings.server.ts";
import { unitsOfRoles } from "~/models/org-unit.server.ts";
import { requireRole } from "~/utils/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "Căn cứ ban hành quyết định · Thi đua – Khen thưởng" }];
export const shouldRevalidate = revalidateAfterStaleSave;

async function unitsOf(request: Request) {
  const user = await requireRole(request, [...DOCUMENT_SETTINGS_ROLES]);
  const units = await unitsOfRoles(user, ...DOCUMENT_SETTINGS_ROLES);
  return { user, units };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { units } = await unitsOf(request);
  const wanted = new URL(request.url).searchParams.get("don-vi");
  const unit = units.find((u) => u.id === wanted) ?? units[0];
  if (!unit) throw new Response("Không có đơn vị nào để thiết lập.", { status: 404 });
  const basis = await decisionBasis(unit.id);
  return {
    units,
    unit,
    legalBasis: basis.legalBasis.join("\n"),
    proposedBy: basis.proposedBy,
    custom: basis.custom,
    revision: basis.revision,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await unitsOf(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: DecisionBasisSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const value = submission.value;
  const result = await saveDecisionBasis(
    user,
    value.unitId,
    value.intent === "save" ? { legalBasis: value.legalBasis, proposedBy: value.proposedBy } : null,
    { revision: postedRevision(formData) },
  );
  if (!result.ok) {
    // A refused reset typed nothing: the message only, the form keeps what it shows (with JavaScript off: the newer basis).
    if (value.intent === "reset") {
      return data<SubmissionResult<string[]>>({ status: "error", error: { "": [result.message] } }, { status: result.status });
    }
    return data(submission.reply({ formErrors: [result.message] }), { status: result.status });
  }
  return redirect(`/cai-dat/quyet-dinh?don-vi=${value.unitId}&xong=${value.intent}`);
}

export default function DecisionBasisPage() {
  const { units, unit, legalBasis, proposedBy, custom, revision } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    id: "decision-basis",
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DecisionBasisSchema }),
    defaultValue: { legalBasis, proposedBy },
  });
  const done = params.get("xong");
  return (
    <>
      <h1>Căn cứ ban hành quyết định khen thưởng</h1>
      <p className="muted">
        Các dòng «Căn cứ …» in ở đầu mỗi quyết định khen thưởng của đơn vị, theo thứ tự, mỗi dòng một văn bản: ghi rõ số, ngày ban hành và
        trích yếu. Sau các dòng này, quyết định tự in các văn bản của phong trào thi đua, biên bản họp Hội đồng Thi đua - Khen thưởng và
        dòng «Theo đề nghị của …». Thay đổi chỉ áp dụng cho các quyết định ký sau khi lưu.
      </p>
      {done && !lastResult ? (
        <p className="notice">{done === "reset" ? "Đã khôi phục căn cứ mặc định." : "Đã lưu căn cứ ban hành quyết định."}</p>
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
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <h2 style={{ marginTop: 0 }}>{unit.name}</h2>
        <p className="muted">
          {custom ? "Đơn vị đang dùng căn cứ do đơn vị điều chỉnh." : "Đơn vị đang dùng căn cứ mặc định của hệ thống."}
        </p>
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="unitId" value={unit.id} />
        <input type="hidden" name="intent" value="save" />
        <RevisionField value={revision} />
        <div>
          <label htmlFor={fields.legalBasis.id}>Căn cứ (mỗi dòng một văn bản)</label>
          <textarea {...getTextareaProps(fields.legalBasis)} rows={8} />
          <p className="field-error" aria-live="polite" id={fields.legalBasis.errorId}>
            {fields.legalBasis.errors?.join(" ")}
          </p>
        </div>
        <div>
          <label htmlFor={fields.proposedBy.id}>Theo đề nghị của</label>
          <input {...getInputProps(fields.proposedBy, { type: "text" })} />
          <p className="field-error" aria-live="polite" id={fields.proposedBy.errorId}>
            {fields.proposedBy.errors?.join(" ")}
          </p>
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            Lưu căn cứ
          </button>
        </div>
      </Form>
      {custom ? (
        <Form method="post" className="actions">
          <input type="hidden" name="unitId" value={unit.id} />
          <input type="hidden" name="intent" value="reset" />
          <RevisionField value={revision} />
          <button type="submit" className="secondary">
            Khôi phục căn cứ mặc định
          </button>
        </Form>
      ) : null}
    </>
  );
}
