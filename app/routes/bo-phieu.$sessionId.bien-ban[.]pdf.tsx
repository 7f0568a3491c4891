import type { LoaderFunctionArgs } from "@remix-run/node";
import { councilMinutesPdf } from "~/documents/council-minutes.server.ts";
import { loadMinutes } from "~/models/council-minutes.server.ts";
import { unitsWhereRole } from "~/models/org-unit.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";

// The minutes of a closed session, for its members and the commune's leaders and office.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const units = unitsWhereRole(user, "secretary", "chairman", "vice_chairman", "council_member", "admin");
  const minutes = await loadMinutes(params.sessionId!, units);
  invariantResponse(minutes, "Không tìm thấy biên bản (phiên chưa kết thúc hoặc bạn không có quyền xem).", { status: 404 });
  const pdf = await councilMinutesPdf(minutes);
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="bien-ban-hop-hoi-dong-${minutes.id}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
