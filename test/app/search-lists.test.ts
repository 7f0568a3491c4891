// Search and filters of the lists: names found without tone marks on both databases, each filter of the URL,
// the user's scope kept whatever the query, sorting, pages, and the .xlsx export of exactly the filtered list.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { issueCertificates } from "~/models/certificate.server.ts";
import { createDossier } from "~/models/dossier.server.ts";
import { loader as certificatesLoader } from "~/routes/giay-khen._index.tsx";
import { loader as certificatesXlsx } from "~/routes/giay-khen[.]xlsx.tsx";
import { loader as dossiersLoader } from "~/routes/ho-so._index.tsx";
import { loader as dossiersXlsx } from "~/routes/ho-so[.]xlsx.tsx";
import { loader as decisionsLoader } from "~/routes/quyet-dinh._index.tsx";
import { prisma } from "~/utils/db.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import {
  approvedDossiers,
  createCommuneWithStaff,
  createDossierAt,
  createMovement,
  createUnit,
  createUser,
  currentUser,
  requestAs,
  signAsChairman,
} from "../support/factories.ts";

let db: TestDatabase;
let staff: Awaited<ReturnType<typeof createCommuneWithStaff>>;
let movementId: string;
let otherMovementId: string;
const context = { clientIp: "test" };
const ids: Record<string, string> = {};

type DossierPage = { total: number; pages: number; dossiers: Array<{ id: string; nominee: string; overdue: boolean }> };

async function dossierPage(userId: string, search: string): Promise<DossierPage> {
  return (await dossiersLoader({ request: await requestAs(userId, `/ho-so${search}`), params: {}, context })) as DossierPage;
}
const names = (page: DossierPage) => page.dossiers.map((d) => d.nominee).sort();

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createCommuneWithStaff("UBND xã Tam Phước");
  movementId = (await createMovement(staff.commune.id)).id;
  // A second movement of another year, so that the year and movement filters have something to exclude.
  const other = await createMovement(staff.commune.id);
  await prisma.movement.update({ where: { id: other.id }, data: { year: 2024 } });
  otherMovementId = other.id;

  const official = await currentUser(staff.official.id);
  const landOfficial = await currentUser(staff.otherOfficial.id);
  const draft = async (user: typeof official, unitId: string, name: string, movement = movementId) => {
    const created = await createDossier(user, {
      movementId: movement,
      unitId,
      nominee: { kind: "individual", subjectKind: "civil_servant", name },
    });
    if (!created.ok) throw new Error(created.message);
    return created.dossierId;
  };
  ids.an = await draft(official, staff.justice.id, "Nguyễn Văn An");
  ids.binh = await draft(official, staff.justice.id, "Nguyễn  Văn Bình");
  ids.mai = await draft(official, staff.justice.id, "Đặng Thị Mai", otherMovementId);
  ids.percent = await draft(official, staff.justice.id, "Phạm 100% Tận Tụy");
  ids.duc = await draft(landOfficial, staff.land.id, "Trần Văn Đức");
  // Submitted long ago and never screened: past its working-day deadline.
  ids.hoa = await createDossierAt(staff, movementId, "submitted", { name: "Lê Thị Hoa", now: new Date("2026-01-05T02:00:00Z") });
  ids.hung = await createDossierAt(staff, movementId, "screened", { name: "Võ Minh Hùng" });
});
afterAll(() => db.destroy());

describe("the dossier list", () => {
  test('names are found without tone marks: "nguyen van" finds «Nguyễn Văn», "d" finds «đ», marks typed work too', async () => {
    expect(names(await dossierPage(staff.official.id, "?q=nguyen+van"))).toEqual(["Nguyễn  Văn Bình", "Nguyễn Văn An"]);
    expect(names(await dossierPage(staff.official.id, "?q=NGUYEN%20%20VAN%20an"))).toEqual(["Nguyễn Văn An"]);
    expect(names(await dossierPage(staff.official.id, "?q=dang"))).toEqual(["Đặng Thị Mai"]);
    expect(names(await dossierPage(staff.official.id, "?q=Đặng"))).toEqual(["Đặng Thị Mai"]);
    // "d" is in «Đặng» only among the justice department's dossiers («Trần Văn Đức» is the land department's).
    expect(names(await dossierPage(staff.official.id, "?q=d"))).toEqual(["Đặng Thị Mai"]);
    expect(names(await dossierPage(staff.otherOfficial.id, "?q=duc"))).toEqual(["Trần Văn Đức"]);
    // LIKE's wildcards are text: "%" finds the name that has one, not every name.
    expect(names(await dossierPage(staff.official.id, "?q=%25"))).toEqual(["Phạm 100% Tận Tụy"]);
    expect(names(await dossierPage(staff.official.id, "?q=_"))).toEqual([]);
  });

  test("the scope holds whatever the query: another unit's drafts are never found, the secretary sees no drafts", async () => {
    expect(names(await dossierPage(staff.official.id, "?q=tran+van+duc"))).toEqual([]);
    expect(names(await dossierPage(staff.secretary.id, "?q=van"))).toEqual([]);
    expect(names(await dossierPage(staff.secretary.id, "?q=thi"))).toEqual(["Lê Thị Hoa"]);
    expect(names(await dossierPage(staff.secretary.id, ""))).toEqual(["Lê Thị Hoa", "Võ Minh Hùng"]);
  });

  test("filters by state, movement, year, unit and overdue, alone and together", async () => {
    const secretary = staff.secretary.id;
    expect(names(await dossierPage(secretary, "?trang-thai=submitted"))).toEqual(["Lê Thị Hoa"]);
    expect(names(await dossierPage(secretary, "?trang-thai=submitted&trang-thai=screened"))).toEqual(["Lê Thị Hoa", "Võ Minh Hùng"]);
    expect(names(await dossierPage(secretary, "?trang-thai=khong-co-that"))).toEqual(["Lê Thị Hoa", "Võ Minh Hùng"]);
    expect(names(await dossierPage(staff.official.id, `?phong-trao=${otherMovementId}`))).toEqual(["Đặng Thị Mai"]);
    expect(names(await dossierPage(staff.official.id, "?nam=2024"))).toEqual(["Đặng Thị Mai"]);
    expect(names(await dossierPage(staff.official.id, "?nam=2023&q=nguyen"))).toEqual(["Nguyễn  Văn Bình", "Nguyễn Văn An"]);
    expect(names(await dossierPage(secretary, `?don-vi=${staff.land.id}`))).toEqual([]);
    expect(names(await dossierPage(secretary, `?don-vi=${staff.justice.id}`))).toEqual(["Lê Thị Hoa", "Võ Minh Hùng"]);
    // A unit above covers the units under it.
    expect(names(await dossierPage(secretary, `?don-vi=${staff.commune.id}`))).toEqual(["Lê Thị Hoa", "Võ Minh Hùng"]);
    const overdue = await dossierPage(secretary, "?qua-han=1");
    expect(names(overdue)).toEqual(["Lê Thị Hoa"]);
    expect(overdue.dossiers[0]!.overdue).toBe(true);
  });

  test("sorted by name; split into pages of 20 with the query kept", async () => {
    const many = await createUnit({ name: "Ấp Phước Lâm", kind: "hamlet", parentId: staff.commune.id });
    await prisma.roleAssignment.create({ data: { userId: staff.official.id, role: "official", unitId: many.id } });
    const user = await currentUser(staff.official.id);
    for (let i = 1; i <= 23; i++) {
      const created = await createDossier(user, {
        movementId,
        unitId: many.id,
        nominee: { kind: "individual", subjectKind: "part_time_worker", name: `Huỳnh Văn Số ${String(i).padStart(2, "0")}` },
      });
      if (!created.ok) throw new Error(created.message);
    }
    const first = await dossierPage(staff.official.id, `?q=huynh&don-vi=${many.id}&sap-xep=ten`);
    expect(first.total).toBe(23);
    expect(first.pages).toBe(2);
    expect(first.dossiers.map((d) => d.nominee)).toEqual(
      Array.from({ length: 20 }, (_, i) => `Huỳnh Văn Số ${String(i + 1).padStart(2, "0")}`),
    );
    const second = await dossierPage(staff.official.id, `?q=huynh&don-vi=${many.id}&sap-xep=ten&trang=2`);
    expect(second.dossiers.map((d) => d.nominee)).toEqual(["Huỳnh Văn Số 21", "Huỳnh Văn Số 22", "Huỳnh Văn Số 23"]);
    // A page past the end is empty, not an error.
    expect((await dossierPage(staff.official.id, "?q=huynh&trang=99")).dossiers).toEqual([]);
  });

  test("the .xlsx holds exactly the filtered list, with the filters written above it and dates as dates", async () => {
    const response = (await dossiersXlsx({
      request: await requestAs(staff.secretary.id, "/ho-so.xlsx?q=le+thi&qua-han=1"),
      params: {},
      context,
    })) as Response;
    expect(response.headers.get("Content-Type")).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0]!;
    const texts = sheet.getColumn(1).values.map(String);
    expect(texts).toContain("Tìm theo tên: le thi");
    expect(texts.some((text) => text.startsWith("Chỉ những hồ sơ quá hạn"))).toBe(true);
    const headerRow = sheet.getRows(1, 12)!.find((row) => row.getCell(1).value === "STT")!;
    const header = (headerRow.values as unknown[]).slice(1);
    const data = sheet.getRow(headerRow.number + 1);
    const cell = (name: string) => data.getCell(header.indexOf(name) + 1).value;
    expect(cell("Họ và tên (tên tập thể)")).toBe("Lê Thị Hoa");
    expect(cell("Trạng thái")).toBe("Đã nộp");
    expect(cell("Quá hạn")).toBe("Quá hạn");
    expect(cell("Ngày nộp")).toBeInstanceOf(Date);
    expect((cell("Ngày nộp") as Date).toISOString()).toBe("2026-01-05T00:00:00.000Z");
    expect(sheet.getRow(headerRow.number + 2).getCell(2).value).toBeNull();
  });
});

describe("decisions and certificates", () => {
  let decisionNumber: string;
  beforeAll(async () => {
    const movement = await createMovement(staff.commune.id);
    await approvedDossiers(staff, movement.id, 2, ["Ngô Thị Đào", "Bùi Văn Nam"]);
    const signed = await signAsChairman(staff, movement.id);
    decisionNumber = signed.number;
    const issued = await issueCertificates(await currentUser(staff.chairman.id), signed.decisionId);
    if (!issued.ok) throw new Error(issued.message);
  });

  test("decisions are found by an awardee's name without tone marks or by their number", async () => {
    const page = async (search: string) =>
      (await decisionsLoader({ request: await requestAs(staff.secretary.id, `/quyet-dinh${search}`), params: {}, context })) as {
        decisions: Array<{ number: string }>;
      };
    expect((await page("?q=ngo+thi+dao")).decisions.map((d) => d.number)).toEqual([decisionNumber]);
    expect((await page(`?q=${encodeURIComponent(decisionNumber.split("/")[0]!)}`)).decisions.map((d) => d.number)).toEqual([
      decisionNumber,
    ]);
    expect((await page("?q=khong+co+ai")).decisions).toEqual([]);
    expect((await page("?nam=1999")).decisions).toEqual([]);
    // An official of the commune sees no decisions at all.
    const official = await createUser({ unitId: staff.justice.id, roles: [{ role: "official" }] });
    const refused = await decisionsLoader({ request: await requestAs(official.id, "/quyet-dinh?q=dao"), params: {}, context }).catch(
      (error: unknown) => error,
    );
    expect((refused as Response).status).toBe(403);
  });

  test("certificates are found by name without tone marks, filtered by state, and exported with the filter", async () => {
    const page = async (search: string) =>
      (await certificatesLoader({ request: await requestAs(staff.chairman.id, `/giay-khen${search}`), params: {}, context })) as {
        certificates: Array<{ recipient: string; revoked: string | null }>;
      };
    expect((await page("?q=bui+van")).certificates.map((c) => c.recipient)).toEqual(["Ông/Bà Bùi Văn Nam"]);
    expect((await page("?q=dao&trang-thai=thu-hoi")).certificates).toEqual([]);
    expect((await page("?q=dao&trang-thai=hieu-luc")).certificates).toHaveLength(1);

    const response = (await certificatesXlsx({
      request: await requestAs(staff.chairman.id, "/giay-khen.xlsx?q=bui"),
      params: {},
      context,
    })) as Response;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.arrayBuffer()) as never);
    const rows = workbook.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    const flat = rows.map((row) => row.filter((v) => v !== undefined && v !== null).map(String));
    expect(flat.some((row) => row.includes("Ông/Bà Bùi Văn Nam"))).toBe(true);
    expect(flat.some((row) => row.includes("Ông/Bà Ngô Thị Đào"))).toBe(false);
    expect(flat.some((row) => row.includes("Tìm theo tên: bui"))).toBe(true);
  });
});
