// The import template of a movement: a column per target of the movement, drop-down lists, a sheet of instructions.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { instructionsSheet, nomineeSheet, templateFor } from "~/models/nominee-import.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";
import { writeSpreadsheet, xlsxResponse } from "~/utils/spreadsheet.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "official");
  const ctx = await templateFor(user, params.movementId!);
  invariantResponse(ctx, "Không tìm thấy phong trào thi đua (hoặc đơn vị của bạn không thuộc phạm vi phong trào).", { status: 404 });
  const title = `DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG — PHONG TRÀO “${ctx.movement.title.toLocaleUpperCase("vi-VN")}” NĂM ${ctx.movement.year}`;
  const bytes = await writeSpreadsheet(
    nomineeSheet(title, ["Mỗi người (tập thể) được đề nghị một dòng; xem trang «Hướng dẫn»."], ctx.targets, []),
    instructionsSheet(ctx.targets),
  );
  return xlsxResponse(bytes, `mau-nhap-ho-so-${ctx.movement.year}.xlsx`);
}
