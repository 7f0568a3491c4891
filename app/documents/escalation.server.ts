// The commune's Tờ trình to the level above (đề nghị cấp trên khen thưởng), from the Escalation row.
import type { PDFDocument } from "pdf-lib";
import { MM, PdfWriter, renderPdf, type Fonts } from "~/utils/pdf.server.ts";
import { numberPages, officialHeader, paragraph, rule, signatureBlock } from "./layout.server.ts";
import { LAWS, authorityName, emulationDecree, localityOf, placeDate } from "./wording.server.ts";

export type EscalationDocument = {
  number: string;
  proposedAt: Date;
  fromUnitName: string;
  place: string;
  toUnitName: string;
  routingNote: string | null;
  nomineeLine: string;
  movement: { title: string; year: number; legalBasis: string[] };
  decision: { number: string; decidedAt: Date } | null;
  councilMeetings: Date[];
  enclosures: string[];
  signerName: string;
  signerTitle: string;
  onBehalf: boolean;
};

const dd = (date: Date) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric" }).format(date);

export function escalationProposalPdf(d: EscalationDocument): Promise<Uint8Array> {
  return renderPdf(`Tờ trình số ${d.number} — đề nghị khen thưởng`, (doc, fonts) => drawProposal(doc, fonts, d));
}

function drawProposal(doc: PDFDocument, fonts: Fonts, d: EscalationDocument): void {
  const from = authorityName(d.fromUnitName);
  const to = authorityName(d.toUnitName);
  const w = new PdfWriter(doc, fonts);
  officialHeader(w, { unitName: d.fromUnitName, number: d.number, placeDate: placeDate(d.place, d.proposedAt) });
  w.gap(7);
  w.text("TỜ TRÌNH", { font: "bold", size: 14, align: "center" });
  w.text(
    `Về việc đề nghị khen thưởng cho ${d.nomineeLine} đã có thành tích xuất sắc trong phong trào thi đua “${d.movement.title}” năm ${d.movement.year}`,
    { font: "bold", size: 14, align: "center" },
    w.left + 8 * MM,
    w.width - 16 * MM,
  );
  rule(w, 40 * MM);
  w.gap(4);
  w.text(`Kính gửi: Chủ tịch ${to}.`, { size: 14, align: "center" });
  w.gap(4);
  const basis = [
    `Căn cứ ${LAWS.emulation2022};`,
    `Căn cứ ${emulationDecree(d.proposedAt)};`,
    ...d.movement.legalBasis.filter((line) => line.trim()).map((line) => `${line.trim().replace(/[.;,\s]+$/, "")};`),
    ...(d.councilMeetings.length > 0
      ? [`Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng xã ngày ${d.councilMeetings.map(dd).join(", ")};`]
      : []),
    ...(d.decision
      ? [`Căn cứ Quyết định số ${d.decision.number} ngày ${dd(d.decision.decidedAt)} của Chủ tịch ${from} về việc tặng Giấy khen;`]
      : []),
  ];
  for (const line of basis) paragraph(w, [{ text: line, font: "italic" }], { size: 14 });
  paragraph(
    w,
    [
      {
        text: `${from} kính đề nghị Chủ tịch ${to} xem xét, khen thưởng cho ${d.nomineeLine} đã có thành tích xuất sắc trong phong trào thi đua “${d.movement.title}” năm ${d.movement.year}${d.decision ? `, đã được Chủ tịch Ủy ban nhân dân ${localityOf(d.fromUnitName)} tặng Giấy khen tại Quyết định số ${d.decision.number}` : ""}.`,
      },
    ],
    { size: 14 },
  );
  if (d.routingNote) paragraph(w, [{ text: `Ghi chú: ${d.routingNote}`, font: "italic" }], { size: 13 });
  paragraph(w, [{ text: "Hồ sơ kèm theo gồm:" }], { size: 14 });
  d.enclosures.forEach((line, i) => paragraph(w, [{ text: `${i + 1}. ${line};` }], { size: 14 }));
  // The closing paragraph goes with the signature block, so the block never stands alone on a page.
  w.keepTogether(() => {
    paragraph(w, [{ text: `${from} kính trình Chủ tịch ${to} xem xét, quyết định./.` }], { size: 14 });
    w.gap(5);
    signatureBlock(w, {
      recipients: ["- Như trên;", "- Chủ tịch UBND xã;", "- Lưu: VT, VP."],
      titleLines: ["TM. ỦY BAN NHÂN DÂN", ...(d.onBehalf ? ["KT. CHỦ TỊCH"] : []), d.signerTitle],
      signerName: d.signerName,
    });
  });
  numberPages(doc, fonts.regular);
}
