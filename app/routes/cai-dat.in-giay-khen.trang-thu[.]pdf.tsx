import type { LoaderFunctionArgs } from "@remix-run/node";
import { calibrationPdf } from "~/documents/certificate.server.ts";
import { AWARD_FORM_VALUES } from "~/forms/proposal.ts";
import { blankLayout, blankScan } from "~/models/certificate-blank.server.ts";
import { printOffsets } from "~/models/certificate.server.ts";
import { unitsOfRoles } from "~/models/org-unit.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";
import { AWARD_FORM_LABELS } from "~/utils/labels.ts";

// The calibration test page for printing on blanks: each field of the unit's layout for an award form
// (?hinh-thuc=) at its place, over a millimetre grid. ?nen=phoi: the preview over the scanned blank (not for printing).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "secretary"]);
  const params = new URL(request.url).searchParams;
  const wanted = params.get("don-vi");
  const units = await unitsOfRoles(user, "chairman", "secretary");
  const unit = wanted ? units.find((u) => u.id === wanted) : units[0];
  invariantResponse(unit, "Không tìm thấy đơn vị.", { status: 404 });
  const awardForm = AWARD_FORM_VALUES.find((form) => form === params.get("hinh-thuc")) ?? AWARD_FORM_VALUES[0];
  const preview = params.get("nen") === "phoi";
  const background = preview ? await blankScan(user, unit.id, awardForm) : null;
  invariantResponse(!preview || background, "Chưa có ảnh phôi cho hình thức khen thưởng này.", { status: 404 });
  const pdf = await calibrationPdf(await printOffsets(unit.id), unit.name, {
    layout: await blankLayout(unit.id, awardForm),
    formLabel: AWARD_FORM_LABELS[awardForm],
    background: background ?? undefined,
  });
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${preview ? "xem-truoc" : "trang-thu"}-in-phoi-giay-khen.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
