// The dossier list as .xlsx, with the same query as the page (/ho-so.xlsx?q=…&trang-thai=…).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { DOSSIER_STATE_LABELS, FIGURE_STATUS_LABELS } from "#machines/index.ts";
import { EXPORT_LIMIT, dossierFilterOptions, exportVisibleDossiers } from "~/models/dossier-lists.server.ts";
import { forbidden, requireUser } from "~/utils/auth.server.ts";
import { NOMINEE_KIND_LABELS, SUBJECT_KIND_LABELS, capitalize } from "~/utils/labels.ts";
import { describeFilters, readListQuery } from "~/utils/list-query.ts";
import { DOSSIER_LIST, DOSSIER_SORT_LABELS } from "~/utils/lists.ts";
import { exportTitle, listSheet, writeSpreadsheet, xlsxResponse } from "~/utils/spreadsheet.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const roles = new Set(user.grants.map((grant) => grant.role));
  if (!["official", "secretary", "council_member", "chairman", "vice_chairman"].some((role) => roles.has(role as never))) throw forbidden();
  const query = readListQuery(new URL(request.url).searchParams, DOSSIER_LIST);
  const now = new Date();
  const [{ total, rows }, options] = await Promise.all([
    exportVisibleDossiers(user, query, now),
    dossierFilterOptions(user, query.targetId),
  ]);
  const filters = describeFilters(query, {
    units: options.units,
    movements: options.movements,
    stateLabels: DOSSIER_STATE_LABELS,
    subjectKindLabels: SUBJECT_KIND_LABELS,
    targets: options.targets,
    targetStatusLabels: FIGURE_STATUS_LABELS,
    sortLabels: DOSSIER_SORT_LABELS,
  });
  const bytes = await writeSpreadsheet(
    listSheet({
      sheetName: "Hồ sơ",
      title: exportTitle("DANH SÁCH HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG", total, EXPORT_LIMIT),
      filters: [
        ...filters,
        `Trích xuất lúc: ${new Intl.DateTimeFormat("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", dateStyle: "short", timeStyle: "short" }).format(now)}`,
      ],
      rows: rows.map((row, index) => ({ ...row, index: index + 1 })),
      columns: [
        { header: "STT", type: "integer", width: 6, value: (row) => row.index },
        { header: "Họ và tên (tên tập thể)", value: (row) => row.nominee.name },
        { header: "Cá nhân/tập thể", value: (row) => capitalize(NOMINEE_KIND_LABELS[row.kind]) },
        { header: "Đối tượng", value: (row) => capitalize(SUBJECT_KIND_LABELS[row.nominee.subjectKind]) },
        { header: "Chức vụ", value: (row) => row.nominee.position },
        { header: "Đơn vị trình", value: (row) => row.unit.name },
        { header: "Phong trào thi đua", width: 40, value: (row) => row.movement.title },
        { header: "Năm", type: "integer", width: 7, value: (row) => row.movement.year },
        { header: "Trạng thái", value: (row) => DOSSIER_STATE_LABELS[row.state] },
        { header: "Ngày nộp", type: "date", value: (row) => row.submittedAt },
        { header: "Hạn xử lý", type: "date", value: (row) => row.dueAt },
        { header: "Quá hạn", width: 9, value: (row) => (row.dueAt !== null && row.dueAt < now ? "Quá hạn" : null) },
        { header: "Số quyết định", value: (row) => row.decisionEntry?.decision.number },
        { header: "Ngày quyết định", type: "date", value: (row) => row.decisionEntry?.decision.decidedAt },
        {
          header: "Số Giấy khen",
          value: (row) => (row.certificate ? `${row.certificate.serial}${row.certificate.revokedAt ? " (đã thu hồi)" : ""}` : null),
        },
        { header: "Ngày lập", type: "date", value: (row) => row.createdAt },
        { header: "Cập nhật", type: "date", value: (row) => row.updatedAt },
      ],
    }),
  );
  return xlsxResponse(bytes, "danh-sach-ho-so.xlsx");
}
