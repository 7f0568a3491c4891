// An administrative report (báo cáo) as data — the header, the title, numbered sections of paragraphs and
// tables, the addressees and the signature — and its two renderings, PDF (pdf-lib) and Word (docx), so the
// two files of one report say the same thing in the same order.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
} from "docx";
import { MM, PdfWriter } from "~/utils/pdf.server.ts";
import { officialHeader, paragraph, signatureBlock } from "./layout.server.ts";
import { renderReport } from "./render.server.ts";
import { authorityLines } from "./wording.server.ts";

export type ReportTable = { columns: Array<{ title: string; width: number; align?: "left" | "center" | "right" }>; rows: string[][] };

export type ReportSection = { heading: string; paragraphs?: string[]; table?: ReportTable; after?: string[] };

export type ReportView = {
  /** The issuing body ("UBND xã Tam Phước"). */
  unitName: string;
  /** "…/BC-UBND", left blank for the office to number. */
  number: string;
  placeDate: string;
  title: string;
  subtitle: string;
  addressee: string | null;
  intro: string[];
  sections: ReportSection[];
  recipients: string[];
  signer: { titleLines: string[]; name: string };
  /** The PDF page's orientation-free font size of tables (the wide statistics table uses a smaller one). */
  tableSize?: number;
};

// ─── PDF ────────────────────────────────────────────────────────────────────

export function reportPdf(view: ReportView): Promise<Uint8Array> {
  return renderReport(`${view.title} ${view.subtitle}`, (doc, fonts) => {
    const w = new PdfWriter(doc, fonts);
    officialHeader(w, { unitName: view.unitName, number: view.number, placeDate: view.placeDate });
    w.gap(8);
    w.text(view.title, { font: "bold", size: 15, align: "center" });
    w.text(view.subtitle, { font: "bold", size: 13.5, align: "center" });
    if (view.addressee) {
      w.gap(3);
      w.text(`Kính gửi: ${view.addressee}.`, { size: 13.5, align: "center" });
    }
    w.gap(4);
    for (const line of view.intro) paragraph(w, [{ text: line }], { size: 13.5 });
    for (const section of view.sections) {
      w.gap(2);
      w.heading(section.heading, { size: 13.5 });
      for (const line of section.paragraphs ?? []) paragraph(w, [{ text: line }], { size: 13.5 });
      if (section.table) {
        w.gap(1);
        w.table(section.table.columns, section.table.rows, view.tableSize ?? 10.5);
        w.gap(2);
      }
      for (const line of section.after ?? []) paragraph(w, [{ text: line }], { size: 13.5 });
    }
    w.gap(6);
    signatureBlock(w, { recipients: view.recipients, titleLines: view.signer.titleLines, signerName: view.signer.name, space: 24 * MM });
  });
}

// ─── Word ───────────────────────────────────────────────────────────────────

const FONT = "Times New Roman";
const SIZE = 27; // half-points: 13.5 pt
const TWIPS_PER_MM = 56.7;
const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

type Run = { text: string; bold?: boolean; italics?: boolean; size?: number };

function para(runs: Run[] | string, options: Omit<IParagraphOptions, "children"> = {}): Paragraph {
  const list = typeof runs === "string" ? [{ text: runs }] : runs;
  return new Paragraph({
    spacing: { after: 80 },
    ...options,
    children: list.map((run) => new TextRun({ text: run.text, bold: run.bold, italics: run.italics, font: FONT, size: run.size ?? SIZE })),
  });
}

const centred = (runs: Run[] | string, options: Omit<IParagraphOptions, "children"> = {}) =>
  para(runs, { alignment: AlignmentType.CENTER, spacing: { after: 0 }, ...options });
const justified = (text: string) =>
  para(text, { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: Math.round(10 * TWIPS_PER_MM) } });

function cell(children: Paragraph[], width: number): TableCell {
  return new TableCell({ children, width: { size: width, type: WidthType.PERCENTAGE } });
}

function twoColumns(left: Paragraph[], right: Paragraph[], split = 42): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, split), cell(right, 100 - split)] })],
  });
}

function dataTable(table: ReportTable): Table {
  const total = table.columns.reduce((sum, column) => sum + column.width, 0);
  const alignment = (align: "left" | "center" | "right" | undefined) =>
    align === "center" ? AlignmentType.CENTER : align === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT;
  const row = (values: string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      children: values.map((value, i) =>
        cell(
          value.split("\n").map((line) =>
            para([{ text: line, bold: header, size: 22 }], {
              alignment: header ? AlignmentType.CENTER : alignment(table.columns[i]?.align),
              spacing: { after: 0 },
            }),
          ),
          Math.round(((table.columns[i]?.width ?? 0) / total) * 100),
        ),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      row(
        table.columns.map((column) => column.title),
        true,
      ),
      ...table.rows.map((values) => row(values, false)),
    ],
  });
}

export async function reportDocx(view: ReportView): Promise<Uint8Array> {
  const children: Array<Paragraph | Table> = [
    twoColumns(
      [
        ...authorityLines(view.unitName).map((text) => centred([{ text, bold: true, size: 26 }])),
        centred(`Số: ${view.number}`, { spacing: { before: 120 } }),
      ],
      [
        centred([{ text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, size: 25 }]),
        centred([{ text: "Độc lập - Tự do - Hạnh phúc", bold: true, size: 27 }]),
        centred([{ text: view.placeDate, italics: true }], { spacing: { before: 160 } }),
      ],
    ),
    para("", { spacing: { after: 200 } }),
    centred([{ text: view.title, bold: true, size: 30 }]),
    centred([{ text: view.subtitle, bold: true }]),
    ...(view.addressee ? [centred(`Kính gửi: ${view.addressee}.`, { spacing: { before: 120, after: 120 } })] : []),
    ...view.intro.map(justified),
  ];
  for (const section of view.sections) {
    children.push(para([{ text: section.heading, bold: true }], { spacing: { before: 160, after: 80 } }));
    for (const line of section.paragraphs ?? []) children.push(justified(line));
    if (section.table) children.push(dataTable(section.table), para("", { spacing: { after: 80 } }));
    for (const line of section.after ?? []) children.push(justified(line));
  }
  children.push(
    para("", { spacing: { after: 200 } }),
    twoColumns(
      [
        para([{ text: "Nơi nhận:", bold: true, italics: true, size: 24 }], { spacing: { after: 0 } }),
        ...view.recipients.map((line) => para([{ text: line, size: 22 }], { spacing: { after: 0 } })),
      ],
      [
        ...view.signer.titleLines.map((line) => centred([{ text: line, bold: true }])),
        para("", { spacing: { after: 1300 } }),
        centred([{ text: view.signer.name, bold: true }]),
      ],
      45,
    ),
  );
  const document = new Document({
    creator: "Thi đua – Khen thưởng",
    title: `${view.title} ${view.subtitle}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: {
              top: Math.round(20 * TWIPS_PER_MM),
              bottom: Math.round(20 * TWIPS_PER_MM),
              left: Math.round(30 * TWIPS_PER_MM),
              right: Math.round(15 * TWIPS_PER_MM),
            },
          },
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
