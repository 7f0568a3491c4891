// Báo cáo tổng kết phong trào as .xlsx: the numbers, the awardees with their decisions, the targets.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { AWARD_FORM_LABELS, AWARD_TITLE_LABELS, NOMINEE_KIND_LABELS, SUBJECT_KIND_LABELS, capitalize } from "#machines/index.ts";
import { summaryCounts } from "~/documents/movement-report.server.ts";
import { summaryFor } from "~/utils/report-routes.server.ts";
import { listSheet, writeSpreadsheet, xlsxResponse } from "~/utils/spreadsheet.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const summary = await summaryFor(request, params.movementId!);
  const m = summary.movement;
  const filters = [
    `Phong trào: ${m.title} (${m.year})`,
    `Đơn vị tổ chức: ${m.unit.name}`,
    ...(summary.addressee ? [`Kính gửi: ${summary.addressee}`] : []),
  ];
  const bytes = await writeSpreadsheet(
    listSheet({
      sheetName: "Tổng hợp",
      title: "BÁO CÁO TỔNG KẾT PHONG TRÀO THI ĐUA — KẾT QUẢ XÉT KHEN THƯỞNG",
      filters,
      rows: summaryCounts(summary),
      columns: [
        { header: "Nội dung", width: 60, value: ([label]) => label },
        { header: "Số lượng", type: "integer", value: ([, value]) => value },
      ],
    }),
    listSheet({
      sheetName: "Danh sách khen thưởng",
      title: "DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG",
      filters,
      rows: summary.awardees.map((a, i) => ({ ...a, index: i + 1 })),
      columns: [
        { header: "STT", type: "integer", width: 6, value: (a) => a.index },
        { header: "Họ và tên (tên tập thể)", value: (a) => a.name },
        { header: "Cá nhân/tập thể", value: (a) => capitalize(NOMINEE_KIND_LABELS[a.kind]) },
        { header: "Đối tượng", value: (a) => capitalize(SUBJECT_KIND_LABELS[a.subjectKind]) },
        { header: "Chức vụ, đơn vị", width: 40, value: (a) => a.detail },
        { header: "Số quyết định", value: (a) => a.decisionNumber },
        { header: "Ngày quyết định", type: "date", value: (a) => a.decisionDate },
        { header: "Danh hiệu thi đua", value: (a) => (a.awardTitle ? AWARD_TITLE_LABELS[a.awardTitle] : null) },
        { header: "Hình thức khen thưởng", width: 32, value: (a) => AWARD_FORM_LABELS[a.awardForm] },
        { header: "Số sổ vàng", value: (a) => a.registerNumber },
        { header: "Số hiệu Giấy khen", value: (a) => a.serial },
        { header: "Thu hồi", value: (a) => (a.revoked ? "Đã thu hồi" : null) },
      ],
    }),
    listSheet({
      sheetName: "Chỉ tiêu",
      title: "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU THI ĐUA",
      filters,
      rows: summary.dashboard.targets,
      columns: [
        { header: "Chỉ tiêu", width: 50, value: (t) => t.label },
        { header: "Yêu cầu", value: (t) => t.requirement },
        { header: "Số hồ sơ áp dụng", type: "integer", value: (t) => t.applicable },
        { header: "Đạt", type: "integer", value: (t) => t.counts.met },
        { header: "Chưa đạt", type: "integer", value: (t) => t.counts.unmet },
        { header: "Chưa có số liệu", type: "integer", value: (t) => t.counts.missing },
        { header: "Không phát sinh", type: "integer", value: (t) => t.counts.not_applicable },
        {
          header: "Tỷ lệ đạt (%)",
          type: "number",
          value: (t) => (t.applicable === 0 ? null : Math.round((t.counts.met * 1000) / t.applicable) / 10),
        },
      ],
    }),
  );
  return xlsxResponse(bytes, `bao-cao-tong-ket-phong-trao-${m.year}.xlsx`);
}
