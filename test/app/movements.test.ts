// The secretary's movements on a real database, through the routes' loaders and actions:
// create, edit, launch (machine), frozen targets, versions, unit scoping, the list page.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Prisma } from "~/generated/prisma/client.ts";
import { verifyAuditTrail } from "~/models/audit.server.ts";
import { checkDocuments } from "~/models/dossier-documents.server.ts";
import { action as statusAction, loader as statusLoader } from "~/routes/phong-trao.$movementId.trang-thai.tsx";
import { action as versionAction, loader as versionLoader } from "~/routes/phong-trao.$movementId.phien-ban-moi.tsx";
import { action as editAction, loader as editLoader } from "~/routes/phong-trao.$movementId.sua.tsx";
import { loader as pageLoader } from "~/routes/phong-trao.$movementId.tsx";
import { loader as listLoader } from "~/routes/phong-trao._index.tsx";
import { action as createAction, loader as newLoader } from "~/routes/phong-trao.moi.tsx";
import { prisma } from "~/utils/db.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { createCommuneWithStaff, createDossierAt, requestAs, type Staff } from "../support/factories.ts";

let db: TestDatabase;
let staff: Staff;
let neighbour: Staff;

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createCommuneWithStaff();
  neighbour = await createCommuneWithStaff("UBND xã Bên Cạnh");
});
afterAll(() => db.destroy());

const context = { clientIp: "203.0.113.7" };
type Entries = Array<[string, string]>;
type Reply = {
  type: "DataWithResponseInit";
  data: { status?: string; error?: Record<string, string[] | null> | null; initialValue?: Record<string, unknown> } & { message?: string };
  init: ResponseInit | null;
};

const FORM: Entries = [
  ["title", "Nâng cao trách nhiệm người đứng đầu trong thực hiện các nhiệm vụ cải cách hành chính"],
  ["year", "2030"],
  ["planNumber", "125/KH-UBND"],
  ["legalBasis[0]", "Thực hiện Kế hoạch số 3294/KH-UBND ngày 03/4/2030 của UBND tỉnh"],
  ["scope", "Phong trào được triển khai tại UBND xã."],
  ["subjectKinds", "unit_head"],
  ["subjectKinds", "civil_servant"],
  ["targets[0].area", "Về cải cách thủ tục hành chính"],
  ["targets[0].label", "Giải quyết hồ sơ TTHC đúng hạn"],
  ["targets[0].comparator", "gte"],
  ["targets[0].threshold", "99,6"],
  ["targets[0].unit", "%"],
  ["targets[1].label", "Văn bản trả lời kiến nghị quá hạn"],
  ["targets[1].comparator", "eq"],
  ["targets[1].threshold", "0"],
  ["targets[1].unit", "văn bản"],
  ["targets[1].optional", "on"],
  ["targets[1].appliesTo", "unit_head"],
  ["awards.individual.form", "commune_chairman_certificate"],
  ["awards.individual.title", ""],
  ["awards.collective.form", "commune_chairman_certificate"],
  ["awards.collective.title", ""],
  ["awards.household.form", "commune_chairman_certificate"],
  ["awards.household.title", ""],
  ["quotas.individual", "5"],
  ["submissionDeadline", "15/05/2030"],
  ["screeningDays", "5"],
  ["decisionDays", "12"],
];

function withField(name: string, value: string | null, entries = FORM): Entries {
  const rest = entries.filter(([key]) => key !== name);
  return value === null ? rest : [...rest, [name, value]];
}

/** A form post as the browser sends it (repeated names for checkboxes). */
async function post(userId: string, path: string, entries: Entries) {
  return requestAs(userId, path, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(entries),
  });
}

/** The fields of a loader's defaultValue, as the rendered form would post them back. */
function entriesOf(value: unknown, prefix = ""): Entries {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      typeof item === "object" ? entriesOf(item, `${prefix}[${index}]`) : ([[prefix, String(item)]] as Entries),
    );
  }
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => entriesOf(item, prefix ? `${prefix}.${key}` : key));
  }
  if (typeof value === "boolean") return value ? [[prefix, "on"]] : [];
  return value === undefined || value === null ? [] : [[prefix, String(value)]];
}

/** The status of a thrown or returned Response (or 200 for plain data). */
async function statusOf(promise: Promise<unknown>): Promise<number> {
  return promise.then(
    (result) => (result instanceof Response ? result.status : 200),
    (error: unknown) => (error instanceof Response ? error.status : 500),
  );
}

async function createDraft(entries = FORM): Promise<string> {
  const response = await createAction({ request: await post(staff.secretary.id, "/phong-trao/moi", entries), params: {}, context });
  expect(response).toBeInstanceOf(Response);
  const location = (response as Response).headers.get("Location")!;
  expect(location).toMatch(/^\/phong-trao\/[^/]+$/);
  return location.split("/").pop()!;
}

async function sendStatus(movementId: string, event: string, userId = staff.secretary.id) {
  return statusAction({
    request: await post(userId, `/phong-trao/${movementId}/trang-thai`, [["event", event]]),
    params: { movementId },
    context,
  });
}

async function edit(movementId: string, entries: Entries, userId = staff.secretary.id) {
  return editAction({ request: await post(userId, `/phong-trao/${movementId}/sua`, entries), params: { movementId }, context });
}

async function loadEdit(movementId: string, userId = staff.secretary.id) {
  return editLoader({ request: await requestAs(userId, `/phong-trao/${movementId}/sua`), params: { movementId }, context });
}

/** The edit form's values, as its loader gives them. */
type Defaults = Awaited<ReturnType<typeof loadEdit>>["defaultValue"];

const auditOf = (entityId: string) => prisma.auditEvent.findMany({ where: { entityId }, orderBy: { seq: "asc" } });

describe("creating a movement", () => {
  test("the secretary saves a draft: targets with decimal comma, quota, deadline at 23:59:59.999 in Viet Nam, one audit row", async () => {
    const form = await newLoader({ request: await requestAs(staff.secretary.id, "/phong-trao/moi"), params: {}, context });
    expect(form.units).toEqual([{ id: staff.commune.id, name: "UBND xã Thử Nghiệm" }]);

    const id = await createDraft();
    const movement = await prisma.movement.findUniqueOrThrow({
      where: { id },
      include: { targets: { orderBy: { position: "asc" } }, quotas: true, awards: true },
    });
    expect(movement).toMatchObject({
      unitId: staff.commune.id,
      state: "draft",
      version: 1,
      year: 2030,
      planNumber: "125/KH-UBND",
      subjectKinds: ["unit_head", "civil_servant"],
      screeningDays: 5,
      decisionDays: 12,
    });
    // Individuals only: their Giấy khen, no title; the collective's and household's rows of the form are not kept.
    expect(movement.awards.map((a) => [a.nomineeKind, a.awardForm, a.title])).toEqual([
      ["individual", "commune_chairman_certificate", null],
    ]);
    expect(movement.submissionDeadline.toISOString()).toBe("2030-05-15T16:59:59.999Z");
    expect(
      movement.targets.map((t) => [t.position, t.label, t.metric, t.comparator, t.threshold.toString(), t.unit, t.optional, t.appliesTo]),
    ).toEqual([
      [1, "Giải quyết hồ sơ TTHC đúng hạn", "giai_quyet_ho_so_tthc_dung_han", "gte", "99.6", "%", false, []],
      [2, "Văn bản trả lời kiến nghị quá hạn", "van_ban_tra_loi_kien_nghi_qua_han", "eq", "0", "văn bản", true, ["unit_head"]],
    ]);
    expect(movement.quotas.map((q) => [q.nomineeKind, q.maxAwards])).toEqual([["individual", 5]]);

    const audit = await auditOf(id);
    expect(audit.map((a) => [a.chainId, a.action, a.fromState, a.toState, a.actorName])).toEqual([
      [staff.commune.id, "movement.CREATE", null, "draft", "Trần Thị Thu Hà"],
    ]);
  });

  test("an invalid form comes back with Vietnamese errors next to the fields, status 400, nothing saved", async () => {
    const before = await prisma.movement.count();
    const reply = (await createAction({
      request: await post(staff.secretary.id, "/phong-trao/moi", withField("title", "", withField("targets[0].threshold", "nhiều"))),
      params: {},
      context,
    })) as Reply;
    expect(reply.type).toBe("DataWithResponseInit");
    expect(reply.init?.status).toBe(400);
    expect(reply.data.error).toMatchObject({
      title: ["Vui lòng nhập tên phong trào."],
      "targets[0].threshold": ["Mức chỉ tiêu phải là một số (ví dụ: 99,6)."],
    });
    expect(await prisma.movement.count()).toBe(before);
  });

  test("without JavaScript, «Thêm chỉ tiêu» posts the form and gets it back with one more row (not an error, nothing saved)", async () => {
    const before = await prisma.movement.count();
    const intent = JSON.stringify({ type: "insert", payload: { name: "targets", defaultValue: { comparator: "gte", unit: "%" } } });
    const reply = (await createAction({
      request: await post(staff.secretary.id, "/phong-trao/moi", [...FORM, ["__intent__", intent]]),
      params: {},
      context,
    })) as Reply;
    expect(reply.init?.status).toBe(200);
    expect((reply.data.initialValue as { targets: unknown[] }).targets).toHaveLength(3);
    expect(await prisma.movement.count()).toBe(before);
  });

  test("only a secretary may create, and only for their own commune", async () => {
    expect(await statusOf(newLoader({ request: await requestAs(staff.official.id, "/phong-trao/moi"), params: {}, context }))).toBe(403);
    expect(await statusOf(createAction({ request: await post(staff.official.id, "/phong-trao/moi", FORM), params: {}, context }))).toBe(
      403,
    );
    const forged = withField("unitId", neighbour.commune.id);
    expect(await statusOf(createAction({ request: await post(staff.secretary.id, "/phong-trao/moi", forged), params: {}, context }))).toBe(
      403,
    );
    expect(await prisma.movement.count({ where: { unitId: neighbour.commune.id } })).toBe(0);
  });
});

describe("editing a draft", () => {
  test("everything may change; the audit row keeps only what changed, before and after", async () => {
    const id = await createDraft();
    const { defaultValue } = await loadEdit(id);
    const entries = entriesOf({
      ...defaultValue,
      title: "Phong trào đã sửa tên",
      targets: [
        defaultValue.targets![0]!,
        { label: "Chỉ tiêu mới", comparator: "lte", threshold: "2,5", unit: "ngày", optional: false, appliesTo: [] },
      ],
      quotas: { individual: "3", collective: "2", household: "" },
    });
    const response = await edit(id, entries);
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).headers.get("Location")).toBe(`/phong-trao/${id}`);

    const movement = await prisma.movement.findUniqueOrThrow({
      where: { id },
      include: { targets: { orderBy: { position: "asc" } }, quotas: true },
    });
    expect(movement.title).toBe("Phong trào đã sửa tên");
    expect(movement.targets.map((t) => [t.label, t.metric, t.threshold.toString()])).toEqual([
      ["Giải quyết hồ sơ TTHC đúng hạn", "giai_quyet_ho_so_tthc_dung_han", "99.6"],
      ["Chỉ tiêu mới", "chi_tieu_moi", "2.5"],
    ]);
    expect(Object.fromEntries(movement.quotas.map((q) => [q.nomineeKind, q.maxAwards]))).toEqual({ individual: 3, collective: 2 });

    const update = (await auditOf(id)).at(-1)!;
    expect(update.action).toBe("movement.UPDATE");
    const changed = update.data as { before: Record<string, unknown>; after: Record<string, unknown> };
    expect(Object.keys(changed.after).sort()).toEqual(["quotas", "targets", "title"]);
    expect(changed.before.title).toBe(FORM[0]![1]);
  });

  test("saving the form unchanged writes nothing", async () => {
    const id = await createDraft();
    const { defaultValue } = await loadEdit(id);
    const auditBefore = (await auditOf(id)).length;
    expect(await edit(id, entriesOf(defaultValue))).toBeInstanceOf(Response);
    expect((await auditOf(id)).length).toBe(auditBefore);
  });

  test("a form loaded before somebody else's save is refused (conflict), nothing overwritten", async () => {
    const id = await createDraft();
    const { defaultValue } = await loadEdit(id);
    expect(await edit(id, entriesOf({ ...defaultValue, title: "Người thứ nhất" }))).toBeInstanceOf(Response);
    const reply = (await edit(id, entriesOf({ ...defaultValue, title: "Người thứ hai" }))) as Reply;
    expect(reply.init?.status).toBe(409);
    expect(reply.data.error?.[""]).toEqual([
      "Phong trào đã được người khác lưu sau khi bạn mở trang, nên nội dung của bạn chưa được lưu. Nội dung bạn vừa nhập vẫn còn dưới đây: hãy xem bản mới ở một thẻ khác, rồi bấm lưu lần nữa nếu muốn ghi đè.",
    ]);
    // The typed text stays in the form.
    expect(reply.data.initialValue?.title).toBe("Người thứ hai");
    expect((await prisma.movement.findUniqueOrThrow({ where: { id } })).title).toBe("Người thứ nhất");
  });
});

describe("launching, closing, finishing through the movement machine", () => {
  test("launch: state open and one audit row recording the targets and quota as launched", async () => {
    const id = await createDraft();
    const response = await sendStatus(id, "LAUNCH");
    expect((response as Response).headers.get("Location")).toBe(`/phong-trao/${id}`);
    expect((await prisma.movement.findUniqueOrThrow({ where: { id } })).state).toBe("open");
    const launch = (await auditOf(id)).at(-1)!;
    expect([launch.action, launch.fromState, launch.toState, launch.chainId]).toEqual([
      "movement.LAUNCH",
      "draft",
      "open",
      staff.commune.id,
    ]);
    expect(launch.data).toMatchObject({
      version: 1,
      quotas: { individual: 5 },
      targets: [{ label: "Giải quyết hồ sơ TTHC đúng hạn", threshold: 99.6 }, {}],
    });

    // Then close and finish; nothing else from a finished movement.
    const page = await statusLoader({
      request: await requestAs(staff.secretary.id, `/phong-trao/${id}/trang-thai`),
      params: { movementId: id },
      context,
    });
    expect(page.events.map((e) => e.label)).toEqual(["Kết thúc nhận hồ sơ"]);
    expect(await sendStatus(id, "CLOSE")).toBeInstanceOf(Response);
    expect(await sendStatus(id, "FINISH")).toBeInstanceOf(Response);
    const refused = (await sendStatus(id, "CLOSE")) as Reply;
    expect(refused.init?.status).toBe(422);
    expect(refused.data.message).toBe("Phong trào đang ở trạng thái «Đã tổng kết», không thể thực hiện thao tác này.");
    expect((await auditOf(id)).map((a) => a.action)).toEqual(["movement.CREATE", "movement.LAUNCH", "movement.CLOSE", "movement.FINISH"]);
  });

  test("a movement without targets cannot be launched: the machine's message, state unchanged", async () => {
    const id = await createDraft(FORM.filter(([name]) => !name.startsWith("targets")));
    const reply = (await sendStatus(id, "LAUNCH")) as Reply;
    expect(reply.init?.status).toBe(422);
    expect(reply.data.message).toBe("Phong trào phải có ít nhất một chỉ tiêu thi đua trước khi phát động.");
    expect((await prisma.movement.findUniqueOrThrow({ where: { id } })).state).toBe("draft");
    expect((await auditOf(id)).map((a) => a.action)).toEqual(["movement.CREATE"]);
  });
});

describe("a launched movement's targets and quota are frozen", () => {
  test("the edit form shows them read-only; posting it back unchanged saves the other fields", async () => {
    const id = await createDraft();
    await sendStatus(id, "LAUNCH");
    const { movement, defaultValue } = await loadEdit(id);
    expect(movement.frozen).toBe(true);
    expect(defaultValue.targets![0]).toMatchObject({ threshold: "99,6", comparator: "gte" });

    const response = await edit(id, entriesOf({ ...defaultValue, title: "Tên mới", submissionDeadline: "31/05/2030" }));
    expect(response).toBeInstanceOf(Response);
    const saved = await prisma.movement.findUniqueOrThrow({ where: { id } });
    expect(saved.title).toBe("Tên mới");
    expect(saved.submissionDeadline.toISOString()).toBe("2030-05-31T16:59:59.999Z");
  });

  test.each<[string, (d: Defaults) => Record<string, unknown>, string]>([
    ["a threshold", (d) => ({ ...d, targets: [{ ...d.targets[0], threshold: "95" }, d.targets[1]] }), "chỉ tiêu thi đua"],
    ["a removed target", (d) => ({ ...d, targets: [d.targets[0]] }), "chỉ tiêu thi đua"],
    ["the quota", (d) => ({ ...d, quotas: { ...d.quotas, individual: "10" } }), "số lượng khen thưởng"],
    ["the subjects", (d) => ({ ...d, subjectKinds: ["unit_head"], targets: d.targets }), "đối tượng thi đua"],
    ["the prize money", (d) => ({ ...d, prizeAmount: "300.000" }), "tiền thưởng"],
    [
      "the title",
      (d) => ({ ...d, awards: { ...d.awards, individual: { ...d.awards?.individual, title: "advanced_worker" } } }),
      "hình thức khen thưởng, danh hiệu thi đua",
    ],
  ])("an edit changing %s changes nothing and says why", async (_what, change, part) => {
    const id = await createDraft();
    await sendStatus(id, "LAUNCH");
    const { defaultValue } = await loadEdit(id);
    const before = await prisma.movement.findUniqueOrThrow({ where: { id }, include: { targets: true, quotas: true } });
    const auditBefore = (await auditOf(id)).length;

    const reply = (await edit(id, entriesOf({ ...change(defaultValue), title: "Không được lưu" }))) as Reply;
    expect(reply.init?.status).toBe(409);
    expect(reply.data.error?.[""]?.[0]).toBe(
      `Phong trào đã phát động nên không thể sửa ${part}. Muốn thay đổi, hãy «Tạo phiên bản mới»; hồ sơ đã nộp vẫn được xét theo chỉ tiêu của phiên bản hiện tại.`,
    );
    expect(await prisma.movement.findUniqueOrThrow({ where: { id }, include: { targets: true, quotas: true } })).toEqual(before);
    expect((await auditOf(id)).length).toBe(auditBefore);
  });
});

describe("award form and title per kind of nominee (hình thức khen thưởng, danh hiệu thi đua)", () => {
  const page = (id: string) =>
    requestAs(staff.secretary.id, `/phong-trao/${id}`).then((request) => pageLoader({ request, params: { movementId: id }, context }));
  const awardsOf = async (id: string) =>
    (await prisma.movementAward.findMany({ where: { movementId: id }, orderBy: { nomineeKind: "asc" } })).map((a) => [
      a.nomineeKind,
      a.awardForm,
      a.title,
    ]);
  const WITH_TITLES = withField(
    "awards.collective.title",
    "cultural_hamlet",
    withField("awards.individual.title", "advanced_worker", [...FORM, ["subjectKinds", "hamlet"]]),
  );

  test("each kind gets its form and title; the page, the edit form and the audit row say so; a new version copies them", async () => {
    const id = await createDraft(WITH_TITLES);
    expect(await awardsOf(id)).toEqual([
      ["individual", "commune_chairman_certificate", "advanced_worker"],
      ["collective", "commune_chairman_certificate", "cultural_hamlet"],
    ]);
    expect((await page(id)).awards).toEqual([
      "Cá nhân: Danh hiệu “Lao động tiên tiến” và Giấy khen của Chủ tịch UBND xã",
      "Tập thể: Danh hiệu “Thôn, tổ dân phố văn hóa” và Giấy khen của Chủ tịch UBND xã",
    ]);
    expect((await auditOf(id))[0]!.data).toMatchObject({
      content: {
        awards: {
          individual: { form: "commune_chairman_certificate", title: "advanced_worker" },
          collective: { form: "commune_chairman_certificate", title: "cultural_hamlet" },
          household: null,
        },
      },
    });

    // The draft's edit form shows them; dropping a title leaves the form alone (audited, before and after).
    const { defaultValue } = await loadEdit(id);
    expect(defaultValue.awards).toMatchObject({
      individual: { form: "commune_chairman_certificate", title: "advanced_worker" },
      collective: { form: "commune_chairman_certificate", title: "cultural_hamlet" },
    });
    const dropped = { ...defaultValue, awards: { ...defaultValue.awards, collective: { form: "commune_chairman_certificate" as const } } };
    expect(await edit(id, entriesOf(dropped))).toBeInstanceOf(Response);
    expect(await awardsOf(id)).toEqual([
      ["individual", "commune_chairman_certificate", "advanced_worker"],
      ["collective", "commune_chairman_certificate", null],
    ]);
    expect((await auditOf(id)).at(-1)!.data).toMatchObject({
      before: { awards: { collective: { title: "cultural_hamlet" } } },
      after: { awards: { collective: { title: null } } },
    });
    expect((await page(id)).awards).toContain("Tập thể: Giấy khen của Chủ tịch UBND xã");

    // Launched: the launch records them; a new version starts with them.
    await sendStatus(id, "LAUNCH");
    expect((await auditOf(id)).at(-1)!.data).toMatchObject({ awards: { individual: { title: "advanced_worker" } } });
    const response = (await versionAction({
      request: await post(staff.secretary.id, `/phong-trao/${id}/phien-ban-moi`, []),
      params: { movementId: id },
      context,
    })) as Response;
    const v2 = response.headers.get("Location")!.match(/^\/phong-trao\/([^/]+)\/sua$/)![1]!;
    expect(await awardsOf(v2)).toEqual(await awardsOf(id));
  });

  test("a title that does not fit the kind, or a kind the movement does not cover, is refused next to its field, nothing saved", async () => {
    const before = await prisma.movement.count();
    const reply = (await createAction({
      request: await post(
        staff.secretary.id,
        "/phong-trao/moi",
        withField("awards.household.title", "cultural_family", withField("awards.individual.title", "cultural_hamlet")),
      ),
      params: {},
      context,
    })) as Reply;
    expect(reply.init?.status).toBe(400);
    expect(reply.data.error).toMatchObject({
      "awards.individual.title": ["Danh hiệu «Thôn, tổ dân phố văn hóa» không dùng để tặng cho cá nhân."],
      "awards.household.title": [
        "Phong trào không có đối tượng thi đua là hộ gia đình: bỏ chọn danh hiệu này hoặc chọn thêm đối tượng thi đua.",
      ],
    });
    expect(await prisma.movement.count()).toBe(before);
  });
});

describe("prize money (tiền thưởng kèm Giấy khen)", () => {
  const page = (id: string) =>
    requestAs(staff.secretary.id, `/phong-trao/${id}`).then((request) => pageLoader({ request, params: { movementId: id }, context }));

  test("typed «200.000», stored as Decimal 200000, shown on the page; frozen once launched; copied into a new version", async () => {
    const id = await createDraft(withField("prizeAmount", "200.000"));
    const stored = await prisma.movement.findUniqueOrThrow({ where: { id } });
    expect(stored.prizeAmount).toBeInstanceOf(Prisma.Decimal);
    expect(stored.prizeAmount!.equals(200000)).toBe(true);
    expect(stored.prizeAmount!.toString()).toBe("200000");
    expect((await auditOf(id))[0]!.data).toMatchObject({ content: { prizeAmount: 200000 } });
    expect((await page(id)).prize).toBe("Tiền thưởng: 200.000 đồng/người");

    // The edit form shows it as typed; a draft may change it (audited, before and after).
    const { defaultValue } = await loadEdit(id);
    expect(defaultValue.prizeAmount).toBe("200.000");
    expect(await edit(id, entriesOf({ ...defaultValue, prizeAmount: "250000" }))).toBeInstanceOf(Response);
    expect((await prisma.movement.findUniqueOrThrow({ where: { id } })).prizeAmount!.toString()).toBe("250000");
    expect((await auditOf(id)).at(-1)!.data).toEqual({ before: { prizeAmount: 200000 }, after: { prizeAmount: 250000 } });

    // Launched: the launch records it; changing or clearing it is refused, nothing saved; unchanged, other fields still save.
    await sendStatus(id, "LAUNCH");
    expect((await auditOf(id)).at(-1)!.data).toMatchObject({ version: 1, prizeAmount: 250000 });
    const launched = await loadEdit(id);
    expect(launched.defaultValue.prizeAmount).toBe("250.000");
    const auditBefore = (await auditOf(id)).length;
    for (const prizeAmount of ["300.000", ""]) {
      const reply = (await edit(id, entriesOf({ ...launched.defaultValue, prizeAmount, title: "Không được lưu" }))) as Reply;
      expect(reply.init?.status).toBe(409);
      expect(reply.data.error?.[""]?.[0]).toBe(
        "Phong trào đã phát động nên không thể sửa tiền thưởng. Muốn thay đổi, hãy «Tạo phiên bản mới»; hồ sơ đã nộp vẫn được xét theo chỉ tiêu của phiên bản hiện tại.",
      );
    }
    const unchanged = await prisma.movement.findUniqueOrThrow({ where: { id } });
    expect([unchanged.prizeAmount!.toString(), unchanged.title]).toEqual(["250000", FORM[0]![1]]);
    expect((await auditOf(id)).length).toBe(auditBefore);
    expect(await edit(id, entriesOf({ ...launched.defaultValue, title: "Tên mới" }))).toBeInstanceOf(Response);
    expect((await prisma.movement.findUniqueOrThrow({ where: { id } })).prizeAmount!.toString()).toBe("250000");

    // The way out: a new version starts with the same prize, and as a draft may change it.
    const response = (await versionAction({
      request: await post(staff.secretary.id, `/phong-trao/${id}/phien-ban-moi`, []),
      params: { movementId: id },
      context,
    })) as Response;
    const v2 = response.headers.get("Location")!.match(/^\/phong-trao\/([^/]+)\/sua$/)![1]!;
    expect((await prisma.movement.findUniqueOrThrow({ where: { id: v2 } })).prizeAmount!.toString()).toBe("250000");
    const draft = await loadEdit(v2);
    expect(await edit(v2, entriesOf({ ...draft.defaultValue, prizeAmount: "" }))).toBeInstanceOf(Response);
    expect((await prisma.movement.findUniqueOrThrow({ where: { id: v2 } })).prizeAmount).toBeNull();
    expect((await page(v2)).prize).toBe("Không có tiền thưởng");
    expect((await prisma.movement.findUniqueOrThrow({ where: { id } })).prizeAmount!.toString()).toBe("250000");
  });

  test("left empty: no prize money; a wrong amount is refused next to the field, nothing saved", async () => {
    const id = await createDraft();
    expect((await prisma.movement.findUniqueOrThrow({ where: { id } })).prizeAmount).toBeNull();
    expect((await page(id)).prize).toBe("Không có tiền thưởng");

    const before = await prisma.movement.count();
    const reply = (await createAction({
      request: await post(staff.secretary.id, "/phong-trao/moi", withField("prizeAmount", "abc")),
      params: {},
      context,
    })) as Reply;
    expect(reply.init?.status).toBe(400);
    expect(reply.data.error?.prizeAmount).toEqual(["Tiền thưởng phải là một số tiền (ví dụ: 200.000)."]);
    expect(await prisma.movement.count()).toBe(before);
  });
});

describe("a new version", () => {
  test("copies the movement into a draft v2; launching v2 closes v1, whose dossiers keep v1's targets", async () => {
    // Version 1, launched, with a dossier submitted under it.
    const v1 = await createDraft(withField("submissionDeadline", "31/12/2099"));
    await sendStatus(v1, "LAUNCH");
    const dossierId = await createDossierAt(staff, v1, "submitted");
    expect(await prisma.$transaction((tx) => checkDocuments(tx, dossierId))).toEqual({ missing: [], missingTargets: [] });

    const page = await versionLoader({
      request: await requestAs(staff.secretary.id, `/phong-trao/${v1}/phien-ban-moi`),
      params: { movementId: v1 },
      context,
    });
    expect(page).toMatchObject({ version: 1, launched: true, nextVersion: null });
    const response = (await versionAction({
      request: await post(staff.secretary.id, `/phong-trao/${v1}/phien-ban-moi`, []),
      params: { movementId: v1 },
      context,
    })) as Response;
    const v2 = response.headers.get("Location")!.match(/^\/phong-trao\/([^/]+)\/sua$/)![1]!;

    const copy = await prisma.movement.findUniqueOrThrow({
      where: { id: v2 },
      include: { targets: { orderBy: { position: "asc" } }, quotas: true },
    });
    expect(copy).toMatchObject({ state: "draft", version: 2, previousVersionId: v1, seriesId: v1, unitId: staff.commune.id });
    expect(copy.targets.map((t) => [t.label, t.metric, t.threshold.toString()])).toEqual([
      ["Giải quyết hồ sơ TTHC đúng hạn", "giai_quyet_ho_so_tthc_dung_han", "99.6"],
      ["Văn bản trả lời kiến nghị quá hạn", "van_ban_tra_loi_kien_nghi_qua_han", "0"],
    ]);
    expect((await auditOf(v2)).map((a) => [a.action, a.toState, (a.data as { previousVersionId?: string }).previousVersionId])).toEqual([
      ["movement.NEW_VERSION", "draft", v1],
    ]);

    // One next version only.
    const again = (await versionAction({
      request: await post(staff.secretary.id, `/phong-trao/${v1}/phien-ban-moi`, []),
      params: { movementId: v1 },
      context,
    })) as Reply;
    expect(again.init?.status).toBe(409);
    expect(again.data.message).toBe("Phong trào đã có phiên bản 2; hãy sửa phiên bản đó.");

    // v2 is a draft: its targets may change.
    const { defaultValue, movement } = await loadEdit(v2);
    expect(movement.frozen).toBe(false);
    const changed = {
      ...defaultValue,
      targets: [
        { ...defaultValue.targets![0]!, threshold: "100" },
        { label: "Chỉ tiêu bổ sung", comparator: "gte", threshold: "1", unit: "sáng kiến", optional: false, appliesTo: [] },
      ],
    };
    expect(await edit(v2, entriesOf(changed))).toBeInstanceOf(Response);
    expect(await sendStatus(v2, "LAUNCH")).toBeInstanceOf(Response);

    expect((await prisma.movement.findUniqueOrThrow({ where: { id: v1 } })).state).toBe("closed");
    expect((await prisma.movement.findUniqueOrThrow({ where: { id: v2 } })).state).toBe("open");
    const closing = (await auditOf(v1)).at(-1)!;
    expect([closing.action, closing.fromState, closing.toState, closing.reason]).toEqual([
      "movement.CLOSE",
      "open",
      "closed",
      "Đã phát động phiên bản 2 thay thế.",
    ]);

    // The dossier submitted under v1 is still judged by v1's unchanged targets.
    const v1Targets = await prisma.target.findMany({ where: { movementId: v1 }, orderBy: { position: "asc" } });
    expect(v1Targets.map((t) => t.threshold.toString())).toEqual(["99.6", "0"]);
    expect(await prisma.$transaction((tx) => checkDocuments(tx, dossierId))).toEqual({ missing: [], missingTargets: [] });
    expect((await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } })).movementId).toBe(v1);

    expect((await verifyAuditTrail(prisma)).firstBreak).toBeNull();
  });

  test("a draft needs no new version", async () => {
    const id = await createDraft();
    const reply = (await versionAction({
      request: await post(staff.secretary.id, `/phong-trao/${id}/phien-ban-moi`, []),
      params: { movementId: id },
      context,
    })) as Reply;
    expect(reply.init?.status).toBe(422);
    expect(reply.data.message).toBe("Phong trào chưa phát động: hãy sửa trực tiếp, không cần tạo phiên bản mới.");
  });
});

describe("another commune's secretary", () => {
  test("is refused (403) by every loader and action of the movement, and nothing changes", async () => {
    const id = await createDraft();
    const other = neighbour.secretary.id;
    const params = { movementId: id };
    expect(await statusOf(loadEdit(id, other))).toBe(403);
    expect(await statusOf(edit(id, withField("title", "Chiếm quyền"), other))).toBe(403);
    expect(await statusOf(statusLoader({ request: await requestAs(other, `/phong-trao/${id}/trang-thai`), params, context }))).toBe(403);
    expect(await statusOf(sendStatus(id, "LAUNCH", other))).toBe(403);
    expect(await statusOf(versionLoader({ request: await requestAs(other, `/phong-trao/${id}/phien-ban-moi`), params, context }))).toBe(
      403,
    );
    expect(await statusOf(versionAction({ request: await post(other, `/phong-trao/${id}/phien-ban-moi`, []), params, context }))).toBe(403);
    // An official of the right commune is no secretary either.
    expect(await statusOf(edit(id, FORM, staff.official.id))).toBe(403);
    expect(await statusOf(loadEdit("khong-ton-tai"))).toBe(404);

    const movement = await prisma.movement.findUniqueOrThrow({ where: { id } });
    expect([movement.title, movement.state]).toEqual([FORM[0]![1], "draft"]);
  });
});

describe("the list of movements", () => {
  test("20 a page with ?trang=N, only the user's communes, the create button only for secretaries", async () => {
    // Enough movements for two pages.
    for (let n = await prisma.movement.count({ where: { unitId: staff.commune.id } }); n < 25; n++) await createDraft();
    const own = await prisma.movement.count({ where: { unitId: staff.commune.id } });
    const list = (userId: string, page?: number) =>
      requestAs(userId, page ? `/phong-trao?trang=${page}` : "/phong-trao").then((request) => listLoader({ request, params: {}, context }));

    const first = await list(staff.secretary.id);
    expect(first).toMatchObject({ page: 1, total: own, canCreate: true });
    expect(first.movements).toHaveLength(Math.min(own, 20));
    const second = await list(staff.secretary.id, 2);
    expect(second.movements).toHaveLength(own - 20);
    expect(new Set([...first.movements, ...second.movements].map((m) => m.id)).size).toBe(own);

    // The official of a department sees the commune's movements, without the button.
    expect(await list(staff.official.id)).toMatchObject({ total: own, canCreate: false });
    // The neighbour sees none of them.
    expect(await list(neighbour.secretary.id)).toMatchObject({ total: 0, movements: [] });
  });
});
