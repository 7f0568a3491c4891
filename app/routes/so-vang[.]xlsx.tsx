// The award register of a unit and year as .xlsx (?don-vi=…&nam=…).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { revocationNote } from "~/documents/register.server.ts";
import { awardRegister } from "~/models/register.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";
import { NOMINEE_KIND_LABELS, capitalize } from "~/utils/labels.ts";
import { registerQuery } from "~/utils/register-query.server.ts";
import { listSheet, writeSpreadsheet, xlsxResponse } from "~/utils/spreadsheet.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "vice_chairman", "secretary"]);
  const { unitId, year } = await registerQuery(user, request);
  const register = unitId ? await awardRegister(user, unitId, year) : null;
  invariantResponse(register, "Không tìm thấy sổ theo dõi khen thưởng của đơn vị này.", { status: 404 });
  const bytes = await writeSpreadsheet(
    listSheet({
      sheetName: `Sổ vàng ${year}`,
      title: `SỔ THEO DÕI KHEN THƯỞNG (SỔ VÀNG) NĂM ${year} — ${register.unit.name.toLocaleUpperCase("vi-VN")}`,
      filters: [
        `Đơn vị: ${register.unit.name}`,
        `Năm: ${year}`,
        `Tổng số: ${register.total} lượt khen thưởng; đã thu hồi: ${register.revoked}`,
      ],
      rows: register.entries,
      columns: [
        { header: "Số vào sổ", value: (entry) => entry.registerNumber },
        { header: "Người (tập thể) được khen thưởng", value: (entry) => entry.recipient },
        { header: "Cá nhân/tập thể", value: (entry) => capitalize(NOMINEE_KIND_LABELS[entry.kind]) },
        { header: "Chức vụ, đơn vị", width: 40, value: (entry) => entry.detail },
        { header: "Danh hiệu thi đua", value: (entry) => entry.awardTitle },
        { header: "Hình thức khen thưởng", value: (entry) => entry.awardForm },
        { header: "Thành tích", width: 50, value: (entry) => entry.achievement },
        { header: "Số quyết định", value: (entry) => entry.decisionNumber },
        { header: "Ngày quyết định", type: "date", value: (entry) => entry.decisionDate },
        { header: "Số hiệu Giấy khen", value: (entry) => entry.serial },
        { header: "Ngày cấp", type: "date", value: (entry) => entry.issuedAt },
        { header: "Thu hồi", width: 40, value: (entry) => revocationNote(entry) || null },
      ],
    }),
  );
  return xlsxResponse(bytes, `so-theo-doi-khen-thuong-${year}.xlsx`);
}
