// /ho-so/:dossierId/bao-cao.docx — the achievement report as a Word file in the layout of Mẫu số 07
// (Nghị định 91/2017/NĐ-CP): A4, Times New Roman 13–14 pt, margins of Nghị định 30/2020/NĐ-CP.
import type { LoaderFunctionArgs } from "@remix-run/node";
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
import { contentDisposition } from "~/utils/upload.server.ts";
import { achievementReportView, type AchievementReportView } from "~/documents/achievement-report.ts";
import { loadDossier } from "~/models/dossier-documents.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";

const FONT = "Times New Roman";
const SIZE = 26; // half-points: 13 pt
const MM = 56.7; // twips per millimetre

const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  bottom: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  left: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  right: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
};

type Run = { text: string; bold?: boolean; italics?: boolean; size?: number };

function para(runs: Run[] | string, options: Omit<IParagraphOptions, "children"> = {}): Paragraph {
  const list = typeof runs === "string" ? [{ text: runs }] : runs;
  return new Paragraph({
    spacing: { after: 80 },
    ...options,
    children: list.map((run) => new TextRun({ text: run.text, bold: run.bold, italics: run.italics, font: FONT, size: run.size ?? SIZE })),
  });
}

const centred = (runs: Run[] | string) => para(runs, { alignment: AlignmentType.CENTER, spacing: { after: 0 } });

/** Free text as paragraphs, one per line the user wrote. */
function textBlock(text: string, placeholder = "…"): Paragraph[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  return (lines.length ? lines : [placeholder]).map((line) =>
    para(line, { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 10 * MM } }),
  );
}

function cell(children: Paragraph[], width: number): TableCell {
  return new TableCell({ children, width: { size: width, type: WidthType.PERCENTAGE } });
}

/** Two columns without borders: the header (authority | Quốc hiệu) and the signatures. */
function twoColumns(left: Paragraph[], right: Paragraph[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, 42), cell(right, 58)] })],
  });
}

function figuresTable(view: AchievementReportView): Table {
  const header = ["TT", "Chỉ tiêu thi đua", "Yêu cầu", "Kết quả đạt được", "Đánh giá"];
  const widths = [7, 45, 14, 18, 16];
  const row = (values: string[], bold = false) =>
    new TableRow({
      children: values.map((value, i) =>
        cell(
          [
            para([{ text: value, bold, size: 24 }], {
              alignment: i === 1 ? AlignmentType.LEFT : AlignmentType.CENTER,
              spacing: { after: 0 },
            }),
          ],
          widths[i]!,
        ),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(header, true), ...view.figures.map((f) => row([String(f.index), f.label, f.requirement, f.result || "…", f.status]))],
  });
}

export function achievementReportDocx(view: AchievementReportView): Document {
  const heading = (text: string) => para([{ text, bold: true }], { spacing: { before: 160, after: 80 } });
  const children = [
    twoColumns(
      [centred(view.authority), centred([{ text: view.unitName, bold: true }])],
      [
        centred([{ text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, size: 24 }]),
        centred([{ text: "Độc lập - Tự do - Hạnh phúc", bold: true }]),
        para([{ text: view.placeDate, italics: true }], { alignment: AlignmentType.CENTER, spacing: { before: 160 } }),
      ],
    ),
    para("", { spacing: { after: 200 } }),
    centred([{ text: view.title, bold: true, size: 28 }]),
    centred([{ text: view.award, bold: true, size: 28 }]),
    centred([{ text: view.subtitle, italics: true }]),
    para("", { spacing: { after: 120 } }),
    centred([{ text: view.nomineeLine, bold: true }]),
    heading(view.individual ? "I. SƠ LƯỢC LÝ LỊCH, CHỨC NĂNG, NHIỆM VỤ" : "I. ĐẶC ĐIỂM, TÌNH HÌNH, CHỨC NĂNG, NHIỆM VỤ"),
    ...view.identity.map(([label, value]) => para([{ text: `- ${label}: ` }, { text: value || "…" }])),
    para("- Chức năng, nhiệm vụ được giao:"),
    ...textBlock(view.duties),
    heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
    para([{ text: "1. Kết quả thực hiện các chỉ tiêu thi đua", bold: true }]),
    figuresTable(view),
    ...(view.results ? textBlock(view.results) : []),
    para([{ text: "2. Các giải pháp, biện pháp đã thực hiện", bold: true }], { spacing: { before: 120, after: 80 } }),
    ...textBlock(view.solutions),
    para([{ text: "3. Sáng kiến, kinh nghiệm, đổi mới", bold: true }]),
    ...textBlock(view.initiatives, "Không."),
    heading("III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN"),
    ...textBlock(view.previousAwards, "Không."),
    para("", { spacing: { after: 200 } }),
    twoColumns(
      [
        centred([{ text: "THỦ TRƯỞNG ĐƠN VỊ", bold: true }]),
        centred([{ text: "XÁC NHẬN, ĐỀ NGHỊ", bold: true }]),
        centred([{ text: "(Ký, đóng dấu)", italics: true }]),
        para("", { spacing: { after: 1200 } }),
        centred([{ text: view.headName, bold: true }]),
        centred(view.headTitle),
      ],
      [
        centred([{ text: "NGƯỜI BÁO CÁO THÀNH TÍCH", bold: true }]),
        centred([{ text: "(Ký, ghi rõ họ và tên)", italics: true }]),
        para("", { spacing: { after: 1440 } }),
        centred([{ text: view.reporterName, bold: true }]),
      ],
    ),
  ];
  return new Document({
    creator: "Thi đua – Khen thưởng",
    title: `Báo cáo thành tích — ${view.nomineeLine}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 }, // A4, as Word writes it
            margin: { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) },
          },
        },
        children,
      },
    ],
  });
}

/** "bao-cao-thanh-tich-Nguyen-Van-A.docx" */
function fileNameFor(view: AchievementReportView): string {
  const name = view.nomineeLine
    .split(",")[0]!
    .replace(/^(Ông|Bà|Ông \(Bà\)) /, "")
    .trim();
  return `bao-cao-thanh-tich-${name.replace(/\s+/g, "-")}.docx`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const dossier = await loadDossier(user, params.dossierId!);
  invariantResponse(dossier, "Không tìm thấy hồ sơ.", { status: 404 });
  const view = achievementReportView(dossier);
  const buffer = await Packer.toBuffer(achievementReportDocx(view));
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": contentDisposition(fileNameFor(view)),
      "Cache-Control": "private, no-store",
    },
  });
}
