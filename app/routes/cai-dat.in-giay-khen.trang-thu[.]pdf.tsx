import type { LoaderFunctionArgs } from "@remix-run/node";
import { calibrationPdf } from "~/documents/certificate.server.ts";
import { printOffsets } from "~/models/certificate.server.ts";
import { unitsOfRoles } from "~/models/org-unit.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";

// The calibration test page for printing on blanks, with the unit's current offsets.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "secretary"]);
  const wanted = new URL(request.url).searchParams.get("don-vi");
  const units = await unitsOfRoles(user, "chairman", "secretary");
  const unit = wanted ? units.find((u) => u.id === wanted) : units[0];
  invariantResponse(unit, "Không tìm thấy đơn vị.", { status: 404 });
  const pdf = await calibrationPdf(await printOffsets(unit.id), unit.name);
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": 'inline; filename="trang-thu-in-phoi-giay-khen.pdf"',
      "Cache-Control": "private, no-store",
    },
  });
}
