// The award decision (Quyết định khen thưởng) as a PDF in the layout of Nghị định 30/2020/NĐ-CP:
// header, title, the chairman's authority, Căn cứ lines, Điều 1–3, Nơi nhận, signature, then the list.
import type { DecisionDocument } from "~/models/award-decision.server.ts";
import type { PDFDocument } from "pdf-lib";
import { MM, PdfWriter, renderPdf, type Fonts } from "~/utils/pdf.server.ts";
import { addSignaturePlaceholder, signPdf, type DocumentSigner } from "~/utils/pdf-signature.server.ts";
import { formatDate } from "~/utils/format.ts";
import { numberPages, officialHeader, paragraph, rule, signatureBlock, signerTitleLines, type StampPlace } from "./layout.server.ts";
import { authorityName, count, placeDate, upperVi, vndAmount, vndInWords } from "./wording.server.ts";

/** The three articles, from the stored decision (Điều 2 is the prize when the movement sets one). */
export function decisionArticles(d: DecisionDocument): Array<{ label: string; text: string }> {
  const execution = `Chánh Văn phòng Ủy ban nhân dân xã, Thủ trưởng các bộ phận, đơn vị có liên quan và ${d.entries.length > 1 ? "các cá nhân, tập thể" : "cá nhân, tập thể"} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.`;
  const award = `Tặng ${d.titlesPhrase}Giấy khen của Chủ tịch Ủy ban nhân dân ${d.locality} cho ${d.awardeesPhrase} đã có thành tích xuất sắc trong phong trào thi đua “${d.movement.title}” năm ${d.movement.year} (có danh sách kèm theo).`;
  if (d.prize !== null && d.prize > 0) {
    const total = d.entries.reduce((sum, entry) => sum + (entry.prize ?? 0), 0);
    return [
      { label: "Điều 1.", text: award },
      {
        label: "Điều 2.",
        text: `Kèm theo Giấy khen, mỗi cá nhân, tập thể có tên tại Điều 1 được tặng tiền thưởng ${vndAmount(d.prize)} (${vndInWords(d.prize)}). Tổng số tiền thưởng: ${vndAmount(total)} (${vndInWords(total)}), chi từ Quỹ Thi đua, khen thưởng của xã theo quy định.`,
      },
      { label: "Điều 3.", text: `Quyết định này có hiệu lực kể từ ngày ký. ${execution}` },
    ];
  }
  return [
    { label: "Điều 1.", text: award },
    { label: "Điều 2.", text: "Quyết định này có hiệu lực kể từ ngày ký." },
    { label: "Điều 3.", text: execution },
  ];
}

/** The attached list: "DANH SÁCH … (Kèm theo Quyết định số … ngày … của Chủ tịch UBND xã …)". */
function attachedList(w: PdfWriter, d: DecisionDocument): void {
  w.newPage();
  w.text("DANH SÁCH", { font: "bold", size: 14, align: "center" });
  w.text(`Cá nhân, tập thể được tặng ${d.titlesPhrase}Giấy khen của Chủ tịch Ủy ban nhân dân ${d.locality}`, {
    font: "bold",
    size: 14,
    align: "center",
  });
  w.text(`(Kèm theo Quyết định số ${d.number} ngày ${formatDate(d.decidedAt)} của Chủ tịch Ủy ban nhân dân ${d.locality})`, {
    font: "italic",
    size: 13,
    align: "center",
  });
  rule(w, 40 * MM);
  w.gap(5);
  const withPrize = d.prize !== null && d.prize > 0;
  // The title column only when the decision confers one; the form is always said.
  const withTitle = d.entries.some((entry) => entry.awardTitle);
  const groups = [
    { kind: "individual", title: "CÁ NHÂN", noun: "cá nhân" },
    { kind: "collective", title: "TẬP THỂ", noun: "tập thể" },
    { kind: "household", title: "HỘ GIA ĐÌNH", noun: "hộ gia đình" },
  ] as const;
  const present = groups.filter((group) => d.entries.some((entry) => entry.kind === group.kind));
  present.forEach((group, gi) => {
    const entries = d.entries.filter((entry) => entry.kind === group.kind);
    if (present.length > 1) w.heading(`${["I", "II", "III"][gi]}. ${group.title} (${count(entries.length, group.noun)})`, { size: 13 });
    const columns = [
      { title: "STT", width: 12, align: "center" as const },
      { title: group.kind === "individual" ? "Họ và tên" : "Tên tập thể", width: 45 },
      { title: group.kind === "individual" ? "Chức vụ, đơn vị công tác" : "Đơn vị", width: withTitle ? 50 : 65 },
      ...(withTitle ? [{ title: "Danh hiệu thi đua", width: 32 }] : []),
      { title: "Hình thức khen thưởng", width: 36 },
      ...(withPrize ? [{ title: "Tiền thưởng (đồng)", width: 28, align: "right" as const }] : []),
    ];
    w.table(
      columns,
      entries.map((entry, i) => [
        String(i + 1),
        entry.name,
        entry.detail ?? "",
        ...(withTitle ? [entry.awardTitle ?? "Không"] : []),
        entry.awardForm,
        ...(withPrize ? [new Intl.NumberFormat("vi-VN").format(entry.prize ?? 0)] : []),
      ]),
      12,
    );
    w.gap(3);
  });
  const total = d.entries.reduce((sum, entry) => sum + (entry.prize ?? 0), 0);
  w.text(`Tổng số: ${d.awardeesPhrase}.${withPrize ? ` Tổng số tiền thưởng: ${vndAmount(total)} (${vndInWords(total)}).` : ""}`, {
    font: "bold",
    size: 13,
  });
}

/** The lines of the visible digital signature: signer, issuing body, time (Vietnam, ISO 8601 offset). */
export function signatureStampLines(signing: { signerName: string; unitName: string; signedAt: Date }): string[] {
  return [`Ký bởi: ${signing.signerName}`, `Cơ quan: ${authorityName(signing.unitName)}`, `Thời gian ký: ${signingTime(signing.signedAt)}`];
}

/** "20/11/2026 10:00:00 +07:00" */
function signingTime(date: Date): string {
  const vn = new Date(date.getTime() + 7 * 3600_000).toISOString();
  return `${vn.slice(8, 10)}/${vn.slice(5, 7)}/${vn.slice(0, 4)} ${vn.slice(11, 19)} +07:00`;
}

/** Draws the decision; returns where the visible signature went when `stamp` lines are given. */
function drawDecision(doc: PDFDocument, fonts: Fonts, d: DecisionDocument, stamp?: string[]): StampPlace | null {
  doc.setSubject(d.subject);
  doc.setAuthor(d.authority);
  const w = new PdfWriter(doc, fonts);

  officialHeader(w, { unitName: d.unitName, number: d.number, placeDate: placeDate(d.place, d.decidedAt) });
  w.gap(7);
  w.text("QUYẾT ĐỊNH", { font: "bold", size: 14, align: "center" });
  w.text(d.subject, { font: "bold", size: 14, align: "center" }, w.left + 10 * MM, w.width - 20 * MM);
  rule(w, 40 * MM);
  w.gap(6);
  w.text(`CHỦ TỊCH ${upperVi(d.authority)}`, { font: "bold", size: 14, align: "center" });
  w.gap(4);
  for (const line of d.legalBasis) paragraph(w, [{ text: line, font: "italic" }], { size: 14 });
  w.gap(3);
  w.text("QUYẾT ĐỊNH:", { font: "bold", size: 14, align: "center" });
  w.gap(2);
  const articles = decisionArticles(d);
  const article = ({ label, text }: { label: string; text: string }) =>
    paragraph(w, [{ text: label, font: "bold" }, { text }], { size: 14 });
  for (const item of articles.slice(0, -1)) {
    article(item);
    w.gap(1);
  }
  // The last article moves to the next page with the signature block rather than leave the block alone there.
  const place = w.keepTogether(() => {
    article(articles[articles.length - 1]!);
    w.gap(6);
    return signatureBlock(w, {
      recipients: d.recipients,
      titleLines: signerTitleLines(d.signerTitle, d.onBehalf),
      signerName: d.signerName,
      stamp,
    });
  });

  attachedList(w, d);
  numberPages(doc, fonts.regular);
  return place;
}

/**
 * The decision as a PDF. With `signing`, it carries the visible signature block and a PAdES
 * signature made by `signing.signer` at `signing.signedAt`.
 */
export async function awardDecisionPdf(
  d: DecisionDocument,
  signing?: { signer: DocumentSigner; signedAt: Date; signerName: string },
): Promise<Uint8Array> {
  const title = `Quyết định số ${d.number} — ${d.subject}`;
  if (!signing) return renderPdf(title, (doc, fonts) => void drawDecision(doc, fonts, d));
  const stamp = signatureStampLines({ signerName: signing.signerName, unitName: d.unitName, signedAt: signing.signedAt });
  const prepared = await renderPdf(title, (doc, fonts) => {
    const place = drawDecision(doc, fonts, d, stamp);
    addSignaturePlaceholder(doc, place, {
      name: signing.signerName,
      reason: `Ký ban hành Quyết định số ${d.number}`,
      location: d.place,
      signedAt: signing.signedAt,
    });
  });
  return signPdf(prepared, signing.signer);
}
