// A small flow layout over pdf-lib for official documents: Vietnamese text in Noto Serif,
// wrapped paragraphs, two-column headers, tables and signature blocks, A4 in millimetres.
// Every document is rendered twice so that its fonts carry only the glyphs it draws
// (docs/decisions/008-font-subsetting-and-keep-together.md).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import {
  PDFDocument,
  rgb,
  type PDFContentStream,
  type PDFRef,
  type PDFFont,
  type PDFPage,
  type PDFPageDrawLineOptions,
  type PDFPageDrawRectangleOptions,
  type PDFPageDrawTextOptions,
  type RGB,
} from "pdf-lib";
import subsetFont from "subset-font";

export const MM = 72 / 25.4;
export const A4 = { width: 210 * MM, height: 297 * MM };
export const RED = rgb(0.78, 0.06, 0.09);
export const BLACK = rgb(0, 0, 0);

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: "@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf",
  bold: "@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf",
  italic: "@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf",
  boldItalic: "@expo-google-fonts/noto-serif/700Bold_Italic/NotoSerif_700Bold_Italic.ttf",
} as const;
export type FontName = keyof typeof FONT_FILES;
const FONT_NAMES = Object.keys(FONT_FILES) as FontName[];

// The faces' bytes are read once per process and shared by every document; nothing per document is kept.
let fontBytes: Record<FontName, Uint8Array> | undefined;
function loadFontBytes(): Record<FontName, Uint8Array> {
  fontBytes ??= Object.fromEntries(
    Object.entries(FONT_FILES).map(([name, file]) => [name, new Uint8Array(readFileSync(require.resolve(file)))]),
  ) as unknown as Record<FontName, Uint8Array>;
  return fontBytes;
}

export type Fonts = Record<FontName, PDFFont>;

/** What a document draws on a new PDFDocument with the given faces; it must draw the same text whenever called with the same data. */
export type PdfBuild = (doc: PDFDocument, fonts: Fonts) => void | Promise<void>;

async function newDocument(title: string): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(title);
  doc.setLanguage("vi-VN");
  doc.setProducer("Thi đua – Khen thưởng");
  doc.setCreationDate(new Date(0)); // reproducible bytes: the same data gives the same file
  doc.setModificationDate(new Date(0));
  return doc;
}

/** Calls `onText` with every string drawn with `font` (pdf-lib encodes each drawn line through `encodeText`). */
function watch(font: PDFFont, onText: (text: string) => void): PDFFont {
  const encode = font.encodeText.bind(font);
  font.encodeText = (text: string) => {
    onText(text);
    return encode(text);
  };
  return font;
}

/**
 * Renders a document with its fonts cut to the characters it draws, so every glyph is there and
 * nothing else: a first pass lays it out with the whole faces (never saved) and records what each
 * face draws; HarfBuzz subsets each face to those characters (pdf-lib's own subsetting drops
 * Vietnamese glyphs, see STACK.md); the second pass lays it out again with the subsets, which have
 * the same advance widths, so the same lines break at the same places. A face only measured, never
 * drawn, is not embedded at all. Saved with `useObjectStreams: false` (what @signpdf needs too).
 */
export async function renderPdf(title: string, build: PdfBuild): Promise<Uint8Array> {
  const bytes = loadFontBytes();
  const drawn = await charactersDrawn(title, build);
  const doc = await newDocument(title);
  const fonts = {} as Fonts;
  // A face only measured comes from a document of its own: nothing of the first pass stays referenced.
  const measuring = FONT_NAMES.some((name) => drawn[name].size === 0) ? await newDocument(title) : null;
  for (const name of FONT_NAMES) {
    const characters = drawn[name];
    if (characters.size === 0) {
      fonts[name] = watch(await measuring!.embedFont(bytes[name], { subset: false }), (text) => {
        throw new Error(`renderPdf: "${text}" is drawn in ${name} only in the second pass; the build must be deterministic.`);
      });
      continue;
    }
    const subset = await subsetFont(Buffer.from(bytes[name]), [...characters].join(""), { targetFormat: "truetype" });
    fonts[name] = watch(await doc.embedFont(subset, { subset: false }), (text) => {
      for (const char of text)
        if (!characters.has(char))
          throw new Error(`renderPdf: "${char}" is drawn in ${name} only in the second pass; the build must be deterministic.`);
    });
  }
  await build(doc, fonts);
  return doc.save({ useObjectStreams: false });
}

/** The first pass: lays the document out with the whole faces, never saved, and returns the characters each face drew. */
async function charactersDrawn(title: string, build: PdfBuild): Promise<Record<FontName, Set<string>>> {
  const bytes = loadFontBytes();
  const drawn = Object.fromEntries(FONT_NAMES.map((name) => [name, new Set<string>()])) as Record<FontName, Set<string>>;
  const draft = await newDocument(title);
  const whole = {} as Fonts;
  for (const name of FONT_NAMES) {
    whole[name] = watch(await draft.embedFont(bytes[name], { subset: false }), (text) => {
      for (const char of text) drawn[name].add(char);
    });
  }
  await build(draft, whole);
  return drawn;
}

/**
 * Turns what has been drawn on `page` into compressed bytes at once: until a document is saved pdf-lib keeps
 * every drawing operator as objects, so a long document (500 certificates) grew by the page; sealed, a page
 * holds a few kilobytes. Drawing on the page afterwards starts a new content stream after this one.
 */
export function sealPage(page: PDFPage): void {
  // pdf-lib keeps the page's current stream in these two (untyped) fields and makes a new one when they are empty.
  const internal = page as unknown as { contentStream?: PDFContentStream; contentStreamRef?: PDFRef };
  if (!internal.contentStream || !internal.contentStreamRef) return;
  const { context } = page.doc;
  context.assign(internal.contentStreamRef, context.flateStream(internal.contentStream.getUnencodedContents()));
  internal.contentStream = undefined;
  internal.contentStreamRef = undefined;
}

export type TextStyle = { font?: FontName; size?: number; color?: RGB; align?: "left" | "center" | "right"; lineGap?: number };

/** Splits text into lines that fit `width` at the given font and size. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Writes top to bottom on A4 pages, adding pages as needed. Everything is drawn through `drawText`,
 * `drawLine` and `drawRectangle`, so that `measure` can run the same code without drawing.
 */
export class PdfWriter {
  page: PDFPage;
  y: number;
  readonly left: number;
  readonly right: number;
  /** While measuring: nothing is drawn, no page is added, and the lowest point any `ensure` asked for is kept. */
  private measuring: { lowest: number } | null = null;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
    readonly margins = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM },
  ) {
    this.page = doc.addPage([A4.width, A4.height]);
    this.y = A4.height - margins.top;
    this.left = margins.left;
    this.right = A4.width - margins.right;
  }

  get width(): number {
    return this.right - this.left;
  }

  /** The height between the margins of a page. */
  get pageHeight(): number {
    return A4.height - this.margins.top - this.margins.bottom;
  }

  newPage(): void {
    if (this.measuring) return;
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.y = A4.height - this.margins.top;
  }

  /** Makes room for `height` points, starting a page if needed. */
  ensure(height: number): void {
    if (this.measuring) {
      this.measuring.lowest = Math.min(this.measuring.lowest, this.y - height);
      return;
    }
    if (this.y - height < this.margins.bottom) this.newPage();
  }

  drawText(text: string, options: PDFPageDrawTextOptions): void {
    if (!this.measuring) this.page.drawText(text, options);
  }

  drawLine(options: PDFPageDrawLineOptions): void {
    if (!this.measuring) this.page.drawLine(options);
  }

  drawRectangle(options: PDFPageDrawRectangleOptions): void {
    if (!this.measuring) this.page.drawRectangle(options);
  }

  /** The height `draw` takes below the cursor (or asks for, through `ensure`), as if the page had room; nothing is drawn. */
  measure(draw: () => unknown): number {
    const { y, measuring } = this;
    this.measuring = { lowest: y };
    try {
      draw();
      return y - Math.min(this.y, this.measuring.lowest);
    } finally {
      this.y = y;
      this.measuring = measuring;
    }
  }

  /**
   * Draws `draw` on one page: when it does not fit below the cursor but fits on an empty page, it
   * starts on the next one. How a signature block stays with the last lines it signs.
   */
  keepTogether<T>(draw: () => T): T {
    const height = this.measure(draw);
    if (!this.measuring && this.y - height < this.margins.bottom && height <= this.pageHeight) this.newPage();
    return draw();
  }

  gap(mm: number): void {
    this.y -= mm * MM;
  }

  /** A section heading, kept on the same page as the first lines that follow it. */
  heading(content: string, style: TextStyle = {}): void {
    this.ensure(25 * MM);
    this.text(content, { font: "bold", ...style });
  }

  /** A wrapped paragraph within [x, x + width]; returns the height used. */
  text(content: string, style: TextStyle = {}, x = this.left, width = this.width): number {
    const font = this.fonts[style.font ?? "regular"];
    const size = style.size ?? 13;
    const lineHeight = size * (1.25 + (style.lineGap ?? 0));
    const lines = wrap(content, font, size, width);
    for (const line of lines) {
      this.ensure(lineHeight);
      const lineWidth = font.widthOfTextAtSize(line, size);
      const offset = style.align === "center" ? (width - lineWidth) / 2 : style.align === "right" ? width - lineWidth : 0;
      this.drawText(line, { x: x + offset, y: this.y - size, size, font, color: style.color ?? BLACK });
      this.y -= lineHeight;
    }
    return lines.length * lineHeight;
  }

  /** Blocks side by side (e.g. the issuing body left, the Quốc hiệu right); the cursor ends below the tallest. */
  columns(blocks: Array<{ width: number; lines: Array<{ text: string; style?: TextStyle; underline?: boolean }> }>): void {
    const top = this.y;
    let lowest = top;
    let x = this.left;
    for (const block of blocks) {
      this.y = top;
      for (const line of block.lines) {
        const before = this.y;
        this.text(line.text, { align: "center", ...line.style }, x, block.width);
        if (line.underline) {
          const font = this.fonts[line.style?.font ?? "regular"];
          const size = line.style?.size ?? 13;
          const textWidth = Math.min(font.widthOfTextAtSize(line.text, size), block.width);
          const start = x + (block.width - textWidth) / 2;
          const underlineY = before - size * 1.25 - 1;
          this.drawLine({ start: { x: start, y: underlineY }, end: { x: start + textWidth, y: underlineY }, thickness: 0.6 });
        }
      }
      lowest = Math.min(lowest, this.y);
      x += block.width;
    }
    this.y = lowest;
  }

  /** A ruled table; cells wrap, rows move to the next page whole. */
  table(columns: Array<{ title: string; width: number; align?: "left" | "center" | "right" }>, rows: string[][], size = 11): void {
    const padding = 1.5 * MM;
    const total = columns.reduce((sum, column) => sum + column.width, 0);
    const scale = this.width / total;
    const widths = columns.map((column) => column.width * scale);
    const drawRow = (cells: string[], font: PDFFont) => {
      const wrapped = cells.map((cell, i) => wrap(cell, font, size, widths[i]! - 2 * padding));
      const height = Math.max(...wrapped.map((lines) => lines.length)) * size * 1.25 + 2 * padding;
      this.ensure(height);
      let x = this.left;
      wrapped.forEach((lines, i) => {
        this.drawRectangle({ x, y: this.y - height, width: widths[i]!, height, borderWidth: 0.5, borderColor: BLACK });
        lines.forEach((line, n) => {
          const lineWidth = font.widthOfTextAtSize(line, size);
          const align = columns[i]!.align ?? "left";
          const inner = widths[i]! - 2 * padding;
          const offset = align === "center" ? (inner - lineWidth) / 2 : align === "right" ? inner - lineWidth : 0;
          this.drawText(line, { x: x + padding + offset, y: this.y - padding - size * (n + 1) * 1.25 + size * 0.25, size, font });
        });
        x += widths[i]!;
      });
      this.y -= height;
    };
    drawRow(
      columns.map((column) => column.title),
      this.fonts.bold,
    );
    for (const row of rows) drawRow(row, this.fonts.regular);
  }
}

/** "Tam Phước, ngày 05 tháng 12 năm 2023" in Vietnam's calendar day. */
export function placeAndDate(place: string, date: Date): string {
  const vn = new Date(date.getTime() + 7 * 3600_000);
  const day = String(vn.getUTCDate()).padStart(2, "0");
  const month = vn.getUTCMonth() + 1;
  // Months 1 and 2 are written with a leading zero in administrative documents (Nghị định 30/2020).
  const monthText = month < 3 ? `0${month}` : String(month);
  return `${place}, ngày ${day} tháng ${monthText} năm ${vn.getUTCFullYear()}`;
}
