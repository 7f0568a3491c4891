// A new dossier: an official nominates a person of the commune's register (found by a search that works
// without JavaScript), a new person added to it, or a collective of their unit, in an open movement.
import { getFormProps, useForm, type DefaultValue } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DateField, FormErrors, SelectField, TextField } from "~/components/dossier/form-fields.tsx";
import { NewDossierSchema, type NewDossierData } from "~/forms/nominee.ts";
import { createDossier, nominationChoices } from "~/models/dossier.server.ts";
import { searchNominees } from "~/models/people.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";
import { AWARD_FORM_LABELS, HONORIFICS, NOMINEE_KIND_LABELS, PERSON_KIND_LABELS, SUBJECT_KIND_LABELS, capitalize } from "~/utils/labels.ts";
import { IdempotencyField } from "~/components/idempotency-field.tsx";
import { createOnce, newIdempotencyKey } from "~/utils/idempotency.server.ts";

export const meta: MetaFunction = () => [{ title: "Lập hồ sơ đề nghị khen thưởng · Thi đua – Khen thưởng" }];

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label: capitalize(label) }));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "official");
  const { units, movements } = await nominationChoices(user);
  const url = new URL(request.url);
  const wanted = url.searchParams.get("phong-trao");
  const wantedUnit = url.searchParams.get("don-vi");
  const q = url.searchParams.get("q")?.trim() ?? "";
  const unitId = units.find((unit) => unit.id === wantedUnit)?.id ?? (units.length === 1 ? units[0]!.id : "");
  const candidates = q && unitId ? await searchNominees(user, unitId, q) : [];
  return {
    idempotencyKey: newIdempotencyKey(),
    q,
    units: units.map((unit) => ({ value: unit.id, label: unit.name })),
    movements: movements.map((movement) => ({
      value: movement.id,
      label: `${movement.title} (${movement.year}) — hạn nộp ${formatDate(movement.submissionDeadline)}`,
    })),
    candidates: candidates.map((p) => ({
      id: p.id,
      label: `${p.fullName}${p.position ? `, ${p.position}` : ""} — ${p.unit.name} (${PERSON_KIND_LABELS[p.kind]})`,
      household: p.kind === "household",
    })),
    defaultValue: {
      movementId: movements.find((movement) => movement.id === wanted)?.id ?? (movements.length === 1 ? movements[0]!.id : ""),
      unitId,
      kind: "individual",
      awardForm: "commune_chairman_certificate",
      // One match is very likely the one searched for; several: the official picks.
      personId: candidates.length === 1 ? candidates[0]!.id : "",
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "official");
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: NewDossierSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { movementId, unitId, kind, subjectKind, personId, name, gender, birthDate, position, awardForm } = submission.value;
  const result = await createOnce(
    formData,
    user.id,
    () =>
      createDossier(user, {
        movementId,
        unitId,
        awardForm,
        nominee: {
          kind,
          subjectKind,
          personId: kind === "collective" ? null : personId || null,
          name,
          gender,
          birthDate,
          position: position || null,
        },
      }),
    (created) => (created.ok ? `/ho-so/${created.dossierId}` : null),
  );
  if (result instanceof Response) return result;
  if (!result.ok) {
    const reply = result.field ? { fieldErrors: { [result.field]: [result.message] } } : { formErrors: [result.message] };
    return data(submission.reply(reply), { status: result.status });
  }
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
  const chosenPerson = fields.personId.value ?? "";

  if (page.movements.length === 0) {
    return (
      <>
        <h1>Lập hồ sơ đề nghị khen thưởng</h1>
        <p className="notice">Hiện không có phong trào thi đua nào đang nhận hồ sơ.</p>
      </>
    );
  }
  return (
    <>
      <h1>Lập hồ sơ đề nghị khen thưởng</h1>
      <section className="card">
        <h2>1. Tìm người trong danh sách cá nhân, hộ gia đình của xã</h2>
        <Form method="get" className="search-form" role="search">
          <input type="hidden" name="phong-trao" value={page.defaultValue.movementId} />
          {page.units.length > 1 ? (
            <div>
              <label htmlFor="search-unit">Đơn vị trình khen</label>
              <select id="search-unit" name="don-vi" defaultValue={page.defaultValue.unitId}>
                <option value="">— Chọn đơn vị —</option>
                {page.units.map((unit) => (
                  <option key={unit.value} value={unit.value}>
                    {unit.label}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <input type="hidden" name="don-vi" value={page.defaultValue.unitId} />
          )}
          <div>
            <label htmlFor="q">Họ tên (gõ không dấu cũng được)</label>
            <input id="q" name="q" type="text" defaultValue={page.q} />
          </div>
          <button type="submit" className="secondary">
            Tìm người
          </button>
        </Form>
        {page.q && page.candidates.length === 0 ? (
          <p className="muted">Không có ai tên «{page.q}» trong danh sách: nhập người mới ở bước 2 (người đó được thêm vào danh sách).</p>
        ) : null}
      </section>

      <Form method="post" className="stack wide" {...getFormProps(form)}>
        <h2>2. Hồ sơ</h2>
        <IdempotencyField value={page.idempotencyKey} />
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
        <fieldset className="choice">
          <legend>Người được đề nghị (cá nhân, hộ gia đình)</legend>
          {page.candidates.map((candidate) => (
            <label key={candidate.id}>
              <input type="radio" name={fields.personId.name} value={candidate.id} defaultChecked={chosenPerson === candidate.id} />{" "}
              {candidate.label}
            </label>
          ))}
          <label>
            <input type="radio" name={fields.personId.name} value="" defaultChecked={chosenPerson === ""} /> Người mới, chưa có trong danh
            sách (nhập họ tên bên dưới) — hoặc tập thể
          </label>
          <p className="field-error" aria-live="polite" id={fields.personId.errorId}>
            {fields.personId.errors}
          </p>
        </fieldset>
        <TextField
          meta={fields.name}
          label="Họ và tên (hoặc tên tập thể, hộ gia đình)"
          hint="Để trống khi đã chọn người trong danh sách ở trên."
        />
        <SelectField
          meta={fields.gender}
          label="Danh xưng (người mới)"
          options={Object.entries(HONORIFICS).map(([value, label]) => ({ value, label }))}
          placeholder="— Không ghi —"
        />
        <DateField meta={fields.birthDate} label="Ngày sinh (người mới, không bắt buộc)" />
        <TextField
          meta={fields.position}
          label="Chức vụ (cá nhân) hoặc người đứng đầu (tập thể)"
          hint="Để trống thì dùng chức vụ trong danh sách."
        />
        <SelectField meta={fields.awardForm} label="Hình thức khen thưởng" options={options(AWARD_FORM_LABELS)} />
        <div>
          <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
            Lập hồ sơ
          </button>
        </div>
      </Form>
    </>
  );
}
