// Giấy khen, A4 landscape: the full design on plain paper, only the variable fields on a unit's
// pre-printed blanks (phôi) shifted by its calibrated offsets, and the calibration test page.
// Every certificate of a batch is a page of ONE document: the fonts are embedded once.
import { rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from "pdf-lib";
import { BLACK, MM, RED, renderPdf, sealPage, wrap, type Fonts } from "~/utils/pdf.server.ts";
import { qrMatrix } from "~/utils/qr.server.ts";
import {
  BLANK_FIELD_LABELS,
  BLANK_FIELDS,
  DEFAULT_BLANK_LAYOUT,
  type Align,
  type BlankField,
  type BlankLayout,
  type Placement,
} from "~/forms/print-settings.ts";
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
  /** Danh hiệu thi đua conferred with the Giấy khen; null or absent: none. */
  awardTitle?: string | null;
  issuerName: string;
  place: string;
  decisionNumber: string;
  decisionDate: Date;
  signerTitle: string;
  signerName: string;
  onBehalf: boolean;
  /** `${APP_URL}/xac-minh/<serial>`, encoded in the QR code. */
  verifyUrl: string;
  /** The award form (which blank it prints on); absent: the first one. */
  form?: string;
};

export type PrintMode = "full" | "blank";
export type Offsets = { x: number; y: number };

/** What the calibration page prints where each field goes. */
const SAMPLES: Record<BlankField, string> = {
  issuer: "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …",
  recipient: "Ông/Bà …",
  detail: "Chức vụ, đơn vị",
  achievement: "Đã có thành tích xuất sắc trong phong trào thi đua …",
  decision: "Quyết định số …/QĐ-UBND, ngày …",
  goldenBook: "Số sổ vàng: …",
  qr: "",
  serial: "Số hiệu: …",
  placeDate: "…, ngày … tháng … năm …",
  signerTitle: "CHỦ TỊCH",
  signerName: "Họ và tên",
};

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
    this.page.drawText(content, { x: align === "center" ? x - width / 2 : align === "right" ? x - width : x, y, size, font: face, color });
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

/** The QR code's top-left corner in mm: `x` is its left edge, centre or right edge as aligned, `y` its top. */
function qrCorner(p: Placement): { x: number; y: number } {
  return { x: p.align === "center" ? p.x - p.size / 2 : p.align === "right" ? p.x - p.size : p.x, y: p.y };
}

function drawQr(sheet: Sheet, url: string, p: Placement): void {
  const matrix = qrMatrix(url);
  const corner = qrCorner(p);
  const { x, y } = sheet.at(corner.x, corner.y);
  const side = p.size * MM;
  const module = side / matrix.size;
  // White ground for the quiet zone, in case the blank has a printed pattern there.
  sheet.page.drawRectangle({
    x: x - 2 * module,
    y: y - side - 2 * module,
    width: side + 4 * module,
    height: side + 4 * module,
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

/** "Đạt danh hiệu “Lao động tiên tiến”. Đã có thành tích …", or the achievement alone. */
export function achievementText(c: Pick<CertificateFace, "achievement" | "awardTitle">): string {
  return c.awardTitle ? `Đạt danh hiệu “${c.awardTitle}”. ${c.achievement}` : c.achievement;
}

/** The variable fields (everything a blank does not carry), each at its own place, size and alignment. */
function drawFields(sheet: Sheet, c: CertificateFace, layout: BlankLayout): void {
  const { fonts } = sheet;
  const { issuer, recipient: name, detail, achievement, decision, goldenBook, placeDate: dated, signerTitle, signerName, serial } = layout;
  sheet.text(c.issuerName, issuer.x, issuer.y, {
    font: "bold",
    size: sheet.fit(c.issuerName, fonts.bold, issuer.size, 250),
    color: RED,
    align: issuer.align,
  });

  const recipient = c.honorific ? `${c.honorific} ${c.recipientName}` : c.recipientName;
  sheet.text(recipient, name.x, name.y, { font: "bold", size: sheet.fit(recipient, fonts.bold, name.size, 250), align: name.align });
  if (c.recipientDetail)
    sheet.text(c.recipientDetail, detail.x, detail.y, {
      size: sheet.fit(c.recipientDetail, fonts.regular, detail.size, 250),
      align: detail.align,
    });

  // The achievement (after the title, if any: its place, so a blank needs no new field) wraps on up to three lines.
  const said = achievementText(c);
  let size = achievement.size;
  let lines = wrap(said, fonts.italic, size, ACHIEVEMENT_WIDTH_MM * MM);
  while (lines.length > 3 && size > 11) lines = wrap(said, fonts.italic, (size -= 0.5), ACHIEVEMENT_WIDTH_MM * MM);
  lines.forEach((line, i) =>
    sheet.text(line, achievement.x, achievement.y + i * size * 0.47, { font: "italic", size, align: achievement.align }),
  );

  sheet.text(`Quyết định số ${c.decisionNumber}, ${longDate(c.decisionDate)}`, decision.x, decision.y, {
    font: "italic",
    size: decision.size,
    align: decision.align,
  });
  sheet.text(`Số sổ vàng: ${c.goldenBookNumber}`, goldenBook.x, goldenBook.y, {
    font: "italic",
    size: goldenBook.size,
    align: goldenBook.align,
  });
  drawQr(sheet, c.verifyUrl, layout.qr);
  // The serial, then how to verify in smaller grey lines; line spacing follows the serial's size.
  const step = serial.size / 10;
  sheet.text(`Số hiệu: ${c.serial}`, serial.x, serial.y, { font: "bold", size: serial.size, align: serial.align });
  const small = serial.size * 0.85;
  sheet.text("Quét mã QR hoặc truy cập địa chỉ dưới đây", serial.x, serial.y + 5 * step, { size: small, align: serial.align, color: GREY });
  sheet.text("để xác minh Giấy khen:", serial.x, serial.y + 8.8 * step, { size: small, align: serial.align, color: GREY });
  sheet.text(c.verifyUrl, serial.x, serial.y + 12.6 * step, {
    size: sheet.fit(c.verifyUrl, fonts.regular, small, 95),
    align: serial.align,
    color: GREY,
  });

  sheet.text(placeDate(c.place, c.decisionDate), dated.x, dated.y, { font: "italic", size: dated.size, align: dated.align });
  const titles = c.onBehalf ? ["KT. CHỦ TỊCH", c.signerTitle] : [c.signerTitle];
  titles.forEach((title, i) =>
    sheet.text(title, signerTitle.x, signerTitle.y + i * signerTitle.size * 0.43, {
      font: "bold",
      size: signerTitle.size,
      align: signerTitle.align,
    }),
  );
  sheet.text(c.signerName, signerName.x, signerName.y, { font: "bold", size: signerName.size, align: signerName.align });
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

/**
 * One PDF with a page per certificate. `blank`: only the fields, each where the unit's layout for the
 * certificate's award form puts it (`layouts`, by form; the template otherwise), all shifted by the
 * unit's offsets. A scan of the blank is never drawn here: it is only the settings' preview background.
 */
export async function certificatesPdf(
  certificates: CertificateFace[],
  {
    mode = "full",
    offsets = { x: 0, y: 0 },
    layouts = {},
    title,
  }: { mode?: PrintMode; offsets?: Offsets; layouts?: Partial<Record<string, BlankLayout>>; title?: string } = {},
): Promise<Uint8Array> {
  const name = title ?? (certificates.length === 1 ? `Giấy khen số ${certificates[0]!.serial}` : `Giấy khen (${certificates.length} bản)`);
  return renderPdf(name, (doc, fonts) => {
    for (const certificate of certificates) {
      const page = doc.addPage([LANDSCAPE.width, LANDSCAPE.height]);
      if (mode === "full") {
        const sheet = new Sheet(page, fonts);
        drawPreprinted(sheet);
        drawFields(sheet, certificate, DEFAULT_BLANK_LAYOUT);
      } else {
        const layout = (certificate.form ? layouts[certificate.form] : Object.values(layouts)[0]) ?? DEFAULT_BLANK_LAYOUT;
        drawFields(new Sheet(page, fonts, offsets), certificate, layout);
      }
      sealPage(page); // memory flat per certificate
    }
  });
}

const mmText = (value: number) =>
  `${value > 0 ? "+" : value < 0 ? "−" : ""}${Math.abs(value).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} mm`;

export type BlankScan = { bytes: Uint8Array; type: string };
export type CalibrationOptions = {
  /** Where each field prints (the unit's layout for one award form); the template by default. */
  layout?: BlankLayout;
  /** The award form's name, printed in the notes. */
  formLabel?: string;
  /** Preview only: the scanned blank under the grid, to see the fields against it on screen. */
  background?: BlankScan;
};

/**
 * The calibration page: a millimetre grid and rulers (not shifted), and each field printed at its place,
 * size and alignment (shifted by the offsets) with a cross at its anchor and its name and coordinates.
 * Printed on a blank, it shows how far each field lands from the blank's lines.
 */
export function calibrationPdf(offsets: Offsets, unitName: string, options: CalibrationOptions = {}): Promise<Uint8Array> {
  const title = `Trang thử canh chỉnh in phôi Giấy khen — ${unitName}`;
  return renderPdf(title, (doc, fonts) => drawCalibration(doc, fonts, offsets, unitName, options));
}

const GRID_FINE = rgb(0.85, 0.9, 0.95);
const GRID_HALF = rgb(0.7, 0.8, 0.9);
const GRID_CM = rgb(0.45, 0.6, 0.8);

async function drawCalibration(doc: PDFDocument, fonts: Fonts, offsets: Offsets, unitName: string, options: CalibrationOptions) {
  const layout = options.layout ?? DEFAULT_BLANK_LAYOUT;
  const page = doc.addPage([LANDSCAPE.width, LANDSCAPE.height]);
  const { width, height } = LANDSCAPE;
  if (options.background) {
    const image =
      options.background.type === "image/png" ? await doc.embedPng(options.background.bytes) : await doc.embedJpg(options.background.bytes);
    page.drawImage(image, { x: 0, y: 0, width, height, opacity: 0.6 });
  }
  // The millimetre grid: a hairline every mm, darker every 5 mm and every cm.
  for (let mm = 1; mm < 297; mm++) {
    const color = mm % 10 === 0 ? GRID_CM : mm % 5 === 0 ? GRID_HALF : GRID_FINE;
    page.drawLine({ start: { x: mm * MM, y: 0 }, end: { x: mm * MM, y: height }, thickness: mm % 10 === 0 ? 0.35 : 0.15, color });
  }
  for (let mm = 1; mm < 210; mm++) {
    const color = mm % 10 === 0 ? GRID_CM : mm % 5 === 0 ? GRID_HALF : GRID_FINE;
    page.drawLine({
      start: { x: 0, y: height - mm * MM },
      end: { x: width, y: height - mm * MM },
      thickness: mm % 10 === 0 ? 0.35 : 0.15,
      color,
    });
  }
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
  for (const field of BLANK_FIELDS) {
    const place = layout[field];
    const label = `${BLANK_FIELD_LABELS[field]} (${coordinate(place.x + offsets.x)}; ${coordinate(place.y + offsets.y)})`;
    if (field === "qr") {
      // The QR code's square, where it will print.
      const corner = qrCorner(place);
      const qr = sheet.at(corner.x, corner.y);
      const side = place.size * MM;
      page.drawRectangle({
        x: qr.x,
        y: qr.y - side,
        width: side,
        height: side,
        borderColor: RED,
        borderWidth: 0.5,
        borderDashArray: [2, 2],
      });
      page.drawText(label, { x: qr.x + 1.5 * MM, y: qr.y - 5 * MM, size: 6.5, font: fonts.regular, color: RED });
      continue;
    }
    const { x, y } = sheet.at(place.x, place.y);
    page.drawLine({ start: { x: x - 4 * MM, y }, end: { x: x + 4 * MM, y }, thickness: 0.5, color: RED });
    page.drawLine({ start: { x, y: y - 4 * MM }, end: { x, y: y + 4 * MM }, thickness: 0.5, color: RED });
    page.drawCircle({ x, y, size: 1.2 * MM, borderColor: RED, borderWidth: 0.5 });
    // The sample prints where the field prints, at its size and alignment; the label above names it.
    sheet.text(SAMPLES[field], place.x, place.y, { size: place.size, color: GREY, align: place.align });
    const sampleWidth = fonts.regular.widthOfTextAtSize(SAMPLES[field], place.size);
    const left = place.align === "left" ? x : place.align === "right" ? x - sampleWidth : x - sampleWidth / 2;
    page.drawText(label, { x: left, y: y + (place.size * 0.8 + 1.5), size: 6.5, font: fonts.regular, color: RED });
  }

  const notes = [
    options.background ? "BẢN XEM TRƯỚC TRÊN ẢNH PHÔI — KHÔNG DÙNG ĐỂ IN" : "TRANG THỬ CANH CHỈNH IN PHÔI GIẤY KHEN",
    options.formLabel ? `${unitName} · ${options.formLabel}` : unitName,
    `Độ lệch chung đang dùng: ngang ${mmText(offsets.x)}, dọc ${mmText(offsets.y)}`,
    "In trang này lên một tờ phôi (hoặc giấy thường rồi đặt chồng lên phôi, soi trước đèn), khổ A4 nằm ngang, tỷ lệ 100%.",
    "Mỗi nội dung in đúng vị trí, cỡ chữ và căn lề đã đặt; dấu chữ thập là điểm neo (trái, giữa hoặc phải của dòng).",
    "Nội dung nào lệch so với dòng kẻ trên phôi: sửa vị trí của riêng nội dung đó; cả trang lệch: sửa độ lệch chung.",
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
