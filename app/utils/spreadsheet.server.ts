// Spreadsheets in and out (exceljs): every list exports to .xlsx, and bulk data (nominees and their figures,
// units, staff) comes in from .xlsx or .csv. Reading turns a file into rows keyed by the template's columns,
// each with the row number Excel shows, and gives every problem a Vietnamese sentence that names the cell.
// What the rows mean is the caller's business: it validates them with the same Zod schemas as its forms.
// Decisions (docs/decisions/011-spreadsheets.md): a formula counts by the value Excel saved with it (the
// value the user sees); a formula without a saved value is refused. Merged cells in the header or the data
// are refused (which cell holds the value is a guess); above the header (a title) they are allowed.
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { foldForSearch } from "./search.ts";
import { contentDisposition } from "./upload.server.ts";

/** At most this many data rows a file: a commune's import is hundreds; a larger file is a mistake or an attack. */
export const MAX_IMPORT_ROWS = 10_000;
/** The header row is looked for in this many rows from the top (a title and the filters may sit above it). */
const HEADER_SEARCH_ROWS = 20;

export type ColumnType = "text" | "number" | "date";

/** A column the template expects. `header` is what the template prints; `aliases` are other accepted spellings. */
export type SheetColumn<K extends string = string> = {
  key: K;
  header: string;
  type?: ColumnType;
  /** The column must be present (its cells may still be empty: that is the caller's schema to judge). */
  required?: boolean;
  aliases?: string[];
};

/**
 * A row of the file, by column key. Every value is text the forms' fields accept: numbers with a decimal
 * comma ("99,6"), dates as dd/mm/yyyy, "" for an empty cell. A column absent from the file is absent here.
 */
export type SheetRow<K extends string = string> = { rowNumber: number; values: Partial<Record<K, string>> };

/** A cell the reader could not turn into text for its column: the row, the column's header, "C5", the sentence. */
export type CellProblem = { rowNumber: number; column: string; cell: string; message: string };

type SheetRows<K extends string> = {
  rows: SheetRow<K>[];
  problems: CellProblem[];
  headerRow: number;
  /** The column letter ("C") of each template column found in the file, to name a cell "C5". */
  columnLetters: Partial<Record<K, string>>;
};

export type SheetRead<K extends string = string> = ({ ok: true; format: "xlsx" | "csv" } & SheetRows<K>) | { ok: false; message: string };

export type ReadOptions = { maxRows?: number };

const NOT_A_SPREADSHEET = "Tệp tải lên không phải bảng tính. Vui lòng chọn tệp Excel (.xlsx) hoặc CSV (.csv) theo mẫu.";
const EMPTY_FILE = "Tệp tải lên trống, không có dữ liệu.";
const OLD_EXCEL =
  "Tệp Excel 97-2003 (.xls) chưa được hỗ trợ. Vui lòng mở tệp bằng Excel và lưu lại dưới dạng «Excel Workbook (.xlsx)» hoặc «CSV UTF-8».";
const NOT_UTF8 =
  "Tệp CSV không được lưu bằng bảng mã UTF-8 nên chữ tiếng Việt sẽ bị lỗi. Trong Excel chọn Lưu thành → «CSV UTF-8 (Comma delimited)», hoặc lưu dưới dạng .xlsx.";

/** Reads an uploaded .xlsx or .csv (decided by its content, not its name) against the template's columns. */
export async function readSpreadsheet<K extends string>(
  bytes: Uint8Array,
  columns: SheetColumn<K>[],
  options: ReadOptions = {},
): Promise<SheetRead<K>> {
  const loaded = await loadWorkbook(bytes);
  if (!loaded.ok) return loaded;
  const worksheet = loaded.workbook.worksheets.find((sheet) => sheet.state === "visible" && sheet.actualRowCount > 0);
  if (!worksheet) return { ok: false, message: EMPTY_FILE };
  const read = readWorksheet(worksheet, columns, options.maxRows ?? MAX_IMPORT_ROWS, loaded.workbook.properties.date1904 === true);
  return read.ok ? { ...read, format: loaded.format } : read;
}

// ─── Telling what the file is ───────────────────────────────────────────────

type Loaded = { ok: true; workbook: ExcelJS.Workbook; format: "xlsx" | "csv" } | { ok: false; message: string };

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

async function loadWorkbook(bytes: Uint8Array): Promise<Loaded> {
  if (bytes.byteLength === 0) return { ok: false, message: EMPTY_FILE };
  const workbook = new ExcelJS.Workbook();
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // A ZIP: an .xlsx, or another Office file (.docx) or an archive, which exceljs refuses or reads without sheets.
    try {
      await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
    } catch {
      return { ok: false, message: NOT_A_SPREADSHEET };
    }
    if (workbook.worksheets.length === 0) return { ok: false, message: NOT_A_SPREADSHEET };
    return { ok: true, workbook, format: "xlsx" };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return { ok: false, message: OLD_EXCEL };
  const text = decodeText(bytes);
  if (!text.ok) return text;
  const delimiter = detectDelimiter(text.text);
  try {
    // Every field stays text (exceljs would otherwise read "03/04/2023" as a US date): the columns decide.
    await workbook.csv.read(Readable.from([text.text]), {
      parserOptions: { delimiter },
      map: (value: string) => (value === "" ? null : value),
    });
  } catch {
    return { ok: false, message: NOT_A_SPREADSHEET };
  }
  return { ok: true, workbook, format: "csv" };
}

/** The text of a CSV: UTF-8 with or without its byte-order mark; binary files and other encodings are refused. */
function decodeText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; message: string } {
  const head = bytes.subarray(0, 8192);
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return { ok: false, message: NOT_A_SPREADSHEET }; // %PDF
  // Text has no NUL and few control characters; images, PDFs and executables have many.
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return { ok: false, message: NOT_A_SPREADSHEET };
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control += 1;
  }
  if (control > head.length / 100) return { ok: false, message: NOT_A_SPREADSHEET };
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); // strips a BOM
    if (text.trim() === "") return { ok: false, message: EMPTY_FILE };
    return { ok: true, text };
  } catch {
    return { ok: false, message: NOT_UTF8 };
  }
}

/**
 * The separator of a CSV: Excel writes ";" where the system's list separator is ";" (Vietnamese and most
 * European settings, where "," is the decimal mark), "," elsewhere; tabs come from copy and paste.
 * The header line decides: the separator it holds most often, outside quotes.
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [",", 0],
    [";", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) {
      if ([...counts.values()].some((n) => n > 0)) break;
    } else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ",";
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

// ─── Reading the sheet ──────────────────────────────────────────────────────

/** "Họ và tên *" → "ho va ten": headers match whatever the case, tone marks, spacing or a required-star. */
function headerKey(text: string): string {
  return foldForSearch(text.replace(/\(\s*bắt buộc\s*\)|\*/gi, "")).replace(/\s*([():/,.-])\s*/g, "$1");
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && "richText" in value) return value.richText.map((part) => part.text).join("");
  if (typeof value === "object" && "text" in value && typeof value.text === "string") return value.text;
  return String(value);
}

function formatRowCount(n: number): string {
  return new Intl.NumberFormat("vi-VN").format(n);
}

function readWorksheet<K extends string>(
  worksheet: ExcelJS.Worksheet,
  columns: SheetColumn<K>[],
  maxRows: number,
  date1904: boolean,
): ({ ok: true } & SheetRows<K>) | { ok: false; message: string } {
  const byHeader = new Map<string, SheetColumn<K>>();
  for (const column of columns) for (const header of [column.header, ...(column.aliases ?? [])]) byHeader.set(headerKey(header), column);

  // The header row: the row near the top naming the most template columns.
  let headerRow = 0;
  let bestMatches = 0;
  const lastSearched = Math.min(worksheet.rowCount, HEADER_SEARCH_ROWS);
  for (let r = 1; r <= lastSearched; r += 1) {
    const row = worksheet.getRow(r);
    let matches = 0;
    row.eachCell((cell) => {
      if (byHeader.has(headerKey(cellText(cell.value)))) matches += 1;
    });
    if (matches > bestMatches) [headerRow, bestMatches] = [r, matches];
  }
  const expected = columns.filter((column) => column.required).map((column) => `«${column.header}»`);
  if (headerRow === 0) {
    return {
      ok: false,
      message: `Tệp không đúng mẫu: không tìm thấy dòng tiêu đề với các cột ${expected.join(", ")}. Vui lòng tải tệp mẫu và điền dữ liệu vào đó.`,
    };
  }

  // Which column of the sheet holds which key; unknown and duplicated headers are a wrong template.
  const positions = new Map<number, SheetColumn<K>>();
  const unknown: string[] = [];
  const duplicated: string[] = [];
  worksheet.getRow(headerRow).eachCell((cell, col) => {
    const text = cellText(cell.value).trim();
    if (text === "") return;
    const column = byHeader.get(headerKey(text));
    if (!column) unknown.push(`«${text}» (ô ${cell.address})`);
    else if ([...positions.values()].includes(column)) duplicated.push(`«${text}»`);
    else positions.set(col, column);
  });
  const present = new Set(positions.values());
  const missing = columns.filter((column) => column.required && !present.has(column)).map((column) => `«${column.header}»`);
  const templateErrors = [
    missing.length > 0 ? `thiếu cột ${missing.join(", ")}` : null,
    unknown.length > 0 ? `có cột không thuộc mẫu ${unknown.join(", ")}` : null,
    duplicated.length > 0 ? `cột ${duplicated.join(", ")} xuất hiện hai lần` : null,
  ].filter(Boolean);
  if (templateErrors.length > 0) {
    return { ok: false, message: `Tệp không đúng mẫu (dòng tiêu đề là dòng ${headerRow}): ${templateErrors.join("; ")}.` };
  }

  // Merged cells in the header or the data: which of the merged cells holds the value is a guess.
  const merged = (worksheet.model.merges ?? []).filter((range) => lastRowOf(range) >= headerRow);
  if (merged.length > 0) {
    const shown = merged.slice(0, 5).join(", ");
    return {
      ok: false,
      message: `Tệp có ô gộp (${shown}${merged.length > 5 ? ", …" : ""}) trong dòng tiêu đề hoặc phần dữ liệu. Vui lòng bỏ gộp ô (Merge & Center) và điền giá trị vào từng ô, rồi tải lên lại.`,
    };
  }

  const rows: SheetRow<K>[] = [];
  const problems: CellProblem[] = [];
  for (let r = headerRow + 1; r <= worksheet.rowCount; r += 1) {
    const row = worksheet.getRow(r);
    const values: Partial<Record<K, string>> = {};
    for (const column of present) values[column.key] = "";
    let empty = true;
    const rowProblems: CellProblem[] = [];
    for (const [col, column] of positions) {
      const cell = row.getCell(col);
      const read = readCell(cell.value, column.type ?? "text", date1904);
      if (read.ok) {
        values[column.key] = read.text;
        if (read.text !== "") empty = false;
      } else {
        empty = false;
        rowProblems.push({
          rowNumber: r,
          column: column.header,
          cell: cell.address,
          message: `Ô ${cell.address} (cột «${column.header}»): ${read.message}`,
        });
      }
    }
    if (empty) continue; // blank lines between blocks of data are common: skipped, not an error
    rows.push({ rowNumber: r, values });
    problems.push(...rowProblems);
    if (rows.length > maxRows) {
      const total = countDataRows(worksheet, headerRow, [...positions.keys()]);
      return {
        ok: false,
        message: `Tệp có ${formatRowCount(total)} dòng dữ liệu, vượt quá giới hạn ${formatRowCount(maxRows)} dòng mỗi lần nhập. Vui lòng chia thành nhiều tệp nhỏ hơn.`,
      };
    }
  }
  const columnLetters: Partial<Record<K, string>> = {};
  for (const [col, column] of positions) columnLetters[column.key] = worksheet.getColumn(col).letter;
  return { ok: true, rows, problems, headerRow, columnLetters };
}

function countDataRows(worksheet: ExcelJS.Worksheet, headerRow: number, cols: number[]): number {
  let count = 0;
  for (let r = headerRow + 1; r <= worksheet.rowCount; r += 1) {
    const row = worksheet.getRow(r);
    if (cols.some((col) => cellText(row.getCell(col).value).trim() !== "")) count += 1;
  }
  return count;
}

/** "A1:F2" → 2 */
function lastRowOf(range: string): number {
  const end = range.split(":").at(-1) ?? range;
  return Number(/\d+$/.exec(end)?.[0] ?? 0);
}

type CellRead = { ok: true; text: string } | { ok: false; message: string };

const ERROR_CELL = (code: string) => `có lỗi ${code}; vui lòng sửa trong tệp rồi tải lên lại.`;

/** One cell as the text a form field takes, by the column's type. */
function readCell(raw: ExcelJS.CellValue, type: ColumnType, date1904: boolean): CellRead {
  let value: unknown = raw;
  if (value !== null && typeof value === "object" && ("formula" in value || "sharedFormula" in value)) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null) {
      return {
        ok: false,
        message:
          "chứa công thức chưa có giá trị đã tính. Vui lòng mở tệp bằng Excel và lưu lại, hoặc sao chép rồi dán giá trị (Paste Special → Values).",
      };
    }
    value = result;
  }
  if (value === null || value === undefined) return { ok: true, text: "" };
  if (typeof value === "object" && "error" in (value as object))
    return { ok: false, message: ERROR_CELL(String((value as ExcelJS.CellErrorValue).error)) };
  if (typeof value === "object" && "richText" in (value as object)) value = cellText(value as ExcelJS.CellRichTextValue);
  else if (typeof value === "object" && "hyperlink" in (value as object)) value = (value as ExcelJS.CellHyperlinkValue).text;

  if (value instanceof Date) {
    if (type === "number") return { ok: false, message: "là ngày tháng nhưng cột này cần một số. Vui lòng định dạng ô là số (Number)." };
    return { ok: true, text: formatDayMonthYear(value) };
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { ok: false, message: "không chứa một số hợp lệ." };
    if (type === "date") {
      const date = excelSerialToDate(value, date1904);
      if (!date)
        return { ok: false, message: `số ${value} không phải một ngày hợp lệ; vui lòng nhập ngày dạng ngày/tháng/năm, ví dụ 03/04/2023.` };
      return { ok: true, text: formatDayMonthYear(date) };
    }
    // A decimal comma, so that 1.234 (one point two three four) is not read back as a thousand.
    return { ok: true, text: type === "number" ? plainNumber(value).replace(".", ",") : plainNumber(value) };
  }
  if (typeof value === "boolean") return { ok: true, text: value ? "Có" : "Không" };
  return { ok: true, text: String(value).trim() };
}

/** 99.6 → "99.6", 1e-7 → "0.0000001": never an exponent. */
function plainNumber(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(12).replace(/\.?0+$/, "");
}

const DAY_MS = 86_400_000;

/**
 * An Excel date serial → the calendar day (UTC midnight). The 1900 system counts from 31/12/1899 and keeps
 * Lotus's 29/02/1900 (serial 60), so serials from 61 on count from 30/12/1899; the 1904 system from 01/01/1904.
 * Only years 1900 to 2199 are taken for dates: anything else is a number typed into a date column.
 */
export function excelSerialToDate(serial: number, date1904 = false): Date | null {
  if (serial < 1) return null;
  const day = Math.floor(serial + 1e-9);
  const base = date1904 ? Date.UTC(1904, 0, 1) : day >= 61 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  const date = new Date(base + day * DAY_MS);
  const year = date.getUTCFullYear();
  return year >= 1900 && year < 2200 ? date : null;
}

/** A cell's date (exceljs gives the calendar day as UTC midnight) as dd/mm/yyyy. */
function formatDayMonthYear(date: Date): string {
  const rounded = new Date(Math.round(date.getTime() / 60_000) * 60_000); // 23:59:59.999 from float serials
  const dd = String(rounded.getUTCDate()).padStart(2, "0");
  const mm = String(rounded.getUTCMonth() + 1).padStart(2, "0");
  return `${dd}/${mm}/${rounded.getUTCFullYear()}`;
}

// ─── Writing ────────────────────────────────────────────────────────────────

/** A calendar day: an instant (shown as the day in Vietnam) or an ISO day "2023-04-03". */
export type DayValue = Date | string;

export type ExportColumn<T> = {
  header: string;
  /** text; number (decimals as needed); integer (thousands grouped); date (a real date, dd/mm/yyyy). */
  type?: "text" | "number" | "integer" | "date";
  /** Width in characters; by default from the header and the longest value, between 8 and 60. */
  width?: number;
  value: (row: T) => string | number | DayValue | null | undefined;
};

export type ExportSheet<T> = {
  /** The sheet's tab (at most 31 characters, no []:*?/\). */
  sheetName: string;
  /** The first row, in bold: what the list is. */
  title: string;
  /** Lines under the title saying which filters made the list ("Trạng thái: Đã nộp"); none = "Tất cả". */
  filters?: string[];
  columns: ExportColumn<T>[];
  rows: T[];
};

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The calendar day of an instant in Vietnam, or of an ISO day, as the UTC midnight Excel stores as a date. */
function excelDay(value: DayValue): Date | null {
  if (typeof value === "string") {
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  }
  const local = new Date(value.getTime() + VIETNAM_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}

function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Danh sách";
}

/** A sheet: the title row, the filters, the row count, the header (frozen, with Excel's filter buttons), the rows. */
export function listSheet<T>(sheet: ExportSheet<T>): SheetBuilder {
  return (workbook) => addListSheet(workbook, sheet);
}

export type SheetBuilder = (workbook: ExcelJS.Workbook) => ExcelJS.Worksheet;

function addListSheet<T>(workbook: ExcelJS.Workbook, sheet: ExportSheet<T>): ExcelJS.Worksheet {
  const { columns } = sheet;
  const filters = sheet.filters && sheet.filters.length > 0 ? sheet.filters : ["Bộ lọc: tất cả"];
  const headerRow = 1 + filters.length + 2;
  const worksheet = workbook.addWorksheet(sheetName(sheet.sheetName), {
    views: [{ state: "frozen", ySplit: headerRow, xSplit: 0 }],
    pageSetup: { paperSize: 9, orientation: columns.length > 6 ? "landscape" : "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });

  worksheet.getCell(1, 1).value = sheet.title;
  worksheet.getCell(1, 1).font = { bold: true, size: 14 };
  filters.forEach((line, i) => {
    worksheet.getCell(2 + i, 1).value = line;
    worksheet.getCell(2 + i, 1).font = { italic: true };
  });
  worksheet.getCell(2 + filters.length, 1).value = `Số dòng: ${sheet.rows.length}`;

  const header = worksheet.getRow(headerRow);
  columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.alignment = { vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } };
    cell.border = { bottom: { style: "thin" } };
  });
  header.commit();

  const widths = columns.map((column) => column.header.length);
  for (const item of sheet.rows) {
    const row = worksheet.addRow([]);
    columns.forEach((column, i) => {
      const cell = row.getCell(i + 1);
      const value = column.value(item);
      if (value === null || value === undefined || value === "") return;
      if (column.type === "date") {
        const day = excelDay(value as DayValue);
        cell.value = day;
        cell.numFmt = "dd/mm/yyyy";
        widths[i] = Math.max(widths[i]!, 10);
      } else if (column.type === "number" || column.type === "integer") {
        const number = typeof value === "number" ? value : Number(value);
        cell.value = Number.isFinite(number) ? number : String(value);
        cell.numFmt = column.type === "integer" ? "#,##0" : "General";
        widths[i] = Math.max(widths[i]!, String(value).length);
      } else {
        const text = String(value);
        cell.value = text;
        cell.alignment = { wrapText: true, vertical: "top" };
        widths[i] = Math.max(widths[i]!, ...text.split("\n").map((line) => line.length));
      }
    });
  }
  columns.forEach((column, i) => {
    worksheet.getColumn(i + 1).width = column.width ?? Math.min(60, Math.max(8, widths[i]! + 2));
  });
  if (columns.length > 0) worksheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: columns.length } };
  return worksheet;
}

/** A workbook of sheets (`listSheet(…)`), as the bytes of an .xlsx file. */
export async function writeSpreadsheet(...sheets: SheetBuilder[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Thi đua – Khen thưởng";
  workbook.created = new Date();
  for (const build of sheets) build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The HTTP answer carrying an .xlsx file; `fileName` keeps its Vietnamese letters (RFC 6266). */
export function xlsxResponse(bytes: Buffer, fileName: string): Response {
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": contentDisposition(fileName),
      "Cache-Control": "private, no-store",
    },
  });
}

/** "DANH SÁCH … (10.000 dòng đầu trong tổng số 12.345)" when an export is cut at its limit. */
export function exportTitle(title: string, total: number, limit: number): string {
  if (total <= limit) return title;
  const vn = (n: number) => new Intl.NumberFormat("vi-VN").format(n);
  return `${title} (${vn(limit)} dòng đầu trong tổng số ${vn(total)}; hãy lọc bớt để xuất đủ)`;
}
