// Biên bản họp Hội đồng TĐKT của đơn vị trình khen, with the signed scan (required to complete).
import { getFormProps, useForm, type DefaultValue } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { RevisionField, revalidateAfterStaleSave } from "~/components/revision-field.tsx";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DOSSIER_STATE_LABELS } from "#machines/index.ts";
import { DateField, FormErrors, Fieldset, TextAreaField, TextField } from "~/components/dossier/form-fields.tsx";
import { ReadOnlyNotice, SaveButtons, SavedNotice } from "~/components/dossier/save-buttons.tsx";
import { saveModeOf } from "~/forms/proposal.ts";
import { formatIsoDate } from "~/forms/fields.ts";
import { SCAN_FIELD, UnitMinutesDraftSchema, unitMinutesSchema, type UnitMinutesData } from "~/forms/unit-minutes.ts";
import { formatSize } from "~/models/attachment.server.ts";
import type { LoadedDossierView } from "~/models/dossier-documents.server.ts";
import { loadDocumentForm, saveDocumentAction } from "~/utils/dossier-pages.server.ts";
import { formatDate, formatDateTime } from "~/utils/format.ts";

export const meta: MetaFunction = () => [{ title: "Biên bản họp Hội đồng TĐKT của đơn vị · Thi đua – Khen thưởng" }];
export const shouldRevalidate = revalidateAfterStaleSave;

const count = (n: number | undefined) => (n === undefined ? "" : String(n));

function formValues(dossier: LoadedDossierView) {
  const saved = dossier.documents.unit_minutes?.data as UnitMinutesData | undefined;
  if (!saved) {
    return {
      date: formatDate(new Date()),
      place: dossier.unit.name,
      chair: "",
      secretary: "",
      present: "",
      total: "",
      votes: [{ nominee: dossier.nominee.name, agree: "", total: "" }],
      conclusion: "",
    };
  }
  return {
    date: saved.date ? formatIsoDate(saved.date) : "",
    place: saved.place ?? "",
    chair: saved.chair ?? "",
    secretary: saved.secretary ?? "",
    present: count(saved.present),
    total: count(saved.total),
    votes: (saved.votes ?? []).map((vote) => ({ nominee: vote.nominee ?? "", agree: count(vote.agree), total: count(vote.total) })),
    conclusion: saved.conclusion ?? "",
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { dossier, restored, saved } = await loadDocumentForm(request, params.dossierId!, "bien-ban");
  const scan = dossier.attachments.find((attachment) => attachment.kind === "unit_minutes_scan");
  return {
    dossierId: dossier.id,
    editable: dossier.editable,
    isOfficial: dossier.isOfficial,
    stateLabel: DOSSIER_STATE_LABELS[dossier.state],
    defaultValue: restored ? parseWithZod(restored, { schema: UnitMinutesDraftSchema }).payload : formValues(dossier),
    restored: restored !== null,
    saved,
    stamp: dossier.documents.unit_minutes?.updatedAt.toISOString() ?? "new",
    scan: scan ? { id: scan.id, fileName: scan.fileName, size: formatSize(scan.size), uploaded: formatDateTime(scan.createdAt) } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return saveDocumentAction({
    request,
    dossierId: params.dossierId!,
    form: "bien-ban",
    kind: "unit_minutes",
    schema: (mode) => unitMinutesSchema(mode),
    scanField: SCAN_FIELD,
  });
}

export default function UnitMinutesPage() {
  const page = useLoaderData<typeof loader>();
  return <UnitMinutesForm key={page.stamp} />;
}

function UnitMinutesForm() {
  const page = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<UnitMinutesData>({
    id: "unit-minutes",
    lastResult,
    defaultValue: page.defaultValue as DefaultValue<UnitMinutesData>,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: unitMinutesSchema(saveModeOf(formData)) }),
  });
  const votes = fields.votes.getFieldList();
  const scanErrors = (form.allErrors[SCAN_FIELD] as string[] | undefined) ?? undefined;

  return (
    <section className="doc-form">
      <h2>Biên bản họp Hội đồng Thi đua – Khen thưởng của đơn vị</h2>
      <SavedNotice saved={page.saved} restored={page.restored} />
      {page.editable ? null : <ReadOnlyNotice stateLabel={page.stateLabel} isOfficial={page.isOfficial} />}
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <RevisionField value={page.stamp} />
        <FormErrors errors={form.errors} id={form.errorId} />
        <fieldset disabled={!page.editable} className="plain">
          <Fieldset legend="Thời gian, địa điểm, thành phần">
            <DateField meta={fields.date} label="Ngày họp" />
            <TextField meta={fields.place} label="Địa điểm" />
            <TextField meta={fields.chair} label="Chủ trì (họ và tên, chức vụ)" />
            <TextField meta={fields.secretary} label="Thư ký (họ và tên, chức vụ)" />
            <TextField meta={fields.present} label="Số thành viên có mặt" inputMode="numeric" />
            <TextField meta={fields.total} label="Tổng số thành viên Hội đồng" inputMode="numeric" />
          </Fieldset>

          <fieldset className="doc-section">
            <legend>Kết quả bỏ phiếu</legend>
            <FormErrors errors={fields.votes.errors} id={fields.votes.errorId} />
            <table className="list-field cards">
              <thead>
                <tr>
                  <th>#</th>
                  <th>Cá nhân, tập thể được đề nghị</th>
                  <th className="num">Số phiếu đồng ý</th>
                  <th className="num">Tổng số phiếu</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                {votes.map((row, index) => {
                  const cells = row.getFieldset();
                  return (
                    <tr key={row.key}>
                      <td>{index + 1}</td>
                      <td data-label="Cá nhân, tập thể được đề nghị">
                        <TextField meta={cells.nominee} label={`Người được bỏ phiếu, dòng ${index + 1}`} />
                      </td>
                      <td data-label="Số phiếu đồng ý">
                        <TextField meta={cells.agree} label={`Số phiếu đồng ý, dòng ${index + 1}`} inputMode="numeric" />
                      </td>
                      <td data-label="Tổng số phiếu">
                        <TextField meta={cells.total} label={`Tổng số phiếu, dòng ${index + 1}`} inputMode="numeric" />
                      </td>
                      <td>
                        <button {...form.remove.getButtonProps({ name: fields.votes.name, index })} className="secondary small">
                          Xóa dòng
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <button {...form.insert.getButtonProps({ name: fields.votes.name })} className="secondary small">
              Thêm dòng
            </button>
          </fieldset>

          <Fieldset legend="Kết luận">
            <TextAreaField meta={fields.conclusion} label="Kết luận cuộc họp" rows={5} />
          </Fieldset>

          <fieldset className="doc-section">
            <legend>Bản scan biên bản có chữ ký</legend>
            {page.scan ? (
              <p>
                Đã đính kèm: <a href={`/ho-so/${page.dossierId}/tep/${page.scan.id}`}>{page.scan.fileName}</a>{" "}
                <span className="muted">
                  ({page.scan.size}, {page.scan.uploaded})
                </span>
              </p>
            ) : (
              <p className="muted">Chưa có bản scan. Bắt buộc khi bấm «Hoàn thành».</p>
            )}
            <div className="field">
              <label htmlFor="unit-minutes-scan">{page.scan ? "Thay bằng tệp khác" : "Chọn tệp"} (PDF, JPEG hoặc PNG; tối đa 10 MB)</label>
              <input
                id="unit-minutes-scan"
                type="file"
                name={SCAN_FIELD}
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                aria-invalid={scanErrors?.length ? true : undefined}
                aria-describedby={scanErrors?.length ? "unit-minutes-scan-error" : undefined}
              />
              <p className="field-error" aria-live="polite" id="unit-minutes-scan-error">
                {scanErrors?.join(" ")}
              </p>
            </div>
          </fieldset>
        </fieldset>
        {page.editable ? <SaveButtons busy={navigation.state === "submitting"} /> : null}
      </Form>
    </section>
  );
}
