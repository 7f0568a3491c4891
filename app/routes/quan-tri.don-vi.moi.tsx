// A new unit under a parent of the admin's scope: a commune under the province, a department or a hamlet
// under a commune.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AdminNav } from "~/components/admin/admin-nav.tsx";
import { FormErrors, SelectField, TextField } from "~/components/dossier/form-fields.tsx";
import { PARENT_KINDS, UNIT_KINDS, UnitSchema } from "~/forms/admin.ts";
import { createUnit, loadUnitForAdmin } from "~/models/unit-admin.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";
import { UNIT_KIND_LABELS } from "~/utils/labels.ts";
import { IdempotencyField } from "~/components/idempotency-field.tsx";
import { createOnce, newIdempotencyKey } from "~/utils/idempotency.server.ts";

export const meta: MetaFunction = () => [{ title: "Thêm đơn vị · Quản trị · Thi đua – Khen thưởng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const parentId = new URL(request.url).searchParams.get("cap-tren");
  invariantResponse(parentId, "Vui lòng chọn đơn vị cấp trên từ cây đơn vị.", { status: 400 });
  const loaded = await loadUnitForAdmin(user, parentId);
  invariantResponse(loaded, "Không tìm thấy đơn vị trong phạm vi bạn quản trị.", { status: 404 });
  const parent = loaded.unit;
  invariantResponse(!parent.endedAt, "Đơn vị này đã kết thúc hoạt động.", { status: 409 });
  const kinds = UNIT_KINDS.filter((kind) => PARENT_KINDS[kind].includes(parent.kind));
  invariantResponse(kinds.length > 0, "Đơn vị loại này không có đơn vị trực thuộc.", { status: 409 });
  return {
    idempotencyKey: newIdempotencyKey(),
    parent: { id: parent.id, name: parent.name, placeName: parent.placeName },
    kinds: kinds.map((kind) => ({ value: kind, label: UNIT_KIND_LABELS[kind] })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: UnitSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await createOnce(
    formData,
    user.id,
    () => createUnit(user, submission.value),
    (created) => (created.ok ? `/quan-tri/don-vi/${created.unitId}?da-tao=1` : null),
  );
  if (result instanceof Response) return result;
  if (!result.ok) {
    const reply = result.field ? { fieldErrors: { [result.field]: [result.message] } } : { formErrors: [result.message] };
    return data(submission.reply(reply), { status: result.status });
  }
  return redirect(`/quan-tri/don-vi/${result.unitId}?da-tao=1`);
}

export default function NewUnitPage() {
  const { parent, kinds, idempotencyKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "new-unit",
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UnitSchema }),
    defaultValue: { parentId: parent.id, kind: kinds[0]?.value, placeName: parent.placeName ?? "" },
  });
  return (
    <>
      <h1>Thêm đơn vị trực thuộc {parent.name}</h1>
      <AdminNav />
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <IdempotencyField value={idempotencyKey} />
        <input type="hidden" name={fields.parentId.name} value={parent.id} />
        <SelectField meta={fields.kind} label="Loại đơn vị" options={kinds} />
        <TextField meta={fields.name} label="Tên đơn vị" placeholder="Ví dụ: UBND xã Tam Phước, Bộ phận Tư pháp - Hộ tịch, Ấp Phước Lâm" />
        <TextField
          meta={fields.placeName}
          label="Địa danh ghi trên văn bản (không bắt buộc)"
          hint="Ví dụ: Tam Phước — «Tam Phước, ngày … tháng … năm …»"
        />
        <TextField
          meta={fields.authorityName}
          label="Tên cơ quan ghi trên văn bản (không bắt buộc)"
          hint="Để trống thì dùng tên đơn vị, «UBND» viết đầy đủ thành «Ủy ban nhân dân»."
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
            Tạo đơn vị
          </button>
          <Link to="/quan-tri/don-vi">Hủy</Link>
        </div>
      </Form>
    </>
  );
}
