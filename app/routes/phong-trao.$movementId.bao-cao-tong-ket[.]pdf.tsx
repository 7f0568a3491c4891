// Báo cáo tổng kết phong trào as a PDF, for the level above.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { summaryView } from "~/documents/movement-report.server.ts";
import { reportPdf } from "~/documents/report-layout.server.ts";
import { pdfResponse } from "~/utils/download.server.ts";
import { summaryFor } from "~/utils/report-routes.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const summary = await summaryFor(request, params.movementId!);
  return pdfResponse(await reportPdf(summaryView(summary)), `bao-cao-tong-ket-phong-trao-${summary.movement.year}.pdf`);
}
