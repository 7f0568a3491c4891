// A new dossier: an official nominates a person or a collective of their unit in an open movement.
import { getFormProps, useForm, type DefaultValue } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors, SelectField, TextField } from "~/components/dossier/form-fields.tsx";
import { NewDossierSchema, type NewDossierData } from "~/forms/nominee.ts";
import { createDossier, nominationChoices } from "~/models/dossier.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";
import { AWARD_FORM_LABELS, NOMINEE_KIND_LABELS, SUBJECT_KIND_LABELS, capitalize } from "~/utils/labels.ts";

export const meta: MetaFunction = () => [{ title: "Lập hồ sơ đề nghị khen thưởng · Thi đua – Khen thưởng" }];

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label: capitalize(label) }));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "official");
  const { units, movements } = await nominationChoices(user);
  const wanted = new URL(request.url).searchParams.get("phong-trao");
  return {
    units: units.map((unit) => ({ value: unit.id, label: unit.name })),
    movements: movements.map((movement) => ({
      value: movement.id,
      label: `${movement.title} (${movement.year}) — hạn nộp ${formatDate(movement.submissionDeadline)}`,
    })),
    defaultValue: {
      movementId: movements.find((movement) => movement.id === wanted)?.id ?? (movements.length === 1 ? movements[0]!.id : ""),
      unitId: units.length === 1 ? units[0]!.id : "",
      kind: "individual",
      awardForm: "commune_chairman_certificate",
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "official");
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: NewDossierSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { movementId, unitId, kind, subjectKind, name, position, awardForm } = submission.value;
  const result = await createDossier(user, {
    movementId,
    unitId,
    awardForm,
    nominee: { kind, subjectKind, name, position: position || null },
  });
  if (!result.ok) return data(submission.reply({ formErrors: [result.message] }), { status: result.status });
  return redirect(`/ho-so/${result.dossierId}`);
}

export default function NewDossier() {
  const page = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<NewDossierData>({
    id: "new-dossier",
    lastResult,
    defaultValue: page.defaultValue as DefaultValue<NewDossierData>,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewDossierSchema }),
  });

  return (
    <>
      <h1>Lập hồ sơ đề nghị khen thưởng</h1>
      {page.movements.length === 0 ? (
        <p className="notice">Hiện không có phong trào thi đua nào đang nhận hồ sơ.</p>
      ) : (
        <Form method="post" className="stack wide" {...getFormProps(form)}>
          <FormErrors errors={form.errors} id={form.errorId} />
          <SelectField meta={fields.movementId} label="Phong trào thi đua" options={page.movements} placeholder="— Chọn phong trào —" />
          <SelectField meta={fields.unitId} label="Đơn vị trình khen" options={page.units} placeholder="— Chọn đơn vị —" />
          <SelectField meta={fields.kind} label="Đề nghị khen thưởng cho" options={options(NOMINEE_KIND_LABELS)} />
          <SelectField
            meta={fields.subjectKind}
            label="Đối tượng thi đua"
            options={options(SUBJECT_KIND_LABELS)}
            placeholder="— Chọn đối tượng —"
          />
          <TextField meta={fields.name} label="Họ và tên (hoặc tên tập thể, hộ gia đình)" />
          <TextField meta={fields.position} label="Chức vụ (cá nhân) hoặc người đứng đầu (tập thể)" />
          <SelectField meta={fields.awardForm} label="Hình thức khen thưởng" options={options(AWARD_FORM_LABELS)} />
          <div>
            <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
              Lập hồ sơ
            </button>
          </div>
        </Form>
      )}
    </>
  );
}
