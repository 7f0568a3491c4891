// The award register (sổ theo dõi khen thưởng / sổ vàng) of a unit and year against awards issued here through
// the real workflow: the page, the PDF read back with pdftotext, the .xlsx read back with exceljs.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { issueCertificates, revokeCertificate } from "~/models/certificate.server.ts";
import { endUnit } from "~/models/unit-admin.server.ts";
import { loader as registerPage } from "~/routes/so-vang._index.tsx";
import { loader as registerPdf } from "~/routes/so-vang[.]pdf.tsx";
import { loader as registerXlsx } from "~/routes/so-vang[.]xlsx.tsx";
import type { AwardTitle } from "~/generated/prisma/enums.ts";
import { prisma } from "~/utils/db.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import {
  approvedDossiers,
  createCommuneWithStaff,
  createMovement,
  createUnit,
  createUser,
  currentUser,
  requestAs,
  signAsChairman,
} from "../support/factories.ts";
import { pdfText } from "../support/pdf.ts";

let db: TestDatabase;
let staff: Awaited<ReturnType<typeof createCommuneWithStaff>>;
const context = { clientIp: "test" };

// Issued in 2026 in this order (two decisions), one revoked; one award of 2025 and one of another commune must not show.
const AWARDS_2026 = [["Nguyễn Thị Hoa", "Trần Văn Thành", "Lê Thị Thu"], ["Phạm Văn Đông"]];
const REVOKED = "Trần Văn Thành";
const decisions: Array<{ number: string }> = [];
let other: typeof staff;

async function award(communeStaff: typeof staff, names: string[], issuedAt: Date, titles: { individual?: AwardTitle } = {}) {
  const movement = await createMovement(communeStaff.commune.id, { titles });
  await approvedDossiers(communeStaff, movement.id, names.length, names);
  const signed = await signAsChairman(communeStaff, movement.id, issuedAt);
  const issued = await issueCertificates(await currentUser(communeStaff.chairman.id), signed.decisionId, { now: issuedAt });
  if (!issued.ok) throw new Error(issued.message);
  return signed;
}

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createCommuneWithStaff("UBND xã Tam Phước");
  await prisma.orgUnit.update({ where: { id: staff.commune.id }, data: { placeName: "Tam Phước" } });
  await award(staff, ["Võ Văn Cũ"], new Date("2025-06-10T03:00:00Z"));
  decisions.push(await award(staff, AWARDS_2026[0]!, new Date("2026-03-10T03:00:00Z")));
  // The second movement confers a title with the Giấy khen; the first the Giấy khen alone.
  decisions.push(await award(staff, AWARDS_2026[1]!, new Date("2026-09-01T03:00:00Z"), { individual: "grassroots_emulation_fighter" }));
  const revoked = await prisma.certificate.findFirstOrThrow({ where: { recipientName: REVOKED } });
  const result = await revokeCertificate(await currentUser(staff.chairman.id), revoked.id, "Kê khai thành tích không trung thực.");
  if (!result.ok) throw new Error(result.message);
  other = await createCommuneWithStaff("UBND xã Long Điền");
  await award(other, ["Người Xã Khác"], new Date("2026-05-05T03:00:00Z"));
});
afterAll(() => db.destroy());

const NAMES_2026 = AWARDS_2026.flat();
const FORM = "Giấy khen của Chủ tịch Ủy ban nhân dân xã Tam Phước";

describe("the award register", () => {
  test("every award of the year in register order, numbered without gaps, with its decision and serial; revoked ones marked", async () => {
    const page = await registerPage({
      request: await requestAs(staff.secretary.id, `/so-vang?don-vi=${staff.commune.id}&nam=2026`),
      params: {},
      context,
    });
    expect(page.total).toBe(NAMES_2026.length);
    expect(page.revoked).toBe(1);
    expect(page.entries.map((e) => e.recipient.replace(/^Ông\/Bà /, ""))).toEqual(NAMES_2026);
    expect(page.entries.map((e) => e.registerNumber)).toEqual(NAMES_2026.map((_, i) => `${String(i + 1).padStart(3, "0")}/2026`));
    expect(page.entries.map((e) => e.decision.split(" ")[0])).toEqual([
      ...AWARDS_2026[0]!.map(() => decisions[0]!.number),
      decisions[1]!.number,
    ]);
    const serials = await prisma.certificate.findMany({
      where: { recipientName: { in: NAMES_2026 } },
      select: { recipientName: true, serial: true },
    });
    for (const entry of page.entries) {
      expect(entry.serial).toBe(serials.find((s) => entry.recipient.endsWith(s.recipientName))!.serial);
    }
    expect(page.entries.filter((e) => e.revoked).map((e) => e.recipient)).toEqual([`Ông/Bà ${REVOKED}`]);
    // Each line says the form, and the title when one was conferred with it.
    expect(page.entries.map((e) => [e.awardTitle, e.awardForm])).toEqual([
      ...AWARDS_2026[0]!.map(() => [null, FORM]),
      ["Chiến sĩ thi đua cơ sở", FORM],
    ]);
    expect(page.entries.find((e) => e.revoked)!.revoked).toContain("Kê khai thành tích không trung thực.");

    const lastYear = await registerPage({
      request: await requestAs(staff.secretary.id, `/so-vang?don-vi=${staff.commune.id}&nam=2025`),
      params: {},
      context,
    });
    expect(lastYear.entries.map((e) => [e.registerNumber, e.recipient])).toEqual([["001/2025", "Ông/Bà Võ Văn Cũ"]]);
  });

  test("the PDF reads back with every entry, the revocation and the totals", async () => {
    const response = (await registerPdf({
      request: await requestAs(staff.chairman.id, `/so-vang.pdf?don-vi=${staff.commune.id}&nam=2026`),
      params: {},
      context,
    })) as Response;
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = pdfText(bytes);
    expect(text).toContain("SỔ THEO DÕI KHEN THƯỞNG");
    expect(text).toContain("(Sổ vàng) năm 2026");
    for (const [i, name] of NAMES_2026.entries()) {
      expect(text).toContain(name);
      expect(text).toContain(`${String(i + 1).padStart(3, "0")}/2026`);
    }
    expect(text).toContain(decisions[0]!.number);
    expect(text).toContain("ĐÃ THU HỒI");
    // As laid out: the title's column (empty when none) before the form's, on each entry's first line.
    const laidOut = pdfText(bytes, { layout: true });
    expect(laidOut).toMatch(/Danh\s+Hình\s+Thành tích/);
    expect(laidOut).toMatch(/001\/2026\s+Ông\/Bà Nguyễn\s+Giấy\s+Đã có/);
    expect(laidOut).toMatch(/004\/2026\s+Ông\/Bà Phạm Văn\s+Chiến sĩ\s+Giấy\s+Đã có/);
    expect(text).toContain("Chiến sĩ thi đua cơ sở");
    expect(text).toContain(`Tổng số: ${NAMES_2026.length} lượt khen thưởng, trong đó 1 đã bị thu hồi.`);
    expect(text).not.toContain("Võ Văn Cũ");
    expect(text).not.toContain("Người Xã Khác");
  });

  test("the .xlsx reads back with the same entries, dates as dates", async () => {
    const response = (await registerXlsx({
      request: await requestAs(staff.chairman.id, `/so-vang.xlsx?don-vi=${staff.commune.id}&nam=2026`),
      params: {},
      context,
    })) as Response;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0]!;
    const header = sheet.getRows(1, 10)!.find((row) => row.getCell(1).value === "Số vào sổ")!;
    const rows = sheet.getRows(header.number + 1, NAMES_2026.length)!;
    expect(rows.map((row) => [row.getCell(1).value, row.getCell(2).value])).toEqual(
      NAMES_2026.map((name, i) => [`${String(i + 1).padStart(3, "0")}/2026`, `Ông/Bà ${name}`]),
    );
    const column = (title: string) => (header.values as unknown[]).indexOf(title);
    expect(rows[0]!.getCell(column("Ngày quyết định")).value).toBeInstanceOf(Date);
    expect((rows[0]!.getCell(column("Ngày quyết định")).value as Date).toISOString()).toBe("2026-03-10T00:00:00.000Z");
    expect(rows.map((row) => row.getCell(column("Thu hồi")).value).filter(Boolean)).toHaveLength(1);
    expect(rows.map((row) => [row.getCell(column("Danh hiệu thi đua")).value, row.getCell(column("Hình thức khen thưởng")).value])).toEqual(
      [...AWARDS_2026[0]!.map(() => [null, FORM]), ["Chiến sĩ thi đua cơ sở", FORM]],
    );
  });

  test("another commune's register is not there for this commune's secretary; officials have none", async () => {
    const refused = await registerPage({
      request: await requestAs(staff.secretary.id, `/so-vang?don-vi=${other.commune.id}&nam=2026`),
      params: {},
      context,
    }).catch((error: unknown) => error);
    expect((refused as Response).status).toBe(404);
    const official = await registerPage({ request: await requestAs(staff.official.id, "/so-vang"), params: {}, context }).catch(
      (error: unknown) => error,
    );
    expect((official as Response).status).toBe(403);
  });

  test("when another commune merges into this one, its awards follow into this commune's register, after its own", async () => {
    const province = await createUnit({ name: "UBND tỉnh Thử Nghiệm", kind: "province" });
    // Both communes (and their departments) under one province, whose admin merges them.
    const communes = [staff.commune.id, other.commune.id];
    await prisma.orgUnit.updateMany({ where: { id: { in: communes } }, data: { parentId: province.id } });
    await prisma.$executeRaw`UPDATE "OrgUnit" SET "ancestorIds" = array_prepend(${province.id}, "ancestorIds")
                              WHERE id = ANY(${communes}) OR "ancestorIds" && ${communes}::text[]`;
    const admin = await currentUser((await createUser({ unitId: province.id, roles: [{ role: "admin" }], fullName: "Quản Trị Tỉnh" })).id);
    const merged = await endUnit(admin, other.commune.id, { endedAt: new Date("2026-10-01T00:00:00Z"), mergedIntoId: staff.commune.id });
    expect(merged).toEqual({ ok: true });

    const page = await registerPage({
      request: await requestAs(staff.secretary.id, `/so-vang?don-vi=${staff.commune.id}&nam=2026`),
      params: {},
      context,
    });
    expect(page.entries.map((e) => e.recipient.replace(/^Ông\/Bà /, ""))).toEqual([...NAMES_2026, "Người Xã Khác"]);
    expect(page.entries.at(-1)!.registerNumber).toBe("001/2026 – UBND xã Long Điền");
    const pdf = (await registerPdf({
      request: await requestAs(staff.secretary.id, `/so-vang.pdf?don-vi=${staff.commune.id}&nam=2026`),
      params: {},
      context,
    })) as Response;
    expect(pdfText(new Uint8Array(await pdf.arrayBuffer()))).toMatch(/001\/2026 – UBND xã Long\s+Điền[\s\S]*Người Xã Khác/);
  });
});
