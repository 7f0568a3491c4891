// The outbox against a real SMTP server (smtp-server on 127.0.0.1, parsed with mailparser): real workflow
// transitions write the rows, the sender delivers them; each row is delivered once with a stable Message-ID,
// a server that is down loses nothing, concurrent senders never send a row twice, a rollback sends nothing.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OUTBOX, deliverOutbox, notificationMessageId, type OutboxOptions } from "~/jobs/outbox.server.ts";
import { reportOverdueDossiers } from "~/jobs/deadlines.server.ts";
import { actorFor, applyDossierEvent, sendDossierEvent, systemActor, type DossierCommand } from "~/models/dossier.server.ts";
import { enqueueNotifications, type NotificationKind } from "~/models/notification.server.ts";
import { prisma } from "~/utils/db.server.ts";
import type { MailConfig } from "~/utils/email.server.ts";
import { createTestDatabase, testDatabaseKind, type TestDatabase } from "../support/database.ts";
import {
  completeDocuments,
  createCommuneWithStaff,
  createDossierAt,
  createMovement,
  createUser,
  currentUser,
  PASSING_TALLY,
  type Staff,
} from "../support/factories.ts";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "../support/smtp.ts";

const APP_URL = "https://thidua.tamphuoc.example.vn";
const MOVEMENT = "Nâng cao trách nhiệm người đứng đầu trong thực hiện các nhiệm vụ cải cách hành chính";

let db: TestDatabase;
let smtp: TestSmtpServer;
let mail: MailConfig;
let mailDir: string;
let staff: Staff;

beforeAll(async () => {
  db = await createTestDatabase();
  smtp = await startSmtpServer();
  mailDir = mkdtempSync(path.join(tmpdir(), "tdkt-outbox-"));
  mail = { smtpUrl: smtp.url, from: "Thi đua – Khen thưởng <no-reply@tamphuoc.example.vn>", mailDir, production: false };
  staff = await createCommuneWithStaff();
});
afterAll(async () => {
  await smtp?.stop();
  await db?.destroy();
  rmSync(mailDir, { recursive: true, force: true });
});

const deliver = (options: OutboxOptions = {}) => deliverOutbox({ appUrl: APP_URL, mail, ...options });
const minutes = (n: number, from = new Date()) => new Date(from.getTime() + n * 60_000);

/** Sends an event as a user (or the system) and insists that it passed. */
async function act(dossierId: string, who: { id: string } | "system", command: DossierCommand) {
  const actor = who === "system" ? systemActor(staff.commune.id) : await actorFor(await currentUser(who.id));
  const result = await sendDossierEvent({ dossierId, actor, command });
  if (!result.ok) throw new Error(`${command.type}: ${result.message}`);
}

/** The messages that arrived for one outbox row (by its Message-ID). */
const received = (rowId: string): ReceivedMail[] => smtp.messages.filter((m) => m.messageId === notificationMessageId(rowId, APP_URL));

async function rowsOf(dossierId: string, kind: NotificationKind) {
  return prisma.notification.findMany({ where: { dossierId, kind }, include: { recipient: { select: { email: true, fullName: true } } } });
}

describe("each notification reaches the people who act next, in Vietnamese, with the link", () => {
  test("the whole workflow of a dossier: submitted, returned, resubmitted, awaiting signature, approved, certificate", async () => {
    const noEmail = await createUser({
      unitId: staff.justice.id,
      roles: [{ role: "official" }],
      fullName: "Phan Văn Không Email",
      email: null,
    });
    const movement = await createMovement(staff.commune.id);
    const dossierId = await createDossierAt(staff, movement.id, "submitted", { name: "Lê Văn Phúc" });
    await act(dossierId, staff.secretary, {
      type: "RETURN_FOR_SUPPLEMENT",
      reason: "Thiếu chữ ký của thủ trưởng đơn vị trên báo cáo thành tích.",
    });
    await act(dossierId, staff.official, { type: "RESUBMIT" });
    await act(dossierId, staff.secretary, { type: "ACCEPT_SCREENING" });
    await act(dossierId, staff.secretary, { type: "OPEN_VOTE", sessionId: "phien-1" });
    await act(dossierId, "system", { type: "CLOSE_VOTE", tally: PASSING_TALLY });
    await act(dossierId, staff.chairman, { type: "APPROVE" });
    await act(dossierId, staff.chairman, { type: "ISSUE_CERTIFICATE", certificateId: "GK-2023-001" });

    const report = await deliver();
    expect(report.failed).toBe(0);
    const link = `${APP_URL}/ho-so/${dossierId}`;
    const expectations: Array<[NotificationKind, string[], string, string[]]> = [
      [
        "dossier_submitted",
        [staff.secretary.email!],
        "Hồ sơ mới cần thẩm định: Lê Văn Phúc",
        ["Việc cần làm: Kiểm tra tính đầy đủ, hợp lệ của hồ sơ", "Thời hạn: "],
      ],
      [
        "dossier_returned",
        [staff.official.email!],
        "Hồ sơ cần bổ sung: Lê Văn Phúc",
        ["Lý do trả lại: Thiếu chữ ký của thủ trưởng đơn vị trên báo cáo thành tích.", "Việc cần làm: Bổ sung"],
      ],
      [
        "dossier_resubmitted",
        [staff.secretary.email!],
        "Hồ sơ đã bổ sung, nộp lại: Lê Văn Phúc",
        ["Việc cần làm: Kiểm tra phần đã bổ sung"],
      ],
      [
        "awaiting_signature",
        [staff.chairman.email!],
        "Hồ sơ chờ ký quyết định khen thưởng: Lê Văn Phúc",
        ["Việc cần làm: Xem xét và ký phê duyệt", "Thời hạn: "],
      ],
      [
        "dossier_approved",
        [staff.official.email!],
        "Hồ sơ đã được phê duyệt khen thưởng: Lê Văn Phúc",
        ["Chủ tịch UBND xã đã phê duyệt khen thưởng cho Lê Văn Phúc"],
      ],
      ["certificate_issued", [staff.official.email!], "Đã cấp Giấy khen: Lê Văn Phúc", ["Nhận Giấy khen tại Văn phòng UBND xã"]],
    ];
    for (const [kind, recipients, subject, phrases] of expectations) {
      const rows = (await rowsOf(dossierId, kind)).filter((row) => row.status !== "in_app");
      expect(
        rows.map((row) => row.recipient.email),
        kind,
      ).toEqual(recipients);
      for (const row of rows) {
        expect(row.status, kind).toBe("sent");
        expect(row.messageId).toBe(`<notification-${row.id}@thidua.tamphuoc.example.vn>`);
        const [message, ...more] = received(row.id);
        expect(more, `${kind} delivered once`).toHaveLength(0);
        expect(message!.recipients).toEqual(recipients);
        expect(message!.to).toBe(`"${row.recipient.fullName}" <${row.recipient.email}>`);
        expect(message!.from).toContain("no-reply@tamphuoc.example.vn");
        expect(message!.subject).toBe(subject);
        expect(message!.text).toContain(`Kính gửi ${row.recipient.fullName},`);
        expect(message!.text).toContain(MOVEMENT);
        expect(message!.text).toContain(link);
        expect(message!.html).toContain(`href="${link}"`);
        for (const phrase of phrases) expect(message!.text, kind).toContain(phrase);
      }
    }
    // Deadlines are shown in Vietnam's time, as the dossier's due date says.
    const { dueAt } = await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId }, select: { dueAt: true } });
    void dueAt; // cleared once approved; the secretary's email carried the screening deadline:
    const [submitted] = await rowsOf(dossierId, "dossier_submitted");
    const due = (submitted!.payload as { dueAt: string }).dueAt;
    const { formatDateTime } = await import("~/utils/format.ts");
    expect(received(submitted!.id)[0]!.text).toContain(`Thời hạn: ${formatDateTime(due)}`);

    // The official without an email address gets the same notifications in the app, never by email.
    const inApp = await prisma.notification.findMany({ where: { dossierId, recipientId: noEmail.id }, orderBy: { createdAt: "asc" } });
    expect(inApp.map((row) => [row.kind, row.status])).toEqual([
      ["dossier_returned", "in_app"],
      ["dossier_approved", "in_app"],
      ["certificate_issued", "in_app"],
    ]);
    for (const row of inApp) expect(received(row.id)).toHaveLength(0);
  });

  test("council failed and rejected go to the submitting unit, with the reason", async () => {
    const movement = await createMovement(staff.commune.id);
    const failing = await createDossierAt(staff, movement.id, "in_council_vote", { name: "Trương Thị Bé" });
    await act(failing, "system", { type: "CLOSE_VOTE", tally: { ...PASSING_TALLY, agree: 3 } });
    const refused = await createDossierAt(staff, movement.id, "council_passed", { name: "Võ Văn Tư" });
    await act(refused, staff.chairman, { type: "REJECT", reason: "Thành tích chưa nổi bật so với chỉ tiêu của phong trào." });
    await deliver();

    // (The unit also has an official without email since the first test: that row stays in the app.)
    const failed = (await rowsOf(failing, "dossier_council_failed")).find((row) => row.recipientId === staff.official.id);
    const failedMail = received(failed!.id);
    expect(failedMail.map((m) => [m.recipients, m.subject])).toEqual([
      [[staff.official.email], "Hồ sơ không được Hội đồng thông qua: Trương Thị Bé"],
    ]);
    expect(failedMail[0]!.text).toContain(`${APP_URL}/ho-so/${failing}`);

    const rejected = (await rowsOf(refused, "dossier_rejected")).find((row) => row.recipientId === staff.official.id);
    const rejectedMail = received(rejected!.id);
    expect(rejectedMail.map((m) => [m.recipients, m.subject])).toEqual([
      [[staff.official.email], "Hồ sơ không được phê duyệt khen thưởng: Võ Văn Tư"],
    ]);
    expect(rejectedMail[0]!.text).toContain("Lý do: Thành tích chưa nổi bật so với chỉ tiêu của phong trào.");
    // Awaiting signature went to the chairman only.
    const awaiting = await rowsOf(refused, "awaiting_signature");
    expect(awaiting.map((row) => row.recipientId)).toEqual([staff.chairman.id]);
  });

  test("the overdue digest goes to the commune's secretaries with each dossier and its link", async () => {
    const movement = await createMovement(staff.commune.id, { deadline: new Date("2025-12-31T00:00:00Z") });
    const dossierId = await createDossierAt(staff, movement.id, "submitted", {
      name: "Nguyễn Quá Hạn",
      now: new Date("2025-04-25T02:00:00Z"),
    });
    expect(await reportOverdueDossiers(new Date("2025-05-07T01:00:00Z"))).toBeGreaterThanOrEqual(1);
    await deliver();
    const digest = await prisma.notification.findFirstOrThrow({
      where: { kind: "overdue_digest", recipientId: staff.secretary.id },
      orderBy: { createdAt: "desc" },
    });
    const [message] = received(digest.id);
    expect(message!.recipients).toEqual([staff.secretary.email]);
    expect(message!.subject).toMatch(/^\d+ hồ sơ quá hạn xử lý$/);
    expect(message!.text).toContain("Nguyễn Quá Hạn");
    expect(message!.text).toContain("Hạn xử lý: 06/05/2025 23:59");
    expect(message!.text).toContain(`${APP_URL}/ho-so/${dossierId}`);
    expect(message!.text).toContain(`${APP_URL}/qua-han`);
  });

  test("vote opened, vote reminder and session closed, with the payloads the voting module writes", async () => {
    const member = await createUser({ unitId: staff.commune.id, roles: [{ role: "council_member" }], fullName: "Lê Văn Phúc" });
    const closesAt = "2025-06-20T10:00:00.000Z";
    const session = {
      sessionId: "phien-thu",
      title: "Phiên họp xét khen thưởng đợt 1",
      movementTitle: MOVEMENT,
      closesAt,
      path: "/bo-phieu/phien-thu",
    };
    await prisma.$transaction(async (tx) => {
      await enqueueNotifications(tx, { kind: "vote_opened", recipientIds: [member.id], payload: { ...session, dossierCount: 3 } });
      await enqueueNotifications(tx, { kind: "vote_reminder", recipientIds: [member.id], payload: session });
      await enqueueNotifications(tx, {
        kind: "session_closed",
        recipientIds: [staff.secretary.id, staff.chairman.id],
        payload: {
          sessionId: "phien-thu",
          title: session.title,
          movementTitle: MOVEMENT,
          passed: 2,
          failed: 1,
          path: "/bo-phieu/phien-thu",
        },
      });
    });
    await deliver();
    const byKind = async (kind: NotificationKind) =>
      (await prisma.notification.findMany({ where: { kind, payload: { path: ["sessionId"], equals: "phien-thu" } } })).flatMap((row) =>
        received(row.id),
      );

    const [opened] = await byKind("vote_opened");
    expect(opened!.recipients).toEqual([member.email]);
    expect(opened!.subject).toBe(`Mời bỏ phiếu: phong trào «${MOVEMENT}»`);
    expect(opened!.text).toContain("Thời hạn: 20/06/2025 17:00");
    expect(opened!.text).toContain("Số hồ sơ: 3");
    expect(opened!.text).toContain(`${APP_URL}/bo-phieu/phien-thu`);
    const [reminder] = await byKind("vote_reminder");
    expect(reminder!.subject).toBe("Nhắc bỏ phiếu: phiên bỏ phiếu đóng lúc 20/06/2025 17:00");
    const closed = await byKind("session_closed");
    expect(closed.flatMap((m) => m.recipients).sort()).toEqual([staff.secretary.email, staff.chairman.email].sort());
    expect(closed[0]!.text).toContain("2/3 hồ sơ được Hội đồng thông qua.");
  });
});

describe("delivery", () => {
  test("a transition that rolls back leaves no outbox row; a refused one writes none either", async () => {
    const movement = await createMovement(staff.commune.id);
    const dossierId = await createDossierAt(staff, movement.id, "draft");
    await completeDocuments(dossierId, staff.official.id);
    const official = await actorFor(await currentUser(staff.official.id));

    await expect(
      prisma.$transaction(async (tx) => {
        const result = await applyDossierEvent(tx, { dossierId, actor: official, command: { type: "SUBMIT" } });
        expect(result.ok).toBe(true);
        expect(await tx.notification.count({ where: { dossierId } })).toBe(1); // written inside…
        throw new Error("lỗi sau khi chuyển trạng thái");
      }),
    ).rejects.toThrow("lỗi sau khi chuyển trạng thái");
    expect(await prisma.notification.count({ where: { dossierId } })).toBe(0); // …and gone with the rollback
    expect((await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } })).state).toBe("draft");

    const secretary = await actorFor(await currentUser(staff.secretary.id));
    const refused = await sendDossierEvent({ dossierId, actor: secretary, command: { type: "SUBMIT" } });
    expect(refused.ok).toBe(false);
    expect(await prisma.notification.count({ where: { dossierId } })).toBe(0);

    const before = smtp.messages.length;
    await deliver();
    expect(smtp.messages.slice(before).some((m) => m.text.includes(`/ho-so/${dossierId}`))).toBe(false);
  });

  test("SMTP server down: rows stay pending, nothing is lost, all are delivered once when it is back", async () => {
    await deliver(); // nothing else due
    const movement = await createMovement(staff.commune.id);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await createDossierAt(staff, movement.id, "submitted", { name: `Người thứ ${i + 1}` }));
    const rows = await prisma.notification.findMany({ where: { dossierId: { in: ids } } });
    expect(rows).toHaveLength(3);

    await smtp.stop();
    try {
      const down = await deliver();
      expect(down.sent).toBe(0);
      const after = await prisma.notification.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
      for (const row of after) {
        expect(row.status).toBe("pending");
        expect(row.attempts).toBe(0); // the server was never reached: no attempt used up
        expect(row.claimedBy).toBeNull();
      }
      const probed = after.filter((row) => row.lastError);
      expect(probed.length).toBeGreaterThanOrEqual(1);
      expect(probed[0]!.lastError).toMatch(/^Không kết nối được máy chủ thư: ESOCKET \(CONN\) connect ECONNREFUSED/);
      // Still down a while later: still pending.
      await deliver({ now: minutes(2) });
      expect(await prisma.notification.count({ where: { id: { in: rows.map((r) => r.id) }, status: "pending" } })).toBe(3);
    } finally {
      await smtp.start();
    }

    const back = await deliver({ now: minutes(4) });
    expect(back.sent).toBe(3);
    for (const row of rows) {
      expect(received(row.id)).toHaveLength(1);
      const sent = await prisma.notification.findUniqueOrThrow({ where: { id: row.id } });
      expect(sent).toMatchObject({ status: "sent", attempts: 1, lastError: null, lockedUntil: null, claimedBy: null });
    }
  });

  test("a temporary refusal (451) backs off exponentially; a permanent one (550) fails at once; N attempts then failed", async () => {
    const busy = await createUser({ unitId: staff.commune.id, fullName: "Hộp Thư Bận", email: "ban.tam.thoi@example.vn" });
    const gone = await createUser({ unitId: staff.commune.id, fullName: "Hộp Thư Không Tồn Tại", email: "khong.ton.tai@example.vn" });
    smtp.reject(busy.email!, 451);
    smtp.reject(gone.email!, 550);
    const payload = {
      dossierId: "x",
      nomineeName: "Lê Văn Phúc",
      movementTitle: MOVEMENT,
      state: "approved",
      reason: null,
      dueAt: null,
      path: "/ho-so/x",
    };
    await prisma.$transaction((tx) => enqueueNotifications(tx, { kind: "dossier_approved", recipientIds: [busy.id, gone.id], payload }));
    const row = (userId: string) => prisma.notification.findFirstOrThrow({ where: { recipientId: userId } });

    const t0 = new Date();
    await deliver({ now: t0 });
    const first = await row(busy.id);
    expect(first).toMatchObject({ status: "pending", attempts: 1 });
    expect(first.lastError).toContain("451");
    const delay1 = first.nextAttemptAt.getTime() - t0.getTime();
    expect(delay1).toBeGreaterThanOrEqual(OUTBOX.backoffBaseMs);
    expect(delay1).toBeLessThan(OUTBOX.backoffBaseMs + 30_000);
    expect(await row(gone.id)).toMatchObject({ status: "failed", attempts: 1 });
    expect((await row(gone.id)).lastError).toContain("550");

    await deliver({ now: t0 }); // not due yet: untouched
    expect((await row(busy.id)).attempts).toBe(1);
    const t1 = new Date(first.nextAttemptAt.getTime() + 1000);
    await deliver({ now: t1 });
    const second = await row(busy.id);
    expect(second.attempts).toBe(2);
    expect(second.nextAttemptAt.getTime() - t1.getTime()).toBeGreaterThanOrEqual(2 * OUTBOX.backoffBaseMs);

    await deliver({ now: minutes(60, t1), maxAttempts: 3 });
    const last = await row(busy.id);
    expect(last).toMatchObject({ status: "failed", attempts: 3 });
    expect(received(last.id)).toHaveLength(0);
  });

  test("a recipient who removed their email address since gets the notification in the app, never an error", async () => {
    const user = await createUser({ unitId: staff.commune.id, fullName: "Đổi Ý" });
    const payload = { dossierId: "x", nomineeName: "Lê Văn Phúc", movementTitle: MOVEMENT, state: "approved", path: "/ho-so/x" };
    await prisma.$transaction((tx) => enqueueNotifications(tx, { kind: "dossier_approved", recipientIds: [user.id], payload }));
    await prisma.user.update({ where: { id: user.id }, data: { email: null } });
    const report = await deliver();
    expect(report.inApp).toBe(1);
    const row = await prisma.notification.findFirstOrThrow({ where: { recipientId: user.id } });
    expect(row).toMatchObject({ status: "in_app", attempts: 0 });
    expect(received(row.id)).toHaveLength(0);
  });

  test("a payload the template cannot read fails the row with the reason; the others still go", async () => {
    const user = await createUser({ unitId: staff.commune.id, fullName: "Dữ Liệu Hỏng" });
    await prisma.$transaction((tx) =>
      enqueueNotifications(tx, { kind: "dossier_approved", recipientIds: [user.id], payload: { nomineeName: "?" } }),
    );
    await deliver();
    const row = await prisma.notification.findFirstOrThrow({ where: { recipientId: user.id } });
    expect(row.status).toBe("failed");
    expect(row.lastError).toMatch(/^Dữ liệu thông báo «dossier_approved» không hợp lệ/);
  });
});

describe("at most once", () => {
  async function enqueueMany(count: number) {
    const users = await Promise.all([0, 1, 2].map((i) => createUser({ unitId: staff.commune.id, fullName: `Người nhận ${i}` })));
    const payload = { dossierId: "x", nomineeName: "Lê Văn Phúc", movementTitle: MOVEMENT, state: "approved", path: "/ho-so/x" };
    for (let i = 0; i < count / users.length; i++) {
      await prisma.$transaction((tx) =>
        enqueueNotifications(tx, { kind: "dossier_approved", recipientIds: users.map((u) => u.id), payload }),
      );
    }
    return prisma.notification.findMany({ where: { recipientId: { in: users.map((u) => u.id) } }, select: { id: true } });
  }

  test("three senders at once: every row delivered exactly once (counted by Message-ID at the server)", async () => {
    await deliver();
    const rows = await enqueueMany(30);
    expect(rows).toHaveLength(30);
    const reports = await Promise.all(["A", "B", "C"].map((name) => deliver({ senderId: `sender-${name}`, batchSize: 4 })));
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(30);
    const counts = smtp.countsByMessageId();
    for (const row of rows) expect(counts.get(notificationMessageId(row.id, APP_URL)), row.id).toBe(1);
    expect(await prisma.notification.count({ where: { id: { in: rows.map((r) => r.id) }, status: "sent" } })).toBe(30);
  });

  test.runIf(testDatabaseKind() === "postgres")(
    "two `npm run worker` processes and this process at once: each row once",
    async () => {
      await deliver();
      const rows = await enqueueMany(60);
      smtp.delayData(150); // a slow server, so that the senders overlap
      try {
        const workers = [1, 2].map(() => runWorker());
        // Join once a worker has claimed rows.
        const deadline = Date.now() + 60_000;
        while ((await prisma.notification.count({ where: { id: { in: rows.map((r) => r.id) }, status: { not: "pending" } } })) === 0) {
          if (Date.now() > deadline) throw new Error(`the workers claimed nothing:\n${workers[0]!.output()}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const here = await deliver({ senderId: "in-process", batchSize: 5 });
        const results = await Promise.all(workers);
        for (const result of results) expect(result.code, result.output).toBe(0);
        const workerSent = results.map((result) => Number(/gửi thư thông báo: .*"sent":(\d+)/.exec(result.output)?.[1] ?? NaN));
        expect(workerSent[0]! + workerSent[1]! + here.sent).toBe(60);
        expect(workerSent[0]! + workerSent[1]!).toBeGreaterThan(0);
        expect(here.sent).toBeGreaterThan(0);
      } finally {
        smtp.delayData(0);
      }
      const counts = smtp.countsByMessageId();
      for (const row of rows) expect(counts.get(notificationMessageId(row.id, APP_URL)), row.id).toBe(1);
      expect(await prisma.notification.count({ where: { id: { in: rows.map((r) => r.id) }, status: "sent" } })).toBe(60);
    },
    120_000,
  );

  test("a sender that died after the SMTP server accepted: the row is kept until its lease ends, then resent with the SAME Message-ID", async () => {
    await deliver();
    const [row] = await enqueueMany(3);
    const now = new Date();
    // What a sender leaves when it dies between the server's "250 accepted" and marking the row sent:
    // the claim (committed before SMTP) and the message at the server.
    await prisma.notification.update({
      where: { id: row!.id },
      data: { status: "sending", claimedBy: "dead-sender", lockedUntil: new Date(now.getTime() + OUTBOX.leaseMs), attempts: 1 },
    });
    const { sendEmail } = await import("~/utils/email.server.ts");
    await sendEmail(
      { to: "x@example.vn", subject: "bản đã nhận", text: "x", html: "<p>x</p>", messageId: notificationMessageId(row!.id, APP_URL) },
      mail,
    );

    await deliver({ now }); // the lease is alive: nobody touches the row
    expect(await prisma.notification.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({
      status: "sending",
      claimedBy: "dead-sender",
    });
    expect(received(row!.id)).toHaveLength(1);

    await deliver({ now: new Date(now.getTime() + OUTBOX.leaseMs + 1000) });
    expect(await prisma.notification.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({
      status: "sent",
      attempts: 2,
      claimedBy: null,
    });
    // The one duplicate SMTP allows, recognisable: same Message-ID.
    expect(received(row!.id).map((m) => m.messageId)).toEqual([
      notificationMessageId(row!.id, APP_URL),
      notificationMessageId(row!.id, APP_URL),
    ]);
  });

  test("a row whose senders died on every allowed attempt is given up, not sent again", async () => {
    const [row] = await enqueueMany(3);
    const past = new Date(Date.now() - 1000);
    await prisma.notification.update({
      where: { id: row!.id },
      data: { status: "sending", claimedBy: "dead", lockedUntil: past, attempts: OUTBOX.maxAttempts },
    });
    await deliver();
    const after = await prisma.notification.findUniqueOrThrow({ where: { id: row!.id } });
    expect(after.status).toBe("failed");
    expect(after.lastError).toContain(`Đã thử ${OUTBOX.maxAttempts} lần`);
    expect(received(row!.id)).toHaveLength(0);
  });

  test.runIf(testDatabaseKind() === "postgres")(
    "a worker killed (SIGKILL) while the server accepts: resent once after the lease, same Message-ID",
    async () => {
      await deliver();
      const [row, ...others] = await enqueueMany(3);
      // Only this row is due; the server holds its answer to DATA so the worker is inside the crash window.
      await prisma.notification.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { nextAttemptAt: minutes(60) } });
      smtp.delayData(30_000);
      const worker = runWorker();
      try {
        const deadline = Date.now() + 30_000;
        while (received(row!.id).length === 0) {
          if (Date.now() > deadline) throw new Error(`the worker sent nothing:\n${worker.output()}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        worker.kill();
        await worker;
      } finally {
        smtp.delayData(0);
      }
      const crashed = await prisma.notification.findUniqueOrThrow({ where: { id: row!.id } });
      expect(crashed.status).toBe("sending");
      expect(crashed.attempts).toBe(1);

      await deliver(); // lease still running: not resent
      expect(received(row!.id)).toHaveLength(1);
      await deliver({ now: new Date(crashed.lockedUntil!.getTime() + 1000) });
      expect(await prisma.notification.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({ status: "sent", attempts: 2 });
      const copies = received(row!.id);
      expect(copies).toHaveLength(2);
      expect(new Set(copies.map((m) => m.messageId)).size).toBe(1);
      expect(copies[1]!.subject).toBe(copies[0]!.subject);
    },
    120_000,
  );
});

/** `npm run worker -- --once` (the compiled worker, build/worker.mjs) on this test's PostgreSQL database, sending to the test SMTP server. */
function runWorker(): Promise<{ code: number | null; output: string }> & { kill(): void; output(): string } {
  const child = spawn(process.execPath, ["build/worker.mjs", "--once"], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "development",
      DATABASE_URL: db.url!,
      DATA_DIR: mailDir,
      SMTP_URL: smtp.url,
      MAIL_FROM: mail.from,
      APP_URL,
      DEMO_DATA: "false",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const done = new Promise<{ code: number | null; output: string }>((resolve) => child.once("exit", (code) => resolve({ code, output })));
  return Object.assign(done, { kill: () => void child.kill("SIGKILL"), output: () => output });
}
