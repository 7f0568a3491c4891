// Báo cáo tổng kết phong trào as a Word file, for the office to complete the assessment and sign.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { summaryView } from "~/documents/movement-report.server.ts";
import { reportDocx } from "~/documents/report-layout.server.ts";
import { docxResponse } from "~/utils/download.server.ts";
import { summaryFor } from "~/utils/report-routes.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const summary = await summaryFor(request, params.movementId!);
  return docxResponse(await reportDocx(summaryView(summary)), `bao-cao-tong-ket-phong-trao-${summary.movement.year}.docx`);
}
