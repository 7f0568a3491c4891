// The statistics of awards over a period as a report for the level above (.pdf).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { statisticsView } from "~/documents/movement-report.server.ts";
import { reportPdf } from "~/documents/report-layout.server.ts";
import { awardStatistics } from "~/models/reports.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { pdfResponse } from "~/utils/download.server.ts";
import { invariantResponse } from "~/utils/http.ts";
import { statisticsQuery } from "~/utils/report-routes.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "vice_chairman", "secretary"]);
  const query = await statisticsQuery(user, request);
  const stats = query.unitId ? await awardStatistics(user, query.unitId, query.from, query.to) : null;
  invariantResponse(stats, "Không tìm thấy đơn vị (hoặc bạn không có quyền xem thống kê của đơn vị này).", { status: 404 });
  return pdfResponse(await reportPdf(statisticsView(stats)), `bao-cao-thong-ke-khen-thuong-${query.from}-${query.to}.pdf`);
}
