// Labelled controls for the dossier forms: the error of a field sits right under it, in Vietnamese.
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";

// Any field of any form: Conform's metadata is invariant in its schema types, so only `any` accepts them all.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Meta = FieldMetadata<any, any, any>;

function FieldError({ meta }: { meta: Meta }) {
  return (
    <p className="field-error" aria-live="polite" id={meta.errorId}>
      {meta.errors?.join(" ")}
    </p>
  );
}

export function TextField({
  meta,
  label,
  hint,
  placeholder,
  inputMode,
}: {
  meta: Meta;
  label: string;
  hint?: string;
  placeholder?: string;
  inputMode?: "decimal" | "numeric";
}) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <input {...getInputProps(meta, { type: "text" })} placeholder={placeholder} inputMode={inputMode} />
      {hint ? <p className="muted hint">{hint}</p> : null}
      <FieldError meta={meta} />
    </div>
  );
}

export function DateField({ meta, label }: { meta: Meta; label: string }) {
  return <TextField meta={meta} label={label} placeholder="dd/mm/yyyy" hint="Ngày/tháng/năm, ví dụ 03/04/2023" />;
}

export function TextAreaField({ meta, label, hint, rows = 4 }: { meta: Meta; label: string; hint?: string; rows?: number }) {
  return (
    <div className="field field-wide">
      <label htmlFor={meta.id}>{label}</label>
      <textarea {...getTextareaProps(meta)} rows={rows} />
      {hint ? <p className="muted hint">{hint}</p> : null}
      <FieldError meta={meta} />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  options,
  placeholder,
}: {
  meta: Meta;
  label: string;
  options: Array<{ value: string; label: string }>;
  placeholder?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select {...getSelectProps(meta)}>
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError meta={meta} />
    </div>
  );
}

/** The form-level error (from the schema's top or the server) and the field errors not shown elsewhere. */
export function FormErrors({ errors, id }: { errors?: string[]; id?: string }) {
  if (!errors?.length) return null;
  return (
    <p className="form-error" id={id} role="alert">
      {errors.join(" ")}
    </p>
  );
}

export function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="doc-section">
      <legend>{legend}</legend>
      <div className="doc-grid">{children}</div>
    </fieldset>
  );
}
