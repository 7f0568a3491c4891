// Edits a person of the register; marking them as no longer serving keeps them with their history.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { PersonFields } from "~/components/admin/person-fields.tsx";
import { FormErrors } from "~/components/dossier/form-fields.tsx";
import { RevisionField, revalidateAfterStaleSave } from "~/components/revision-field.tsx";
import { PersonSchema } from "~/forms/admin.ts";
import { formatIsoDate } from "~/forms/fields.ts";
import { postedRevision, revisionOf } from "~/forms/revision.ts";
import { editableUnits, personForEdit, updatePerson } from "~/models/people.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";
import { UNIT_KIND_LABELS } from "~/utils/labels.ts";

export const meta: MetaFunction = () => [{ title: "Sửa thông tin cá nhân · Thi đua – Khen thưởng" }];
export const shouldRevalidate = revalidateAfterStaleSave;

const EDITORS = ["official", "secretary", "admin"] as const;
const EditPersonSchema = PersonSchema.extend({ left: z.literal("on").optional() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, [...EDITORS]);
  const [person, units] = await Promise.all([personForEdit(user, params.personId!), editableUnits(user)]);
  invariantResponse(person, "Không tìm thấy người này trong danh sách của đơn vị bạn.", { status: 404 });
  return {
    id: person.id,
    revision: revisionOf(person.updatedAt),
    values: {
      fullName: person.fullName,
      kind: person.kind,
      gender: person.gender ?? "",
      birthDate: person.birthDate ? formatIsoDate(person.birthDate.toISOString().slice(0, 10)) : "",
      position: person.position ?? "",
      unitId: person.unitId,
      left: person.leftAt ? "on" : "",
    },
    units: units.map((u) => ({ value: u.id, label: `${u.name} (${UNIT_KIND_LABELS[u.kind]})` })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, [...EDITORS]);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: EditPersonSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await updatePerson(user, params.personId!, {
    ...submission.value,
    left: submission.value.left === "on",
    revision: postedRevision(formData),
  });
  if (!result.ok) {
    const reply = result.field ? { fieldErrors: { [result.field]: [result.message] } } : { formErrors: [result.message] };
    return data(submission.reply(reply), { status: result.status });
  }
  return redirect(`/ca-nhan/${params.personId}`);
}

export default function EditPersonPage() {
  const { id, revision, values, units } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "edit-person",
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditPersonSchema }),
    defaultValue: values,
  });
  return (
    <>
      <p className="muted">
        <Link to={`/ca-nhan/${id}`}>{values.fullName}</Link>
      </p>
      <h1>Sửa thông tin</h1>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <RevisionField value={revision} />
        <FormErrors errors={form.errors} id={form.errorId} />
        <PersonFields fields={fields} units={units} />
        <label style={{ fontWeight: "normal" }}>
          <input type="checkbox" name={fields.left.name} defaultChecked={fields.left.initialValue === "on"} /> Đã thôi công tác (vẫn giữ
          lịch sử khen thưởng)
        </label>
        <div>
          <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
            Lưu
          </button>
        </div>
      </Form>
    </>
  );
}
