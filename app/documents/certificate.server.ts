// Giấy khen, A4 landscape: the full design on plain paper, only the variable fields on a unit's
// pre-printed blanks (phôi) shifted by its calibrated offsets, and the calibration test page.
// Every certificate of a batch is a page of ONE document: the fonts are embedded once.
import { rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from "pdf-lib";
import { BLACK, MM, RED, renderPdf, sealPage, wrap, type Fonts } from "~/utils/pdf.server.ts";
import { qrMatrix } from "~/utils/qr.server.ts";
import { longDate, placeDate } from "./wording.server.ts";

export const LANDSCAPE = { width: 297 * MM, height: 210 * MM };
const GOLD = rgb(0.78, 0.6, 0.2);
const GREY = rgb(0.55, 0.55, 0.55);

/** What one certificate prints (from the signed Certificate row). */
export type CertificateFace = {
  serial: string;
  goldenBookNumber: string;
  honorific: string | null;
  recipientName: string;
  recipientDetail: string | null;
  achievement: string;
  issuerName: string;
  place: string;
  decisionNumber: string;
  decisionDate: Date;
  signerTitle: string;
  signerName: string;
  onBehalf: boolean;
  /** `${APP_URL}/xac-minh/<serial>`, encoded in the QR code. */
  verifyUrl: string;
};

export type PrintMode = "full" | "blank";
export type Offsets = { x: number; y: number };

type Align = "left" | "center";
type Field = { label: string; x: number; y: number; align: Align; sample: string };

/**
 * Where each variable field sits on the page, in mm from the top-left corner (y = baseline).
 * The blanks' layout follows the full design, so one template serves both modes.
 */
export const FIELDS = {
  issuer: { label: "Cơ quan khen thưởng", x: 148.5, y: 46, align: "center", sample: "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …" },
  recipient: { label: "Họ và tên / tên tập thể", x: 148.5, y: 96, align: "center", sample: "Ông/Bà …" },
  detail: { label: "Chức vụ, đơn vị", x: 148.5, y: 105.5, align: "center", sample: "Chức vụ, đơn vị" },
  achievement: { label: "Thành tích", x: 148.5, y: 115.5, align: "center", sample: "Đã có thành tích xuất sắc trong phong trào thi đua …" },
  decision: { label: "Quyết định số, ngày", x: 24, y: 150, align: "left", sample: "Quyết định số …/QĐ-UBND, ngày …" },
  goldenBook: { label: "Số sổ vàng", x: 24, y: 156, align: "left", sample: "Số sổ vàng: …" },
  qr: { label: "Mã QR", x: 24, y: 160, align: "left", sample: "" },
  serial: { label: "Số hiệu", x: 50, y: 168, align: "left", sample: "Số hiệu: …" },
  placeDate: { label: "Địa danh, ngày tháng", x: 207, y: 136, align: "center", sample: "…, ngày … tháng … năm …" },
  signerTitle: { label: "Chức danh người ký", x: 207, y: 143.5, align: "center", sample: "CHỦ TỊCH" },
  signerName: { label: "Họ tên người ký", x: 207, y: 190, align: "center", sample: "Họ và tên" },
} satisfies Record<string, Field>;

const QR_SIZE_MM = 24;
const ACHIEVEMENT_WIDTH_MM = 215;

class Sheet {
  constructor(
    readonly page: PDFPage,
    readonly fonts: Fonts,
    readonly offsets: Offsets = { x: 0, y: 0 },
  ) {}

  /** pdf-lib coordinates of a point given in mm from the top-left, shifted by the offsets. */
  at(xMm: number, yMm: number): { x: number; y: number } {
    return { x: (xMm + this.offsets.x) * MM, y: LANDSCAPE.height - (yMm + this.offsets.y) * MM };
  }

  text(
    content: string,
    xMm: number,
    yMm: number,
    {
      font = "regular",
      size = 14,
      color = BLACK,
      align = "center",
    }: { font?: keyof Fonts; size?: number; color?: RGB; align?: Align } = {},
  ): void {
    const face = this.fonts[font];
    const { x, y } = this.at(xMm, yMm);
    const width = face.widthOfTextAtSize(content, size);
    this.page.drawText(content, { x: align === "center" ? x - width / 2 : x, y, size, font: face, color });
  }

  /** The largest size ≤ `size` at which `content` fits `maxMm`. */
  fit(content: string, font: PDFFont, size: number, maxMm: number): number {
    const width = font.widthOfTextAtSize(content, size);
    return width <= maxMm * MM ? size : Math.max(9, Math.floor(((size * maxMm * MM) / width) * 10) / 10);
  }
}

function drawBorder(page: PDFPage): void {
  const { width, height } = LANDSCAPE;
  const frame = (inset: number, thickness: number, color: RGB) =>
    page.drawRectangle({
      x: inset * MM,
      y: inset * MM,
      width: width - 2 * inset * MM,
      height: height - 2 * inset * MM,
      borderWidth: thickness,
      borderColor: color,
    });
  frame(6, 3, RED);
  frame(8.2, 1, GOLD);
  frame(10, 0.6, RED);
  // Corner ornaments: a gold diamond in each corner between the frames.
  for (const [cx, cy] of [
    [10, 10],
    [287, 10],
    [10, 200],
    [287, 200],
  ] as const) {
    page.drawSvgPath("M0 -4 L4 0 L0 4 L-4 0 Z", {
      x: cx * MM,
      y: cy * MM,
      scale: MM * 0.9,
      color: GOLD,
      borderColor: RED,
      borderWidth: 0.4,
    });
  }
}

/** A gold flourish under the title: two rules and a diamond. */
function drawFlourish(page: PDFPage, centreMm: number, yMm: number): void {
  const y = LANDSCAPE.height - yMm * MM;
  const cx = centreMm * MM;
  page.drawLine({ start: { x: cx - 45 * MM, y }, end: { x: cx - 4 * MM, y }, thickness: 0.8, color: GOLD });
  page.drawLine({ start: { x: cx + 4 * MM, y }, end: { x: cx + 45 * MM, y }, thickness: 0.8, color: GOLD });
  page.drawSvgPath("M0 -2.5 L2.5 0 L0 2.5 L-2.5 0 Z", { x: cx, y, scale: MM, color: GOLD });
}

function drawQr(sheet: Sheet, url: string): void {
  const matrix = qrMatrix(url);
  const { x, y } = sheet.at(FIELDS.qr.x, FIELDS.qr.y);
  const module = (QR_SIZE_MM * MM) / matrix.size;
  // White ground for the quiet zone, in case the blank has a printed pattern there.
  sheet.page.drawRectangle({
    x: x - 2 * module,
    y: y - QR_SIZE_MM * MM - 2 * module,
    width: QR_SIZE_MM * MM + 4 * module,
    height: QR_SIZE_MM * MM + 4 * module,
    color: rgb(1, 1, 1),
  });
  // The dark modules as one raw, compressed content stream of rectangles (a row's run is one): drawn through
  // pdf-lib's SVG path they were thousands of operator objects per page, kept until the PDF is saved, the
  // bulk of a certificate's memory (bench/RESULTS.md, certificates).
  const runs: string[] = [];
  for (let row = 0; row < matrix.size; row++) {
    let column = 0;
    while (column < matrix.size) {
      if (!matrix.dark(column, row)) {
        column++;
        continue;
      }
      const start = column;
      while (column < matrix.size && matrix.dark(column, row)) column++;
      runs.push(`${start} ${row} ${column - start} 1 re`);
    }
  }
  const [r, g, b] = [BLACK.red, BLACK.green, BLACK.blue];
  const content = `q ${r} ${g} ${b} rg ${module.toFixed(4)} 0 0 ${(-module).toFixed(4)} ${x.toFixed(3)} ${y.toFixed(3)} cm\n${runs.join("\n")}\nf Q`;
  const { context } = sheet.page.doc;
  sheet.page.node.addContentStream(context.register(context.flateStream(content)));
}

/** The variable fields: everything a blank does not carry. */
function drawFields(sheet: Sheet, c: CertificateFace): void {
  const { fonts } = sheet;
  const issuerSize = sheet.fit(c.issuerName, fonts.bold, 17, 250);
  sheet.text(c.issuerName, FIELDS.issuer.x, FIELDS.issuer.y, { font: "bold", size: issuerSize, color: RED });

  const recipient = c.honorific ? `${c.honorific} ${c.recipientName}` : c.recipientName;
  sheet.text(recipient, FIELDS.recipient.x, FIELDS.recipient.y, { font: "bold", size: sheet.fit(recipient, fonts.bold, 24, 250) });
  if (c.recipientDetail)
    sheet.text(c.recipientDetail, FIELDS.detail.x, FIELDS.detail.y, { size: sheet.fit(c.recipientDetail, fonts.regular, 15, 250) });

  // The achievement wraps on up to three centred lines.
  let size = 15;
  let lines = wrap(c.achievement, fonts.italic, size, ACHIEVEMENT_WIDTH_MM * MM);
  while (lines.length > 3 && size > 11) lines = wrap(c.achievement, fonts.italic, (size -= 0.5), ACHIEVEMENT_WIDTH_MM * MM);
  lines.forEach((line, i) => sheet.text(line, FIELDS.achievement.x, FIELDS.achievement.y + i * size * 0.47, { font: "italic", size }));

  sheet.text(`Quyết định số ${c.decisionNumber}, ${longDate(c.decisionDate)}`, FIELDS.decision.x, FIELDS.decision.y, {
    font: "italic",
    size: 12,
    align: "left",
  });
  sheet.text(`Số sổ vàng: ${c.goldenBookNumber}`, FIELDS.goldenBook.x, FIELDS.goldenBook.y, { font: "italic", size: 12, align: "left" });
  drawQr(sheet, c.verifyUrl);
  sheet.text(`Số hiệu: ${c.serial}`, FIELDS.serial.x, FIELDS.serial.y, { font: "bold", size: 10, align: "left" });
  sheet.text("Quét mã QR hoặc truy cập địa chỉ dưới đây", FIELDS.serial.x, FIELDS.serial.y + 5, { size: 8.5, align: "left", color: GREY });
  sheet.text("để xác minh Giấy khen:", FIELDS.serial.x, FIELDS.serial.y + 8.8, { size: 8.5, align: "left", color: GREY });
  sheet.text(c.verifyUrl, FIELDS.serial.x, FIELDS.serial.y + 12.6, {
    size: sheet.fit(c.verifyUrl, fonts.regular, 8.5, 95),
    align: "left",
    color: GREY,
  });

  sheet.text(placeDate(c.place, c.decisionDate), FIELDS.placeDate.x, FIELDS.placeDate.y, { font: "italic", size: 14 });
  const titles = c.onBehalf ? ["KT. CHỦ TỊCH", c.signerTitle] : [c.signerTitle];
  titles.forEach((title, i) => sheet.text(title, FIELDS.signerTitle.x, FIELDS.signerTitle.y + i * 6.5, { font: "bold", size: 15 }));
  sheet.text(c.signerName, FIELDS.signerName.x, FIELDS.signerName.y, { font: "bold", size: 16 });
}

/** What a blank carries already: the frame, the Quốc hiệu, "TẶNG" and "GIẤY KHEN". */
function drawPreprinted(sheet: Sheet): void {
  drawBorder(sheet.page);
  sheet.text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 148.5, 24, { font: "bold", size: 15 });
  sheet.text("Độc lập - Tự do - Hạnh phúc", 148.5, 31, { font: "bold", size: 15 });
  const motto = sheet.fonts.bold.widthOfTextAtSize("Độc lập - Tự do - Hạnh phúc", 15) / MM;
  const y = LANDSCAPE.height - 33 * MM;
  sheet.page.drawLine({ start: { x: (148.5 - motto / 2) * MM, y }, end: { x: (148.5 + motto / 2) * MM, y }, thickness: 0.7, color: BLACK });
  sheet.text("TẶNG", 148.5, 58, { font: "bold", size: 18 });
  sheet.text("GIẤY KHEN", 148.5, 78, { font: "bold", size: 46, color: RED });
  drawFlourish(sheet.page, 148.5, 84);
}

/** One PDF with a page per certificate. `blank`: only the fields, shifted by the unit's offsets. */
export async function certificatesPdf(
  certificates: CertificateFace[],
  { mode = "full", offsets = { x: 0, y: 0 }, title }: { mode?: PrintMode; offsets?: Offsets; title?: string } = {},
): Promise<Uint8Array> {
  const name = title ?? (certificates.length === 1 ? `Giấy khen số ${certificates[0]!.serial}` : `Giấy khen (${certificates.length} bản)`);
  return renderPdf(name, (doc, fonts) => {
    for (const certificate of certificates) {
      const page = doc.addPage([LANDSCAPE.width, LANDSCAPE.height]);
      if (mode === "full") {
        const sheet = new Sheet(page, fonts);
        drawPreprinted(sheet);
        drawFields(sheet, certificate);
      } else {
        drawFields(new Sheet(page, fonts, offsets), certificate);
      }
      sealPage(page); // memory flat per certificate
    }
  });
}

const mmText = (value: number) =>
  `${value > 0 ? "+" : value < 0 ? "−" : ""}${Math.abs(value).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} mm`;

/**
 * The calibration page: rulers along the edges of the sheet (not shifted) and a cross at each
 * field's anchor shifted by the current offsets, with the field's name. Printed on a blank, the
 * crosses show how far the fields land from the blank's lines.
 */
export function calibrationPdf(offsets: Offsets, unitName: string): Promise<Uint8Array> {
  return renderPdf(`Trang thử canh chỉnh in phôi Giấy khen — ${unitName}`, (doc, fonts) => drawCalibration(doc, fonts, offsets, unitName));
}

function drawCalibration(doc: PDFDocument, fonts: Fonts, offsets: Offsets, unitName: string): void {
  const page = doc.addPage([LANDSCAPE.width, LANDSCAPE.height]);
  const { width, height } = LANDSCAPE;
  // Rulers: a tick every mm, longer every 5 mm, numbered every 10 mm.
  for (let mm = 0; mm <= 297; mm++) {
    const long = mm % 10 === 0 ? 5 : mm % 5 === 0 ? 3.5 : 2;
    page.drawLine({ start: { x: mm * MM, y: height }, end: { x: mm * MM, y: height - long * MM }, thickness: 0.3, color: BLACK });
    page.drawLine({ start: { x: mm * MM, y: 0 }, end: { x: mm * MM, y: long * MM }, thickness: 0.3, color: BLACK });
    if (mm % 10 === 0 && mm > 0 && mm < 297) {
      page.drawText(String(mm), { x: mm * MM + 0.6 * MM, y: height - 8 * MM, size: 6, font: fonts.regular, color: BLACK });
    }
  }
  for (let mm = 0; mm <= 210; mm++) {
    const long = mm % 10 === 0 ? 5 : mm % 5 === 0 ? 3.5 : 2;
    page.drawLine({ start: { x: 0, y: height - mm * MM }, end: { x: long * MM, y: height - mm * MM }, thickness: 0.3, color: BLACK });
    page.drawLine({
      start: { x: width, y: height - mm * MM },
      end: { x: width - long * MM, y: height - mm * MM },
      thickness: 0.3,
      color: BLACK,
    });
    if (mm % 10 === 0 && mm > 0 && mm < 210)
      page.drawText(String(mm), { x: 6 * MM, y: height - mm * MM - 1 * MM, size: 6, font: fonts.regular, color: BLACK });
  }

  const sheet = new Sheet(page, fonts, offsets);
  const coordinate = (value: number) => value.toLocaleString("vi-VN", { maximumFractionDigits: 1 });
  for (const [name, field] of Object.entries(FIELDS) as Array<[string, Field]>) {
    if (name === "qr") continue;
    const { x, y } = sheet.at(field.x, field.y);
    page.drawLine({ start: { x: x - 4 * MM, y }, end: { x: x + 4 * MM, y }, thickness: 0.5, color: RED });
    page.drawLine({ start: { x, y: y - 4 * MM }, end: { x, y: y + 4 * MM }, thickness: 0.5, color: RED });
    page.drawCircle({ x, y, size: 1.2 * MM, borderColor: RED, borderWidth: 0.5 });
    // The sample sits where the field prints; the label beside it names the field and its position.
    sheet.text(field.sample, field.x, field.y, { size: 8, color: GREY, align: field.align });
    const sampleWidth = fonts.regular.widthOfTextAtSize(field.sample, 8);
    const labelX = field.align === "left" ? x + sampleWidth + 3 * MM : x + 5 * MM;
    const label = `${field.label} (${coordinate(field.x + offsets.x)}; ${coordinate(field.y + offsets.y)})`;
    page.drawText(label, { x: labelX, y: field.align === "left" ? y : y + 3.5 * MM, size: 6.5, font: fonts.regular, color: RED });
  }
  // The QR code's square, where it will print.
  const qr = sheet.at(FIELDS.qr.x, FIELDS.qr.y);
  page.drawRectangle({
    x: qr.x,
    y: qr.y - QR_SIZE_MM * MM,
    width: QR_SIZE_MM * MM,
    height: QR_SIZE_MM * MM,
    borderColor: RED,
    borderWidth: 0.5,
    borderDashArray: [2, 2],
  });
  page.drawText("Mã QR", { x: qr.x + 2 * MM, y: qr.y - 5 * MM, size: 6.5, font: fonts.regular, color: RED });
  page.drawText(`(${coordinate(FIELDS.qr.x + offsets.x)}; ${coordinate(FIELDS.qr.y + offsets.y)})`, {
    x: qr.x + 2 * MM,
    y: qr.y - 8 * MM,
    size: 6.5,
    font: fonts.regular,
    color: RED,
  });

  const notes = [
    "TRANG THỬ CANH CHỈNH IN PHÔI GIẤY KHEN",
    unitName,
    `Độ lệch đang dùng: ngang ${mmText(offsets.x)}, dọc ${mmText(offsets.y)}`,
    "In trang này lên một tờ phôi (hoặc giấy thường rồi đặt chồng lên phôi, soi trước đèn), khổ A4 nằm ngang, tỷ lệ 100%.",
    "Đo khoảng cách từ tâm mỗi dấu chữ thập đến chỗ cần in trên phôi: lệch sang phải hoặc xuống dưới nhập số dương,",
    "sang trái hoặc lên trên nhập số âm (đơn vị mm), rồi in lại trang thử đến khi khớp.",
  ];
  notes.forEach((line, i) => {
    const font = i === 0 ? fonts.bold : fonts.regular;
    const size = i === 0 ? 13 : 9.5;
    page.drawText(line, {
      x: (width - font.widthOfTextAtSize(line, size)) / 2,
      y: height - (62 + i * 5.2) * MM,
      size,
      font,
      color: i < 3 ? BLACK : GREY,
    });
  });
}
