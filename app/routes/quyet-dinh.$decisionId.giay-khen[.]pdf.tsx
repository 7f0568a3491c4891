import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificatesPdf } from "~/documents/certificate.server.ts";
import { decisionCertificates, faceOf, printOffsets } from "~/models/certificate.server.ts";
import { blankLayouts } from "~/models/certificate-blank.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";

// Every certificate in force of a decision in ONE PDF (fonts embedded once): the full design, or
// with ?che-do=phoi only the fields, shifted by the unit's calibrated offsets.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "vice_chairman", "secretary"]);
  const found = await decisionCertificates(user, params.decisionId!);
  invariantResponse(found, "Không tìm thấy quyết định khen thưởng.", { status: 404 });
  invariantResponse(found.certificates.length > 0, "Quyết định này chưa có Giấy khen nào được cấp.", { status: 404 });
  const blank = new URL(request.url).searchParams.get("che-do") === "phoi";
  const pdf = await certificatesPdf(found.certificates.map(faceOf), {
    mode: blank ? "blank" : "full",
    offsets: blank ? await printOffsets(found.decision.unitId) : undefined,
    layouts: blank ? await blankLayouts(found.decision.unitId) : undefined,
    title: `Giấy khen theo Quyết định số ${found.decision.number}`,
  });
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="giay-khen-${found.decision.number.replace(/\//g, "-").replace("QĐ", "QD")}${blank ? "-phoi" : ""}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
