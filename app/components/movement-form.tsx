// The movement form, shared by /phong-trao/moi and /phong-trao/:id/sua. Conform drives it with the
// schema of app/forms/movement.ts; rows are added and removed by submit buttons (Conform intents),
// so the form works the same without JavaScript.
import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { IdempotencyField } from "~/components/idempotency-field.tsx";
import {
  AWARD_FORMS,
  COMPARATORS,
  MovementSchema,
  NOMINEE_KINDS,
  SUBJECT_KINDS,
  coveredNomineeKinds,
  type MovementFormDefaults,
} from "~/forms/movement.ts";
import {
  AWARD_FORM_LABELS,
  AWARD_TITLE_LABELS,
  AWARD_TITLES_BY_KIND,
  COMPARATOR_SYMBOLS,
  NOMINEE_KIND_LABELS,
  SUBJECT_KIND_LABELS,
  awardLabel,
  capitalize,
} from "~/utils/labels.ts";

type Props = {
  id: string;
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue: MovementFormDefaults;
  /** Launched: targets, quota, subjects, awards and prize are shown read-only and sent back unchanged. */
  frozen: boolean;
  /** The communes the secretary may launch for; a choice is offered only when there are several. */
  units?: Array<{ id: string; name: string }>;
  submitLabel: string;
  /** Shown above the frozen parts (e.g. the "Tạo phiên bản mới" button). */
  frozenNotice?: ReactNode;
  /** The create form's one-time key. */
  idempotencyKey?: string;
};

const NEW_TARGET = { comparator: "gte", unit: "%" } as const;

export function MovementForm({ id, lastResult, defaultValue, frozen, units = [], submitLabel, frozenNotice, idempotencyKey }: Props) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(MovementSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MovementSchema }),
  });
  const legalBasis = fields.legalBasis.getFieldList();
  const quotas = fields.quotas.getFieldset();
  const awards = fields.awards.getFieldset();

  return (
    <Form method="post" className="movement-form" {...getFormProps(form)}>
      {form.errors?.length ? (
        <p className="form-error" id={form.errorId} role="alert">
          {form.errors.join(" ")}
        </p>
      ) : null}
      {defaultValue.revision ? <input type="hidden" name={fields.revision.name} value={defaultValue.revision} /> : null}
      {idempotencyKey ? <IdempotencyField value={idempotencyKey} /> : null}

      <fieldset className="card">
        <legend>Thông tin chung</legend>
        {units.length > 1 ? (
          <div>
            <label htmlFor={fields.unitId.id}>Đơn vị phát động</label>
            <select {...getSelectProps(fields.unitId)}>
              {units.map((unit) => (
                <option key={unit.id} value={unit.id}>
                  {unit.name}
                </option>
              ))}
            </select>
            <FieldError meta={fields.unitId} />
          </div>
        ) : null}
        <TextField label="Tên phong trào" meta={fields.title} />
        <div className="row">
          <TextField label="Năm" meta={fields.year} inputMode="numeric" className="narrow" />
          <TextField label="Số kế hoạch (nếu có)" meta={fields.planNumber} placeholder="ví dụ: 125/KH-UBND" />
        </div>
        <div>
          <label htmlFor={fields.scope.id}>Phạm vi (nếu có)</label>
          <textarea {...getTextareaProps(fields.scope)} rows={2} />
          <FieldError meta={fields.scope} />
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>Căn cứ</legend>
        <FieldError meta={fields.legalBasis} />
        {legalBasis.map((line, index) => (
          <div key={line.key} className="list-row">
            <label htmlFor={line.id} className="visually-hidden">
              Căn cứ {index + 1}
            </label>
            <div className="grow">
              <input {...getInputProps(line, { type: "text" })} key={line.key} placeholder="Thực hiện Kế hoạch số … ngày … của …" />
              <FieldError meta={line} />
            </div>
            <button className="secondary" {...form.remove.getButtonProps({ name: fields.legalBasis.name, index })}>
              Xóa
            </button>
          </div>
        ))}
        <button className="secondary" {...form.insert.getButtonProps({ name: fields.legalBasis.name })}>
          + Thêm căn cứ
        </button>
      </fieldset>

      {frozen ? (
        <FrozenParts
          defaultValue={defaultValue}
          names={{
            subjectKinds: fields.subjectKinds.name,
            targets: fields.targets.name,
            awards: fields.awards.name,
            quotas: fields.quotas.name,
            prizeAmount: fields.prizeAmount.name,
          }}
          notice={frozenNotice}
        />
      ) : (
        <>
          <fieldset className="card">
            <legend>Đối tượng thi đua</legend>
            <div className="choices">
              {getCollectionProps(fields.subjectKinds, { type: "checkbox", options: [...SUBJECT_KINDS] }).map(({ key, ...props }) => (
                <label key={key} className="choice">
                  <input {...props} /> {SUBJECT_KIND_LABELS[props.value as (typeof SUBJECT_KINDS)[number]]}
                </label>
              ))}
            </div>
            <FieldError meta={fields.subjectKinds} />
          </fieldset>

          <TargetRows form={form} meta={fields.targets} />

          <fieldset className="card">
            <legend>Hình thức và số lượng khen thưởng</legend>
            <p className="muted">
              Với mỗi đối tượng của phong trào: hình thức khen thưởng và, nếu có, danh hiệu thi đua được tặng kèm. Chỉ dùng các dòng của đối
              tượng đã chọn ở trên.
            </p>
            {NOMINEE_KINDS.map((kind) => {
              const award = awards[kind].getFieldset();
              return (
                <div key={kind} className="row">
                  <div>
                    <label htmlFor={award.form.id}>Hình thức khen thưởng cho {NOMINEE_KIND_LABELS[kind]}</label>
                    <select {...getSelectProps(award.form)} key={award.form.key}>
                      {AWARD_FORMS.map((form) => (
                        <option key={form} value={form}>
                          {AWARD_FORM_LABELS[form]}
                        </option>
                      ))}
                    </select>
                    <FieldError meta={award.form} />
                  </div>
                  <div>
                    <label htmlFor={award.title.id}>Danh hiệu thi đua cho {NOMINEE_KIND_LABELS[kind]} (nếu có)</label>
                    <select {...getSelectProps(award.title)} key={award.title.key}>
                      <option value="">Không kèm danh hiệu (chỉ tặng hình thức khen thưởng)</option>
                      {AWARD_TITLES_BY_KIND[kind].map((title) => (
                        <option key={title} value={title}>
                          {AWARD_TITLE_LABELS[title]}
                        </option>
                      ))}
                    </select>
                    <FieldError meta={award.title} />
                  </div>
                </div>
              );
            })}
            <p className="muted">Số lượng tối đa được khen thưởng; để trống nếu không giới hạn.</p>
            <div className="row">
              {NOMINEE_KINDS.map((kind) => (
                <TextField
                  key={kind}
                  label={`Không quá … ${NOMINEE_KIND_LABELS[kind]}`}
                  meta={quotas[kind]}
                  inputMode="numeric"
                  className="narrow"
                />
              ))}
            </div>
            <TextField
              label="Tiền thưởng kèm Giấy khen (đồng/người)"
              meta={fields.prizeAmount}
              inputMode="numeric"
              placeholder="200.000"
              hint="Số đồng chẵn, ví dụ 200.000; để trống nếu không có tiền thưởng. In tại Điều 2 của quyết định khen thưởng."
            />
          </fieldset>
        </>
      )}

      <fieldset className="card">
        <legend>Thời hạn</legend>
        <div className="row">
          <TextField
            label="Hạn nộp hồ sơ"
            meta={fields.submissionDeadline}
            placeholder="dd/mm/yyyy"
            hint="Nhận hồ sơ đến hết 23 giờ 59 ngày này."
          />
          <TextField label="Thẩm định trong (ngày làm việc)" meta={fields.screeningDays} inputMode="numeric" className="narrow" />
          <TextField label="Ra quyết định trong (ngày làm việc)" meta={fields.decisionDays} inputMode="numeric" className="narrow" />
        </div>
      </fieldset>

      <div>
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Đang lưu…" : submitLabel}
        </button>
      </div>
    </Form>
  );
}

type FormMeta = ReturnType<typeof useForm<MovementFormDefaults>>[0];
type TargetsMeta = ReturnType<typeof useForm<MovementFormDefaults>>[1]["targets"];

function TargetRows({ form, meta }: { form: FormMeta; meta: TargetsMeta }) {
  const rows = meta.getFieldList();
  return (
    <fieldset className="card">
      <legend>Chỉ tiêu thi đua</legend>
      <FieldError meta={meta} />
      {rows.length === 0 ? <p className="muted">Chưa có chỉ tiêu. Phong trào cần ít nhất một chỉ tiêu trước khi phát động.</p> : null}
      {rows.map((row, index) => {
        const target = row.getFieldset();
        return (
          <fieldset key={row.key} className="target-row">
            <legend>Chỉ tiêu {index + 1}</legend>
            <TextField label="Lĩnh vực (nếu có)" meta={target.area} placeholder="ví dụ: Về cải cách thủ tục hành chính" />
            <TextField label="Nội dung chỉ tiêu" meta={target.label} />
            <div className="row">
              <div className="narrow">
                <label htmlFor={target.comparator.id}>So sánh</label>
                <select {...getSelectProps(target.comparator)} key={target.comparator.key}>
                  {COMPARATORS.map((comparator) => (
                    <option key={comparator} value={comparator}>
                      {COMPARATOR_SYMBOLS[comparator]}
                    </option>
                  ))}
                </select>
                <FieldError meta={target.comparator} />
              </div>
              <TextField label="Mức" meta={target.threshold} inputMode="decimal" className="narrow" placeholder="99,6" />
              <TextField label="Đơn vị tính" meta={target.unit} className="narrow" placeholder="%" />
              <div className="narrow">
                <span className="label">&nbsp;</span>
                <label className="choice">
                  <input {...getInputProps(target.optional, { type: "checkbox" })} key={target.optional.key} /> (nếu có)
                </label>
              </div>
            </div>
            <div>
              <span className="label">Áp dụng cho (bỏ trống: mọi đối tượng)</span>
              <div className="choices">
                {getCollectionProps(target.appliesTo, { type: "checkbox", options: [...SUBJECT_KINDS] }).map(({ key, ...props }) => (
                  <label key={key} className="choice">
                    <input {...props} /> {SUBJECT_KIND_LABELS[props.value as (typeof SUBJECT_KINDS)[number]]}
                  </label>
                ))}
              </div>
              <FieldError meta={target.appliesTo} />
            </div>
            <button className="secondary" {...form.remove.getButtonProps({ name: meta.name, index })}>
              Xóa chỉ tiêu {index + 1}
            </button>
          </fieldset>
        );
      })}
      <button className="secondary" {...form.insert.getButtonProps({ name: meta.name, defaultValue: NEW_TARGET })}>
        + Thêm chỉ tiêu
      </button>
    </fieldset>
  );
}

/** The parts a launched movement may not change: read-only, and posted back as they are so the one schema still applies. */
function FrozenParts({
  defaultValue,
  names,
  notice,
}: {
  defaultValue: MovementFormDefaults;
  names: { subjectKinds: string; targets: string; awards: string; quotas: string; prizeAmount: string };
  notice?: ReactNode;
}) {
  const subjectKinds = defaultValue.subjectKinds ?? [];
  const awards: Partial<NonNullable<MovementFormDefaults["awards"]>> = defaultValue.awards ?? {};
  const targets = defaultValue.targets ?? [];
  const quotas = defaultValue.quotas ?? {};
  const prizeAmount = defaultValue.prizeAmount ?? "";
  return (
    <fieldset className="card frozen">
      <legend>Chỉ tiêu, đối tượng, số lượng khen thưởng và tiền thưởng</legend>
      <p className="notice">
        Phong trào đã phát động: chỉ tiêu, đối tượng, hình thức, danh hiệu, số lượng khen thưởng và tiền thưởng không sửa được ở đây. Muốn
        thay đổi, hãy tạo phiên bản mới của phong trào; hồ sơ đã nộp vẫn được xét theo chỉ tiêu của phiên bản này.
      </p>
      {notice}
      <dl className="facts">
        <dt>Đối tượng thi đua</dt>
        <dd>{subjectKinds.map((kind) => SUBJECT_KIND_LABELS[kind]).join("; ")}</dd>
        <dt>Hình thức khen thưởng, danh hiệu thi đua</dt>
        <dd>
          {coveredNomineeKinds(subjectKinds).map((kind) => {
            const award = awards[kind];
            const form = award?.form ? AWARD_FORM_LABELS[award.form] : "";
            const line = `${capitalize(NOMINEE_KIND_LABELS[kind])}: ${awardLabel(form, award?.title ? AWARD_TITLE_LABELS[award.title] : null)}`;
            return <div key={kind}>{line}</div>;
          })}
        </dd>
        <dt>Số lượng khen thưởng</dt>
        <dd>
          {NOMINEE_KINDS.filter((kind) => quotas[kind])
            .map((kind) => `Không quá ${quotas[kind]} ${NOMINEE_KIND_LABELS[kind]}`)
            .join("; ") || "Không giới hạn"}
        </dd>
        <dt>Tiền thưởng kèm Giấy khen</dt>
        <dd>{prizeAmount !== "" && prizeAmount !== "0" ? `${prizeAmount} đồng/người` : "Không có tiền thưởng"}</dd>
      </dl>
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>Chỉ tiêu</th>
            <th className="num">Yêu cầu</th>
          </tr>
        </thead>
        <tbody>
          {targets.map((target, index) => (
            <tr key={index}>
              <td>{index + 1}</td>
              <td>
                {target.area ? <div className="muted">{target.area}</div> : null}
                {target.label}
                {target.optional ? <span className="muted"> (nếu có)</span> : null}
              </td>
              <td className="num">
                {COMPARATOR_SYMBOLS[target.comparator ?? "gte"]} {target.threshold} {target.unit}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {subjectKinds.map((kind) => (
        <input key={kind} type="hidden" name={names.subjectKinds} value={kind} />
      ))}
      {NOMINEE_KINDS.map((kind) => (
        <div key={kind} hidden>
          <input type="hidden" name={`${names.awards}.${kind}.form`} value={awards[kind]?.form ?? ""} />
          <input type="hidden" name={`${names.awards}.${kind}.title`} value={awards[kind]?.title ?? ""} />
        </div>
      ))}
      {NOMINEE_KINDS.map((kind) => (
        <input key={kind} type="hidden" name={`${names.quotas}.${kind}`} value={quotas[kind] ?? ""} />
      ))}
      <input type="hidden" name={names.prizeAmount} value={prizeAmount} />
      {targets.map((target, index) => {
        const name = (field: string) => `${names.targets}[${index}].${field}`;
        return (
          <div key={index} hidden>
            <input type="hidden" name={name("area")} value={target.area ?? ""} />
            <input type="hidden" name={name("label")} value={target.label ?? ""} />
            <input type="hidden" name={name("comparator")} value={target.comparator ?? ""} />
            <input type="hidden" name={name("threshold")} value={target.threshold ?? ""} />
            <input type="hidden" name={name("unit")} value={target.unit ?? ""} />
            {target.optional ? <input type="hidden" name={name("optional")} value="on" /> : null}
            {(target.appliesTo ?? []).map((kind) => (
              <input key={kind} type="hidden" name={name("appliesTo")} value={kind} />
            ))}
          </div>
        );
      })}
    </fieldset>
  );
}

type TextFieldProps = {
  label: string;
  // Conform's metadata is invariant in the form's schema: any form's text field is accepted here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  meta: FieldMetadata<string | undefined, any, string[]>;
  hint?: string;
  className?: string;
  placeholder?: string;
  inputMode?: "numeric" | "decimal" | "text";
};

function TextField({ label, meta, hint, className, placeholder, inputMode }: TextFieldProps) {
  return (
    <div className={className}>
      <label htmlFor={meta.id}>{label}</label>
      <input {...getInputProps(meta, { type: "text" })} key={meta.key} placeholder={placeholder} inputMode={inputMode} />
      {hint ? <p className="hint">{hint}</p> : null}
      <FieldError meta={meta} />
    </div>
  );
}

function FieldError({ meta }: { meta: { errorId: string; errors?: string[] } }) {
  return (
    <p className="field-error" aria-live="polite" id={meta.errorId}>
      {meta.errors?.join(" ")}
    </p>
  );
}
