import type { LoaderFunctionArgs } from "@remix-run/node";
import { AWARD_FORM_VALUES } from "~/forms/proposal.ts";
import { blankScan } from "~/models/certificate-blank.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";

// The scanned blank of a unit's award form, from PostgreSQL: the settings page's preview background.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "secretary"]);
  const params = new URL(request.url).searchParams;
  const awardForm = AWARD_FORM_VALUES.find((form) => form === params.get("hinh-thuc")) ?? AWARD_FORM_VALUES[0];
  const scan = await blankScan(user, params.get("don-vi") ?? "", awardForm);
  invariantResponse(scan, "Chưa có ảnh phôi.", { status: 404 });
  return new Response(Buffer.from(scan.bytes), {
    headers: {
      "Content-Type": scan.type,
      "Cache-Control": "private, max-age=3600",
    },
  });
}
