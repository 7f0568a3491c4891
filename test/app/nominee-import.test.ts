// Import of nominees and their Mẫu 07 figures into draft dossiers, through the page's own loader and action:
// the template from the movement's targets, real .xlsx and .csv files, a Vietnamese message per bad cell,
// nothing written unless every row is valid (or, audited, only the valid rows), and export → import round trip.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { verifyAuditTrail } from "~/models/audit.server.ts";
import { loader as nomineesXlsx } from "~/routes/phong-trao.$movementId.ho-so-de-nghi[.]xlsx.tsx";
import { loader as templateXlsx } from "~/routes/phong-trao.$movementId.mau-nhap[.]xlsx.tsx";
import { action as importAction, loader as importPage } from "~/routes/phong-trao.$movementId.nhap-ho-so.tsx";
import { prisma } from "~/utils/db.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { REPORT_FORM_TARGETS, createCommuneWithStaff, createMovement, requestAs } from "../support/factories.ts";

let db: TestDatabase;
let staff: Awaited<ReturnType<typeof createCommuneWithStaff>>;
let movementId: string;
const context = { clientIp: "test" };

// The template's headers as a person reads them in the downloaded file.
const KIND = "Cá nhân/tập thể/hộ gia đình";
const SUBJECT = "Đối tượng";
const NAME = "Họ và tên (tên tập thể, hộ gia đình)";
const T1 = "CT1. Hồ sơ TTHC giải quyết đúng hạn (≥ 99%)";
const T2 = "CT2. Văn bản QPPL đúng quy định (nếu có) (≥ 100%)";
const T3 = "CT3. Cán bộ bị xử lý kỷ luật (= 0 người)";

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createCommuneWithStaff("UBND xã Tam Phước");
  movementId = (await createMovement(staff.commune.id, { targets: REPORT_FORM_TARGETS })).id;
});
afterAll(() => db.destroy());

const statusOf = (result: unknown) =>
  result instanceof Response ? result.status : ((result as { init?: { status?: number } }).init?.status ?? 200);
const messageOf = (result: unknown) => (result as { data?: { message?: string } }).data?.message ?? "";

async function template(forMovement = movementId): Promise<ExcelJS.Workbook> {
  const response = (await templateXlsx({
    request: await requestAs(staff.official.id, `/phong-trao/${forMovement}/mau-nhap.xlsx`),
    params: { movementId: forMovement },
    context,
  })) as Response;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await response.arrayBuffer()) as never);
  return workbook;
}

type Cell = ExcelJS.CellValue | { date: Date };

/** The downloaded template, filled as an official would in Excel: one object a row, by header. */
async function filled(rows: Array<Record<string, Cell> | null>, edit?: (sheet: ExcelJS.Worksheet, headerRow: number) => void) {
  const workbook = await template();
  const sheet = workbook.getWorksheet("Danh sách đề nghị")!;
  const headerRow = sheet.getRows(1, 20)!.find((row) => row.getCell(1).value === KIND)!.number;
  const columnOf = new Map<string, number>();
  sheet.getRow(headerRow).eachCell((cell, col) => columnOf.set(String(cell.value), col));
  rows.forEach((values, i) => {
    const row = sheet.getRow(headerRow + 1 + i);
    for (const [header, value] of Object.entries(values ?? {})) {
      const col = columnOf.get(header);
      if (!col) throw new Error(`no column ${header}`);
      const cell = row.getCell(col);
      if (value && typeof value === "object" && "date" in value) {
        cell.value = value.date;
        cell.numFmt = "dd/mm/yyyy";
      } else cell.value = value as ExcelJS.CellValue;
    }
  });
  edit?.(sheet, headerRow);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function upload(bytes: Uint8Array, { fileName = "danh-sach.xlsx", unitId = staff.justice.id, userId = staff.official.id } = {}) {
  const form = new FormData();
  form.append("intent", "upload");
  form.append("unitId", unitId);
  form.append("file", new File([bytes as BlobPart], fileName));
  return importAction({
    request: await requestAs(userId, `/phong-trao/${movementId}/nhap-ho-so`, { method: "POST", body: form }),
    params: { movementId },
    context,
  }).catch((error: unknown) => error);
}

/** Uploads and returns the preview's import id (the redirect's ?tep=). */
async function uploaded(bytes: Uint8Array, options?: Parameters<typeof upload>[1]): Promise<string> {
  const result = await upload(bytes, options);
  if (!(result instanceof Response) || result.status !== 302) throw new Error(`upload refused: ${messageOf(result)}`);
  return new URL(result.headers.get("Location")!, "http://localhost").searchParams.get("tep")!;
}

async function preview(importId: string, userId = staff.official.id) {
  const page = await importPage({
    request: await requestAs(userId, `/phong-trao/${movementId}/nhap-ho-so?tep=${importId}`),
    params: { movementId },
    context,
  });
  return page.preview!;
}

async function commit(importId: string, intent: "import" | "import-valid" = "import", confirm = true) {
  const form = new URLSearchParams({ intent, importId, ...(confirm ? { confirm: "on" } : {}) });
  return importAction({
    request: await requestAs(staff.official.id, `/phong-trao/${movementId}/nhap-ho-so`, {
      method: "POST",
      body: form,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    }),
    params: { movementId },
    context,
  }).catch((error: unknown) => error);
}

/** Everything an import could have written, to show that a refused one wrote nothing. */
async function footprint() {
  const [dossiers, nominees, persons, documents, figures, audits] = await Promise.all([
    prisma.dossier.count(),
    prisma.nominee.count(),
    prisma.person.count(),
    prisma.dossierDocument.count(),
    prisma.achievementFigure.count(),
    prisma.auditEvent.count(),
  ]);
  return { dossiers, nominees, persons, documents, figures, audits };
}

const FULL_REPORT = {
  "Chức năng, nhiệm vụ được giao": "Tiếp nhận, giải quyết hồ sơ hộ tịch.",
  "Giải pháp, biện pháp đã thực hiện": "Niêm yết công khai thủ tục; nhắc hạn hằng ngày.",
  "Thủ trưởng đơn vị xác nhận": "Nguyễn Văn Hùng",
  "Chức vụ thủ trưởng đơn vị": "Chủ tịch UBND xã",
  "Ngày xác nhận": "15/05/2023",
};

describe("the template", () => {
  test("has a column for each target of the movement, drop-down lists and a sheet of instructions", async () => {
    const workbook = await template();
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Danh sách đề nghị", "Hướng dẫn"]);
    const sheet = workbook.getWorksheet("Danh sách đề nghị")!;
    const header = sheet.getRows(1, 20)!.find((row) => row.getCell(1).value === KIND)!;
    const headers = (header.values as unknown[]).filter(Boolean);
    expect(headers).toEqual(expect.arrayContaining([KIND, SUBJECT, NAME, T1, T2, T3, "Ngày sinh", "Ngày xác nhận"]));
    expect(sheet.getCell(header.number + 1, 1).dataValidation).toMatchObject({ type: "list" });
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: header.number });
  });
});

describe("a valid file", () => {
  test("creates one draft a row in one go, with the report and the figures as the form would save them, audited", async () => {
    const before = await footprint();
    const bytes = await filled([
      {
        [KIND]: "Cá nhân",
        [SUBJECT]: "Cán bộ, công chức chuyên môn",
        [NAME]: "Đặng Thị Mai",
        "Chức vụ": "Công chức Tư pháp - Hộ tịch",
        "Ngày sinh": 29305, // an Excel serial: 25/03/1980
        "Giới tính": "Nữ",
        [T1]: "99,6",
        [T2]: "Không phát sinh",
        ...FULL_REPORT,
      },
      null, // a blank line between the people
      {
        [KIND]: "ca nhan",
        [SUBJECT]: "Người đứng đầu",
        [NAME]: "Ngô Quốc Bảo",
        "Chức vụ": "Trưởng Bộ phận Tư pháp",
        "Ngày sinh": { date: new Date(Date.UTC(1975, 11, 1)) },
        [T1]: "99.6",
        [T3]: 0,
      },
      {
        [KIND]: "Tập thể",
        [SUBJECT]: "Tập thể ấp, khu phố",
        [NAME]: "Ấp Phước Trung",
        "Người đứng đầu tập thể / chủ hộ": "Lê Văn Ấp",
        "Số thành viên / nhân khẩu": 412,
        [T1]: 100,
      },
    ]);
    const importId = await uploaded(bytes);
    const shown = await preview(importId);
    expect(shown).toMatchObject({ valid: 3, invalid: 0, complete: 1, fileProblem: null, imported: null });
    expect(shown.rows.map((row) => [row.rowNumber, row.name, row.ok])).toEqual([
      [expect.any(Number), "Đặng Thị Mai", true],
      [expect.any(Number), "Ngô Quốc Bảo", true],
      [expect.any(Number), "Ấp Phước Trung", true],
    ]);
    expect(shown.rows[1]!.rowNumber - shown.rows[0]!.rowNumber).toBe(2); // the blank line is skipped, the numbers are Excel's
    // Previewing wrote nothing but the upload.
    expect(await footprint()).toEqual(before);

    const result = await commit(importId);
    expect(statusOf(result)).toBe(302);
    const dossiers = await prisma.dossier.findMany({
      where: { movementId, unitId: staff.justice.id },
      orderBy: { createdAt: "asc" },
      select: {
        state: true,
        kind: true,
        nominee: { select: { name: true, subjectKind: true, position: true, personId: true } },
        documents: { select: { kind: true, data: true, completedAt: true } },
        figures: { select: { value: true, notApplicable: true, target: { select: { metric: true } } } },
      },
    });
    expect(dossiers.map((d) => [d.state, d.kind, d.nominee.name, d.nominee.subjectKind])).toEqual([
      ["draft", "individual", "Đặng Thị Mai", "civil_servant"],
      ["draft", "individual", "Ngô Quốc Bảo", "unit_head"],
      ["draft", "collective", "Ấp Phước Trung", "hamlet"],
    ]);
    const [mai, bao, ap] = dossiers;
    const report = (d: typeof mai) => d!.documents.find((doc) => doc.kind === "achievement_report")!;
    expect(report(mai).data).toMatchObject({ fullName: "Đặng Thị Mai", birthDate: "1980-03-25", sex: "female", confirmedOn: "2023-05-15" });
    expect(report(mai).completedAt).not.toBeNull();
    expect(report(bao).data).toMatchObject({ birthDate: "1975-12-01" });
    expect(report(bao).completedAt).toBeNull();
    expect(report(ap).data).toMatchObject({ name: "Ấp Phước Trung", head: "Lê Văn Ấp", members: 412 });
    const figure = (d: typeof mai, metric: string) => d!.figures.find((f) => f.target.metric === metric);
    expect(Number(figure(mai, "procedures_on_time_rate")!.value)).toBe(99.6);
    expect(figure(mai, "legal_documents_rate")).toMatchObject({ value: null, notApplicable: true });
    expect(Number(figure(bao, "procedures_on_time_rate")!.value)).toBe(99.6);
    expect(Number(figure(bao, "disciplined_staff")!.value)).toBe(0);
    expect(figure(ap, "disciplined_staff")).toBeUndefined();

    const after = await footprint();
    expect(after.dossiers - before.dossiers).toBe(3);
    // Đặng Thị Mai is already in the unit's register (her account's person): linked, not added again; Ngô Quốc
    // Bảo belongs to another department, so the justice unit's nominee of that name is a new person.
    expect(mai!.nominee.personId).toBe(staff.official.personId);
    expect(bao!.nominee.personId).not.toBe(staff.otherOfficial.personId);
    expect(after.persons - before.persons).toBe(1);
    const audit = await prisma.auditEvent.groupBy({
      by: ["action"],
      where: {
        createdAt: { gte: new Date(Date.now() - 60_000) },
        action: { in: ["dossier.CREATE", "dossier.document.SAVE", "import.NOMINEES"] },
      },
      _count: { _all: true },
    });
    expect(Object.fromEntries(audit.map((a) => [a.action, a._count._all]))).toEqual({
      "dossier.CREATE": 3,
      "dossier.document.SAVE": 3,
      "import.NOMINEES": 1,
    });
    expect((await verifyAuditTrail(prisma)).firstBreak).toBeNull();

    // The page now says it was imported; importing the same upload again is refused and writes nothing.
    expect((await preview(importId)).imported).toMatchObject({ rows: 3, validOnly: false });
    const again = await commit(importId);
    expect(statusOf(again)).toBe(409);
    expect(await footprint()).toEqual(after);
    // Uploading the same people again: each row says the unit already nominated them.
    const duplicate = await preview(await uploaded(bytes));
    expect(duplicate.valid).toBe(0);
    expect(duplicate.rows[0]!.problems[0]!.message).toBe("Đơn vị đã có hồ sơ của «Đặng Thị Mai» trong phong trào này; không nhập lại.");
  });
});

describe("a file with bad rows", () => {
  test("writes nothing and names each bad cell in Vietnamese; only the valid rows by an explicit, audited choice", async () => {
    const before = await footprint();
    const bytes = await filled(
      [
        { [KIND]: "Cá nhân", [SUBJECT]: "Người hoạt động không chuyên trách", [NAME]: "Huỳnh Văn Sáu", [T1]: "98,5" },
        { [KIND]: "Cá thể", [SUBJECT]: "Người đứng đầu", [NAME]: "Võ Minh Tuấn" },
        { [KIND]: "Cá nhân", [SUBJECT]: "Cán bộ, công chức chuyên môn", [NAME]: "Phạm Thị Lan", [T1]: "chín mươi" },
        { [KIND]: "Cá nhân", [SUBJECT]: "Cán bộ, công chức chuyên môn", [NAME]: "Lý Thanh Sơn", "Ngày sinh": "31/02/1980" },
        { [KIND]: "Cá nhân", [SUBJECT]: "Người hoạt động không chuyên trách", [NAME]: "huynh van sau" },
        { [KIND]: "Cá nhân", [SUBJECT]: "Cán bộ, công chức chuyên môn", [NAME]: "Trần Văn Kỷ", [T3]: 1 },
        {
          [KIND]: "Cá nhân",
          [SUBJECT]: "Cán bộ, công chức chuyên môn",
          [NAME]: "Bùi Ngọc Nhân",
          [T1]: { formula: "90+9" } as ExcelJS.CellFormulaValue,
        },
        { [KIND]: "Hộ gia đình", [SUBJECT]: "Hộ gia đình", [NAME]: "Hộ ông Tư" },
        { [KIND]: "Cá nhân", [SUBJECT]: "Cán bộ, công chức chuyên môn", [NAME]: "", [T1]: 99 },
      ],
      undefined,
    );
    const importId = await uploaded(bytes);
    const shown = await preview(importId);
    expect([shown.valid, shown.invalid]).toEqual([1, 8]);
    const problems = Object.fromEntries(shown.rows.map((row) => [row.name, row.problems]));
    const first = shown.rows[0]!.rowNumber;
    const letterOf = async (header: string) => {
      const sheet = (await template()).getWorksheet("Danh sách đề nghị")!;
      const row = sheet.getRows(1, 20)!.find((r) => r.getCell(1).value === KIND)!;
      let letter = "";
      row.eachCell((cell) => {
        if (cell.value === header) letter = cell.address.replace(/\d+$/, "");
      });
      return letter;
    };
    expect(problems["Huỳnh Văn Sáu"]).toEqual([]);
    expect(problems["Võ Minh Tuấn"]).toEqual([
      {
        column: KIND,
        cell: `${await letterOf(KIND)}${first + 1}`,
        message: "«Cá thể» không hợp lệ: ghi Cá nhân, Tập thể hoặc Hộ gia đình.",
      },
    ]);
    expect(problems["Phạm Thị Lan"]).toEqual([
      { column: T1, cell: `${await letterOf(T1)}${first + 2}`, message: "Kết quả phải là một số (ví dụ: 99,6)." },
    ]);
    expect(problems["Lý Thanh Sơn"]).toEqual([
      {
        column: "Ngày sinh",
        cell: `${await letterOf("Ngày sinh")}${first + 3}`,
        message: "Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 03/04/2023.",
      },
    ]);
    expect(problems["huynh van sau"]![0]!.message).toBe(`Trùng với dòng ${first} của tệp.`);
    expect(problems["Trần Văn Kỷ"]![0]).toMatchObject({
      column: T3,
      message: "Chỉ tiêu này không áp dụng cho đối tượng «Cán bộ, công chức chuyên môn»; để trống ô này.",
    });
    expect(problems["Bùi Ngọc Nhân"]![0]).toMatchObject({ column: T1, cell: `${await letterOf(T1)}${first + 6}` });
    expect(problems["Bùi Ngọc Nhân"]![0]!.message).toContain("công thức");
    expect(problems["Hộ ông Tư"]![0]).toMatchObject({
      column: SUBJECT,
      message: "Đối tượng này không thuộc đối tượng khen thưởng của phong trào.",
    });
    expect(problems["(không có tên)"]![0]).toMatchObject({ column: NAME, message: "Vui lòng nhập họ và tên (hoặc tên tập thể)." });

    // Import as is: refused, nothing written.
    const refused = await commit(importId);
    expect(statusOf(refused)).toBe(422);
    expect(messageOf(refused)).toBe(
      "Tệp còn 8 dòng có lỗi nên chưa nhập dòng nào. Vui lòng sửa tệp rồi tải lên lại, hoặc chọn «Chỉ nhập các dòng hợp lệ».",
    );
    expect(await footprint()).toEqual(before);
    // Only the valid rows needs the box ticked.
    const unconfirmed = await commit(importId, "import-valid", false);
    expect(statusOf(unconfirmed)).toBe(400);
    expect(await footprint()).toEqual(before);
    const partial = await commit(importId, "import-valid");
    expect(statusOf(partial)).toBe(302);
    const after = await footprint();
    expect(after.dossiers - before.dossiers).toBe(1);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "NomineeImport", entityId: importId } });
    expect(audit.action).toBe("import.NOMINEES_VALID_ONLY");
    expect(audit.reason).toBe("Chỉ nhập các dòng hợp lệ; bỏ qua 8 dòng lỗi.");
    expect((audit.data as { skippedRows: number[] }).skippedRows).toEqual(shown.rows.filter((row) => !row.ok).map((row) => row.rowNumber));
  });
});

describe("files that cannot be imported at all", () => {
  test("each gets a clear Vietnamese answer and nothing is kept", async () => {
    const uploads = await prisma.nomineeImport.count();
    const answer = async (bytes: Uint8Array, fileName?: string) => {
      const result = await upload(bytes, { fileName });
      expect(statusOf(result)).toBe(422);
      return messageOf(result);
    };
    expect(await answer(new TextEncoder().encode("%PDF-1.4\n%%EOF\n"), "danh-sach.xlsx")).toContain("không phải bảng tính");
    expect(await answer(new TextEncoder().encode("Tên;Tuổi\nAn;30\n"), "danh-sach.csv")).toContain("không đúng mẫu");
    const csvHeader = `${KIND};${SUBJECT};${NAME}\n`;
    expect(await answer(new TextEncoder().encode(csvHeader + "Cá nhân;Cán bộ, công chức chuyên môn;An\n".repeat(10_001)))).toContain(
      "vượt quá giới hạn 10.000 dòng",
    );
    const merged = await filled(
      [
        { [KIND]: "Cá nhân", [SUBJECT]: "Cán bộ, công chức chuyên môn", [NAME]: "A" },
        { [KIND]: "Cá nhân", [SUBJECT]: "Cán bộ, công chức chuyên môn", [NAME]: "B" },
      ],
      (sheet, headerRow) => sheet.mergeCells(headerRow + 1, 2, headerRow + 2, 2),
    );
    expect(await answer(merged)).toContain("ô gộp");
    expect(await answer(new TextEncoder().encode(`${KIND};${SUBJECT}\n`))).toContain(`thiếu cột «${NAME}»`);
    expect(await prisma.nomineeImport.count()).toBe(uploads);
  });

  test("a ;-separated CSV with a BOM from Excel imports like the .xlsx; another unit or user gets nothing", async () => {
    const csv = `\uFEFF${KIND};${SUBJECT};${NAME};${T1}\r\nCá nhân;Cán bộ, công chức chuyên môn;Mai Thị Hạnh;"99,6"\r\n`;
    const importId = await uploaded(new TextEncoder().encode(csv), { fileName: "danh-sach.csv" });
    expect((await preview(importId)).valid).toBe(1);
    // The land department's official may not see or import this upload, nor upload into the justice department.
    const notTheirs = await importPage({
      request: await requestAs(staff.otherOfficial.id, `/phong-trao/${movementId}/nhap-ho-so?tep=${importId}`),
      params: { movementId },
      context,
    }).catch((error: unknown) => error);
    expect((notTheirs as Response).status).toBe(404);
    const wrongUnit = await upload(new TextEncoder().encode(csv), { userId: staff.otherOfficial.id, unitId: staff.justice.id });
    expect(statusOf(wrongUnit)).toBe(403);
  });
});

describe("export, then import", () => {
  test("the movement's nominees downloaded in the template's layout import into another movement with the same data", async () => {
    const download = (await nomineesXlsx({
      request: await requestAs(staff.official.id, `/phong-trao/${movementId}/ho-so-de-nghi.xlsx`),
      params: { movementId },
      context,
    })) as Response;
    const bytes = new Uint8Array(await download.arrayBuffer());
    const source = movementId;
    movementId = (await createMovement(staff.commune.id, { targets: REPORT_FORM_TARGETS, title: "Phong trào năm sau" })).id;
    try {
      const importId = await uploaded(bytes);
      const shown = await preview(importId);
      expect(shown.invalid).toBe(0);
      expect(statusOf(await commit(importId))).toBe(302);
      const dataOf = async (id: string) => {
        const rows = await prisma.dossier.findMany({
          where: { movementId: id, unitId: staff.justice.id },
          orderBy: { nominee: { name: "asc" } },
          select: {
            kind: true,
            nominee: { select: { name: true, subjectKind: true, position: true, personId: true } },
            documents: { select: { kind: true, data: true, completedAt: true } },
            figures: { select: { value: true, notApplicable: true, target: { select: { label: true } } } },
          },
        });
        return rows.map((row) => ({
          kind: row.kind,
          nominee: row.nominee,
          report: row.documents.map((d) => ({ kind: d.kind, data: d.data, complete: d.completedAt !== null })),
          figures: row.figures
            .map((f) => ({ target: f.target.label, value: f.value === null ? null : Number(f.value), notApplicable: f.notApplicable }))
            .sort((a, b) => a.target.localeCompare(b.target)),
        }));
      };
      const [before, after] = [await dataOf(source), await dataOf(movementId)];
      expect(before.length).toBeGreaterThan(3);
      expect(after).toEqual(before);
    } finally {
      movementId = source;
    }
  });
});
