// The statistics of awards over a period as .xlsx: by award form, by title, then by movement; numbers as numbers.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { STATISTICS_HEADERS, statisticsCells } from "~/documents/movement-report.server.ts";
import { awardStatistics } from "~/models/reports.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";
import { AWARD_FORM_LABELS, AWARD_TITLE_LABELS } from "~/utils/labels.ts";
import { statisticsQuery } from "~/utils/report-routes.server.ts";
import { listSheet, writeSpreadsheet, xlsxResponse, type ExportColumn } from "~/utils/spreadsheet.server.ts";

type Row = { label: string; cells: number[] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "vice_chairman", "secretary"]);
  const query = await statisticsQuery(user, request);
  const stats = query.unitId ? await awardStatistics(user, query.unitId, query.from, query.to) : null;
  invariantResponse(stats, "Không tìm thấy đơn vị (hoặc bạn không có quyền xem thống kê của đơn vị này).", { status: 404 });
  const day = (iso: string) => iso.split("-").reverse().join("/");
  const filters = [`Đơn vị: ${stats.unit.name}`, `Kỳ báo cáo: từ ngày ${day(stats.from)} đến ngày ${day(stats.to)}`];
  const columns = (first: string): Array<ExportColumn<Row>> => [
    { header: first, width: 45, value: (row) => row.label },
    ...STATISTICS_HEADERS.map((header, i): ExportColumn<Row> => ({ header, type: "integer", width: 14, value: (row) => row.cells[i] })),
  ];
  const bytes = await writeSpreadsheet(
    listSheet({
      sheetName: "Theo hình thức",
      title: "BÁO CÁO THỐNG KÊ SỐ LƯỢNG KHEN THƯỞNG THEO HÌNH THỨC KHEN THƯỞNG",
      filters,
      rows: [
        ...stats.byForm.map((row) => ({ label: AWARD_FORM_LABELS[row.form], cells: statisticsCells(row.counts) })),
        { label: "Tổng cộng", cells: statisticsCells(stats.total) },
        { label: "Trong đó: đã thu hồi", cells: statisticsCells(stats.revoked) },
      ],
      columns: columns("Hình thức khen thưởng"),
    }),
    listSheet({
      sheetName: "Theo danh hiệu",
      title: "SỐ LƯỢNG DANH HIỆU THI ĐUA ĐƯỢC TẶNG",
      filters,
      rows: stats.byTitle.map((row) => ({ label: AWARD_TITLE_LABELS[row.title], cells: statisticsCells(row.counts) })),
      columns: columns("Danh hiệu thi đua"),
    }),
    listSheet({
      sheetName: "Theo phong trào",
      title: "KHEN THƯỞNG THEO PHONG TRÀO THI ĐUA (THEO ĐỢT, CHUYÊN ĐỀ)",
      filters,
      rows: stats.byMovement.map((row) => ({ label: `${row.title} (${row.year})`, cells: statisticsCells(row.counts) })),
      columns: columns("Phong trào thi đua"),
    }),
  );
  return xlsxResponse(bytes, `thong-ke-khen-thuong-${stats.from}-${stats.to}.xlsx`);
}
