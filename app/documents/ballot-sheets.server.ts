// The secret ballot sheets (phiếu bầu) of a paper session: a cover page telling the secretary how many sheets
// of each kind go to whom, then one page per sheet. A sheet names no member: every sheet of a kind is the same.
import type { PDFDocument } from "pdf-lib";
import type { BallotSheets } from "~/models/paper-ballot.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { PdfWriter, renderPdf, type Fonts } from "~/utils/pdf.server.ts";
import { count, longDate, upperVi } from "./wording.server.ts";

export function ballotSheetsPdf(sheets: BallotSheets): Promise<Uint8Array> {
  return renderPdf(`Phiếu bầu — ${sheets.title}`, (doc, fonts) => drawSheets(doc, fonts, sheets));
}

/** "Mẫu A", "Mẫu B"… */
function kindName(index: number): string {
  return `Mẫu ${String.fromCharCode(65 + index)}`;
}

function drawSheets(doc: PDFDocument, fonts: Fonts, sheets: BallotSheets): void {
  const w = new PdfWriter(doc, fonts);
  const total = sheets.kinds.reduce((sum, kind) => sum + kind.copies, 0);

  // Cover page: for the secretary, not handed out.
  w.text("HƯỚNG DẪN PHÁT PHIẾU BẦU", { font: "bold", size: 14, align: "center" });
  w.text("(Trang này dành cho Thư ký Hội đồng, không phát cho thành viên)", { font: "italic", size: 12, align: "center" });
  w.gap(4);
  w.text(`${sheets.councilName} — ${sheets.title}.`);
  w.text(`Cuộc họp lúc ${formatDateTime(sheets.meetingAt)}. Tổng số phiếu in: ${total}.`);
  w.gap(2);
  sheets.kinds.forEach((kind, i) => {
    w.text(`${kindName(i)} (${count(kind.copies, "tờ")}, ${count(kind.dossiers.length, "hồ sơ")}): phát cho ${kind.handTo.join(", ")}.`);
  });
  if (sheets.kinds.length > 1) {
    w.gap(2);
    w.text(
      "Thành viên không tham gia biểu quyết một hồ sơ không nhận phiếu có hồ sơ đó. Mỗi mẫu phiếu giống hệt nhau, không ghi tên người bỏ phiếu.",
      { size: 12 },
    );
  }

  sheets.kinds.forEach((kind, i) => {
    for (let copy = 0; copy < kind.copies; copy++) drawSheet(w, sheets, kind, kindName(i));
  });
}

function drawSheet(w: PdfWriter, sheets: BallotSheets, kind: BallotSheets["kinds"][number], name: string): void {
  w.newPage();
  w.columns([
    {
      width: w.width * 0.45,
      lines: [
        { text: upperVi(sheets.communeName), style: { size: 11 } },
        { text: "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", style: { font: "bold", size: 11 }, underline: true },
      ],
    },
    {
      width: w.width * 0.55,
      lines: [
        { text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style: { font: "bold", size: 12 } },
        { text: "Độc lập - Tự do - Hạnh phúc", style: { font: "bold", size: 13 }, underline: true },
      ],
    },
  ]);
  w.gap(8);
  w.text("PHIẾU BẦU", { font: "bold", size: 16, align: "center" });
  w.text(`xét đề nghị khen thưởng phong trào thi đua “${sheets.movement}`, { font: "bold", size: 13, align: "center" });
  w.text(`Cuộc họp ${longDate(sheets.meetingAt)} · ${name}`, { font: "italic", size: 12, align: "center" });
  w.gap(5);
  w.text("Cách ghi phiếu: với mỗi hồ sơ, đánh dấu X vào đúng một ô «Đồng ý» hoặc «Không đồng ý».", { size: 12 });
  w.text("Phiếu không đánh dấu, đánh dấu cả hai ô hoặc ghi thêm nội dung khác là không hợp lệ đối với hồ sơ đó.", { size: 12 });
  w.text("Không ghi tên người bỏ phiếu.", { font: "bold", size: 12 });
  w.gap(4);
  w.table(
    [
      { title: "STT", width: 10, align: "center" },
      { title: "Cá nhân, tập thể được đề nghị khen thưởng", width: 80 },
      { title: "Đồng ý", width: 35, align: "center" },
      { title: "Không đồng ý", width: 35, align: "center" },
    ],
    kind.dossiers.map((dossier, i) => [String(i + 1), `${dossier.nominee}${dossier.detail ? ` (${dossier.detail})` : ""}`, "", ""]),
    13,
  );
  w.gap(6);
  w.text("Bỏ phiếu xong, gấp phiếu lại và bỏ vào hòm phiếu.", { font: "italic", size: 12, align: "center" });
}
