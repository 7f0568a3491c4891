import type { LoaderFunctionArgs } from "@remix-run/node";
import { awardDecisionPdf } from "~/documents/decision.server.ts";
import { decisionDocument, loadDecision } from "~/models/award-decision.server.ts";
import { storedDecisionPdf } from "~/models/decision-pdf.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";

// The award decision as a PDF, for the chairman, vice-chairmen and office of its commune: the bytes
// signed digitally when it was signed, as they are; only a decision signed before that is rendered anew.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "vice_chairman", "secretary"]);
  const decision = await loadDecision(user, params.decisionId!);
  invariantResponse(decision, "Không tìm thấy quyết định khen thưởng.", { status: 404 });
  const pdf = (await storedDecisionPdf(decision.id)) ?? (await awardDecisionPdf(decisionDocument(decision)));
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="quyet-dinh-${decision.number.replace(/\//g, "-").replace("QĐ", "QD")}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
