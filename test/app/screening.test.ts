// The secretary's screening queue (/tham-dinh) on a real database: what it lists and in which
// order, completeness and "chưa đạt" flags, and accept / return through the dossier workflow.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CONFLICT_MESSAGE } from "~/models/dossier.server.ts";
import { action, loader } from "~/routes/tham-dinh.tsx";
import { prisma } from "~/utils/db.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { createCommuneWithStaff, createDossierAt, createMovement, requestAs } from "../support/factories.ts";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.destroy());

const context = { clientIp: "203.0.113.7" };
const DAY = 24 * 3600_000;
type Reply = { type: "DataWithResponseInit"; data: { ok: false; target: string; message: string }; init: ResponseInit | null };

async function queue(userId: string, page?: number) {
  return loader({ request: await requestAs(userId, page ? `/tham-dinh?trang=${page}` : "/tham-dinh"), params: {}, context });
}

async function decide(userId: string, fields: Record<string, string>) {
  const request = await requestAs(userId, "/tham-dinh", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ trang: "1", ...fields }),
  });
  return action({ request, params: {}, context });
}

async function statusOf(promise: Promise<unknown>): Promise<number> {
  return promise.then(
    (result) => (result instanceof Response ? result.status : ((result as Reply).init?.status ?? 200)),
    (error: unknown) => (error instanceof Response ? error.status : 500),
  );
}

const versionOf = async (dossierId: string) => String((await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } })).version);

describe("the queue", () => {
  test("lists the submitted dossiers of the secretary's communes, oldest submission first, with due dates and overdue ones marked", async () => {
    const staff = await createCommuneWithStaff("UBND xã Hàng Đợi");
    const neighbour = await createCommuneWithStaff("UBND xã Bên Cạnh");
    const movement = await createMovement(staff.commune.id);
    const now = Date.now();
    // Created newest first: the order must come from the submission time, not the creation.
    await createDossierAt(staff, movement.id, "submitted", { name: "Nộp hôm nay", now: new Date(now) });
    await createDossierAt(staff, movement.id, "submitted", { name: "Nộp 20 ngày trước", now: new Date(now - 20 * DAY) });
    await createDossierAt(staff, movement.id, "submitted", { name: "Nộp hôm qua", now: new Date(now - DAY) });
    await createDossierAt(staff, movement.id, "draft", { name: "Còn nháp" });
    await createDossierAt(staff, movement.id, "screened", { name: "Đã tiếp nhận" });
    await createDossierAt(neighbour, (await createMovement(neighbour.commune.id)).id, "submitted", { name: "Xã khác" });

    const page = await queue(staff.secretary.id);
    expect(page.total).toBe(3);
    expect(page.rows.map((row) => [row.nominee.name, row.overdue, row.complete])).toEqual([
      ["Nộp 20 ngày trước", true, true],
      ["Nộp hôm qua", false, true],
      ["Nộp hôm nay", false, true],
    ]);
    const [oldest] = page.rows;
    expect(oldest).toMatchObject({
      unitName: "Bộ phận Tư pháp - Hộ tịch",
      movement: { id: movement.id },
      missing: [],
      missingTargets: [],
      unmet: [],
    });
    expect(oldest!.submittedAt).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(oldest!.submittedAt).toBe(new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date(now - 20 * DAY)));
    expect(oldest!.dueAt).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);

    // The neighbour sees only their own.
    expect((await queue(neighbour.secretary.id)).rows.map((row) => row.nominee.name)).toEqual(["Xã khác"]);
    // Officials and council members have no queue.
    expect(await statusOf(queue(staff.official.id))).toBe(403);
  });

  test("20 a page with ?trang=N", async () => {
    const staff = await createCommuneWithStaff("UBND xã Phân Trang");
    const movement = await createMovement(staff.commune.id);
    const now = Date.now();
    for (let i = 0; i < 21; i++) {
      await createDossierAt(staff, movement.id, "submitted", {
        name: `Hồ sơ ${String(i + 1).padStart(2, "0")}`,
        now: new Date(now - (30 - i) * 3600_000),
      });
    }
    const first = await queue(staff.secretary.id);
    expect(first).toMatchObject({ page: 1, pages: 2, total: 21 });
    expect(first.rows).toHaveLength(20);
    expect(first.rows[0]!.nominee.name).toBe("Hồ sơ 01");
    const second = await queue(staff.secretary.id, 2);
    expect(second.rows.map((row) => row.nominee.name)).toEqual(["Hồ sơ 21"]);
  });

  test("what is missing and the unmet targets, with figure and requirement, are shown for each dossier", async () => {
    const staff = await createCommuneWithStaff("UBND xã Kiểm Tra");
    const movement = await createMovement(staff.commune.id);
    const targets = await prisma.target.findMany({ where: { movementId: movement.id }, orderBy: { position: "asc" } });
    const ids: Record<string, string> = {};
    for (const name of ["đầy đủ", "thiếu tờ trình", "thiếu bản scan", "thiếu số liệu", "chưa đạt"]) {
      ids[name] = await createDossierAt(staff, movement.id, "submitted", { name });
    }
    // Made incomplete behind the workflow's back, only to compare the two computations.
    await prisma.dossierDocument.updateMany({ where: { dossierId: ids["thiếu tờ trình"], kind: "proposal" }, data: { completedAt: null } });
    await prisma.attachment.updateMany({ where: { dossierId: ids["thiếu bản scan"] }, data: { supersededAt: new Date() } });
    await prisma.achievementFigure.delete({
      where: { dossierId_targetId: { dossierId: ids["thiếu số liệu"]!, targetId: targets[1]!.id } },
    });
    await prisma.achievementFigure.update({
      where: { dossierId_targetId: { dossierId: ids["chưa đạt"]!, targetId: targets[1]!.id } },
      data: { value: 50 },
    });

    const page = await queue(staff.secretary.id);
    const byName = Object.fromEntries(page.rows.map((row) => [row.nominee.name, row]));
    expect(byName["đầy đủ"]).toMatchObject({ complete: true, unmet: [] });
    expect(byName["thiếu tờ trình"]).toMatchObject({ complete: false, missing: ["Tờ trình đề nghị khen thưởng"] });
    expect(byName["thiếu bản scan"]).toMatchObject({
      complete: false,
      missing: ["Bản scan Biên bản họp Hội đồng TĐKT của đơn vị (có chữ ký)"],
    });
    expect(byName["thiếu số liệu"]).toMatchObject({ complete: false, missingTargets: ["Hồ sơ dịch vụ công trực tuyến được giải quyết"] });
    expect(byName["chưa đạt"]).toMatchObject({
      complete: true,
      unmet: ["Hồ sơ dịch vụ công trực tuyến được giải quyết: 50% (yêu cầu ≥ 80%)"],
    });
  });
});

describe("accepting and returning, through the workflow", () => {
  test("accepting a complete dossier: screened, one audit row by the secretary, back to the queue", async () => {
    const staff = await createCommuneWithStaff("UBND xã Tiếp Nhận");
    const dossierId = await createDossierAt(staff, (await createMovement(staff.commune.id)).id, "submitted");
    const response = await decide(staff.secretary.id, { intent: "accept", dossierId, version: await versionOf(dossierId) });
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).headers.get("Location")).toBe("/tham-dinh?trang=1&xong=tiep-nhan");

    expect((await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } })).state).toBe("screened");
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: dossierId }, orderBy: { seq: "desc" } });
    expect([audit.action, audit.fromState, audit.toState, audit.actorId, audit.chainId]).toEqual([
      "dossier.ACCEPT_SCREENING",
      "submitted",
      "screened",
      staff.secretary.id,
      staff.commune.id,
    ]);
    expect((await queue(staff.secretary.id)).total).toBe(0);
  });

  test("an incomplete dossier cannot be accepted: the workflow's message, shown as is (422)", async () => {
    const staff = await createCommuneWithStaff("UBND xã Chưa Đủ");
    const dossierId = await createDossierAt(staff, (await createMovement(staff.commune.id)).id, "submitted");
    await prisma.dossierDocument.updateMany({ where: { dossierId, kind: "achievement_report" }, data: { completedAt: null } });
    const reply = (await decide(staff.secretary.id, { intent: "accept", dossierId, version: await versionOf(dossierId) })) as Reply;
    expect(reply.init?.status).toBe(422);
    expect(reply.data).toEqual({
      ok: false,
      target: dossierId,
      message: "Hồ sơ chưa đầy đủ. Còn thiếu hoặc chưa hợp lệ: Báo cáo thành tích.",
    });
    expect((await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } })).state).toBe("submitted");
  });

  test("returning for supplement needs a reason; with one, the dossier goes back to the unit and the reason is in the audit row", async () => {
    const staff = await createCommuneWithStaff("UBND xã Trả Lại");
    const dossierId = await createDossierAt(staff, (await createMovement(staff.commune.id)).id, "submitted");
    const version = await versionOf(dossierId);
    const auditBefore = await prisma.auditEvent.count({ where: { entityId: dossierId } });

    for (const reason of [undefined, "   "]) {
      const reply = (await decide(staff.secretary.id, {
        intent: "return",
        dossierId,
        version,
        ...(reason === undefined ? {} : { reason }),
      })) as Reply;
      expect(reply.init?.status).toBe(400);
      expect(reply.data).toEqual({ ok: false, target: dossierId, message: "Vui lòng ghi rõ lý do trả lại để đơn vị bổ sung." });
    }
    expect((await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } })).state).toBe("submitted");
    expect(await prisma.auditEvent.count({ where: { entityId: dossierId } })).toBe(auditBefore);

    const reason = "Báo cáo thành tích chưa có xác nhận của thủ trưởng đơn vị.";
    const response = await decide(staff.secretary.id, { intent: "return", dossierId, version, reason: `  ${reason} ` });
    expect((response as Response).headers.get("Location")).toBe("/tham-dinh?trang=1&xong=tra-lai");
    const dossier = await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } });
    expect(dossier.state).toBe("needs_supplement");
    expect((dossier.snapshot as { context: { lastReason: string } }).context.lastReason).toBe(reason);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: dossierId }, orderBy: { seq: "desc" } });
    expect([audit.action, audit.fromState, audit.toState, audit.reason, audit.actorName]).toEqual([
      "dossier.RETURN_FOR_SUPPLEMENT",
      "submitted",
      "needs_supplement",
      reason,
      "Trần Thị Thu Hà",
    ]);
  });

  test("a page showing an older version gets the workflow's conflict message (409)", async () => {
    const staff = await createCommuneWithStaff("UBND xã Xung Đột");
    const dossierId = await createDossierAt(staff, (await createMovement(staff.commune.id)).id, "submitted");
    const stale = String(Number(await versionOf(dossierId)) - 1);
    const reply = (await decide(staff.secretary.id, { intent: "accept", dossierId, version: stale })) as Reply;
    expect(reply.init?.status).toBe(409);
    expect(reply.data.message).toBe(CONFLICT_MESSAGE);
  });

  test("another commune's secretary is refused (403); so is an official; nothing changes", async () => {
    const staff = await createCommuneWithStaff("UBND xã Chủ Nhà");
    const neighbour = await createCommuneWithStaff("UBND xã Láng Giềng");
    const dossierId = await createDossierAt(staff, (await createMovement(staff.commune.id)).id, "submitted");
    const version = await versionOf(dossierId);
    expect(await statusOf(decide(neighbour.secretary.id, { intent: "accept", dossierId, version }))).toBe(403);
    expect(
      await statusOf(decide(neighbour.secretary.id, { intent: "return", dossierId, version, reason: "Không phải việc của tôi" })),
    ).toBe(403);
    expect(await statusOf(decide(staff.official.id, { intent: "accept", dossierId, version }))).toBe(403);
    expect((await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } })).state).toBe("submitted");
  });
});
