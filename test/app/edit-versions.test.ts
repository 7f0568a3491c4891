// No lost edits on the edit forms of the register, the administration and the settings: each form carries the
// version its page was opened at (app/forms/revision.ts). Two tabs open the same page; the first saves; the
// second is refused (409) with a Vietnamese message naming what was saved, its typed values come back into the
// form, and the database keeps the first save. The refused page carries the newer version: saving again from it
// is the user's choice to overwrite, and succeeds. (The dossier documents and the movement: form-versions.test.ts.)
import type { SubmissionResult } from "@conform-to/react";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BLANK_FIELDS, DEFAULT_BLANK_LAYOUT } from "~/forms/print-settings.ts";
import { staleSaveMessage } from "~/forms/revision.ts";
import * as personEdit from "~/routes/ca-nhan.$personId_.sua.tsx";
import * as signingCredential from "~/routes/cai-dat.chu-ky-so.tsx";
import * as printSettings from "~/routes/cai-dat.in-giay-khen.tsx";
import * as decisionBasis from "~/routes/cai-dat.quyet-dinh.tsx";
import * as council from "~/routes/hoi-dong.tsx";
import * as unitPage from "~/routes/quan-tri.don-vi.$unitId.tsx";
import * as userPage from "~/routes/quan-tri.nguoi-dung.$userId.tsx";
import * as profile from "~/routes/tai-khoan.tsx";
import { prisma } from "~/utils/db.server.ts";
import { generateTestPkcs12 } from "~/utils/pdf-signature.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { createCommuneWithStaff, createPerson, createUnit, createUser, requestAs, type Staff } from "../support/factories.ts";

let db: TestDatabase;
let staff: Staff;
let adminId: string;
const context = { clientIp: "198.51.100.21" };

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createCommuneWithStaff("UBND xã Hai Thẻ");
  adminId = (await createUser({ unitId: staff.commune.id, roles: [{ role: "admin" }], fullName: "Quản Trị Hai Thẻ" })).id;
});
afterAll(() => db.destroy());

// ─── Requests ───────────────────────────────────────────────────────────────

type Route = {
  loader: (args: { request: Request; params: Record<string, string>; context: typeof context }) => Promise<unknown>;
  action: (args: { request: Request; params: Record<string, string>; context: typeof context }) => Promise<unknown>;
};

/** What an action answered: its status, and the body (a Conform reply, or a shape around one). */
async function outcome(answer: unknown): Promise<{ status: number; body: unknown }> {
  if (answer instanceof Response) return { status: answer.status, body: null };
  const { data, init } = answer as { data: unknown; init: ResponseInit | null };
  return { status: init?.status ?? 200, body: data };
}

function page(route: Route, userId: string, path: string, params: Record<string, string> = {}) {
  return {
    /** A tab opens the page: the loader's data (its revision among it). */
    async open<T = { revision: string }>(): Promise<T> {
      return (await route.loader({ request: await requestAs(userId, path), params, context })) as T;
    },
    /** The tab posts its form. */
    async post(fields: Record<string, string> | FormData) {
      const body = fields instanceof FormData ? fields : new URLSearchParams(fields);
      const headers: Record<string, string> = fields instanceof FormData ? {} : { "Content-Type": "application/x-www-form-urlencoded" };
      const answer = await route
        .action({ request: await requestAs(userId, path, { method: "POST", headers, body }), params, context })
        .catch((thrown: unknown) => thrown);
      return outcome(answer);
    },
  };
}

/** The message of a stale save, for the thing the form edits. */
const stale = (thing: string) => staleSaveMessage(thing);

function refusedWith(reply: SubmissionResult<string[]> | undefined, thing: string, options?: { upload?: boolean }) {
  expect(reply?.error?.[""]).toEqual([staleSaveMessage(thing, options)]);
}

// ─── The register ───────────────────────────────────────────────────────────

describe("a person of the register", () => {
  test("two tabs edit one person: the second is refused and keeps its text, then overwrites on purpose", async () => {
    const person = await createPerson({ unitId: staff.justice.id, fullName: "Lâm Văn Hai Thẻ", position: "Công chức" });
    const edit = page(personEdit as unknown as Route, staff.secretary.id, `/ca-nhan/${person.id}/sua`, { personId: person.id });
    const form = (revision: string, position: string) => ({
      revision,
      fullName: "Lâm Văn Hai Thẻ",
      kind: "civil_servant",
      gender: "male",
      unitId: staff.justice.id,
      position,
    });
    const [tab1, tab2] = [(await edit.open()).revision, (await edit.open()).revision];
    expect(tab2).toBe(tab1);

    expect((await edit.post(form(tab1, "Công chức Tư pháp - Hộ tịch"))).status).toBe(302);
    const second = await edit.post(form(tab2, "Phó trưởng Bộ phận (thẻ thứ hai)"));
    expect(second.status).toBe(409);
    const reply = second.body as SubmissionResult<string[]>;
    refusedWith(reply, "Thông tin cá nhân");
    expect(reply.error?.[""]?.[0]).toMatch(/^Thông tin cá nhân đã được người khác lưu sau khi bạn mở trang/);
    expect(reply.initialValue).toMatchObject({ position: "Phó trưởng Bộ phận (thẻ thứ hai)" });
    expect((await prisma.person.findUniqueOrThrow({ where: { id: person.id } })).position).toBe("Công chức Tư pháp - Hộ tịch");

    const newer = (await edit.open()).revision;
    expect(newer).not.toBe(tab2);
    expect((await edit.post(form(newer, "Phó trưởng Bộ phận (thẻ thứ hai)"))).status).toBe(302);
    expect((await prisma.person.findUniqueOrThrow({ where: { id: person.id } })).position).toBe("Phó trưởng Bộ phận (thẻ thứ hai)");
    // A form without a revision (an old page, a script) is not checked.
    expect((await edit.post({ ...form("", "Công chức"), revision: "" })).status).toBe(302);
  });

  test("the person's account is the same record: the admin's save makes the register's open form stale", async () => {
    const account = await createUser({ unitId: staff.justice.id, roles: [{ role: "official" }], fullName: "Hồ Thị Chung" });
    const edit = page(personEdit as unknown as Route, staff.secretary.id, `/ca-nhan/${account.personId}/sua`, {
      personId: account.personId,
    });
    const opened = (await edit.open()).revision;
    const admin = page(userPage as unknown as Route, adminId, `/quan-tri/nguoi-dung/${account.id}`, { userId: account.id });
    const adminPage = await admin.open();
    const saved = await admin.post({
      intent: "ho-so",
      revision: adminPage.revision,
      fullName: "Hồ Thị Chung",
      gender: "female",
      email: "chung@example.vn",
      unitId: staff.justice.id,
      title: "Công chức Văn phòng",
    });
    expect(saved.status).toBe(302);
    const refused = await edit.post({
      revision: opened,
      fullName: "Hồ Thị Chung",
      kind: "civil_servant",
      gender: "female",
      unitId: staff.justice.id,
      position: "Công chức Tư pháp",
    });
    expect(refused.status).toBe(409);
    expect((await prisma.person.findUniqueOrThrow({ where: { id: account.personId } })).position).toBe("Công chức Văn phòng");
  });
});

// ─── Units ──────────────────────────────────────────────────────────────────

describe("a unit's administration page", () => {
  const unitRoute = unitPage as unknown as Route;
  const pageOf = (unitId: string) => page(unitRoute, adminId, `/quan-tri/don-vi/${unitId}`, { unitId });
  const resultOf = (body: unknown) => (body as { result: SubmissionResult<string[]> }).result;

  test("its details: the second tab is refused and keeps its text, then overwrites on purpose", async () => {
    const unit = await createUnit({ name: "Bộ phận Văn hóa - Xã hội", kind: "department", parentId: staff.commune.id });
    const admin = pageOf(unit.id);
    const form = (revision: string, authorityName: string) => ({
      intent: "sua",
      revision,
      name: "Bộ phận Văn hóa - Xã hội",
      kind: "department",
      parentId: staff.commune.id,
      placeName: "Hai Thẻ",
      authorityName,
    });
    const [tab1, tab2] = [(await admin.open()).revision, (await admin.open()).revision];
    expect((await admin.post(form(tab1, "Bộ phận Văn hóa - Xã hội xã Hai Thẻ"))).status).toBe(302);
    const second = await admin.post(form(tab2, "Tên do thẻ thứ hai gõ"));
    expect(second.status).toBe(409);
    refusedWith(resultOf(second.body), "Thông tin đơn vị");
    expect(resultOf(second.body).initialValue).toMatchObject({ authorityName: "Tên do thẻ thứ hai gõ" });
    expect((await prisma.orgUnit.findUniqueOrThrow({ where: { id: unit.id } })).authorityName).toBe("Bộ phận Văn hóa - Xã hội xã Hai Thẻ");

    const newer = (await admin.open()).revision;
    expect(newer).not.toBe(tab2);
    expect((await admin.post(form(newer, "Tên do thẻ thứ hai gõ"))).status).toBe(302);
    expect((await prisma.orgUnit.findUniqueOrThrow({ where: { id: unit.id } })).authorityName).toBe("Tên do thẻ thứ hai gõ");
  });

  test("its head: a head chosen since the page opened is not overwritten unseen", async () => {
    const unit = await createUnit({ name: "Bộ phận Kinh tế", kind: "department", parentId: staff.commune.id });
    const first = await createPerson({ unitId: unit.id, fullName: "Trưởng Bộ Phận Một" });
    const second = await createPerson({ unitId: unit.id, fullName: "Trưởng Bộ Phận Hai" });
    const admin = pageOf(unit.id);
    const [tab1, tab2] = [(await admin.open()).revision, (await admin.open()).revision];
    expect((await admin.post({ intent: "nguoi-dung-dau", revision: tab1, headPersonId: first.id })).status).toBe(302);
    const refused = await admin.post({ intent: "nguoi-dung-dau", revision: tab2, headPersonId: second.id });
    expect(refused.status).toBe(409);
    refusedWith(resultOf(refused.body), "Thông tin đơn vị");
    expect(resultOf(refused.body).initialValue).toMatchObject({ headPersonId: second.id });
    expect((await prisma.orgUnit.findUniqueOrThrow({ where: { id: unit.id } })).headPersonId).toBe(first.id);

    const newer = (await admin.open()).revision;
    expect((await admin.post({ intent: "nguoi-dung-dau", revision: newer, headPersonId: second.id })).status).toBe(302);
    expect((await prisma.orgUnit.findUniqueOrThrow({ where: { id: unit.id } })).headPersonId).toBe(second.id);
  });

  test("ending or merging it: refused when the unit changed since the page opened, done from the newer page", async () => {
    const unit = await createUnit({ name: "Ấp Sắp Sáp Nhập", kind: "hamlet", parentId: staff.commune.id });
    const admin = pageOf(unit.id);
    const [tab1, tab2] = [(await admin.open()).revision, (await admin.open()).revision];
    const renamed = await admin.post({ intent: "sua", revision: tab1, name: "Ấp Đã Đổi Tên", kind: "hamlet", parentId: staff.commune.id });
    expect(renamed.status).toBe(302);
    const end = (revision: string) => admin.post({ intent: "ket-thuc", revision, endedOn: "01/07/2025", mergedIntoId: "" });
    const refused = await end(tab2);
    expect(refused.status).toBe(409);
    refusedWith(resultOf(refused.body), "Thông tin đơn vị");
    expect(resultOf(refused.body).initialValue).toMatchObject({ endedOn: "01/07/2025" });
    expect((await prisma.orgUnit.findUniqueOrThrow({ where: { id: unit.id } })).endedAt).toBeNull();

    expect((await end((await admin.open()).revision)).status).toBe(302);
    expect((await prisma.orgUnit.findUniqueOrThrow({ where: { id: unit.id } })).endedAt).not.toBeNull();
  });
});

// ─── Accounts ───────────────────────────────────────────────────────────────

describe("an account's administration page", () => {
  const resultOf = (body: unknown) => (body as { result: SubmissionResult<string[]> }).result;

  test("its profile: the second tab is refused and keeps its text, then overwrites on purpose", async () => {
    const account = await createUser({ unitId: staff.land.id, roles: [{ role: "official" }], fullName: "Phan Văn Hồ Sơ" });
    const admin = page(userPage as unknown as Route, adminId, `/quan-tri/nguoi-dung/${account.id}`, { userId: account.id });
    const form = (revision: string, title: string) => ({
      intent: "ho-so",
      revision,
      fullName: "Phan Văn Hồ Sơ",
      gender: "male",
      email: "ho.so@example.vn",
      unitId: staff.land.id,
      title,
    });
    const [tab1, tab2] = [(await admin.open()).revision, (await admin.open()).revision];
    expect((await admin.post(form(tab1, "Công chức Địa chính"))).status).toBe(302);
    const second = await admin.post(form(tab2, "Chức vụ do thẻ thứ hai gõ"));
    expect(second.status).toBe(409);
    refusedWith(resultOf(second.body), "Thông tin tài khoản");
    expect(resultOf(second.body).initialValue).toMatchObject({ title: "Chức vụ do thẻ thứ hai gõ" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: account.id } })).title).toBe("Công chức Địa chính");

    const newer = (await admin.open()).revision;
    expect((await admin.post(form(newer, "Chức vụ do thẻ thứ hai gõ"))).status).toBe(302);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: account.id } })).title).toBe("Chức vụ do thẻ thứ hai gõ");
  });

  test("its roles (rows of their own): the second tab is refused and keeps its rows, then overwrites on purpose", async () => {
    const account = await createUser({ unitId: staff.land.id, roles: [{ role: "official" }], fullName: "Đinh Thị Vai Trò" });
    const admin = page(userPage as unknown as Route, adminId, `/quan-tri/nguoi-dung/${account.id}`, { userId: account.id });
    const grants = (revision: string, extra: { role: string; unitId: string }) => ({
      intent: "vai-tro",
      revision,
      "grants[0].role": "official",
      "grants[0].unitId": staff.land.id,
      "grants[1].role": extra.role,
      "grants[1].unitId": extra.unitId,
    });
    const roles = async () =>
      (await prisma.roleAssignment.findMany({ where: { userId: account.id }, orderBy: { role: "asc" } })).map((g) => g.role);
    const [tab1, tab2] = [(await admin.open()).revision, (await admin.open()).revision];
    expect((await admin.post(grants(tab1, { role: "council_member", unitId: staff.commune.id }))).status).toBe(302);
    const second = await admin.post(grants(tab2, { role: "secretary", unitId: staff.commune.id }));
    expect(second.status).toBe(409);
    refusedWith(resultOf(second.body), "Thông tin tài khoản");
    expect(resultOf(second.body).initialValue).toMatchObject({ grants: [{ role: "official" }, { role: "secretary" }] });
    expect(await roles()).toEqual(["official", "council_member"]);

    const newer = (await admin.open()).revision;
    expect(newer).not.toBe(tab2);
    expect((await admin.post(grants(newer, { role: "secretary", unitId: staff.commune.id }))).status).toBe(302);
    expect(await roles()).toEqual(["official", "secretary"]);
  });

  test("the user's own email: the same account row as the admin's form, refused the same way", async () => {
    const account = await createUser({ unitId: staff.land.id, roles: [{ role: "official" }], fullName: "Kiều Thị Thư" });
    const own = page(profile as unknown as Route, account.id, "/tai-khoan");
    const [tab1, tab2] = [(await own.open()).revision, (await own.open()).revision];
    expect((await own.post({ revision: tab1, email: "thu.moi@example.vn" })).status).toBe(200);
    const second = await own.post({ revision: tab2, email: "thu.the-hai@example.vn" });
    expect(second.status).toBe(409);
    refusedWith(second.body as SubmissionResult<string[]>, "Thông tin tài khoản");
    expect((second.body as SubmissionResult<string[]>).initialValue).toMatchObject({ email: "thu.the-hai@example.vn" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: account.id } })).email).toBe("thu.moi@example.vn");

    const newer = (await own.open()).revision;
    expect((await own.post({ revision: newer, email: "thu.the-hai@example.vn" })).status).toBe(200);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: account.id } })).email).toBe("thu.the-hai@example.vn");
  });
});

// ─── Settings ───────────────────────────────────────────────────────────────

describe("the settings of a unit (no row until first saved)", () => {
  test("the legal basis: a basis saved since the page opened refuses the save and the reset", async () => {
    const settings = page(decisionBasis as unknown as Route, staff.chairman.id, "/cai-dat/quyet-dinh");
    const form = (revision: string, proposedBy: string) => ({
      intent: "save",
      unitId: staff.commune.id,
      revision,
      legalBasis: "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
      proposedBy,
    });
    const [tab1, tab2, tab3] = [(await settings.open()).revision, (await settings.open()).revision, (await settings.open()).revision];
    expect(tab1).toBe("new");
    expect((await settings.post(form(tab1, "Văn phòng UBND xã"))).status).toBe(302);
    const second = await settings.post(form(tab2, "Bộ phận do thẻ thứ hai gõ"));
    expect(second.status).toBe(409);
    refusedWith(second.body as SubmissionResult<string[]>, "Căn cứ ban hành quyết định");
    expect((second.body as SubmissionResult<string[]>).initialValue).toMatchObject({ proposedBy: "Bộ phận do thẻ thứ hai gõ" });
    const reset = await settings.post({ intent: "reset", unitId: staff.commune.id, revision: tab3 });
    expect(reset.status).toBe(409);
    const stored = async () => (await prisma.documentSettings.findUnique({ where: { unitId: staff.commune.id } }))?.decisionProposedBy;
    expect(await stored()).toBe("Văn phòng UBND xã");

    const newer = (await settings.open()).revision;
    expect(newer).not.toBe("new");
    expect((await settings.post(form(newer, "Bộ phận do thẻ thứ hai gõ"))).status).toBe(302);
    expect(await stored()).toBe("Bộ phận do thẻ thứ hai gõ");
  });

  test("the printer's offsets and the layout of a blank: each form refuses a save over a newer one", async () => {
    const settings = page(printSettings as unknown as Route, staff.secretary.id, "/cai-dat/in-giay-khen");
    type Revisions = { revisions: { offsets: string; layout: string } };
    const offsets = (revision: string, offsetX: string) => ({
      intent: "offsets",
      unitId: staff.commune.id,
      revision,
      offsetX,
      offsetY: "0",
    });
    const layout = (revision: string, recipientX: string) => ({
      intent: "layout",
      unitId: staff.commune.id,
      awardForm: "commune_chairman_certificate",
      revision,
      ...Object.fromEntries(
        BLANK_FIELDS.flatMap((field) => {
          const p = DEFAULT_BLANK_LAYOUT[field];
          const x = field === "recipient" ? recipientX : String(p.x).replace(".", ",");
          return [
            [`placements.${field}.x`, x],
            [`placements.${field}.y`, String(p.y).replace(".", ",")],
            [`placements.${field}.size`, String(p.size).replace(".", ",")],
            [`placements.${field}.align`, p.align],
          ];
        }),
      ),
    });
    const replyOf = (body: unknown) => (body as { reply: SubmissionResult<string[]> }).reply;
    const [tab1, tab2] = [await settings.open<Revisions>(), await settings.open<Revisions>()];
    expect(tab1.revisions).toEqual({ offsets: "new", layout: "new" });

    expect((await settings.post(offsets(tab1.revisions.offsets, "1,5"))).status).toBe(302);
    const staleOffsets = await settings.post(offsets(tab2.revisions.offsets, "-2,5"));
    expect(staleOffsets.status).toBe(409);
    refusedWith(replyOf(staleOffsets.body), "Độ lệch chung của máy in");
    expect(replyOf(staleOffsets.body).initialValue).toMatchObject({ offsetX: "-2,5" });
    const storedX = async () => (await prisma.certificatePrintSettings.findUnique({ where: { unitId: staff.commune.id } }))?.offsetXMm;
    expect(await storedX()).toBe(1.5);

    expect((await settings.post(layout(tab1.revisions.layout, "150"))).status).toBe(302);
    const staleLayout = await settings.post(layout(tab2.revisions.layout, "140,5"));
    expect(staleLayout.status).toBe(409);
    refusedWith(replyOf(staleLayout.body), "Vị trí các nội dung trên phôi");
    expect(replyOf(staleLayout.body).initialValue).toMatchObject({ placements: { recipient: { x: "140,5" } } });
    const storedLayout = async () =>
      (
        await prisma.certificateBlankLayout.findUniqueOrThrow({
          where: { unitId_awardForm: { unitId: staff.commune.id, awardForm: "commune_chairman_certificate" } },
        })
      ).fields as { recipient: { x: number } };
    expect((await storedLayout()).recipient.x).toBe(150);

    const newer = await settings.open<Revisions>();
    expect((await settings.post(offsets(newer.revisions.offsets, "-2,5"))).status).toBe(302);
    expect((await settings.post(layout(newer.revisions.layout, "140,5"))).status).toBe(302);
    expect(await storedX()).toBe(-2.5);
    expect((await storedLayout()).recipient.x).toBe(140.5);
  });

  test(
    "the signing certificate: replacing one uploaded since the page opened is refused; the file is chosen again",
    { timeout: 120_000 },
    async () => {
      const settings = page(signingCredential as unknown as Route, staff.chairman.id, "/cai-dat/chu-ky-so");
      const upload = (revision: string, p12: Uint8Array) => {
        const form = new FormData();
        form.set("unitId", staff.commune.id);
        form.set("revision", revision);
        form.set("file", new File([Buffer.from(p12)], "chung-thu.p12", { type: "application/x-pkcs12" }));
        form.set("passphrase", "hai-the");
        return settings.post(form);
      };
      const first = generateTestPkcs12("UBND xã Hai Thẻ (thẻ một)", "Ủy ban nhân dân xã Hai Thẻ", "hai-the");
      const second = generateTestPkcs12("UBND xã Hai Thẻ (thẻ hai)", "Ủy ban nhân dân xã Hai Thẻ", "hai-the");
      const [tab1, tab2] = [(await settings.open()).revision, (await settings.open()).revision];
      expect((await upload(tab1, first)).status).toBe(302);
      const refused = await upload(tab2, second);
      expect(refused.status).toBe(409);
      refusedWith(refused.body as SubmissionResult<string[]>, "Chứng thư số của đơn vị", { upload: true });
      const subject = async () => (await prisma.signingCredential.findUniqueOrThrow({ where: { unitId: staff.commune.id } })).subject;
      expect(await subject()).toContain("thẻ một");

      expect((await upload((await settings.open()).revision, second)).status).toBe(302);
      expect(await subject()).toContain("thẻ hai");
    },
  );

  test("the council: the second tab's setup is refused and keeps its text, then overwrites on purpose", async () => {
    const setup = page(council as unknown as Route, staff.secretary.id, "/hoi-dong");
    const form = (revision: string, name: string) => ({
      revision,
      name,
      termStart: "01/01/2024",
      quorumNum: "2",
      quorumDen: "3",
      thresholdPercent: "70",
      reminderHours: "24",
      "members[0].personId": staff.chairman.personId,
      "members[0].position": "chair",
      "members[1].personId": staff.secretary.personId,
      "members[1].position": "standing_member",
    });
    const [tab1, tab2] = [(await setup.open()).revision, (await setup.open()).revision];
    expect(tab1).toBe("new");
    expect((await setup.post(form(tab1, "Hội đồng Thi đua – Khen thưởng xã Hai Thẻ"))).status).toBe(302);
    const second = await setup.post(form(tab2, "Hội đồng do thẻ thứ hai đặt tên"));
    expect(second.status).toBe(409);
    refusedWith(second.body as SubmissionResult<string[]>, "Thông tin Hội đồng Thi đua – Khen thưởng");
    expect((second.body as SubmissionResult<string[]>).initialValue).toMatchObject({ name: "Hội đồng do thẻ thứ hai đặt tên" });
    const names = async () => (await prisma.council.findMany({ where: { unitId: staff.commune.id } })).map((c) => c.name);
    expect(await names()).toEqual(["Hội đồng Thi đua – Khen thưởng xã Hai Thẻ"]);

    const newer = (await setup.open()).revision;
    expect((await setup.post(form(newer, "Hội đồng do thẻ thứ hai đặt tên"))).status).toBe(302);
    expect(await names()).toEqual(["Hội đồng do thẻ thứ hai đặt tên"]);
  });
});

test("the message names what was saved, in Vietnamese, and says the typed text is kept", () => {
  expect(stale("Thông tin cá nhân")).toBe(
    "Thông tin cá nhân đã được người khác lưu sau khi bạn mở trang, nên nội dung của bạn chưa được lưu. Nội dung bạn vừa nhập vẫn còn dưới đây: hãy xem bản mới ở một thẻ khác, rồi bấm lưu lần nữa nếu muốn ghi đè.",
  );
});
