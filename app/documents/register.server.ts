// Sổ theo dõi khen thưởng (sổ vàng) as a PDF: the unit's header, the register of the year in the order of its
// numbers, revoked awards marked, the totals and the blocks for the person keeping it and the head of the unit.
import { NOMINEE_KIND_LABELS } from "#machines/index.ts";
import type { AwardRegister } from "~/models/register.server.ts";
import { formatDate } from "~/utils/format.ts";
import { MM, PdfWriter, placeAndDate } from "~/utils/pdf.server.ts";
import { renderReport } from "./render.server.ts";
import { authorityLines, localityOf } from "./wording.server.ts";

/** "ĐÃ THU HỒI ngày 05/12/2026: lý do" — what the register notes against a revoked award. */
export function revocationNote(entry: { revokedAt: Date | null; revokedReason: string | null }): string {
  if (!entry.revokedAt) return "";
  return `ĐÃ THU HỒI ngày ${formatDate(entry.revokedAt)}${entry.revokedReason ? `: ${entry.revokedReason}` : ""}`;
}

export function awardRegisterPdf(register: AwardRegister, printedAt = new Date()): Promise<Uint8Array> {
  return renderReport(`Sổ theo dõi khen thưởng năm ${register.year} — ${register.unit.name}`, (doc, fonts) => {
    const w = new PdfWriter(doc, fonts, { top: 15 * MM, bottom: 15 * MM, left: 15 * MM, right: 12 * MM });
    w.columns([
      {
        width: w.width * 0.42,
        lines: authorityLines(register.unit.name).map((text) => ({ text, style: { font: "bold" as const, size: 11 } })),
      },
      {
        width: w.width * 0.58,
        lines: [
          { text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style: { font: "bold", size: 11 } },
          { text: "Độc lập - Tự do - Hạnh phúc", style: { font: "bold", size: 12 }, underline: true },
        ],
      },
    ]);
    w.gap(6);
    w.text("SỔ THEO DÕI KHEN THƯỞNG", { font: "bold", size: 15, align: "center" });
    w.text(`(Sổ vàng) năm ${register.year}`, { font: "bold", size: 13, align: "center" });
    w.text(register.unit.name, { font: "italic", size: 12, align: "center" });
    w.gap(4);
    const rows =
      register.entries.length === 0
        ? [["", "Không có lượt khen thưởng nào trong năm.", "", "", "", "", "", ""]]
        : register.entries.map((entry) => [
            entry.registerNumber,
            [entry.recipient, entry.detail].filter(Boolean).join("\n"),
            entry.awardTitle ?? "",
            entry.awardForm,
            entry.achievement,
            `${entry.decisionNumber}\nngày ${formatDate(entry.decisionDate)}`,
            `${entry.serial}\ncấp ngày ${formatDate(entry.issuedAt)}`,
            [
              NOMINEE_KIND_LABELS[entry.kind],
              ...(entry.revokedAt ? ["ĐÃ THU HỒI", revocationNote(entry).replace(/^ĐÃ THU HỒI /, "")] : []),
            ].join("\n"),
          ]);
    w.table(
      [
        // Widths so that the longest unbreakable words fit: "001/2026" and the serial "TP-2026-00001-4X8Q".
        { title: "Số vào sổ", width: 16, align: "center" },
        { title: "Người (tập thể) được khen thưởng; chức vụ, đơn vị", width: 28 },
        { title: "Danh hiệu thi đua", width: 14 },
        { title: "Hình thức khen thưởng", width: 16 },
        { title: "Thành tích", width: 26 },
        { title: "Quyết định số, ngày", width: 20 },
        { title: "Số hiệu Giấy khen", width: 32 },
        { title: "Ghi chú", width: 20 },
      ],
      rows,
      8.5,
    );
    w.gap(4);
    w.text(`Tổng số: ${register.total} lượt khen thưởng${register.revoked > 0 ? `, trong đó ${register.revoked} đã bị thu hồi` : ""}.`, {
      size: 11,
    });
    w.gap(4);
    w.ensure(40 * MM);
    w.text(placeAndDate(register.unit.placeName ?? localityOf(register.unit.name), printedAt), {
      font: "italic",
      size: 11,
      align: "right",
    });
    w.columns([
      {
        width: w.width / 2,
        lines: [
          { text: "NGƯỜI LẬP SỔ", style: { font: "bold", size: 11 } },
          { text: "(Ký, ghi rõ họ tên)", style: { font: "italic", size: 10 } },
        ],
      },
      {
        width: w.width / 2,
        lines: [
          { text: "THỦ TRƯỞNG ĐƠN VỊ", style: { font: "bold", size: 11 } },
          { text: "(Ký, đóng dấu)", style: { font: "italic", size: 10 } },
        ],
      },
    ]);
  });
}
