// The dashboard's numbers as .xlsx: one sheet per part of the page (states, units, quota, targets, overdue, sessions).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { DOSSIER_STATES, DOSSIER_STATE_LABELS, FIGURE_STATUS_LABELS } from "#machines/index.ts";
import { movementDashboard } from "~/models/dashboard.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";
import { NOMINEE_KIND_LABELS, SUBJECT_KIND_LABELS, capitalize } from "~/utils/labels.ts";
import { listSheet, writeSpreadsheet, xlsxResponse } from "~/utils/spreadsheet.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["secretary", "chairman", "vice_chairman"]);
  const data = await movementDashboard(user, params.movementId!);
  invariantResponse(data, "Không tìm thấy phong trào thi đua.", { status: 404 });
  const m = data.movement;
  const filters = [`Phong trào: ${m.title} (${m.year})`, `Đơn vị tổ chức: ${m.unit.name}`];
  const title = (what: string) => `TỔNG QUAN PHONG TRÀO THI ĐUA — ${what}`;
  const bytes = await writeSpreadsheet(
    listSheet({
      sheetName: "Theo trạng thái",
      title: title("HỒ SƠ THEO TRẠNG THÁI"),
      filters,
      rows: DOSSIER_STATES.map((state) => ({ state, count: data.byState[state] })),
      columns: [
        { header: "Trạng thái", value: (row) => DOSSIER_STATE_LABELS[row.state] },
        { header: "Số hồ sơ", type: "integer", value: (row) => row.count },
      ],
    }),
    listSheet({
      sheetName: "Theo đơn vị",
      title: title("HỒ SƠ THEO ĐƠN VỊ TRÌNH"),
      filters,
      rows: data.byUnit,
      columns: [
        { header: "Đơn vị trình", value: (row) => row.name },
        { header: "Tổng số hồ sơ", type: "integer", value: (row) => row.total },
        { header: "Đang xét", type: "integer", value: (row) => row.groups.in_progress },
        { header: "Được khen thưởng", type: "integer", value: (row) => row.groups.awarded },
        { header: "Không đạt", type: "integer", value: (row) => row.groups.not_passed },
        { header: "Nháp, đã rút", type: "integer", value: (row) => row.groups.other },
      ],
    }),
    listSheet({
      sheetName: "Số lượng khen thưởng",
      title: title("KHEN THƯỞNG SO VỚI SỐ LƯỢNG TỐI ĐA"),
      filters,
      rows: [
        ...data.quota.map((row) => ({
          label: capitalize(NOMINEE_KIND_LABELS[row.kind]),
          proposed: row.proposed,
          awarded: row.awarded,
          max: row.max,
        })),
        ...data.bySubject.map((row) => ({
          label: `Đối tượng: ${SUBJECT_KIND_LABELS[row.kind]}`,
          proposed: row.proposed,
          awarded: row.awarded,
          max: null,
        })),
      ],
      columns: [
        { header: "Cá nhân / tập thể / đối tượng", value: (row) => row.label },
        { header: "Đã đề nghị", type: "integer", value: (row) => row.proposed },
        { header: "Được khen thưởng", type: "integer", value: (row) => row.awarded },
        { header: "Tối đa", type: "integer", value: (row) => row.max },
      ],
    }),
    listSheet({
      sheetName: "Chỉ tiêu",
      title: title("KẾT QUẢ THEO CHỈ TIÊU THI ĐUA"),
      filters,
      rows: data.targets,
      columns: [
        { header: "Chỉ tiêu", width: 50, value: (row) => row.label },
        { header: "Yêu cầu", value: (row) => row.requirement },
        { header: "Số hồ sơ áp dụng", type: "integer", value: (row) => row.applicable },
        { header: FIGURE_STATUS_LABELS.met, type: "integer", value: (row) => row.counts.met },
        { header: FIGURE_STATUS_LABELS.unmet, type: "integer", value: (row) => row.counts.unmet },
        { header: FIGURE_STATUS_LABELS.missing, type: "integer", value: (row) => row.counts.missing },
        { header: FIGURE_STATUS_LABELS.not_applicable, type: "integer", value: (row) => row.counts.not_applicable },
        { header: "Thấp nhất", type: "number", value: (row) => row.spread?.min },
        { header: "Trung vị", type: "number", value: (row) => row.spread?.median },
        { header: "Cao nhất", type: "number", value: (row) => row.spread?.max },
        { header: "Đơn vị tính", value: (row) => row.unit },
      ],
    }),
    listSheet({
      sheetName: "Quá hạn",
      title: title("HỒ SƠ QUÁ HẠN XỬ LÝ"),
      filters,
      rows: data.overdue,
      columns: [
        { header: "Người (tập thể) được đề nghị", value: (row) => row.name },
        { header: "Đơn vị trình", value: (row) => row.unit },
        { header: "Trạng thái", value: (row) => DOSSIER_STATE_LABELS[row.state] },
        { header: "Hạn xử lý", type: "date", value: (row) => row.dueAt },
        { header: "Quá hạn (ngày làm việc)", type: "integer", value: (row) => row.workingDaysLate },
      ],
    }),
    listSheet({
      sheetName: "Phiên họp Hội đồng",
      title: title("THAM GIA CÁC PHIÊN HỌP CỦA HỘI ĐỒNG"),
      filters,
      rows: data.votingSessions,
      columns: [
        { header: "Phiên họp", value: (row) => row.title },
        { header: "Mở lúc", type: "date", value: (row) => row.openedAt },
        { header: "Kết thúc", type: "date", value: (row) => row.closedAt },
        { header: "Thành viên", type: "integer", value: (row) => row.members },
        { header: "Thành viên đã bỏ phiếu", type: "integer", value: (row) => row.voters },
        { header: "Phiếu đã bỏ", type: "integer", value: (row) => row.receipts },
        { header: "Phiếu phải bỏ", type: "integer", value: (row) => row.ballotsDue },
        { header: "Hồ sơ", type: "integer", value: (row) => row.dossiers },
        { header: "Hồ sơ được thông qua", type: "integer", value: (row) => (row.state === "closed" ? row.passed : null) },
      ],
    }),
  );
  return xlsxResponse(bytes, `tong-quan-phong-trao-${m.year}.xlsx`);
}
