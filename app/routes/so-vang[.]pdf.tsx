// The award register of a unit and year as a PDF (?don-vi=…&nam=…).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { awardRegisterPdf } from "~/documents/register.server.ts";
import { awardRegister } from "~/models/register.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { pdfResponse } from "~/utils/download.server.ts";
import { invariantResponse } from "~/utils/http.ts";
import { registerQuery } from "~/utils/register-query.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "vice_chairman", "secretary"]);
  const { unitId, year } = await registerQuery(user, request);
  const register = unitId ? await awardRegister(user, unitId, year) : null;
  invariantResponse(register, "Không tìm thấy sổ theo dõi khen thưởng của đơn vị này.", { status: 404 });
  return pdfResponse(await awardRegisterPdf(register), `so-theo-doi-khen-thuong-${year}.pdf`);
}
