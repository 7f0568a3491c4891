import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificatesPdf } from "~/documents/certificate.server.ts";
import { faceOf, loadCertificate, printOffsets } from "~/models/certificate.server.ts";
import { blankLayouts } from "~/models/certificate-blank.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";

// One certificate as a PDF (A4 landscape); ?che-do=phoi prints only the fields, each at the unit's place for it on the blank.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "vice_chairman", "secretary"]);
  const certificate = await loadCertificate(user, params.certificateId!);
  invariantResponse(certificate, "Không tìm thấy Giấy khen.", { status: 404 });
  invariantResponse(!certificate.revokedAt, "Giấy khen này đã bị thu hồi; không in lại được.", { status: 410 });
  const blank = new URL(request.url).searchParams.get("che-do") === "phoi";
  const pdf = await certificatesPdf([faceOf(certificate)], {
    mode: blank ? "blank" : "full",
    offsets: blank ? await printOffsets(certificate.unitId) : undefined,
    layouts: blank ? await blankLayouts(certificate.unitId) : undefined,
  });
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="giay-khen-${certificate.serial}${blank ? "-phoi" : ""}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
