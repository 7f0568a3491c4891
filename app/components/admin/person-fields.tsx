import type { FieldMetadata } from "@conform-to/react";
import { DateField, SelectField, TextField } from "~/components/dossier/form-fields.tsx";
import { GENDERS, PERSON_KINDS } from "~/forms/admin.ts";
import { HONORIFICS, PERSON_KIND_LABELS, capitalize } from "~/utils/labels.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the fields of PersonSchema
type Fields = Record<"fullName" | "kind" | "gender" | "birthDate" | "position" | "unitId", FieldMetadata<any, any, string[]>>;

/** The fields of a person of the register (the add and edit forms). */
export function PersonFields({ fields, units }: { fields: Fields; units: Array<{ value: string; label: string }> }) {
  return (
    <>
      <TextField meta={fields.fullName} label="Họ và tên (hộ gia đình: «Hộ ông/bà …»)" />
      <SelectField
        meta={fields.kind}
        label="Loại"
        options={PERSON_KINDS.map((k) => ({ value: k, label: capitalize(PERSON_KIND_LABELS[k]) }))}
        placeholder="— Chọn —"
      />
      <SelectField
        meta={fields.gender}
        label="Danh xưng"
        options={GENDERS.map((g) => ({ value: g, label: HONORIFICS[g] }))}
        placeholder="— Không ghi —"
      />
      <DateField meta={fields.birthDate} label="Ngày sinh (không bắt buộc)" />
      <TextField meta={fields.position} label="Chức vụ (không bắt buộc)" />
      <SelectField
        meta={fields.unitId}
        label="Đơn vị (nơi công tác, hoặc ấp nơi hộ cư trú)"
        options={units}
        placeholder="— Chọn đơn vị —"
      />
    </>
  );
}
