// Tờ trình đề nghị khen thưởng of a dossier: its own form, savable as a draft or completed.
import { getFormProps, useForm, type DefaultValue } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { RevisionField, revalidateAfterStaleSave } from "~/components/revision-field.tsx";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DOSSIER_STATE_LABELS } from "#machines/index.ts";
import { DateField, FormErrors, Fieldset, SelectField, TextAreaField, TextField } from "~/components/dossier/form-fields.tsx";
import { ReadOnlyNotice, SaveButtons, SavedNotice } from "~/components/dossier/save-buttons.tsx";
import { formatIsoDate } from "~/forms/fields.ts";
import { ProposalDraftSchema, proposalSchema, saveModeOf, type ProposalData } from "~/forms/proposal.ts";
import type { LoadedDossierView } from "~/models/dossier-documents.server.ts";
import { loadDocumentForm, saveDocumentAction } from "~/utils/dossier-pages.server.ts";
import { formatDate } from "~/utils/format.ts";
import { AWARD_FORM_LABELS } from "~/utils/labels.ts";

export const meta: MetaFunction = () => [{ title: "Tờ trình đề nghị khen thưởng · Thi đua – Khen thưởng" }];
export const shouldRevalidate = revalidateAfterStaleSave;

const AWARD_OPTIONS = Object.entries(AWARD_FORM_LABELS).map(([value, label]) => ({ value, label }));

/** The saved document as the form's text values, or sensible defaults for a new one. */
function formValues(dossier: LoadedDossierView) {
  const saved = dossier.documents.proposal?.data as ProposalData | undefined;
  if (!saved) {
    const commune = dossier.movement.unit.name;
    return {
      number: "",
      date: formatDate(new Date()),
      submittingUnit: dossier.unit.name,
      addressee: commune.startsWith("UBND") ? `Chủ tịch ${commune}` : `Chủ tịch UBND ${commune}`,
      reasons: "",
      nominees: [{ name: dossier.nominee.name, position: dossier.nominee.position ?? "", awardForm: dossier.awardForm }],
    };
  }
  return {
    number: saved.number ?? "",
    date: saved.date ? formatIsoDate(saved.date) : "",
    submittingUnit: saved.submittingUnit ?? "",
    addressee: saved.addressee ?? "",
    reasons: saved.reasons ?? "",
    nominees: (saved.nominees ?? []).map((row) => ({ name: row.name ?? "", position: row.position ?? "", awardForm: row.awardForm ?? "" })),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { dossier, restored, saved } = await loadDocumentForm(request, params.dossierId!, "to-trinh");
  return {
    editable: dossier.editable,
    isOfficial: dossier.isOfficial,
    stateLabel: DOSSIER_STATE_LABELS[dossier.state],
    defaultValue: restored ? parseWithZod(restored, { schema: ProposalDraftSchema }).payload : formValues(dossier),
    restored: restored !== null,
    saved,
    stamp: dossier.documents.proposal?.updatedAt.toISOString() ?? "new",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return saveDocumentAction({
    request,
    dossierId: params.dossierId!,
    form: "to-trinh",
    kind: "proposal",
    schema: (mode) => proposalSchema(mode),
  });
}

export default function ProposalPage() {
  const page = useLoaderData<typeof loader>();
  // A new saved version re-initialises the form with what was stored.
  return <ProposalForm key={page.stamp} />;
}

function ProposalForm() {
  const page = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<ProposalData>({
    id: "proposal",
    lastResult,
    defaultValue: page.defaultValue as DefaultValue<ProposalData>,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: proposalSchema(saveModeOf(formData)) }),
  });
  const nominees = fields.nominees.getFieldList();

  return (
    <section className="doc-form">
      <h2>Tờ trình đề nghị khen thưởng</h2>
      <SavedNotice saved={page.saved} restored={page.restored} />
      {page.editable ? null : <ReadOnlyNotice stateLabel={page.stateLabel} isOfficial={page.isOfficial} />}
      <Form method="post" {...getFormProps(form)}>
        <RevisionField value={page.stamp} />
        <FormErrors errors={form.errors} id={form.errorId} />
        <fieldset disabled={!page.editable} className="plain">
          <Fieldset legend="Thông tin tờ trình">
            <TextField meta={fields.number} label="Số tờ trình" placeholder="ví dụ: 12/TTr-TP" />
            <DateField meta={fields.date} label="Ngày tờ trình" />
            <TextField meta={fields.submittingUnit} label="Đơn vị trình" />
            <TextField meta={fields.addressee} label="Kính gửi" />
            <TextAreaField meta={fields.reasons} label="Lý do, căn cứ đề nghị khen thưởng" rows={6} />
          </Fieldset>

          <fieldset className="doc-section">
            <legend>Danh sách đề nghị khen thưởng</legend>
            <FormErrors errors={fields.nominees.errors} id={fields.nominees.errorId} />
            <table className="list-field">
              <thead>
                <tr>
                  <th>#</th>
                  <th>Họ và tên (tên tập thể)</th>
                  <th>Chức vụ, đơn vị</th>
                  <th>Hình thức khen thưởng</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                {nominees.map((row, index) => {
                  const cells = row.getFieldset();
                  return (
                    <tr key={row.key}>
                      <td>{index + 1}</td>
                      <td>
                        <TextField meta={cells.name} label={`Họ và tên, dòng ${index + 1}`} />
                      </td>
                      <td>
                        <TextField meta={cells.position} label={`Chức vụ, đơn vị, dòng ${index + 1}`} />
                      </td>
                      <td>
                        <SelectField
                          meta={cells.awardForm}
                          label={`Hình thức, dòng ${index + 1}`}
                          options={AWARD_OPTIONS}
                          placeholder="— Chọn —"
                        />
                      </td>
                      <td>
                        <button {...form.remove.getButtonProps({ name: fields.nominees.name, index })} className="secondary small">
                          Xóa dòng
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <button
              {...form.insert.getButtonProps({ name: fields.nominees.name, defaultValue: { awardForm: "commune_chairman_certificate" } })}
              className="secondary small"
            >
              Thêm dòng
            </button>
          </fieldset>
        </fieldset>
        {page.editable ? <SaveButtons busy={navigation.state === "submitting"} /> : null}
      </Form>
    </section>
  );
}
