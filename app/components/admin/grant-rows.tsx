import { getSelectProps, type FieldMetadata } from "@conform-to/react";
import { ROLES } from "~/forms/admin.ts";
import { ROLE_LABELS, capitalize } from "~/utils/labels.ts";

type Row = { role?: string; unitId?: string };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form with a `grants` list
type Meta = FieldMetadata<Row[] | undefined, any, string[]>;

/** The rows "vai trò — tại đơn vị" of an account's form; blank rows are ignored by the schema. */
export function GrantRows({ meta, units }: { meta: Meta; units: Array<{ value: string; label: string }> }) {
  const rows = meta.getFieldList();
  return (
    <fieldset>
      <legend>Vai trò trong phần mềm (mỗi vai trò gắn với một đơn vị)</legend>
      <p className="field-error" aria-live="polite" id={meta.errorId}>
        {meta.errors?.join(" ")}
      </p>
      <table>
        <thead>
          <tr>
            <th>Vai trò</th>
            <th>Tại đơn vị</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const grant = row.getFieldset();
            return (
              <tr key={row.key}>
                <td>
                  <select {...getSelectProps(grant.role)} aria-label={`Vai trò ${index + 1}`}>
                    <option value="">— Không —</option>
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {capitalize(ROLE_LABELS[role])}
                      </option>
                    ))}
                  </select>
                  <p className="field-error" aria-live="polite">
                    {grant.role.errors?.join(" ")}
                  </p>
                </td>
                <td>
                  <select {...getSelectProps(grant.unitId)} aria-label={`Đơn vị của vai trò ${index + 1}`}>
                    <option value="">— Chọn đơn vị —</option>
                    {units.map((unit) => (
                      <option key={unit.value} value={unit.value}>
                        {unit.label}
                      </option>
                    ))}
                  </select>
                  <p className="field-error" aria-live="polite">
                    {grant.unitId.errors?.join(" ")}
                  </p>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted">
        Cán bộ phụ trách trình khen: tại bộ phận, ấp của mình. Văn phòng, Chủ tịch, Phó Chủ tịch, thành viên Hội đồng: tại xã. Quản trị: tại
        xã hoặc tỉnh. Lưu để có thêm dòng trống.
      </p>
    </fieldset>
  );
}
