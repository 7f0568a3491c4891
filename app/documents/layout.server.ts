// What official documents need beyond app/utils/pdf.server.ts: justified paragraphs with a bold
// lead ("Điều 1."), the two-column header, the signature block and page numbers from page 2.
import type { PDFDocument, PDFFont, PDFPage } from "pdf-lib";
import { BLACK, MM, RED, type FontName, type PdfWriter } from "~/utils/pdf.server.ts";
import { authorityLines, upperVi } from "./wording.server.ts";

export type Run = { text: string; font?: FontName };

/**
 * A paragraph of runs (each its own face), wrapped to the writer's width, first line indented,
 * justified except its last line (Nghị định 30/2020: text aligned on both sides).
 */
export function paragraph(
  w: PdfWriter,
  runs: Run[],
  { size = 14, indent = 10 * MM, justify = true, lineGap = 0.15, x = w.left, width = w.width } = {},
): void {
  const words: Array<{ text: string; font: PDFFont }> = runs.flatMap((run) =>
    run.text
      .split(/\s+/)
      .filter(Boolean)
      .map((text) => ({ text, font: w.fonts[run.font ?? "regular"] })),
  );
  const space = w.fonts.regular.widthOfTextAtSize(" ", size);
  const lineHeight = size * (1.25 + lineGap);
  let index = 0;
  let first = true;
  while (index < words.length) {
    const available = width - (first ? indent : 0);
    const line: typeof words = [];
    let used = 0;
    while (index < words.length) {
      const word = words[index]!;
      const wordWidth = word.font.widthOfTextAtSize(word.text, size);
      const next = used + (line.length > 0 ? space : 0) + wordWidth;
      if (line.length > 0 && next > available) break;
      line.push(word);
      used = next;
      index++;
    }
    const last = index >= words.length;
    const gaps = line.length - 1;
    const extra = justify && !last && gaps > 0 ? (available - used) / gaps : 0;
    w.ensure(lineHeight);
    let cursor = x + (first ? indent : 0);
    for (const word of line) {
      w.drawText(word.text, { x: cursor, y: w.y - size, size, font: word.font, color: BLACK });
      cursor += word.font.widthOfTextAtSize(word.text, size) + space + extra;
    }
    w.y -= lineHeight;
    first = false;
  }
}

/** A short rule under the line just written, `length` wide, centred on the column [x, x + width]; clear of descenders. */
export function rule(w: PdfWriter, length: number, { x = w.left, width = w.width, below = 2.5 } = {}): void {
  const start = x + (width - length) / 2;
  const y = w.y - below;
  w.drawLine({ start: { x: start, y }, end: { x: start + length, y }, thickness: 0.6, color: BLACK });
  w.y = y - 1;
}

/**
 * The header of an administrative document: the issuing body and its number left, the Quốc hiệu,
 * tiêu ngữ and the place and date right (italic), each centred in its column.
 */
export function officialHeader(
  w: PdfWriter,
  { unitName, parentName, number, placeDate }: { unitName: string; parentName?: string | null; number?: string | null; placeDate: string },
): void {
  const leftWidth = w.width * 0.42;
  const rightWidth = w.width - leftWidth;
  const top = w.y;

  // Left: the body's name "ỦY BAN NHÂN DÂN" / "XÃ TAM PHƯỚC" (bold) — or, for a department, the body
  // above it (regular) and the department (bold) — a short rule, then "Số: …".
  const lines: Array<{ text: string; bold: boolean }> = parentName
    ? [
        // The body above may be abbreviated (Nghị định 30/2020): "UBND XÃ TAM PHƯỚC" fits one line.
        { text: upperVi(parentName), bold: false },
        { text: upperVi(unitName), bold: true },
      ]
    : authorityLines(unitName).map((text) => ({ text, bold: true }));
  for (const line of lines)
    w.text(line.text, { font: line.bold ? "bold" : "regular", size: 12.5, align: "center", lineGap: -0.05 }, w.left, leftWidth);
  rule(w, 22 * MM, { x: w.left, width: leftWidth });
  w.y -= 3 * MM;
  if (number) w.text(`Số: ${number}`, { size: 13, align: "center" }, w.left, leftWidth);
  const leftBottom = w.y;

  // Right: Quốc hiệu (bold, 12), tiêu ngữ (bold, 13) underlined its whole length, then the date.
  w.y = top;
  w.text(
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    { font: "bold", size: 12.5, align: "center", lineGap: -0.05 },
    w.left + leftWidth,
    rightWidth,
  );
  w.text("Độc lập - Tự do - Hạnh phúc", { font: "bold", size: 13.5, align: "center", lineGap: -0.05 }, w.left + leftWidth, rightWidth);
  rule(w, w.fonts.bold.widthOfTextAtSize("Độc lập - Tự do - Hạnh phúc", 13.5), { x: w.left + leftWidth, width: rightWidth });
  w.y -= 3 * MM;
  w.text(placeDate, { font: "italic", size: 13.5, align: "center" }, w.left + leftWidth, rightWidth);
  w.y = Math.min(w.y, leftBottom);
}

/** Where a digital signature's visible block was drawn: the page and its rectangle [x1, y1, x2, y2] in points. */
export type StampPlace = { page: PDFPage; rect: [number, number, number, number] };

/**
 * "Nơi nhận:" left, the signer right: "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH", space for signature and seal, name.
 * `stamp`: the lines of a digital signature's visible block ("Ký bởi: …"), boxed in that space; its place is returned.
 */
export function signatureBlock(
  w: PdfWriter,
  {
    recipients,
    titleLines,
    signerName,
    space = 28 * MM,
    stamp,
  }: { recipients: string[]; titleLines: string[]; signerName: string; space?: number; stamp?: string[] },
): StampPlace | null {
  const needed = Math.max(recipients.length * 5.5 * MM + 8 * MM, titleLines.length * 7 * MM + space + 8 * MM);
  w.ensure(needed);
  const top = w.y;
  const leftWidth = w.width * 0.45;
  const rightWidth = w.width - leftWidth;
  if (recipients.length > 0) {
    w.text("Nơi nhận:", { font: "boldItalic", size: 12, lineGap: -0.1 }, w.left, leftWidth);
    for (const line of recipients) w.text(line, { size: 11, lineGap: -0.1 }, w.left, leftWidth);
  }
  const leftBottom = w.y;
  w.y = top;
  for (const line of titleLines) w.text(line, { font: "bold", size: 14, align: "center", lineGap: -0.05 }, w.left + leftWidth, rightWidth);
  const place = stamp ? stampBox(w, stamp, { x: w.left + leftWidth, width: rightWidth, height: space }) : null;
  w.y -= space;
  w.text(signerName, { font: "bold", size: 14, align: "center" }, w.left + leftWidth, rightWidth);
  w.y = Math.min(w.y, leftBottom);
  return place;
}

/** A framed block of small lines centred in [x, x + width] × [y, y − height]: the visible part of a digital signature. */
function stampBox(w: PdfWriter, lines: string[], area: { x: number; width: number; height: number }): StampPlace {
  const font = w.fonts.regular;
  const width = Math.min(area.width - 4 * MM, 78 * MM);
  const padding = 2 * MM;
  const size = Math.max(6.5, Math.min(9.5, ...lines.map((line) => (9.5 * (width - 2 * padding)) / font.widthOfTextAtSize(line, 9.5))));
  const lineHeight = size * 1.3;
  const height = lines.length * lineHeight + 2 * padding;
  const x = area.x + (area.width - width) / 2;
  const top = w.y - Math.max(0, (area.height - height) / 2);
  w.drawRectangle({ x, y: top - height, width, height, borderWidth: 0.8, borderColor: RED });
  lines.forEach((line, i) =>
    w.drawText(line, { x: x + padding, y: top - padding - (i + 1) * lineHeight + size * 0.3, size, font, color: RED }),
  );
  return { page: w.page, rect: [x, top - height, x + width, top] };
}

/** Title lines of a signer: the chairman signs "CHỦ TỊCH"; a vice-chairman on the chairman's behalf "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH". */
export function signerTitleLines(signerTitle: string, onBehalf: boolean): string[] {
  return onBehalf ? ["KT. CHỦ TỊCH", signerTitle] : [signerTitle];
}

/** Page numbers from the second page, centred in the top margin (Nghị định 30/2020). */
export function numberPages(doc: PDFDocument, font: PDFFont, size = 13): void {
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    if (i === 0) return;
    const text = String(i + 1);
    const { width, height } = page.getSize();
    page.drawText(text, { x: (width - font.widthOfTextAtSize(text, size)) / 2 + 7.5 * MM, y: height - 12 * MM, size, font, color: BLACK });
  });
}
