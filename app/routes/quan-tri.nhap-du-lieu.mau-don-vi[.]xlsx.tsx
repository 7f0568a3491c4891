// The import template (.xlsx) with a second sheet listing the units in the admin's scope and their codes.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { importTemplate } from "~/models/admin-import.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { xlsxResponse } from "~/utils/spreadsheet.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  return xlsxResponse(await importTemplate(admin, "units"), "mau-nhap-don-vi.xlsx");
}
