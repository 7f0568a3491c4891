import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildEscalationPackage } from "~/models/escalation.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";

// The package sent to the level above, rebuilt from the database (same rows → same bytes).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "secretary", "vice_chairman"]);
  const pack = await buildEscalationPackage(user, params.dossierId!);
  invariantResponse(pack, "Không tìm thấy bộ hồ sơ đề nghị cấp trên của hồ sơ này.", { status: 404 });
  return new Response(Buffer.from(pack.bytes), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${pack.fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Manifest-SHA256": pack.manifestSha256,
    },
  });
}
