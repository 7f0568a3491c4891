// The nominees of a movement the user sees, with their Mẫu 07 figures, in the import template's layout:
// downloaded, completed in Excel, and imported again into another unit or a later movement.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { instructionsSheet, nomineeRows, nomineeSheet } from "~/models/nominee-import.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";
import { writeSpreadsheet, xlsxResponse } from "~/utils/spreadsheet.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const data = await nomineeRows(user, params.movementId!);
  invariantResponse(data, "Không tìm thấy phong trào thi đua.", { status: 404 });
  const title = `DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG — PHONG TRÀO “${data.title.toLocaleUpperCase("vi-VN")}” NĂM ${data.year}`;
  const bytes = await writeSpreadsheet(
    nomineeSheet(title, [`Hồ sơ trong phạm vi của ${user.fullName}: ${data.rows.length}`], data.targets, data.rows),
    instructionsSheet(data.targets),
  );
  return xlsxResponse(bytes, `danh-sach-de-nghi-${data.year}.xlsx`);
}
