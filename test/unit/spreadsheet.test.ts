// Spreadsheets in and out: real .xlsx files made and read back with exceljs, real CSV bytes as Excel writes them.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, test } from "vitest";
import { parseVietnameseDate, parseVietnameseNumber } from "~/forms/fields.ts";
import {
  MAX_IMPORT_ROWS,
  detectDelimiter,
  excelSerialToDate,
  listSheet,
  readSpreadsheet,
  writeSpreadsheet,
  type SheetColumn,
} from "~/utils/spreadsheet.server.ts";

const COLUMNS: SheetColumn<"name" | "birthDate" | "rate" | "note">[] = [
  { key: "name", header: "Họ và tên", required: true },
  { key: "birthDate", header: "Ngày sinh", type: "date", required: true },
  { key: "rate", header: "Tỷ lệ đúng hạn (%)", type: "number", required: true },
  { key: "note", header: "Ghi chú" },
];

async function xlsx(fill: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Danh sách");
  fill(sheet, workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const BOM = [0xef, 0xbb, 0xbf];

async function readOk(bytes: Uint8Array) {
  const read = await readSpreadsheet(bytes, COLUMNS);
  if (!read.ok) throw new Error(`expected the file to be read, got: ${read.message}`);
  return read;
}

async function readRefused(bytes: Uint8Array, options?: { maxRows?: number }) {
  const read = await readSpreadsheet(bytes, COLUMNS, options);
  if (read.ok) throw new Error("expected the file to be refused");
  return read.message;
}

describe("reading .xlsx", () => {
  test("rows come keyed by header with the row number Excel shows; blank rows are skipped", async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(["Họ và tên", "Ngày sinh", "Tỷ lệ đúng hạn (%)", "Ghi chú"]);
      sheet.addRow(["Nguyễn Văn An", "03/04/1980", "99,6", ""]);
      sheet.addRow([]);
      sheet.addRow(["", "  ", null, null]);
      sheet.addRow(["Trần Thị Bình", "15/12/1975", 100, "Trưởng ấp"]);
    });
    const read = await readOk(bytes);
    expect(read.format).toBe("xlsx");
    expect(read.problems).toEqual([]);
    expect(read.rows).toEqual([
      { rowNumber: 2, values: { name: "Nguyễn Văn An", birthDate: "03/04/1980", rate: "99,6", note: "" } },
      { rowNumber: 5, values: { name: "Trần Thị Bình", birthDate: "15/12/1975", rate: "100", note: "Trưởng ấp" } },
    ]);
  });

  test("headers match whatever the case, tone marks, spacing and required-star; columns in any order", async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(["Ty le dung han (%)", "HỌ VÀ TÊN *", "ngày  sinh"]);
      sheet.addRow([98, "Lê Văn Cường", "01/01/1990"]);
    });
    const read = await readOk(bytes);
    expect(read.rows[0]!.values).toEqual({ name: "Lê Văn Cường", birthDate: "01/01/1990", rate: "98" });
  });

  test('numbers "99,6", "99.6" and a number cell 99.6 all read as 99.6; 1.234 as a cell is not a thousand', async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(["Họ và tên", "Ngày sinh", "Tỷ lệ đúng hạn (%)"]);
      sheet.addRow(["A", "01/01/1990", "99,6"]);
      sheet.addRow(["B", "01/01/1990", "99.6"]);
      sheet.addRow(["C", "01/01/1990", 99.6]);
      sheet.addRow(["D", "01/01/1990", 1.234]);
    });
    const read = await readOk(bytes);
    const parsed = read.rows.map((row) => parseVietnameseNumber(row.values.rate!));
    expect(parsed).toEqual([99.6, 99.6, 99.6, 1.234]);
  });

  test("dates as text, as Excel serial numbers and as real date cells all read as dd/mm/yyyy", async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(["Họ và tên", "Ngày sinh", "Tỷ lệ đúng hạn (%)"]);
      sheet.addRow(["Text", "3/4/2023", 1]);
      sheet.addRow(["Serial", 45019, 1]); // what Excel stores for 03/04/2023 in a cell formatted as General
      const dated = sheet.addRow(["Date cell", new Date(Date.UTC(2023, 3, 3)), 1]);
      dated.getCell(2).numFmt = "dd/mm/yyyy";
    });
    const read = await readOk(bytes);
    expect(read.rows.map((row) => parseVietnameseDate(row.values.birthDate!))).toEqual(["2023-04-03", "2023-04-03", "2023-04-03"]);
  });

  test("a workbook in the 1904 date system reads its serials from 1904", async () => {
    const bytes = await xlsx((sheet, workbook) => {
      workbook.properties.date1904 = true;
      sheet.addRow(["Họ và tên", "Ngày sinh", "Tỷ lệ đúng hạn (%)"]);
      sheet.addRow(["Mac", 45019 - 1462, 1]);
    });
    expect((await readOk(bytes)).rows[0]!.values.birthDate).toBe("03/04/2023");
  });

  test("a number that cannot be a date, an error cell and a date in a number column are problems of their cell", async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(["Họ và tên", "Ngày sinh", "Tỷ lệ đúng hạn (%)"]);
      sheet.addRow(["A", 0.5, { error: "#DIV/0!" } as ExcelJS.CellErrorValue]);
      const row = sheet.addRow(["B", "01/01/1990", new Date(Date.UTC(2023, 0, 1))]);
      row.getCell(3).numFmt = "dd/mm/yyyy";
    });
    const read = await readOk(bytes);
    expect(read.problems.map((p) => [p.rowNumber, p.cell, p.column])).toEqual([
      [2, "B2", "Ngày sinh"],
      [2, "C2", "Tỷ lệ đúng hạn (%)"],
      [3, "C3", "Tỷ lệ đúng hạn (%)"],
    ]);
    expect(read.problems[0]!.message).toMatch(/^Ô B2 \(cột «Ngày sinh»\): .*không phải một ngày hợp lệ/);
    expect(read.problems[1]!.message).toContain("#DIV/0!");
    expect(read.problems[2]!.message).toContain("cần một số");
  });

  test("a formula counts by the value Excel saved with it; one without a saved value is refused at its cell", async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(["Họ và tên", "Ngày sinh", "Tỷ lệ đúng hạn (%)", "Ghi chú"]);
      sheet.addRow(["A", "01/01/1990", { formula: "95+4.6", result: 99.6 }, { formula: 'CONCAT("x","y")', result: "xy" }]);
      sheet.addRow(["B", "01/01/1990", { formula: "C2*1" } as ExcelJS.CellFormulaValue]);
    });
    const read = await readOk(bytes);
    expect(read.rows[0]!.values).toMatchObject({ rate: "99,6", note: "xy" });
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatchObject({ rowNumber: 3, cell: "C3" });
    expect(read.problems[0]!.message).toContain("công thức");
  });

  test("merged cells in the data are refused, naming them; a merged title above the header is fine", async () => {
    const mergedData = await xlsx((sheet) => {
      sheet.addRow(["Họ và tên", "Ngày sinh", "Tỷ lệ đúng hạn (%)"]);
      sheet.addRow(["A", "01/01/1990", 99]);
      sheet.addRow(["B", "01/01/1990", 99]);
      sheet.mergeCells("C2:C3");
    });
    const message = await readRefused(mergedData);
    expect(message).toContain("ô gộp");
    expect(message).toContain("C2:C3");

    const mergedTitle = await xlsx((sheet) => {
      sheet.addRow(["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"]);
      sheet.mergeCells("A1:C1");
      sheet.addRow([]);
      sheet.addRow(["Họ và tên", "Ngày sinh", "Tỷ lệ đúng hạn (%)"]);
      sheet.addRow(["A", "01/01/1990", 99]);
    });
    const read = await readOk(mergedTitle);
    expect(read.headerRow).toBe(3);
    expect(read.rows).toEqual([{ rowNumber: 4, values: { name: "A", birthDate: "01/01/1990", rate: "99" } }]);
  });

  test("a wrong template is refused: no header row, a missing column, an unknown column, a column twice", async () => {
    const noHeader = await xlsx((sheet) => {
      sheet.addRow(["STT", "Tên", "Điểm"]);
      sheet.addRow([1, "A", 5]);
    });
    expect(await readRefused(noHeader)).toMatch(/không đúng mẫu.*«Họ và tên», «Ngày sinh», «Tỷ lệ đúng hạn \(%\)»/);

    const missing = await xlsx((sheet) => sheet.addRow(["Họ và tên", "Ngày sinh"]));
    expect(await readRefused(missing)).toMatch(/thiếu cột «Tỷ lệ đúng hạn \(%\)»/);

    const unknown = await xlsx((sheet) => sheet.addRow(["Họ và tên", "Ngày sinh", "Tỷ lệ đúng hạn (%)", "Điện thoại"]));
    expect(await readRefused(unknown)).toMatch(/cột không thuộc mẫu «Điện thoại» \(ô D1\)/);

    const twice = await xlsx((sheet) => sheet.addRow(["Họ và tên", "Ngày sinh", "Tỷ lệ đúng hạn (%)", "Họ và tên"]));
    expect(await readRefused(twice)).toMatch(/cột «Họ và tên» xuất hiện hai lần/);
  });
});

describe("telling a spreadsheet by its content", () => {
  test("a PDF, an image, a Word file, an old .xls and an empty file each get their own answer", async () => {
    const pdf = utf8("%PDF-1.7\n1 0 obj <<>> endobj\n");
    expect(await readRefused(pdf)).toMatch(/không phải bảng tính/);

    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(await readRefused(png)).toMatch(/không phải bảng tính/);

    const zip = new JSZip();
    zip.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file("word/document.xml", "<w:document/>");
    const docx = await zip.generateAsync({ type: "uint8array" });
    expect(await readRefused(docx)).toMatch(/không phải bảng tính/);

    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(await readRefused(xls)).toMatch(/\.xls.*chưa được hỗ trợ.*\.xlsx/);

    expect(await readRefused(new Uint8Array())).toMatch(/trống/);
  });

  test("a file named .csv that holds an .xlsx is read as the .xlsx it is", async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(["Họ và tên", "Ngày sinh", "Tỷ lệ đúng hạn (%)"]);
      sheet.addRow(["A", "01/01/1990", 99]);
    });
    expect((await readOk(bytes)).format).toBe("xlsx");
  });
});

describe("reading .csv", () => {
  test('";"-separated with a BOM (Excel "CSV UTF-8" on Vietnamese settings), decimal commas kept', async () => {
    const text =
      'Họ và tên;Ngày sinh;Tỷ lệ đúng hạn (%);Ghi chú\r\nNguyễn Văn An;03/04/1980;99,6;"Ấp 1; Ấp 2"\r\n;;;\r\nĐặng Thị Mai;01/02/1985;100;\r\n';
    const read = await readOk(new Uint8Array([...BOM, ...utf8(text)]));
    expect(read.format).toBe("csv");
    expect(read.rows).toEqual([
      { rowNumber: 2, values: { name: "Nguyễn Văn An", birthDate: "03/04/1980", rate: "99,6", note: "Ấp 1; Ấp 2" } },
      { rowNumber: 4, values: { name: "Đặng Thị Mai", birthDate: "01/02/1985", rate: "100", note: "" } },
    ]);
  });

  test('","-separated without a BOM, quoted "99,6"; dates stay day-first (03/04 is April, not March)', async () => {
    const read = await readOk(utf8('Họ và tên,Ngày sinh,Tỷ lệ đúng hạn (%)\nLê Văn Cường,03/04/2023,"99,6"\n'));
    expect(read.rows[0]!.values).toEqual({ name: "Lê Văn Cường", birthDate: "03/04/2023", rate: "99,6" });
    expect(parseVietnameseDate(read.rows[0]!.values.birthDate!)).toBe("2023-04-03");
  });

  test("the separator is the one the header line holds most, outside quotes", () => {
    expect(detectDelimiter("a;b;c\n1,5;2,5;3")).toBe(";");
    expect(detectDelimiter('a,b,"c;d"\n1;2;3;4;5')).toBe(",");
    expect(detectDelimiter("a\tb\tc\n")).toBe("\t");
  });

  test("a CSV saved in a legacy encoding is refused with how to save it as UTF-8", async () => {
    const latin1 = new Uint8Array([...utf8("H"), 0xe7, ...utf8(" va ten;Ngay sinh\nA;01/01/1990\n")]);
    expect(await readRefused(latin1)).toMatch(/UTF-8/);
  });

  test("more than 10,000 data rows are refused, saying how many and the limit; exactly 10,000 are read", async () => {
    const line = "Nguyễn Văn An;03/04/1980;99,6\n";
    const header = "Họ và tên;Ngày sinh;Tỷ lệ đúng hạn (%)\n";
    const tooMany = utf8(header + line.repeat(MAX_IMPORT_ROWS + 1));
    const message = await readRefused(tooMany);
    expect(message).toContain("10.001 dòng");
    expect(message).toContain("10.000 dòng");
    const atLimit = await readOk(utf8(header + line.repeat(MAX_IMPORT_ROWS)));
    expect(atLimit.rows).toHaveLength(MAX_IMPORT_ROWS);
    expect(atLimit.rows.at(-1)!.rowNumber).toBe(MAX_IMPORT_ROWS + 1);
  });
});

describe("Excel serial dates", () => {
  test("the 1900 system, with Lotus's 29/02/1900 and the day's time ignored", () => {
    expect(excelSerialToDate(1)!.toISOString().slice(0, 10)).toBe("1900-01-01");
    expect(excelSerialToDate(59)!.toISOString().slice(0, 10)).toBe("1900-02-28");
    expect(excelSerialToDate(61)!.toISOString().slice(0, 10)).toBe("1900-03-01");
    expect(excelSerialToDate(44927.75)!.toISOString().slice(0, 10)).toBe("2023-01-01");
    expect(excelSerialToDate(0)).toBeNull();
    expect(excelSerialToDate(3_000_000)).toBeNull();
  });
});

describe("writing .xlsx", () => {
  type Item = { name: string; decided: Date; day: string; rate: number; count: number; note: string | null };
  const items: Item[] = [
    // 20:00 UTC on 02/04 is 03:00 on 03/04 in Vietnam: the day written is the Vietnamese one.
    { name: "Nguyễn Văn An", decided: new Date("2023-04-02T20:00:00Z"), day: "2023-05-06", rate: 99.6, count: 1234, note: "=1+1" },
    { name: "Trần Thị Bình", decided: new Date("2023-12-31T10:00:00Z"), day: "2024-01-15", rate: 100, count: 7, note: null },
  ];

  async function written() {
    const bytes = await writeSpreadsheet(
      listSheet<Item>({
        sheetName: "Hồ sơ",
        title: "DANH SÁCH HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG",
        filters: ["Tìm: nguyen", "Trạng thái: Đã nộp"],
        columns: [
          { header: "Họ và tên", value: (item) => item.name },
          { header: "Ngày quyết định", type: "date", value: (item) => item.decided },
          { header: "Ngày nộp", type: "date", value: (item) => item.day },
          { header: "Tỷ lệ (%)", type: "number", value: (item) => item.rate },
          { header: "Số hồ sơ", type: "integer", value: (item) => item.count },
          { header: "Ghi chú", value: (item) => item.note },
        ],
        rows: items,
      }),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as never);
    return { bytes, sheet: workbook.worksheets[0]! };
  }

  test("title, filters, frozen bold header with filter buttons, real dates dd/mm/yyyy, numbers as numbers, widths", async () => {
    const { sheet } = await written();
    expect(sheet.name).toBe("Hồ sơ");
    expect(sheet.getCell("A1").value).toBe("DANH SÁCH HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG");
    expect(sheet.getCell("A2").value).toBe("Tìm: nguyen");
    expect(sheet.getCell("A3").value).toBe("Trạng thái: Đã nộp");
    expect(sheet.getCell("A4").value).toBe("Số dòng: 2");
    const header = sheet.getRow(5);
    expect(header.values).toEqual([undefined, "Họ và tên", "Ngày quyết định", "Ngày nộp", "Tỷ lệ (%)", "Số hồ sơ", "Ghi chú"]);
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 5 });
    expect(sheet.autoFilter).toBeTruthy();

    const decided = sheet.getCell("B6");
    expect(decided.value).toBeInstanceOf(Date);
    expect((decided.value as Date).toISOString()).toBe("2023-04-03T00:00:00.000Z");
    expect(decided.numFmt).toBe("dd/mm/yyyy");
    expect((sheet.getCell("C7").value as Date).toISOString()).toBe("2024-01-15T00:00:00.000Z");
    expect(sheet.getCell("D6").value).toBe(99.6);
    expect(sheet.getCell("E6").value).toBe(1234);
    expect(sheet.getCell("E6").numFmt).toBe("#,##0");
    // Text that looks like a formula stays text.
    expect(sheet.getCell("F6").value).toBe("=1+1");
    expect(sheet.getCell("F7").value).toBeNull();
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual("Nguyễn Văn An".length);
  });

  test("what is written reads back the same through the reader", async () => {
    const { bytes } = await written();
    const read = await readSpreadsheet(new Uint8Array(bytes), [
      { key: "name", header: "Họ và tên", required: true },
      { key: "decided", header: "Ngày quyết định", type: "date", required: true },
      { key: "day", header: "Ngày nộp", type: "date" },
      { key: "rate", header: "Tỷ lệ (%)", type: "number" },
      { key: "count", header: "Số hồ sơ", type: "number" },
      { key: "note", header: "Ghi chú" },
    ]);
    if (!read.ok) throw new Error(read.message);
    expect(read.headerRow).toBe(5);
    expect(read.rows.map((row) => row.values)).toEqual([
      { name: "Nguyễn Văn An", decided: "03/04/2023", day: "06/05/2023", rate: "99,6", count: "1234", note: "=1+1" },
      { name: "Trần Thị Bình", decided: "31/12/2023", day: "15/01/2024", rate: "100", count: "7", note: "" },
    ]);
  });
});
