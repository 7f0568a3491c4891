// sendEmail() against a real SMTP server, the .eml files of development, and the pages around mail:
// Hộp thư đi and Mẫu email (admin), Thông báo (every user's in-app list), Tài khoản (the email address).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { deliverOutbox, notificationMessageId } from "~/jobs/outbox.server.ts";
import { enqueueNotifications } from "~/models/notification.server.ts";
import { action as outboxAction, loader as outboxLoader } from "~/routes/quan-tri.hop-thu-di.tsx";
import { loader as templatesLoader } from "~/routes/quan-tri.mau-email.tsx";
import { action as profileAction, loader as profileLoader } from "~/routes/tai-khoan.tsx";
import { action as notificationsAction, loader as notificationsLoader } from "~/routes/thong-bao.tsx";
import { createSession } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { MailNotConfiguredError, configureMail, mailConfig, sendEmail } from "~/utils/email.server.ts";
import { env } from "~/utils/env.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import {
  createCommune,
  createCommuneWithStaff,
  createDossierAt,
  createMovement,
  createUser,
  formRequest,
  requestAs,
  type Staff,
} from "../support/factories.ts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp.ts";

let db: TestDatabase;
let smtp: TestSmtpServer;
let mailDir: string;
let staff: Staff;
let admin: { id: string };

beforeAll(async () => {
  db = await createTestDatabase();
  smtp = await startSmtpServer();
  staff = await createCommuneWithStaff();
  admin = await createUser({ unitId: staff.commune.id, roles: [{ role: "admin" }], fullName: "Lý Thanh Sơn" });
});
afterAll(async () => {
  configureMail(undefined);
  await smtp?.stop();
  await db?.destroy();
});
afterEach(() => {
  configureMail(undefined);
  if (mailDir) rmSync(mailDir, { recursive: true, force: true });
});

const context = { clientIp: "127.0.0.1" };
const args = async (userId: string | null, url: string) => ({ request: await requestAs(userId, url), params: {}, context });
async function post(userId: string, url: string, fields: Record<string, string>) {
  const cookie = (await createSession(userId)).split(";")[0]!;
  return { request: formRequest(url, fields, cookie), params: {}, context };
}
async function status(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}
const payload = (name: string) => ({
  dossierId: "x",
  nomineeName: name,
  movementTitle: "Phong trào thử",
  state: "approved",
  reason: null,
  dueAt: null,
  path: "/ho-so/x",
});

describe("sendEmail()", () => {
  test("over SMTP: Vietnamese subject, both bodies and the Message-ID arrive as written", async () => {
    configureMail({ smtpUrl: smtp.url, from: "Thi đua – Khen thưởng <no-reply@tamphuoc.example.vn>" });
    const sent = await sendEmail({
      to: { name: "Trần Thị Thu Hà", address: "vanphong@tamphuoc.example.vn" },
      subject: "Hồ sơ mới cần thẩm định: Lê Văn Phúc",
      text: "Kính gửi Trần Thị Thu Hà,\n\nĐơn vị trình khen đã nộp hồ sơ.",
      html: "<p>Kính gửi Trần Thị Thu Hà,</p>",
      messageId: "<notification-thu@tamphuoc.example.vn>",
    });
    expect(sent.messageId).toBe("<notification-thu@tamphuoc.example.vn>");
    const [message] = smtp.to("vanphong@tamphuoc.example.vn");
    expect(message).toMatchObject({
      messageId: "<notification-thu@tamphuoc.example.vn>",
      subject: "Hồ sơ mới cần thẩm định: Lê Văn Phúc",
      to: '"Trần Thị Thu Hà" <vanphong@tamphuoc.example.vn>',
      from: '"Thi đua – Khen thưởng" <no-reply@tamphuoc.example.vn>',
    });
    expect(message!.text).toContain("Đơn vị trình khen đã nộp hồ sơ.");
    expect(message!.html).toContain("<p>Kính gửi Trần Thị Thu Hà,</p>");
  });

  test("without SMTP_URL outside production: an .eml file in the mail folder, named after the Message-ID", async () => {
    mailDir = mkdtempSync(path.join(tmpdir(), "tdkt-eml-"));
    configureMail({ smtpUrl: null, mailDir, production: false });
    const sent = await sendEmail({
      to: "a@example.vn",
      subject: "Thư thử tiếng Việt",
      text: "Nội dung",
      html: "<p>Nội dung</p>",
      messageId: "<notification-abc@localhost>",
    });
    expect(sent.file).toBe(path.join(mailDir, "notification-abc@localhost.eml"));
    // Written again (a resend after a crash): still one file.
    await sendEmail({
      to: "a@example.vn",
      subject: "Thư thử tiếng Việt",
      text: "Nội dung",
      html: "<p>Nội dung</p>",
      messageId: "<notification-abc@localhost>",
    });
    expect(readdirSync(mailDir)).toEqual(["notification-abc@localhost.eml"]);
    const parsed = await simpleParser(readFileSync(sent.file!));
    expect(parsed.subject).toBe("Thư thử tiếng Việt");
    expect(parsed.messageId).toBe("<notification-abc@localhost>");
    expect(parsed.text?.trim()).toBe("Nội dung");
  });

  test("in tests DATA_DIR is memory://: the .eml files go to a temporary folder", () => {
    expect(env().DATA_DIR).toBe("memory://");
    expect(mailConfig().mailDir.startsWith(tmpdir())).toBe(true);
  });

  test("in production without SMTP_URL nothing is sent and the rows wait in the queue", async () => {
    configureMail({ smtpUrl: null, production: true });
    await expect(sendEmail({ to: "a@example.vn", subject: "x", text: "x", html: "x" })).rejects.toBeInstanceOf(MailNotConfiguredError);
    const user = await createUser({ unitId: staff.commune.id });
    await prisma.$transaction((tx) =>
      enqueueNotifications(tx, { kind: "dossier_approved", recipientIds: [user.id], payload: payload("Chờ Cấu Hình") }),
    );
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const report = await deliverOutbox();
    expect(warn).toHaveBeenCalledWith("Chưa cấu hình SMTP_URL: thư thông báo được giữ lại trong hàng đợi, chưa gửi.");
    warn.mockRestore();
    expect(report.claimed).toBe(0);
    expect(await prisma.notification.findFirstOrThrow({ where: { recipientId: user.id } })).toMatchObject({
      status: "pending",
      attempts: 0,
    });
  });
});

describe("Hộp thư đi (admin)", () => {
  test("in development the sender writes .eml files, and the page lists them with recipient and subject", async () => {
    mailDir = mkdtempSync(path.join(tmpdir(), "tdkt-eml-"));
    configureMail({ smtpUrl: null, mailDir, production: false });
    await deliverOutbox(); // earlier rows out of the way
    const movement = await createMovement(staff.commune.id);
    const dossierId = await createDossierAt(staff, movement.id, "submitted", { name: "Lê Văn Phúc" });
    const report = await deliverOutbox();
    expect(report.sent).toBeGreaterThanOrEqual(1);
    const row = await prisma.notification.findFirstOrThrow({ where: { dossierId, kind: "dossier_submitted" } });
    expect(row.status).toBe("sent");
    const host = new URL(env().APP_URL).hostname;
    const name = `notification-${row.id}@${host}.eml`;
    expect(existsSync(path.join(mailDir, name))).toBe(true);
    const parsed = await simpleParser(readFileSync(path.join(mailDir, name)));
    expect(parsed.messageId).toBe(notificationMessageId(row.id));
    expect(parsed.subject).toBe("Hồ sơ mới cần thẩm định: Lê Văn Phúc");
    expect(parsed.text).toContain(`${env().APP_URL}/ho-so/${dossierId}`);

    const page = await outboxLoader(await args(admin.id, "/quan-tri/hop-thu-di"));
    expect(page.writesFiles).toBe(true);
    expect(page.files).toContainEqual(
      expect.objectContaining({ name, subject: "Hồ sơ mới cần thẩm định: Lê Văn Phúc", to: `Trần Thị Thu Hà <${staff.secretary.email}>` }),
    );
    expect(page.rows).toContainEqual(
      expect.objectContaining({ id: row.id, status: "sent", attempts: 1, subject: "Hồ sơ mới cần thẩm định: Lê Văn Phúc" }),
    );

    const viewed = await outboxLoader(await args(admin.id, `/quan-tri/hop-thu-di?eml=${encodeURIComponent(name)}`));
    expect(viewed.viewed).toMatchObject({ name, subject: "Hồ sơ mới cần thẩm định: Lê Văn Phúc" });
    expect(viewed.viewed!.download).toMatch(/^data:message\/rfc822;base64,/);
    expect(Buffer.from(viewed.viewed!.download.split(",")[1]!, "base64").equals(readFileSync(path.join(mailDir, name)))).toBe(true);
    // Not a path outside the folder.
    expect((await outboxLoader(await args(admin.id, "/quan-tri/hop-thu-di?eml=..%2F..%2Fetc%2Fpasswd"))).viewed).toBeNull();

    // An admin of another commune sees neither the rows nor the files of this one.
    const other = await createCommune("UBND xã Khác");
    const otherAdmin = await createUser({ unitId: other.commune.id, roles: [{ role: "admin" }] });
    const theirs = await outboxLoader(await args(otherAdmin.id, "/quan-tri/hop-thu-di"));
    expect(theirs.files).toEqual([]);
    expect(theirs.rows).toEqual([]);
  });

  test("only admins; rows filtered by status; a failed row can be sent again, only within the admin's scope", async () => {
    expect(await status(outboxLoader(await args(staff.secretary.id, "/quan-tri/hop-thu-di")))).toBe(403);
    const user = await createUser({ unitId: staff.justice.id, fullName: "Thư Lỗi" });
    await prisma.$transaction((tx) =>
      enqueueNotifications(tx, { kind: "dossier_approved", recipientIds: [user.id], payload: payload("Gửi Lỗi") }),
    );
    const row = await prisma.notification.findFirstOrThrow({ where: { recipientId: user.id } });
    await prisma.notification.update({
      where: { id: row.id },
      data: { status: "failed", attempts: 10, lastError: "EENVELOPE (RCPT TO) 550 Hộp thư không tồn tại" },
    });

    const failed = await outboxLoader(await args(admin.id, "/quan-tri/hop-thu-di?trang-thai=failed"));
    expect(failed.status).toBe("failed");
    expect(failed.rows.every((r) => r.status === "failed")).toBe(true);
    expect(failed.rows).toContainEqual(
      expect.objectContaining({ id: row.id, lastError: "EENVELOPE (RCPT TO) 550 Hộp thư không tồn tại", to: `Thư Lỗi <${user.email}>` }),
    );

    const other = await createCommune("UBND xã Bên Cạnh");
    const otherAdmin = await createUser({ unitId: other.commune.id, roles: [{ role: "admin" }] });
    expect(await status(outboxAction(await post(otherAdmin.id, "/quan-tri/hop-thu-di", { id: row.id })))).toBe(404);
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("failed");

    const response = (await outboxAction(await post(admin.id, "/quan-tri/hop-thu-di?trang-thai=failed", { id: row.id }))) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/quan-tri/hop-thu-di?trang-thai=failed");
    expect(await prisma.notification.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "pending", attempts: 0 });
  });
});

describe("Mẫu email (admin)", () => {
  test("renders each of the thirteen templates with sample data, for admins only", async () => {
    expect(await status(templatesLoader(await args(staff.official.id, "/quan-tri/mau-email")))).toBe(403);
    const { templates } = await templatesLoader(await args(admin.id, "/quan-tri/mau-email"));
    expect(templates).toHaveLength(13);
    for (const t of templates) {
      expect(t.html).toContain("Kính gửi Lý Thanh Sơn,");
      expect(t.text).toContain(env().APP_URL);
      expect(t.audience.length).toBeGreaterThan(0);
    }
    expect(templates.find((t) => t.kind === "dossier_returned")!.subject).toBe("Hồ sơ cần bổ sung: Lê Văn Phúc");
  });
});

describe("Thông báo (every user)", () => {
  test("the user's own notifications, newest first, with subject and link; mark one and all as read", async () => {
    const reader = await createUser({ unitId: staff.justice.id, fullName: "Người Đọc", email: null });
    const other = await createUser({ unitId: staff.justice.id, fullName: "Người Khác" });
    for (const name of ["Thứ Nhất", "Thứ Hai", "Thứ Ba"]) {
      await prisma.$transaction((tx) =>
        enqueueNotifications(tx, { kind: "dossier_approved", recipientIds: [reader.id, other.id], payload: payload(name) }),
      );
      await new Promise((resolve) => setTimeout(resolve, 5)); // distinct createdAt
    }
    const page = await notificationsLoader(await args(reader.id, "/thong-bao"));
    expect(page.total).toBe(3);
    expect(page.unread).toBe(3);
    expect(page.hasEmail).toBe(false);
    expect(page.notifications.map((n) => n.subject)).toEqual([
      "Hồ sơ đã được phê duyệt khen thưởng: Thứ Ba",
      "Hồ sơ đã được phê duyệt khen thưởng: Thứ Hai",
      "Hồ sơ đã được phê duyệt khen thưởng: Thứ Nhất",
    ]);
    expect(page.notifications[0]).toMatchObject({ path: "/ho-so/x", read: false, delivery: "Chỉ trong ứng dụng" });

    // Somebody else's row cannot be marked.
    const theirs = await prisma.notification.findFirstOrThrow({ where: { recipientId: other.id } });
    await notificationsAction(await post(reader.id, "/thong-bao", { intent: "read", id: theirs.id }));
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();

    const opened = (await notificationsAction(
      await post(reader.id, "/thong-bao", { intent: "open", id: page.notifications[0]!.id }),
    )) as Response;
    expect(opened.headers.get("Location")).toBe("/ho-so/x");
    expect((await notificationsLoader(await args(reader.id, "/thong-bao"))).unread).toBe(2);
    await notificationsAction(await post(reader.id, "/thong-bao", { intent: "read-all" }));
    expect((await notificationsLoader(await args(reader.id, "/thong-bao"))).unread).toBe(0);
    expect((await notificationsLoader(await args(other.id, "/thong-bao"))).unread).toBe(3);
  });

  test("pages of 20", async () => {
    const reader = await createUser({ unitId: staff.justice.id });
    await prisma.$transaction(async (tx) => {
      for (let i = 0; i < 25; i++)
        await enqueueNotifications(tx, { kind: "dossier_approved", recipientIds: [reader.id], payload: payload(`Người ${i}`) });
    });
    const first = await notificationsLoader(await args(reader.id, "/thong-bao"));
    const second = await notificationsLoader(await args(reader.id, "/thong-bao?trang=2"));
    expect([first.notifications.length, second.notifications.length, second.pages]).toEqual([20, 5, 2]);
    expect(new Set([...first.notifications, ...second.notifications].map((n) => n.id)).size).toBe(25);
  });

  test("signed out: sent to sign in", async () => {
    expect(await status(notificationsLoader(await args(null, "/thong-bao")))).toBe(302);
  });
});

describe("Tài khoản: the email address", () => {
  test("a bad address is refused with a Vietnamese message; a good one is saved; an empty one removes it", async () => {
    const user = await createUser({ unitId: staff.justice.id, email: null });
    const bad = (await profileAction(await post(user.id, "/tai-khoan", { email: "khong-phai-email" }))) as unknown as {
      data: { error: Record<string, string[]> };
      init: ResponseInit;
    };
    expect(bad.init.status).toBe(400);
    expect(bad.data.error.email).toEqual(["Địa chỉ email không hợp lệ (ví dụ: ten.nguoi@tamphuoc.gov.vn)."]);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBeNull();

    await profileAction(await post(user.id, "/tai-khoan", { email: "  Mai.Dang@TamPhuoc.gov.vn " }));
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe("mai.dang@tamphuoc.gov.vn");
    expect((await profileLoader(await args(user.id, "/tai-khoan"))).email).toBe("mai.dang@tamphuoc.gov.vn");

    await profileAction(await post(user.id, "/tai-khoan", { email: "" }));
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBeNull();
  });
});
