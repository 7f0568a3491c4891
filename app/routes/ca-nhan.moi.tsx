// Adds a person (or a household) to the register of a unit the user keeps.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PersonFields } from "~/components/admin/person-fields.tsx";
import { FormErrors } from "~/components/dossier/form-fields.tsx";
import { PersonSchema } from "~/forms/admin.ts";
import { createPerson, editableUnits } from "~/models/people.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";
import { UNIT_KIND_LABELS } from "~/utils/labels.ts";
import { IdempotencyField } from "~/components/idempotency-field.tsx";
import { createOnce, newIdempotencyKey } from "~/utils/idempotency.server.ts";

export const meta: MetaFunction = () => [{ title: "Thêm người · Thi đua – Khen thưởng" }];

const EDITORS = ["official", "secretary", "admin"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, [...EDITORS]);
  const units = await editableUnits(user);
  invariantResponse(units.length > 0, "Bạn không phụ trách đơn vị nào đang hoạt động.", { status: 403 });
  return {
    idempotencyKey: newIdempotencyKey(),
    units: units.map((u) => ({ value: u.id, label: `${u.name} (${UNIT_KIND_LABELS[u.kind]})` })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, [...EDITORS]);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: PersonSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await createOnce(
    formData,
    user.id,
    () => createPerson(user, submission.value),
    (created) => (created.ok ? `/ca-nhan/${created.personId}` : null),
  );
  if (result instanceof Response) return result;
  if (!result.ok) {
    const reply = result.field ? { fieldErrors: { [result.field]: [result.message] } } : { formErrors: [result.message] };
    return data(submission.reply(reply), { status: result.status });
  }
  return redirect(`/ca-nhan/${result.personId}`);
}

export default function NewPersonPage() {
  const { units, idempotencyKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "new-person",
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PersonSchema }),
    defaultValue: { kind: "civil_servant", unitId: units.length === 1 ? units[0]!.value : "" },
  });
  return (
    <>
      <p className="muted">
        <Link to="/ca-nhan">Cá nhân, hộ gia đình</Link>
      </p>
      <h1>Thêm người vào danh sách</h1>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <IdempotencyField value={idempotencyKey} />
        <PersonFields fields={fields} units={units} />
        <div>
          <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
            Thêm
          </button>
        </div>
      </Form>
    </>
  );
}
