// The administration on a real database: units, accounts, people, the first run and imports — each within the
// admin's scope, each change audited in the commune's chain, nothing deleted.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { commitImport, importTemplate, previewImport } from "~/models/admin-import.server.ts";
import { verifyAuditTrail } from "~/models/audit.server.ts";
import { firstRun } from "~/models/first-run.server.ts";
import { listPeople, previousAwardsOf, searchNominees } from "~/models/people.server.ts";
import { createUnit as adminCreateUnit, endUnit, loadUnitForAdmin, setUnitHead, updateUnit } from "~/models/unit-admin.server.ts";
import { createUser as adminCreateUser, resetUserPassword, setUserActive, setUserGrants } from "~/models/user-admin.server.ts";
import { changePassword } from "~/models/user.server.ts";
import { action as newDossierAction } from "~/routes/ho-so.moi.tsx";
import { loader as unitPageLoader } from "~/routes/quan-tri.don-vi.$unitId.tsx";
import { getUser, requireUser, verifySignIn } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { decisionDocument, loadDecision } from "~/models/award-decision.server.ts";
import { issueCertificates } from "~/models/certificate.server.ts";
import {
  approvedDossiers,
  createCommuneWithStaff,
  createMovement,
  createPerson,
  createUnit,
  createUser,
  currentUser,
  requestAs,
  signAsChairman,
  type Staff,
} from "../support/factories.ts";

let db: TestDatabase;
let province: { id: string };
let staff: Staff;
let other: Staff;
let communeAdmin: Awaited<ReturnType<typeof currentUser>>;
let provinceAdmin: Awaited<ReturnType<typeof currentUser>>;
const context = { clientIp: "test" };

beforeAll(async () => {
  db = await createTestDatabase();
  province = await createUnit({ name: "UBND tỉnh Thử Nghiệm", kind: "province" });
  staff = await createCommuneWithStaff("UBND xã Một");
  other = await createCommuneWithStaff("UBND xã Hai");
  for (const commune of [staff.commune, other.commune]) {
    await prisma.orgUnit.update({ where: { id: commune.id }, data: { parentId: province.id, ancestorIds: [province.id] } });
    await prisma.orgUnit.updateMany({ where: { parentId: commune.id }, data: { ancestorIds: [province.id, commune.id] } });
  }
  communeAdmin = await currentUser(
    (await createUser({ unitId: staff.commune.id, roles: [{ role: "admin" }], fullName: "Quản Trị Xã" })).id,
  );
  provinceAdmin = await currentUser((await createUser({ unitId: province.id, roles: [{ role: "admin" }], fullName: "Quản Trị Tỉnh" })).id);
});
afterAll(() => db.destroy());

const auditOf = (entityId: string) => prisma.auditEvent.findMany({ where: { entityId }, orderBy: { seq: "asc" } });

describe("units", () => {
  test("a commune's admin administers its subtree only; the province's admin every commune under it", async () => {
    expect(await loadUnitForAdmin(communeAdmin, staff.justice.id)).not.toBeNull();
    expect(await loadUnitForAdmin(communeAdmin, other.justice.id)).toBeNull();
    expect(await loadUnitForAdmin(communeAdmin, province.id)).toBeNull();
    expect(await loadUnitForAdmin(provinceAdmin, other.justice.id)).not.toBeNull();
    // The page answers 404 whether the unit exists elsewhere or not at all.
    await expect(
      unitPageLoader({ request: await requestAs(communeAdmin.id), params: { unitId: other.justice.id }, context }),
    ).rejects.toMatchObject({ status: 404 });
    const refused = await updateUnit(communeAdmin, other.justice.id, { name: "Đổi tên", kind: "department", parentId: other.commune.id });
    expect(refused).toMatchObject({ ok: false, status: 404 });
    // Nor can a unit be put under a parent outside the scope.
    const outside = await adminCreateUnit(communeAdmin, { name: "Ấp Lạ", kind: "hamlet", parentId: other.commune.id });
    expect(outside).toEqual({ ok: false, status: 422, message: "Đơn vị cấp trên không thuộc phạm vi bạn quản trị.", field: "parentId" });
  });

  test("create, edit, move with its subtree: audited before → after in the commune's chain", async () => {
    const created = await adminCreateUnit(communeAdmin, {
      name: "Bộ phận Văn hóa - Xã hội",
      kind: "department",
      parentId: staff.commune.id,
    });
    if (!created.ok) throw new Error(created.message);
    const team = await adminCreateUnit(communeAdmin, { name: "Tổ văn nghệ", kind: "department", parentId: created.unitId });
    if (!team.ok) throw new Error(team.message);
    // Moved under the justice department: the team below it follows.
    expect(
      await updateUnit(communeAdmin, created.unitId, {
        name: "Bộ phận Văn hóa - Thông tin",
        kind: "department",
        parentId: staff.justice.id,
        placeName: "Xã Một",
        authorityName: "Ủy ban nhân dân xã Một",
      }),
    ).toEqual({ ok: true });
    const moved = await prisma.orgUnit.findUniqueOrThrow({ where: { id: team.unitId } });
    expect(moved.ancestorIds).toEqual([province.id, staff.commune.id, staff.justice.id, created.unitId]);
    const rows = await auditOf(created.unitId);
    expect(rows.map((r) => r.action)).toEqual(["unit.CREATE", "unit.UPDATE"]);
    expect(rows[1]).toMatchObject({ chainId: staff.commune.id, actorName: "Quản Trị Xã" });
    expect(rows[1]!.data).toMatchObject({
      before: { name: "Bộ phận Văn hóa - Xã hội", parentId: staff.commune.id, authorityName: null },
      after: { name: "Bộ phận Văn hóa - Thông tin", parentId: staff.justice.id, authorityName: "Ủy ban nhân dân xã Một" },
    });
    // A unit cannot go under itself or its own subtree.
    expect(await updateUnit(communeAdmin, created.unitId, { name: "X", kind: "department", parentId: team.unitId })).toMatchObject({
      ok: false,
      status: 422,
      field: "parentId",
    });
  });

  test("the head is a person of the commune; ending a unit with active units under it is refused; a merge moves what is active", async () => {
    const head = await createPerson({ unitId: staff.land.id, fullName: "Lâm Văn Tài" });
    const outsider = await createPerson({ unitId: other.land.id, fullName: "Người Xã Khác" });
    expect(await setUnitHead(communeAdmin, staff.land.id, outsider.id)).toMatchObject({ ok: false, field: "headPersonId" });
    expect(await setUnitHead(communeAdmin, staff.land.id, head.id)).toEqual({ ok: true });

    const hamletA = await adminCreateUnit(communeAdmin, { name: "Ấp Phước Lâm", kind: "hamlet", parentId: staff.commune.id });
    const hamletB = await adminCreateUnit(communeAdmin, { name: "Ấp Phước Thạnh", kind: "hamlet", parentId: staff.commune.id });
    if (!hamletA.ok || !hamletB.ok) throw new Error("hamlets");
    const resident = await createPerson({ unitId: hamletA.unitId, fullName: "Hộ ông Phan Văn Lợi", kind: "household" });
    const leader = await createUser({ unitId: hamletA.unitId, roles: [{ role: "official" }], fullName: "Trưởng Ấp" });
    const endedOn = new Date("2025-06-30T17:00:00Z");
    expect(await endUnit(communeAdmin, hamletA.unitId, { endedAt: endedOn, mergedIntoId: null })).toMatchObject({
      ok: false,
      status: 422,
      message: "Đơn vị còn 1 tài khoản đang hoạt động: hãy chuyển họ sang đơn vị khác trước, hoặc sáp nhập đơn vị.",
    });
    expect(await endUnit(communeAdmin, hamletA.unitId, { endedAt: endedOn, mergedIntoId: hamletB.unitId })).toEqual({ ok: true });
    expect(await prisma.orgUnit.findUniqueOrThrow({ where: { id: hamletA.unitId } })).toMatchObject({
      endedAt: endedOn,
      mergedIntoId: hamletB.unitId,
    });
    expect((await prisma.person.findUniqueOrThrow({ where: { id: resident.id } })).unitId).toBe(hamletB.unitId);
    expect(await prisma.roleAssignment.findMany({ where: { userId: leader.id }, select: { role: true, unitId: true } })).toEqual([
      { role: "official", unitId: hamletB.unitId },
    ]);
    // Nothing deleted: the ended unit is still there, in the tree's history.
    expect((await auditOf(hamletA.unitId)).map((r) => r.action)).toEqual(["unit.CREATE", "unit.MERGE"]);
    expect(await endUnit(communeAdmin, hamletA.unitId, { endedAt: endedOn, mergedIntoId: null })).toMatchObject({ status: 409 });
  });
});

describe("the authority line of documents", () => {
  test("a decision and its certificates print the body as the administration spells it", async () => {
    const communeRow = await prisma.orgUnit.findUniqueOrThrow({ where: { id: staff.commune.id } });
    expect(
      await updateUnit(communeAdmin, staff.commune.id, {
        name: communeRow.name,
        kind: "commune",
        parentId: province.id,
        placeName: "Một",
        authorityName: "Ủy ban nhân dân xã Một Mới",
      }),
    ).toEqual({ ok: true });
    const movement = await createMovement(staff.commune.id, { quota: null });
    await approvedDossiers(staff, movement.id, 1);
    const { decisionId } = await signAsChairman(staff, movement.id);
    const document = decisionDocument((await loadDecision("all", decisionId))!);
    expect(document).toMatchObject({ authority: "Ủy ban nhân dân xã Một Mới", locality: "xã Một Mới", place: "Một" });
    const issued = await issueCertificates(await currentUser(staff.chairman.id), decisionId);
    if (!issued.ok) throw new Error(issued.message);
    const certificate = await prisma.certificate.findFirstOrThrow({ where: { decisionId } });
    expect(certificate.issuerName).toBe("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ MỘT MỚI");
  });
});

describe("accounts", () => {
  test("a new account: temporary password shown once, the first sign-in must change it, roles only in scope", async () => {
    const refused = await adminCreateUser(communeAdmin, {
      username: "canbo.moi",
      fullName: "Cán Bộ Mới",
      gender: "female",
      unitId: staff.justice.id,
      grants: [{ role: "official", unitId: other.justice.id }],
    });
    expect(refused).toMatchObject({ ok: false, status: 422, message: "Vai trò chỉ được giao tại đơn vị thuộc phạm vi bạn quản trị." });
    const misplaced = await adminCreateUser(communeAdmin, {
      username: "canbo.moi",
      fullName: "Cán Bộ Mới",
      gender: "female",
      unitId: staff.justice.id,
      grants: [{ role: "secretary", unitId: staff.justice.id }],
    });
    expect(misplaced).toMatchObject({
      ok: false,
      message: "Vai trò này được giao tại một xã, phường, không tại Bộ phận Tư pháp - Hộ tịch.",
    });
    expect(await prisma.user.count({ where: { username: "canbo.moi" } })).toBe(0);

    const created = await adminCreateUser(communeAdmin, {
      username: "canbo.moi",
      fullName: "Cán Bộ Mới",
      gender: "female",
      email: "Moi@Example.vn",
      unitId: staff.justice.id,
      title: "Công chức Tư pháp",
      grants: [{ role: "official", unitId: staff.justice.id }],
    });
    if (!created.ok) throw new Error(created.message);
    expect(created.password).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: created.userId }, include: { person: true } });
    expect(row).toMatchObject({ email: "moi@example.vn", mustChangePassword: true });
    expect(row.passwordHash).not.toContain(created.password);
    expect(row.person).toMatchObject({ fullName: "Cán Bộ Mới", gender: "female", unitId: staff.justice.id, position: "Công chức Tư pháp" });

    // Signed in with the temporary password, every page sends the user to change it first.
    const signIn = await verifySignIn("canbo.moi", created.password, "198.51.100.1");
    expect(signIn).toEqual({ ok: true, userId: created.userId });
    const redirected = await requireUser(await requestAs(created.userId, "/ho-so")).catch((response: Response) => response);
    expect((redirected as Response).headers.get("Location")).toBe("/doi-mat-khau?redirectTo=%2Fho-so");
    const user = await currentUser(created.userId);
    expect(await changePassword(user, { current: "sai", next: "MatKhau2026", keepSessionId: null })).toMatchObject({
      ok: false,
      field: "currentPassword",
    });
    expect(await changePassword(user, { current: created.password, next: "MatKhau2026", keepSessionId: null })).toEqual({ ok: true });
    expect(await requireUser(await requestAs(created.userId, "/ho-so"))).toMatchObject({ mustChangePassword: false });
    expect((await auditOf(created.userId)).map((r) => r.action)).toEqual(["user.CREATE", "user.CHANGE_PASSWORD"]);
  });

  test("deactivating ends every session at once; a reset ends them too; nobody is deleted; an admin cannot lock themselves out", async () => {
    const target = await createUser({ unitId: staff.land.id, roles: [{ role: "official" }], fullName: "Sẽ Bị Khóa" });
    const request = await requestAs(target.id);
    expect(await getUser(request)).not.toBeNull();
    expect(await setUserActive(communeAdmin, target.id, false)).toEqual({ ok: true });
    expect(await prisma.session.count({ where: { userId: target.id } })).toBe(0);
    expect(await getUser(new Request(request.url, { headers: request.headers }))).toBeNull();
    expect(await prisma.user.findUnique({ where: { id: target.id } })).not.toBeNull();
    expect(await setUserActive(communeAdmin, target.id, true)).toEqual({ ok: true });

    await requestAs(target.id);
    const reset = await resetUserPassword(communeAdmin, target.id);
    if (!reset.ok) throw new Error(reset.message);
    expect(await prisma.session.count({ where: { userId: target.id } })).toBe(0);
    expect(await verifySignIn(target.username, reset.password, "198.51.100.2")).toEqual({ ok: true, userId: target.id });

    expect(await setUserActive(communeAdmin, communeAdmin.id, false)).toMatchObject({
      ok: false,
      message: "Bạn không thể tự khóa tài khoản của mình.",
    });
    expect(await setUserGrants(communeAdmin, communeAdmin.id, [])).toMatchObject({ ok: false, field: "grants" });
    // Another commune's account is not there for this admin.
    expect(await setUserActive(communeAdmin, other.official.id, false)).toMatchObject({ ok: false, status: 404 });
    expect(await setUserActive(provinceAdmin, other.official.id, false)).toEqual({ ok: true });
    expect(await setUserActive(provinceAdmin, other.official.id, true)).toEqual({ ok: true });
  });

  test("roles granted and taken in scope leave the roles outside the scope as they are", async () => {
    const both = await createUser({
      unitId: staff.commune.id,
      roles: [
        { role: "council_member", unitId: staff.commune.id },
        { role: "official", unitId: other.justice.id },
      ],
      fullName: "Hai Nơi",
    });
    expect(await setUserGrants(communeAdmin, both.id, [{ role: "secretary", unitId: staff.commune.id }])).toEqual({ ok: true });
    const grants = await prisma.roleAssignment.findMany({ where: { userId: both.id }, select: { role: true, unitId: true } });
    expect(grants.sort((a, b) => a.role.localeCompare(b.role))).toEqual([
      { role: "official", unitId: other.justice.id },
      { role: "secretary", unitId: staff.commune.id },
    ]);
    const [row] = await prisma.auditEvent.findMany({ where: { entityId: both.id, action: "user.ROLES" } });
    expect(row!.data).toEqual({
      before: [{ role: "council_member", unitId: staff.commune.id }],
      after: [{ role: "secretary", unitId: staff.commune.id }],
    });
  });
});

describe("people of the commune", () => {
  test("the register is searched without tone marks, within the user's communes", async () => {
    await createPerson({ unitId: staff.justice.id, fullName: "Nguyễn Thị Hồng Nhung", position: "Công chức Tư pháp" });
    await createPerson({ unitId: other.justice.id, fullName: "Nguyễn Thị Hồng Nhung", position: "Ở xã khác" });
    const official = await currentUser(staff.official.id);
    const { rows } = await listPeople(official, { q: "nguyen thi hong", page: 1 });
    expect(rows.map((r) => [r.fullName, r.position])).toEqual([["Nguyễn Thị Hồng Nhung", "Công chức Tư pháp"]]);
    expect((await searchNominees(official, staff.justice.id, "HONG NHUNG")).map((p) => p.position)).toEqual(["Công chức Tư pháp"]);
    // Not from a unit where the user is not an official.
    expect(await searchNominees(official, other.justice.id, "hong nhung")).toEqual([]);
  });

  test("the new-dossier form nominates a person of the register: the dossier keeps its own copy; Mẫu 07 gets the earlier awards", async () => {
    const movement = await createMovement(staff.commune.id);
    const person = await createPerson({ unitId: staff.land.id, fullName: "Trịnh Thị Kim Oanh", position: "Một cửa" });
    await prisma.priorAward.create({
      data: {
        personId: person.id,
        decisionNumber: "21/QĐ-UBND",
        decidedOn: new Date("2022-01-15T00:00:00Z"),
        form: "Giấy khen của Chủ tịch UBND xã",
        issuer: "Chủ tịch UBND xã Một",
        createdById: communeAdmin.id,
      },
    });
    const fields = {
      movementId: movement.id,
      unitId: staff.justice.id,
      kind: "individual",
      subjectKind: "part_time_worker",
      personId: person.id,
      awardForm: "commune_chairman_certificate",
    };
    const request = await requestAs(staff.official.id, "/ho-so/moi", { method: "POST", body: new URLSearchParams(fields) });
    const response = (await newDossierAction({ request, params: {}, context })) as Response;
    expect(response.status).toBe(302);
    const dossierId = response.headers.get("Location")!.replace("/ho-so/", "");
    const nominee = await prisma.nominee.findFirstOrThrow({ where: { dossiers: { some: { id: dossierId } } } });
    expect(nominee).toMatchObject({ personId: person.id, name: "Trịnh Thị Kim Oanh", position: "Một cửa", unitId: staff.justice.id });
    // The register changes later; the dossier's copy does not.
    await prisma.person.update({ where: { id: person.id }, data: { fullName: "Trịnh Thị Kim Oanh (đổi tên)" } });
    expect((await prisma.nominee.findUniqueOrThrow({ where: { id: nominee.id } })).name).toBe("Trịnh Thị Kim Oanh");
    expect(await previousAwardsOf(person.id, dossierId)).toBe(
      "- Giấy khen của Chủ tịch UBND xã (Chủ tịch UBND xã Một), Quyết định số 21/QĐ-UBND ngày 15/01/2022.",
    );

    // A person of another commune cannot be slipped in.
    const stranger = await createPerson({ unitId: other.land.id, fullName: "Người Lạ" });
    const crafted = await newDossierAction({
      request: await requestAs(staff.official.id, "/ho-so/moi", {
        method: "POST",
        body: new URLSearchParams({ ...fields, personId: stranger.id }),
      }),
      params: {},
      context,
    });
    expect(crafted).toMatchObject({ init: { status: 422 } });
  });
});

describe("the first run", () => {
  test("two first runs at once on an empty installation make one admin", async () => {
    const empty = await createTestDatabase(); // switches the app's database to a new, empty one
    try {
      const run = (username: string) =>
        firstRun({
          province: { name: "UBND tỉnh Mới", placeName: "Mới" },
          commune: { name: "UBND xã Đầu Tiên", placeName: "Đầu Tiên" },
          admin: { username, fullName: "Người Quản Trị", gender: "male", password: "MatKhau2026" },
        });
      const results = await Promise.all([run("quantri.a"), run("quantri.b")]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([
        { ok: false, status: 409, message: "Hệ thống đã được khởi tạo (đã có tài khoản). Vui lòng đăng nhập." },
      ]);
      expect(await prisma.user.count()).toBe(1);
      expect(await prisma.orgUnit.count()).toBe(2);
      const admin = await prisma.user.findFirstOrThrow({ include: { roles: { include: { unit: true } } } });
      expect(admin.roles.map((r) => [r.role, r.unit.kind])).toEqual([["admin", "province"]]);
      expect((await verifyAuditTrail(prisma)).firstBreak).toBeNull();
    } finally {
      await empty.destroy();
      const { useDatabase } = await import("~/utils/db.server.ts");
      useDatabase(db);
    }
  });
});

describe("import", () => {
  async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Đơn vị");
    for (const row of rows) sheet.addRow(row);
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  }
  const UNIT_HEADER = ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Mã đơn vị cấp trên", "Địa danh ghi trên văn bản"];

  test("the template reads back as its own header and names the units in scope", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await importTemplate(communeAdmin, "units")) as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Đơn vị", "Đơn vị hiện có"]);
    const reference = workbook.getWorksheet("Đơn vị hiện có")!;
    const names: string[] = [];
    reference.eachRow((row) => names.push(String(row.getCell(2).value ?? "")));
    expect(names).toContain("UBND xã Một");
    expect(names).not.toContain("UBND xã Hai");
  });

  test("one bad row: the preview names it in Vietnamese and nothing is written; all good: one transaction, audited", async () => {
    const communeCode = (await prisma.orgUnit.findUniqueOrThrow({ where: { id: staff.commune.id } })).code;
    const otherCode = (await prisma.orgUnit.findUniqueOrThrow({ where: { id: other.commune.id } })).code;
    const unitsBefore = await prisma.orgUnit.count();
    const bad = await xlsx([
      UNIT_HEADER,
      ["ap-moi-1", "Ấp Mới Một", "Ấp, khu phố", communeCode, "Một"],
      ["ap-moi-2", "Ấp Mới Hai", "ap, khu pho", "ap-moi-1", ""],
      ["ap-moi-3", "Ấp Mới Ba", "Ấp, khu phố", otherCode, ""],
    ]);
    const preview = await previewImport(communeAdmin, "units", bad);
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.preview.valid).toBe(false);
    expect(preview.preview.rows.map((r) => [r.rowNumber, r.errors])).toEqual([
      [2, []],
      [3, ["Ấp, khu phố không thể trực thuộc ấp, khu phố."]],
      [4, [`Không tìm thấy đơn vị cấp trên mã «${otherCode}» trong phạm vi bạn quản trị (hoặc ở dòng phía trên).`]],
    ]);
    // A crafted import of the same rows is judged again and refused whole.
    const forced = await commitImport(
      communeAdmin,
      "units",
      JSON.stringify(
        preview.preview.rows.map((r) => ({
          rowNumber: r.rowNumber,
          values: Object.fromEntries(UNIT_HEADER.map((_, i) => [["code", "name", "kind", "parentCode", "placeName"][i]!, r.cells[i]])),
        })),
      ),
    );
    expect(forced).toMatchObject({ ok: false, status: 422, message: expect.stringMatching(/^Dòng 3: .* Không dòng nào được nhập\.$/) });
    expect(await prisma.orgUnit.count()).toBe(unitsBefore);

    const good = await xlsx([
      UNIT_HEADER,
      ["bo-phan-mot-cua-1", "Bộ phận Một cửa", "Bộ phận, ban ngành", communeCode, ""],
      ["to-mot-cua-1", "Tổ tiếp nhận", "department", "bo-phan-mot-cua-1", ""],
    ]);
    const ok = await previewImport(communeAdmin, "units", good);
    if (!ok.ok || !ok.preview.valid) throw new Error("expected a valid preview");
    const imported = await commitImport(communeAdmin, "units", ok.preview.payload);
    expect(imported).toEqual({ ok: true, created: 2, accounts: [] });
    const team = await prisma.orgUnit.findUniqueOrThrow({ where: { code: "to-mot-cua-1" }, include: { parent: true } });
    expect(team.parent?.code).toBe("bo-phan-mot-cua-1");
    expect(team.ancestorIds.slice(0, 2)).toEqual([province.id, staff.commune.id]);
    expect((await auditOf(team.id)).map((r) => [r.action, r.chainId])).toEqual([["unit.IMPORT", staff.commune.id]]);
  });

  test("staff from CSV: people and accounts with temporary passwords and roles; a file that is not a spreadsheet is refused", async () => {
    const justiceCode = (await prisma.orgUnit.findUniqueOrThrow({ where: { id: staff.justice.id } })).code;
    const csv = [
      "Họ và tên;Danh xưng (Ông/Bà);Ngày sinh;Loại;Chức vụ;Mã đơn vị;Tên đăng nhập;Email;Vai trò",
      `Võ Thành Danh;Ông;08/06/1990;công chức;Công chức Văn hóa;${justiceCode};danh.vo;danh@example.vn;cán bộ, công chức phụ trách`,
      `Hộ bà Đoàn Thị Mười;Bà;;hộ gia đình;;${justiceCode};;;`,
    ].join("\r\n");
    const preview = await previewImport(communeAdmin, "staff", new TextEncoder().encode(csv));
    if (!preview.ok || !preview.preview.valid) throw new Error(JSON.stringify(preview));
    const imported = await commitImport(communeAdmin, "staff", preview.preview.payload);
    if (!imported.ok) throw new Error(imported.message);
    expect(imported.created).toBe(2);
    expect(imported.accounts.map((a) => a.username)).toEqual(["danh.vo"]);
    const danh = await prisma.user.findUniqueOrThrow({ where: { username: "danh.vo" }, include: { person: true, roles: true } });
    expect(danh.person).toMatchObject({ fullName: "Võ Thành Danh", gender: "male", kind: "civil_servant" });
    expect(danh.person!.birthDate!.toISOString().slice(0, 10)).toBe("1990-06-08");
    expect(danh.roles.map((r) => [r.role, r.unitId])).toEqual([["official", staff.justice.id]]);
    expect(await verifySignIn("danh.vo", imported.accounts[0]!.password, "198.51.100.3")).toEqual({ ok: true, userId: danh.id });
    // The same file again: every row is now a duplicate, named, and nothing more is written.
    const again = await previewImport(communeAdmin, "staff", new TextEncoder().encode(csv));
    if (!again.ok) throw new Error(again.message);
    expect(again.preview.rows.map((r) => r.errors[0])).toEqual([
      "Võ Thành Danh đã có trong danh sách của Bộ phận Tư pháp - Hộ tịch.",
      "Hộ bà Đoàn Thị Mười đã có trong danh sách của Bộ phận Tư pháp - Hộ tịch.",
    ]);

    const pdf = await previewImport(communeAdmin, "staff", new TextEncoder().encode("%PDF-1.7\n..."));
    expect(pdf).toEqual({
      ok: false,
      status: 422,
      message: "Tệp tải lên không phải bảng tính. Vui lòng chọn tệp Excel (.xlsx) hoặc CSV (.csv) theo mẫu.",
    });
  });

  test("every change of this file sits in an unbroken audit chain", async () => {
    expect((await verifyAuditTrail(prisma)).firstBreak).toBeNull();
  });
});
