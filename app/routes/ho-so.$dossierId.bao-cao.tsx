// Báo cáo thành tích (Mẫu số 07, for a movement): identification, duties, a figure for every target that
// applies to the nominee — checked live against the target in the browser and on the server — the
// solutions and initiatives, and the confirmation block of the head of the unit.
import { getFormProps, getInputProps, useForm, type DefaultValue } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { RevisionField, revalidateAfterStaleSave } from "~/components/revision-field.tsx";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DOSSIER_STATE_LABELS, thresholdText, vnDecimal } from "#machines/index.ts";
import { FigureStatusBadge } from "~/components/dossier/figure-status.tsx";
import { DateField, FormErrors, Fieldset, SelectField, TextAreaField, TextField } from "~/components/dossier/form-fields.tsx";
import { ReadOnlyNotice, SaveButtons, SavedNotice } from "~/components/dossier/save-buttons.tsx";
import { saveModeOf } from "~/forms/proposal.ts";
import {
  SEX_LABELS,
  achievementReportSchema,
  evaluateFigureInput,
  type AchievementReportData,
  type NomineeKindValue,
  type ReportTarget,
} from "~/forms/achievement-report.ts";
import { formatIsoDate } from "~/forms/fields.ts";
import type { LoadedDossierView } from "~/models/dossier-documents.server.ts";
import { previousAwardsOf } from "~/models/people.server.ts";
import { loadDocumentForm, saveDocumentAction } from "~/utils/dossier-pages.server.ts";
import { formatDate } from "~/utils/format.ts";

export const meta: MetaFunction = () => [{ title: "Báo cáo thành tích (Mẫu 07) · Thi đua – Khen thưởng" }];
export const shouldRevalidate = revalidateAfterStaleSave;

const SEX_OPTIONS = Object.entries(SEX_LABELS).map(([value, label]) => ({ value, label }));

/** What the register knows of the nominee: pre-fills a report not saved yet. */
type Prefill = { previousAwards: string };

function formValues(dossier: LoadedDossierView, prefill: Prefill) {
  const saved = (dossier.documents.achievement_report?.data ?? null) as AchievementReportData | null;
  const figures = Object.fromEntries(
    dossier.targets.map((target) => [
      target.id,
      { value: target.value === null ? "" : vnDecimal(target.value), notApplicable: target.notApplicable ? "on" : "" },
    ]),
  );
  const text = (value: string | undefined, fallback = "") => value ?? (saved ? "" : fallback);
  const individual = dossier.nominee.kind === "individual";
  return {
    ...(individual
      ? {
          fullName: text(saved?.fullName, dossier.nominee.name),
          birthDate: saved?.birthDate
            ? formatIsoDate(saved.birthDate)
            : !saved && dossier.nominee.person?.birthDate
              ? formatIsoDate(dossier.nominee.person.birthDate.toISOString().slice(0, 10))
              : "",
          sex: saved?.sex ?? (saved ? "" : (dossier.nominee.person?.gender ?? "")),
          position: text(saved?.position, dossier.nominee.position ?? ""),
          unitName: text(saved?.unitName, dossier.unit.name),
        }
      : {
          name: text(saved?.name, dossier.nominee.name),
          head: text(saved?.head, dossier.nominee.position ?? ""),
          members: saved?.members === undefined ? "" : String(saved.members),
        }),
    duties: saved?.duties ?? "",
    figures,
    results: saved?.results ?? "",
    solutions: saved?.solutions ?? "",
    initiatives: saved?.initiatives ?? "",
    previousAwards: saved?.previousAwards ?? (saved ? "" : prefill.previousAwards),
    headName: saved?.headName ?? "",
    headTitle: saved?.headTitle ?? "",
    confirmedOn: saved?.confirmedOn ? formatIsoDate(saved.confirmedOn) : formatDate(new Date()),
  };
}

const schemaFor = (dossier: LoadedDossierView) => (mode: "draft" | "complete") =>
  achievementReportSchema({ kind: dossier.nominee.kind, targets: dossier.targets, mode });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { dossier, restored, saved } = await loadDocumentForm(request, params.dossierId!, "bao-cao");
  const targets: ReportTarget[] = dossier.targets.map(({ id, area, label, comparator, threshold, unit, optional }) => ({
    id,
    area,
    label,
    comparator,
    threshold,
    unit,
    optional,
  }));
  return {
    dossierId: dossier.id,
    kind: dossier.nominee.kind as NomineeKindValue,
    targets,
    editable: dossier.editable,
    isOfficial: dossier.isOfficial,
    stateLabel: DOSSIER_STATE_LABELS[dossier.state],
    defaultValue: restored
      ? parseWithZod(restored, { schema: schemaFor(dossier)("draft") }).payload
      : formValues(dossier, {
          previousAwards: dossier.nominee.personId ? await previousAwardsOf(dossier.nominee.personId, dossier.id) : "",
        }),
    restored: restored !== null,
    saved,
    stamp: dossier.documents.achievement_report?.updatedAt.toISOString() ?? "new",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return saveDocumentAction<AchievementReportData>({
    request,
    dossierId: params.dossierId!,
    form: "bao-cao",
    kind: "achievement_report",
    schema: (mode, dossier) => schemaFor(dossier)(mode),
    // The figures live in their own rows (AchievementFigure, Decimal): the document keeps the text.
    toData: ({ figures: _figures, ...text }) => text,
    figures: (value, dossier) =>
      dossier.targets.map((target) => {
        const figure = value.figures?.[target.id];
        return { targetId: target.id, value: figure?.value ?? null, notApplicable: Boolean(figure?.notApplicable) && target.optional };
      }),
  });
}

export default function AchievementReportPage() {
  const page = useLoaderData<typeof loader>();
  return <AchievementReportForm key={page.stamp} />;
}

function AchievementReportForm() {
  const page = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<AchievementReportData>({
    id: "achievement-report",
    lastResult,
    defaultValue: page.defaultValue as DefaultValue<AchievementReportData>,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: achievementReportSchema({ kind: page.kind, targets: page.targets, mode: saveModeOf(formData) }) }),
  });
  const figureFields = fields.figures.getFieldset();
  const individual = page.kind === "individual";
  const collectiveWord = page.kind === "household" ? "hộ gia đình" : "tập thể";

  return (
    <section className="doc-form">
      <h2>Báo cáo thành tích (Mẫu số 07)</h2>
      <p className="muted">
        Theo Nghị định 91/2017/NĐ-CP — báo cáo thành tích theo đợt thi đua.{" "}
        <a href={`/ho-so/${page.dossierId}/bao-cao.docx`} download>
          Tải bản Word
        </a>
      </p>
      <SavedNotice saved={page.saved} restored={page.restored} />
      {page.editable ? null : <ReadOnlyNotice stateLabel={page.stateLabel} isOfficial={page.isOfficial} />}
      <Form method="post" {...getFormProps(form)}>
        <RevisionField value={page.stamp} />
        <FormErrors errors={form.errors} id={form.errorId} />
        <fieldset disabled={!page.editable} className="plain">
          {individual ? (
            <Fieldset legend="I. Sơ lược lý lịch">
              <TextField meta={fields.fullName} label="Họ và tên" />
              <DateField meta={fields.birthDate} label="Ngày sinh" />
              <SelectField meta={fields.sex} label="Giới tính" options={SEX_OPTIONS} placeholder="— Chọn —" />
              <TextField meta={fields.position} label="Chức vụ" />
              <TextField meta={fields.unitName} label="Đơn vị công tác" />
            </Fieldset>
          ) : (
            <Fieldset legend={`I. Thông tin ${collectiveWord}`}>
              <TextField meta={fields.name} label={page.kind === "household" ? "Tên hộ gia đình" : "Tên tập thể"} />
              <TextField meta={fields.head} label={page.kind === "household" ? "Chủ hộ" : "Người đứng đầu"} />
              <TextField meta={fields.members} label={page.kind === "household" ? "Số nhân khẩu" : "Số thành viên"} inputMode="numeric" />
            </Fieldset>
          )}
          <Fieldset legend="Chức năng, nhiệm vụ">
            <TextAreaField meta={fields.duties} label="Chức năng, nhiệm vụ được giao" rows={4} />
          </Fieldset>

          <fieldset className="doc-section">
            <legend>II. Thành tích đạt được — kết quả thực hiện các chỉ tiêu thi đua</legend>
            <p className="muted">
              Nhập số liệu cụ thể cho từng chỉ tiêu (dùng dấu phẩy thập phân, ví dụ 99,6). Chỉ tiêu «nếu có» được khai «Không phát sinh».
            </p>
            <FormErrors errors={fields.figures.errors} id={fields.figures.errorId} />
            {page.targets.length ? (
              <table className="figures cards">
                <thead>
                  <tr>
                    <th>Chỉ tiêu</th>
                    <th className="num">Yêu cầu</th>
                    <th>Kết quả đạt được</th>
                    <th>Đánh giá</th>
                  </tr>
                </thead>
                <tbody>
                  {page.targets.map((target) => {
                    const figure = figureFields[target.id]!.getFieldset();
                    const notApplicable = figure.notApplicable.value === "on";
                    const status = evaluateFigureInput(target, figure.value.value, notApplicable);
                    return (
                      <tr key={target.id}>
                        <td>
                          <label htmlFor={figure.value.id}>{target.label}</label>
                          {target.area ? <div className="muted">{target.area}</div> : null}
                        </td>
                        <td data-label="Yêu cầu" className="num">
                          {thresholdText(target)}
                        </td>
                        <td data-label="Kết quả đạt được">
                          <span className="figure-input">
                            <input {...getInputProps(figure.value, { type: "text" })} inputMode="decimal" size={8} /> {target.unit}
                          </span>
                          {target.optional ? (
                            <label className="checkbox">
                              <input {...getInputProps(figure.notApplicable, { type: "checkbox" })} /> Không phát sinh
                            </label>
                          ) : null}
                          <p className="field-error" aria-live="polite" id={figure.value.errorId}>
                            {figure.value.errors?.join(" ")}
                          </p>
                          <p className="field-error" aria-live="polite" id={figure.notApplicable.errorId}>
                            {figure.notApplicable.errors?.join(" ")}
                          </p>
                        </td>
                        <td data-label="Đánh giá" aria-live="polite">
                          <FigureStatusBadge status={status} requirement={thresholdText(target)} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            ) : (
              <p className="muted">Phong trào không có chỉ tiêu nào áp dụng cho đối tượng này: nêu kết quả có số liệu ở mục dưới.</p>
            )}
          </fieldset>

          <Fieldset legend="Giải pháp, sáng kiến">
            <TextAreaField meta={fields.results} label="Kết quả nổi bật khác (có số liệu dẫn chứng)" rows={4} />
            <TextAreaField meta={fields.solutions} label="Các giải pháp, biện pháp đã thực hiện" rows={5} />
            <TextAreaField meta={fields.initiatives} label="Sáng kiến, kinh nghiệm, đổi mới (nếu có)" rows={4} />
            <TextAreaField meta={fields.previousAwards} label="III. Các hình thức khen thưởng đã được ghi nhận (nếu có)" rows={3} />
          </Fieldset>

          <Fieldset legend="Xác nhận của thủ trưởng đơn vị">
            <TextField meta={fields.headName} label="Họ và tên thủ trưởng đơn vị" />
            <TextField meta={fields.headTitle} label="Chức vụ" />
            <DateField meta={fields.confirmedOn} label="Ngày xác nhận" />
          </Fieldset>
        </fieldset>
        {page.editable ? <SaveButtons busy={navigation.state === "submitting"} /> : null}
      </Form>
    </section>
  );
}
