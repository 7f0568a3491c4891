// The certificates list as .xlsx, with the same query as the page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { AWARD_EXPORT_LIMIT, certificateFilterOptions, exportCertificates } from "~/models/award-lists.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { describeFilters, readListQuery } from "~/utils/list-query.ts";
import { CERTIFICATE_LIST, CERTIFICATE_SORT_LABELS, CERTIFICATE_STATE_LABELS } from "~/utils/lists.ts";
import { exportTitle, listSheet, writeSpreadsheet, xlsxResponse } from "~/utils/spreadsheet.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "vice_chairman", "secretary"]);
  const query = readListQuery(new URL(request.url).searchParams, CERTIFICATE_LIST);
  const [{ total, rows }, options] = await Promise.all([exportCertificates(user, query), certificateFilterOptions(user)]);
  const bytes = await writeSpreadsheet(
    listSheet({
      sheetName: "Giấy khen",
      title: exportTitle("DANH SÁCH GIẤY KHEN ĐÃ CẤP", total, AWARD_EXPORT_LIMIT),
      filters: describeFilters(query, {
        units: options.units,
        movements: options.movements,
        stateLabels: CERTIFICATE_STATE_LABELS,
        sortLabels: CERTIFICATE_SORT_LABELS,
      }),
      rows,
      columns: [
        { header: "Số sổ vàng", value: (row) => row.goldenBookNumber },
        {
          header: "Người (tập thể) được khen",
          value: (row) => (row.honorific ? `${row.honorific} ${row.recipientName}` : row.recipientName),
        },
        { header: "Chức vụ, đơn vị", width: 40, value: (row) => row.recipientDetail },
        { header: "Thành tích", width: 50, value: (row) => row.achievement },
        { header: "Danh hiệu thi đua", value: (row) => row.awardTitle },
        { header: "Hình thức khen thưởng", value: (row) => row.awardForm },
        { header: "Số quyết định", value: (row) => row.decisionNumber },
        { header: "Ngày quyết định", type: "date", value: (row) => row.decisionDate },
        { header: "Số hiệu Giấy khen", value: (row) => row.serial },
        { header: "Ngày cấp", type: "date", value: (row) => row.issuedAt },
        { header: "Đơn vị cấp", value: (row) => row.unit.name },
        { header: "Thu hồi", type: "date", value: (row) => row.revokedAt },
        { header: "Lý do thu hồi", width: 40, value: (row) => row.revokedReason },
      ],
    }),
  );
  return xlsxResponse(bytes, "danh-sach-giay-khen.xlsx");
}
