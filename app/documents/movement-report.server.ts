// The reports sent to the level above, as ReportViews (app/documents/report-layout.server.ts): the movement's
// summary report (báo cáo tổng kết phong trào) and the statistics of awards over a period (báo cáo thống kê).
import { AWARD_FORM_LABELS, AWARD_TITLE_LABELS, NOMINEE_KIND_LABELS, awardLabel, percent, twoDigits } from "#machines/index.ts";
import type { AwardStatistics, MovementSummary, StatisticsCounts } from "~/models/reports.server.ts";
import { formatDate } from "~/utils/format.ts";
import { requirementWords } from "./dossier-documents.server.ts";
import type { ReportView } from "./report-layout.server.ts";
import { localityOf, placeDate } from "./wording.server.ts";

const SIGNER = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"];
const NUMBER = "……/BC-UBND"; // numbered by the office when signed
const FILL_IN = "……………………………………………………………………………………………………………………";

/** The numbers of the summary report, in its order: what its table, the .xlsx and the tests read. */
export function summaryCounts(summary: MovementSummary): Array<[string, number]> {
  const c = summary.counts;
  return [
    ["Hồ sơ đề nghị khen thưởng đã tiếp nhận", c.received],
    ["Hồ sơ trả lại để bổ sung (ít nhất một lần)", c.returned],
    ["Hồ sơ được Hội đồng Thi đua – Khen thưởng thông qua", c.councilPassed],
    ["Hồ sơ Hội đồng Thi đua – Khen thưởng không thông qua", c.councilFailed],
    ["Hồ sơ được Chủ tịch UBND phê duyệt khen thưởng", c.approved],
    ["Hồ sơ không được phê duyệt", c.rejected],
    ["Đã cấp Giấy khen", c.awarded],
    ["Giấy khen đã bị thu hồi", c.revoked],
  ];
}

export function summaryView(summary: MovementSummary, now = new Date()): ReportView {
  const m = summary.movement;
  const unitName = m.unit.name;
  const quotas = summary.dashboard.quota
    .filter((row) => row.max !== null)
    .map((row) => `không quá ${twoDigits(row.max!)} ${NOMINEE_KIND_LABELS[row.kind]} (đã khen thưởng ${twoDigits(row.awarded)})`);
  return {
    unitName,
    number: NUMBER,
    placeDate: placeDate(m.unit.placeName ?? localityOf(unitName), now),
    title: "BÁO CÁO",
    subtitle: `Tổng kết phong trào thi đua “${m.title}” năm ${m.year}`,
    addressee: summary.addressee,
    intro: [
      ...m.legalBasis.map((line) => line.trim()).filter(Boolean),
      `${unitName.replace(/^UBND/, "Ủy ban nhân dân")} báo cáo kết quả tổ chức thực hiện phong trào thi đua và công tác khen thưởng như sau:`,
    ],
    sections: [
      {
        heading: "I. KẾT QUẢ TIẾP NHẬN, XÉT HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG",
        table: {
          columns: [
            { title: "TT", width: 8, align: "center" },
            { title: "Nội dung", width: 70 },
            { title: "Số lượng", width: 18, align: "center" },
          ],
          rows: summaryCounts(summary).map(([label, value], i) => [String(i + 1), label, String(value)]),
        },
        after: quotas.length > 0 ? [`Số lượng khen thưởng theo Kế hoạch: ${quotas.join("; ")}.`] : [],
      },
      {
        heading: "II. DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG",
        paragraphs: summary.awardees.length === 0 ? ["Chưa có cá nhân, tập thể nào được khen thưởng."] : [],
        table:
          summary.awardees.length === 0
            ? undefined
            : {
                columns: [
                  { title: "TT", width: 7, align: "center" },
                  { title: "Họ và tên (tên tập thể)", width: 24 },
                  { title: "Chức vụ, đơn vị", width: 24 },
                  { title: "Danh hiệu, hình thức khen thưởng", width: 24 },
                  { title: "Quyết định số, ngày", width: 18 },
                  { title: "Số sổ vàng", width: 14, align: "center" },
                ],
                rows: summary.awardees.map((a, i) => [
                  String(i + 1),
                  a.name,
                  a.detail ?? "",
                  awardLabel(AWARD_FORM_LABELS[a.awardForm], a.awardTitle && AWARD_TITLE_LABELS[a.awardTitle]),
                  `${a.decisionNumber}\nngày ${formatDate(a.decisionDate)}`,
                  [a.registerNumber ?? "Chưa cấp Giấy khen", a.revoked ? "(đã thu hồi)" : ""].filter(Boolean).join("\n"),
                ]),
              },
      },
      {
        heading: "III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU THI ĐUA",
        paragraphs: summary.dashboard.targets.length === 0 ? ["Phong trào không đặt chỉ tiêu định lượng."] : [],
        table:
          summary.dashboard.targets.length === 0
            ? undefined
            : {
                columns: [
                  { title: "TT", width: 7, align: "center" },
                  { title: "Chỉ tiêu", width: 43 },
                  { title: "Yêu cầu", width: 14, align: "center" },
                  { title: "Số hồ sơ áp dụng", width: 12, align: "center" },
                  { title: "Đạt", width: 9, align: "center" },
                  { title: "Chưa đạt", width: 9, align: "center" },
                  { title: "Tỷ lệ đạt", width: 11, align: "center" },
                ],
                rows: summary.dashboard.targets.map((t, i) => [
                  String(i + 1),
                  t.label,
                  requirementWords(t.requirement),
                  String(t.applicable),
                  String(t.counts.met),
                  String(t.counts.unmet),
                  percent(t.counts.met, t.applicable),
                ]),
              },
      },
      { heading: "IV. ĐÁNH GIÁ CHUNG, KIẾN NGHỊ", paragraphs: [FILL_IN, FILL_IN] },
    ],
    recipients: summary.addressee
      ? [`- ${summary.addressee} (b/c);`, "- TT. Đảng ủy, HĐND xã (b/c);", "- Lưu: VT, VP."]
      : ["- TT. Đảng ủy, HĐND xã (b/c);", "- Lưu: VT, VP."],
    signer: { titleLines: SIGNER, name: summary.chairmanName ?? "" },
  };
}

/** The header of the statistics table and the cells of a row, in the order of STATISTICS_COLUMNS. */
export const STATISTICS_HEADERS = [
  "Tổng số",
  "Tập thể",
  "Cá nhân: tổng số",
  "Trong đó: người đứng đầu",
  "Cán bộ, công chức chuyên môn",
  "Người hoạt động không chuyên trách",
  "Hộ gia đình",
];

export function statisticsCells(counts: StatisticsCounts): number[] {
  return [
    counts.total,
    counts.collective,
    counts.individual,
    counts.bySubject.unit_head,
    counts.bySubject.civil_servant,
    counts.bySubject.part_time_worker,
    counts.household,
  ];
}

export function statisticsView(stats: AwardStatistics, now = new Date()): ReportView {
  const addressee = stats.addressee;
  const period = `từ ngày ${formatIso(stats.from)} đến ngày ${formatIso(stats.to)}`;
  const numberColumns = STATISTICS_HEADERS.map((title) => ({ title, width: 10, align: "center" as const }));
  return {
    unitName: stats.unit.name,
    number: NUMBER,
    placeDate: placeDate(stats.unit.placeName ?? localityOf(stats.unit.name), now),
    title: "BÁO CÁO THỐNG KÊ",
    subtitle: `Số lượng khen thưởng ${period}`,
    addressee,
    intro: [
      `Biểu tổng hợp số lượng khen thưởng theo hình thức khen thưởng, danh hiệu thi đua và đối tượng được khen thưởng của ${stats.unit.name.replace(/^UBND/, "Ủy ban nhân dân")}; mỗi lượt khen thưởng là một cá nhân, tập thể hoặc hộ gia đình trong danh sách kèm theo quyết định khen thưởng đã ký trong kỳ báo cáo.`,
    ],
    sections: [
      {
        heading: "I. SỐ LƯỢNG KHEN THƯỞNG THEO HÌNH THỨC KHEN THƯỞNG",
        table: {
          columns: [{ title: "TT", width: 6, align: "center" }, { title: "Hình thức khen thưởng", width: 26 }, ...numberColumns],
          rows: [
            ...stats.byForm.map((row, i) => [String(i + 1), AWARD_FORM_LABELS[row.form], ...statisticsCells(row.counts).map(String)]),
            ["", "Tổng cộng", ...statisticsCells(stats.total).map(String)],
            ["", "Trong đó: đã thu hồi", ...statisticsCells(stats.revoked).map(String)],
          ],
        },
      },
      {
        heading: "II. SỐ LƯỢNG DANH HIỆU THI ĐUA",
        paragraphs: stats.byTitle.length === 0 ? ["Không có danh hiệu thi đua nào được tặng trong kỳ báo cáo."] : [],
        table:
          stats.byTitle.length === 0
            ? undefined
            : {
                columns: [{ title: "TT", width: 6, align: "center" }, { title: "Danh hiệu thi đua", width: 26 }, ...numberColumns],
                rows: stats.byTitle.map((row, i) => [
                  String(i + 1),
                  AWARD_TITLE_LABELS[row.title],
                  ...statisticsCells(row.counts).map(String),
                ]),
              },
      },
      {
        heading: "III. KHEN THƯỞNG THEO PHONG TRÀO THI ĐUA (THEO ĐỢT, CHUYÊN ĐỀ)",
        paragraphs: stats.byMovement.length === 0 ? ["Không có lượt khen thưởng nào trong kỳ báo cáo."] : [],
        table:
          stats.byMovement.length === 0
            ? undefined
            : {
                columns: [
                  { title: "TT", width: 6, align: "center" },
                  { title: "Phong trào thi đua", width: 50 },
                  { title: "Tổng số", width: 11, align: "center" },
                  { title: "Tập thể", width: 11, align: "center" },
                  { title: "Cá nhân", width: 11, align: "center" },
                  { title: "Hộ gia đình", width: 11, align: "center" },
                ],
                rows: stats.byMovement.map((row, i) => [
                  String(i + 1),
                  `${row.title} (${row.year})`,
                  String(row.counts.total),
                  String(row.counts.collective),
                  String(row.counts.individual),
                  String(row.counts.household),
                ]),
              },
      },
    ],
    recipients: addressee ? [`- ${addressee} (b/c);`, "- Lưu: VT, VP."] : ["- Lưu: VT, VP."],
    signer: { titleLines: SIGNER, name: stats.chairmanName ?? "" },
    tableSize: 9,
  };
}

/** "2026-01-01" → "01/01/2026". */
function formatIso(iso: string): string {
  const [year, month, day] = iso.split("-");
  return `${day}/${month}/${year}`;
}
