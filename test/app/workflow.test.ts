// The workflow on a real database: one transaction per event, optimistic version, quota under
// concurrency, hash-chained audit trail, working-day deadlines and the overdue job.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { reportOverdueDossiers } from "~/jobs/deadlines.server.ts";
import { GENESIS_HASH, verifyAuditTrail } from "~/models/audit.server.ts";
import { CONFLICT_MESSAGE, actorFor, sendDossierEvent, type SendResult } from "~/models/dossier.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import {
  completeDocuments,
  createCommuneWithStaff,
  createDossierAt,
  createMovement,
  currentUser,
  type Staff,
} from "../support/factories.ts";

let db: TestDatabase;
let staff: Staff;

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createCommuneWithStaff();
});
afterAll(() => db.destroy());

const QUOTA_MESSAGE = "Đã đủ số lượng khen thưởng của phong trào (không quá 05 cá nhân); không thể phê duyệt thêm.";

describe("one event, one transaction", () => {
  test("a submission writes state, snapshot, version, due date, one audit row and the secretary's notification", async () => {
    const movement = await createMovement(staff.commune.id);
    const dossierId = await createDossierAt(staff, movement.id, "draft");
    const official = await actorFor(await currentUser(staff.official.id));

    // Incomplete: refused with the guard's message, nothing written.
    const refused = await sendDossierEvent({ dossierId, actor: official, command: { type: "SUBMIT" } });
    expect(refused).toEqual({
      ok: false,
      status: 422,
      message:
        "Hồ sơ chưa đầy đủ. Còn thiếu hoặc chưa hợp lệ: Tờ trình đề nghị khen thưởng; Biên bản họp Hội đồng TĐKT của đơn vị; Báo cáo thành tích; Bản scan Biên bản họp Hội đồng TĐKT của đơn vị (có chữ ký). Báo cáo thành tích chưa có số liệu cho chỉ tiêu: Hồ sơ TTHC giải quyết đúng hạn; Hồ sơ dịch vụ công trực tuyến được giải quyết.",
    });
    const untouched = await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } });
    expect(untouched).toMatchObject({ state: "draft", version: 0, dueAt: null });
    expect(await prisma.auditEvent.count({ where: { entityId: dossierId } })).toBe(1); // dossier.CREATE only
    expect(await prisma.notification.count({ where: { dossierId } })).toBe(0);

    await completeDocuments(dossierId, staff.official.id);
    // Friday 24/01/2025 at 10:00 in Vietnam; five working days go past Tết (25/01–02/02/2025).
    const now = new Date("2025-01-24T03:00:00Z");
    await prisma.movement.update({ where: { id: movement.id }, data: { submissionDeadline: new Date("2025-12-31T00:00:00Z") } });
    const sent = await sendDossierEvent({ dossierId, actor: official, command: { type: "SUBMIT" }, expectedVersion: 0, now });
    expect(sent).toEqual({ ok: true, from: "draft", state: "submitted", version: 1 });

    const row = await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } });
    expect(row.state).toBe("submitted");
    expect(row.version).toBe(1);
    expect((row.snapshot as { value: string }).value).toBe("submitted");
    expect(row.dueAt?.toISOString()).toBe("2025-02-07T16:59:59.999Z"); // 5th working day after Tết, end of day in Vietnam

    const audit = await prisma.auditEvent.findMany({ where: { entityId: dossierId }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => [a.action, a.fromState, a.toState, a.actorName])).toEqual([
      ["dossier.CREATE", null, "draft", "Đặng Thị Mai"],
      ["dossier.SUBMIT", "draft", "submitted", "Đặng Thị Mai"],
    ]);
    const notifications = await prisma.notification.findMany({ where: { dossierId } });
    expect(notifications.map((n) => [n.kind, n.recipientId])).toEqual([["dossier_submitted", staff.secretary.id]]);
  });

  test("only the official of the dossier's unit may submit, and the refusal says so", async () => {
    const movement = await createMovement(staff.commune.id);
    const dossierId = await createDossierAt(staff, movement.id, "draft");
    const other = await actorFor(await currentUser(staff.otherOfficial.id));
    const result = await sendDossierEvent({ dossierId, actor: other, command: { type: "SUBMIT" } });
    expect(result).toEqual({
      ok: false,
      status: 422,
      message: "Bạn không có quyền «Nộp hồ sơ». Chỉ cán bộ, công chức phụ trách của đơn vị trình khen mới được thực hiện.",
    });
  });

  test("a page showing an old version gets the conflict message", async () => {
    const movement = await createMovement(staff.commune.id);
    const dossierId = await createDossierAt(staff, movement.id, "submitted");
    const secretary = await actorFor(await currentUser(staff.secretary.id));
    const stale = await sendDossierEvent({ dossierId, actor: secretary, command: { type: "ACCEPT_SCREENING" }, expectedVersion: 0 });
    expect(stale).toEqual({ ok: false, status: 409, message: CONFLICT_MESSAGE });
    expect(CONFLICT_MESSAGE).toMatch(/^Hồ sơ đã được người khác cập nhật/);
  });

  test("two concurrent events on one dossier: one wins, the other gets the conflict, nothing half-written", async () => {
    const movement = await createMovement(staff.commune.id);
    const dossierId = await createDossierAt(staff, movement.id, "submitted");
    const secretary = await actorFor(await currentUser(staff.secretary.id));
    const { version } = await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } });
    const auditBefore = await prisma.auditEvent.count({ where: { entityId: dossierId } });

    const results = await Promise.all([
      sendDossierEvent({ dossierId, actor: secretary, command: { type: "ACCEPT_SCREENING" }, expectedVersion: version }),
      sendDossierEvent({
        dossierId,
        actor: secretary,
        command: { type: "RETURN_FOR_SUPPLEMENT", reason: "Thiếu chữ ký" },
        expectedVersion: version,
      }),
    ]);
    const winners = results.filter((r): r is Extract<SendResult, { ok: true }> => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual([{ ok: false, status: 409, message: CONFLICT_MESSAGE }]);

    const row = await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } });
    expect(row.version).toBe(version + 1);
    expect(row.state).toBe(winners[0]!.state);
    expect(await prisma.auditEvent.count({ where: { entityId: dossierId } })).toBe(auditBefore + 1);
  });
});

/** A guard against a hung race test, not a measure: races run one transaction after another on PGlite. */
const RACE_TIMEOUT = 10 * 60_000;

describe("quota", () => {
  test(
    "50 racing approvals for 20 council-passed dossiers under a quota of 5: exactly 5 approved",
    async () => {
      const movement = await createMovement(staff.commune.id, { quota: 5 });
      const dossierIds: string[] = [];
      for (let i = 0; i < 20; i++)
        dossierIds.push(await createDossierAt(staff, movement.id, "council_passed", { name: `Ứng viên ${i + 1}` }));
      const chairman = await actorFor(await currentUser(staff.chairman.id));

      // Every dossier gets at least two clicks; ten get a third.
      const targets = [...dossierIds, ...dossierIds, ...dossierIds.slice(0, 10)];
      const results = await Promise.all(
        targets.map((dossierId) => sendDossierEvent({ dossierId, actor: chairman, command: { type: "APPROVE" } })),
      );

      expect(results.filter((r) => r.ok)).toHaveLength(5);
      const approved = await prisma.dossier.findMany({ where: { movementId: movement.id, state: "approved" }, select: { id: true } });
      expect(approved).toHaveLength(5);
      // Every dossier left out was refused with the quota message at least once.
      const refusedWithQuota = new Set(
        targets.filter((_, i) => !results[i]!.ok && (results[i] as { message: string }).message === QUOTA_MESSAGE),
      );
      const leftOut = dossierIds.filter((id) => !approved.some((a) => a.id === id));
      expect(leftOut).toHaveLength(15);
      for (const id of leftOut) expect(refusedWithQuota.has(id)).toBe(true);
      // Other refusals are a second click on an approved dossier, or a lost race.
      for (const r of results.filter((r) => !r.ok)) {
        expect([QUOTA_MESSAGE, CONFLICT_MESSAGE, "Hồ sơ đang ở trạng thái «Đã phê duyệt», không thể thực hiện thao tác này."]).toContain(
          (r as { message: string }).message,
        );
      }
      expect(await prisma.auditEvent.count({ where: { action: "dossier.APPROVE", entityId: { in: dossierIds } } })).toBe(5);
      expect((await verifyAuditTrail(prisma)).firstBreak).toBeNull();
      // The approvals take turns (docs/decisions/018-pool-and-admission.md): on a loaded machine 50 in a row take
      // longer than the default guard against a hung test, which says nothing about the race.
    },
    RACE_TIMEOUT,
  );
});

describe("audit trail", () => {
  test("rows of a commune form one chain; an edited row is found", async () => {
    const report = await verifyAuditTrail(prisma);
    expect(report.firstBreak).toBeNull();
    expect(report.events).toBeGreaterThan(50);
    const chain = await prisma.auditEvent.findMany({ where: { chainId: staff.commune.id }, orderBy: { seq: "asc" }, take: 3 });
    expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
    expect(chain[1]!.prevHash).toBe(chain[0]!.hash);

    // Somebody with database rights bypasses the trigger and rewrites a reason.
    const victim = chain[2]!;
    await prisma.$transaction([
      prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`),
      prisma.$executeRaw`UPDATE "AuditEvent" SET "actorName" = 'Người khác' WHERE id = ${victim.id}`,
      prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`),
    ]);
    expect((await verifyAuditTrail(prisma)).firstBreak).toEqual({
      chainId: staff.commune.id,
      seq: victim.seq,
      eventId: victim.id,
      problem: "nội dung bản ghi đã bị thay đổi",
    });
    // Put it back for the other tests.
    await prisma.$transaction([
      prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`),
      prisma.$executeRaw`UPDATE "AuditEvent" SET "actorName" = ${victim.actorName} WHERE id = ${victim.id}`,
      prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`),
    ]);
    expect((await verifyAuditTrail(prisma)).firstBreak).toBeNull();
  });
});

describe("deadlines", () => {
  test("the job reports a dossier once when its working-day deadline has passed, to the commune's secretaries", async () => {
    const movement = await createMovement(staff.commune.id, { deadline: new Date("2025-12-31T00:00:00Z") });
    const submittedAt = new Date("2025-04-25T02:00:00Z"); // Friday before 30/4–1/5 2025 (and its swapped 2/5)
    const dossierId = await createDossierAt(staff, movement.id, "submitted", { now: submittedAt });
    const { dueAt } = await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } });
    // Sat 26/4 (worked in exchange for Fri 2/5), 28, 29 April, 5, 6 May: 30/4, 1/5 and 2/5 off, then the weekend.
    expect(dueAt?.toISOString()).toBe("2025-05-06T16:59:59.999Z");

    await reportOverdueDossiers(new Date("2025-05-06T16:00:00Z")); // last hour of its last day: not yet
    expect((await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } })).overdueAt).toBeNull();
    const later = new Date("2025-05-07T01:00:00Z");
    const reported = await reportOverdueDossiers(later);
    expect(reported).toBeGreaterThanOrEqual(1);
    expect((await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } })).overdueAt?.toISOString()).toBe(later.toISOString());
    const digest = await prisma.notification.findFirstOrThrow({
      where: { kind: "overdue_digest", recipientId: staff.secretary.id },
      orderBy: { createdAt: "desc" },
    });
    expect(JSON.stringify(digest.payload)).toContain(dossierId);
    expect(await reportOverdueDossiers(new Date("2025-05-09T01:00:00Z"))).toBe(0);
  });
});

describe("quota across versions of a movement", () => {
  test("places taken in version 1 count against the cap of version 2", async () => {
    const v1 = await createMovement(staff.commune.id, { quota: 2 });
    const chairman = await actorFor(await currentUser(staff.chairman.id));
    const first = await createDossierAt(staff, v1.id, "council_passed", { name: "Phiên bản 1" });
    expect((await sendDossierEvent({ dossierId: first, actor: chairman, command: { type: "APPROVE" } })).ok).toBe(true);

    // Version 2 of the same movement, launched with the same cap of 02.
    const v2 = await createMovement(staff.commune.id, { quota: 2 });
    await prisma.movement.update({ where: { id: v2.id }, data: { version: 2, seriesId: v1.id, previousVersionId: v1.id } });
    await prisma.movement.update({ where: { id: v1.id }, data: { state: "closed" } });
    const second = await createDossierAt(staff, v2.id, "council_passed", { name: "Phiên bản 2 — A" });
    const third = await createDossierAt(staff, v2.id, "council_passed", { name: "Phiên bản 2 — B" });
    expect((await sendDossierEvent({ dossierId: second, actor: chairman, command: { type: "APPROVE" } })).ok).toBe(true);
    expect(await sendDossierEvent({ dossierId: third, actor: chairman, command: { type: "APPROVE" } })).toEqual({
      ok: false,
      status: 422,
      message: "Đã đủ số lượng khen thưởng của phong trào (không quá 02 cá nhân); không thể phê duyệt thêm.",
    });
  });
});
