import type { LoaderFunctionArgs } from "@remix-run/node";
import { ballotSheetsPdf } from "~/documents/ballot-sheets.server.ts";
import { ballotSheets } from "~/models/paper-ballot.server.ts";
import { requireUser } from "~/utils/auth.server.ts";

// The secret ballot sheets of a paper session, for its secretary once attendance is taken.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const result = await ballotSheets(user, params.sessionId!);
  if (!result.ok) throw new Response(result.message, { status: result.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const pdf = await ballotSheetsPdf(result.sheets);
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="phieu-bau-${params.sessionId}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
