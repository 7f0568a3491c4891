// The outbox sender: delivers pending Notification rows through sendEmail(). Safe to run in every app
// server and in any number of `npm run worker` processes at once. Why it is built this way (claim with a
// lease, stable Message-ID, backoff): docs/decisions/005-email-outbox.md.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { renderNotificationEmail, PayloadError } from "#emails/index.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { MAX_SEND_MS, mailConfig, mailEnabled, sendEmail, type MailConfig } from "~/utils/email.server.ts";
import { env } from "~/utils/env.server.ts";

export const OUTBOX = {
  /** Rows claimed per round trip. */
  batchSize: 20,
  /** How long a claim lasts. Far above MAX_SEND_MS, so a live sender never loses a row it is sending. */
  leaseMs: 5 * 60_000,
  /** Attempts (claims) before a row is given up as failed. */
  maxAttempts: 10,
  /** Backoff after a failed attempt n: base · 2^(n-1), capped. */
  backoffBaseMs: 60_000,
  backoffMaxMs: 60 * 60_000,
  /** The SMTP server could not be reached at all: nothing was sent, try again soon, without using an attempt. */
  unreachableDelayMs: 60_000,
  /** One run stops claiming after this long (the scheduler runs it again). */
  runBudgetMs: 4 * 60_000,
} as const;

export type OutboxOptions = Partial<Record<keyof typeof OUTBOX, number>> & {
  now?: Date;
  /** Names the run in `claimedBy`; one per call by default. */
  senderId?: string;
  appUrl?: string;
  mail?: MailConfig;
};

export type OutboxReport = { claimed: number; sent: number; retried: number; failed: number; inApp: number; released: number };

/** `<notification-<id>@<host of APP_URL>>`: the same for every attempt at a row. */
export function notificationMessageId(id: string, appUrl = env().APP_URL): string {
  return `<notification-${id}@${new URL(appUrl).hostname}>`;
}

export function backoffMs(attempt: number, options: { backoffBaseMs: number; backoffMaxMs: number } = OUTBOX): number {
  return Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
}

type Claimed = { id: string; kind: string; payload: Prisma.JsonValue; attempts: number; recipientId: string };

/**
 * Claims due rows — pending and due, or `sending` with an expired lease (a sender died) — in ONE
 * autocommitted statement: `FOR UPDATE SKIP LOCKED` makes concurrent senders take disjoint rows, and the
 * claim is committed before any SMTP traffic, so no transaction is ever held open while talking SMTP.
 */
async function claim(senderId: string, now: Date, limit: number, leaseMs: number, maxAttempts: number, appUrl: string): Promise<Claimed[]> {
  const lockedUntil = new Date(now.getTime() + leaseMs);
  const host = new URL(appUrl).hostname;
  return prisma.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT id FROM "Notification"
       WHERE (status = 'pending' AND "nextAttemptAt" <= ${now})
          OR (status = 'sending' AND "lockedUntil" <= ${now} AND attempts < ${maxAttempts})
       ORDER BY "nextAttemptAt", id
       LIMIT ${limit}
         FOR UPDATE SKIP LOCKED)
    UPDATE "Notification" n
       SET status = 'sending', "lockedUntil" = ${lockedUntil}, "claimedBy" = ${senderId},
           attempts = n.attempts + 1, "messageId" = '<notification-' || n.id || '@' || ${host} || '>', "updatedAt" = ${now}
      FROM due
     WHERE n.id = due.id
 RETURNING n.id, n.kind, n.payload, n.attempts, n."recipientId"`;
}

/**
 * A row whose lease expired after its last allowed attempt: its senders died mid-send every time.
 * It is not sent again (each resend could be a visible duplicate); the admin can resend it by hand.
 */
async function giveUpAbandoned(now: Date, maxAttempts: number): Promise<number> {
  return prisma.$executeRaw`
    UPDATE "Notification"
       SET status = 'failed', "lockedUntil" = NULL, "claimedBy" = NULL, "updatedAt" = ${now},
           "lastError" = ${`Đã thử ${maxAttempts} lần, lần nào bộ gửi cũng dừng giữa chừng; không gửi lại tự động.`}
     WHERE status = 'sending' AND "lockedUntil" <= ${now} AND attempts >= ${maxAttempts}`;
}

/** Records the outcome, only if this run still holds the lease (otherwise another sender owns the row now). */
async function settle(id: string, senderId: string, data: Prisma.NotificationUpdateManyMutationInput): Promise<boolean> {
  const { count } = await prisma.notification.updateMany({
    where: { id, claimedBy: senderId, status: "sending" },
    data: { lockedUntil: null, claimedBy: null, ...data },
  });
  return count === 1;
}

/** Gives rows back untouched: the attempt that claimed them did not happen. */
async function release(ids: string[], senderId: string): Promise<number> {
  if (ids.length === 0) return 0;
  return prisma.$executeRaw`
    UPDATE "Notification" SET status = 'pending', "lockedUntil" = NULL, "claimedBy" = NULL, attempts = attempts - 1
     WHERE id = ANY(${ids}) AND "claimedBy" = ${senderId} AND status = 'sending'`;
}

type SmtpError = Error & { code?: string; command?: string; responseCode?: number };

/** The server was never reached (connection, DNS): certainly nothing was sent. */
function unreachable(error: SmtpError): boolean {
  return error.command === "CONN" || error.code === "EDNS";
}

/** The server refused the message for good (5xx); authentication errors are configuration, retried. */
function permanent(error: SmtpError): boolean {
  return typeof error.responseCode === "number" && error.responseCode >= 500 && error.code !== "EAUTH" && error.code !== "ENOAUTH";
}

function describe(error: unknown): string {
  const e = error as SmtpError;
  const parts = [e.code, e.command ? `(${e.command})` : null, e.message ?? String(error)].filter(Boolean);
  return parts.join(" ").slice(0, 1000);
}

let running: Promise<OutboxReport> | null = null;

/** Resolves when the current run (if any) of this process has finished: graceful shutdown. */
export async function outboxIdle(): Promise<void> {
  await running?.catch(() => {});
}

/** Delivers due rows until none is left or the run's time budget is spent. */
export function deliverOutbox(options: OutboxOptions = {}): Promise<OutboxReport> {
  const run = deliver(options);
  running = run;
  return run.finally(() => {
    if (running === run) running = null;
  });
}

let warnedNotConfigured = false;

async function deliver(options: OutboxOptions): Promise<OutboxReport> {
  const o = { ...OUTBOX, ...options };
  const mail = options.mail ?? mailConfig();
  const appUrl = options.appUrl ?? env().APP_URL;
  const senderId = options.senderId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const started = Date.now();
  // Tests pass `now` to stand at another time; the run's own elapsed time is added to it.
  const clock = () => (options.now ? new Date(options.now.getTime() + (Date.now() - started)) : new Date());
  const report: OutboxReport = { claimed: 0, sent: 0, retried: 0, failed: 0, inApp: 0, released: 0 };

  if (!mailEnabled(mail)) {
    // Production without SMTP_URL: rows wait (none is lost) until the mail server is configured.
    if (!warnedNotConfigured) console.warn("Chưa cấu hình SMTP_URL: thư thông báo được giữ lại trong hàng đợi, chưa gửi.");
    warnedNotConfigured = true;
    return report;
  }

  report.failed += await giveUpAbandoned(clock(), o.maxAttempts);
  while (Date.now() - started < o.runBudgetMs) {
    const claimedAt = Date.now();
    const rows = await claim(senderId, clock(), o.batchSize, o.leaseMs, o.maxAttempts, appUrl);
    if (rows.length === 0) break;
    report.claimed += rows.length;
    const recipients = new Map(
      (
        await prisma.user.findMany({
          where: { id: { in: [...new Set(rows.map((r) => r.recipientId))] } },
          select: { id: true, fullName: true, email: true },
        })
      ).map((user) => [user.id, user]),
    );

    let stopBatch = false;
    for (const [index, row] of rows.entries()) {
      // A send starts only while the lease outlives its longest possible duration (SMTP timeouts):
      // a live sender is never still talking SMTP when another one may take the row.
      if (stopBatch || Date.now() - claimedAt > o.leaseMs - MAX_SEND_MS) {
        report.released += await release(
          rows.slice(index).map((r) => r.id),
          senderId,
        );
        break;
      }
      const recipient = recipients.get(row.recipientId);
      const address = recipient?.email?.trim();
      if (!recipient || !address) {
        // The address was removed since the row was written: the row stays in the app list only.
        if (await settle(row.id, senderId, { status: "in_app", attempts: { decrement: 1 } })) report.inApp++;
        continue;
      }

      let rendered;
      try {
        rendered = renderNotificationEmail(row.kind, row.payload, { appUrl, recipientName: recipient.fullName });
      } catch (error) {
        if (!(error instanceof PayloadError)) throw error;
        if (await settle(row.id, senderId, { status: "failed", lastError: error.message })) report.failed++;
        continue;
      }

      try {
        await sendEmail(
          {
            to: { name: recipient.fullName, address },
            ...rendered,
            messageId: notificationMessageId(row.id, appUrl),
            headers: { "X-Notification-Kind": row.kind, "Auto-Submitted": "auto-generated" },
          },
          mail,
        );
      } catch (error) {
        const e = error as SmtpError;
        const now = clock();
        if (unreachable(e)) {
          // Nothing left this machine: give the attempt back and stop the batch (the rest would fail alike).
          await settle(row.id, senderId, {
            status: "pending",
            attempts: { decrement: 1 },
            nextAttemptAt: new Date(now.getTime() + o.unreachableDelayMs),
            lastError: `Không kết nối được máy chủ thư: ${describe(e)}`,
          });
          report.retried++;
          stopBatch = true;
          continue;
        }
        const giveUp = permanent(e) || row.attempts >= o.maxAttempts;
        await settle(
          row.id,
          senderId,
          giveUp
            ? { status: "failed", lastError: describe(e) }
            : { status: "pending", nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts, o)), lastError: describe(e) },
        );
        if (giveUp) report.failed++;
        else report.retried++;
        continue;
      }
      // Accepted by the server. If this update is lost (crash), the lease expires and the row is sent
      // again with the same Message-ID: the one duplicate a receiving system can recognise (decision 005).
      if (await settle(row.id, senderId, { status: "sent", sentAt: clock(), lastError: null })) report.sent++;
    }
    if (stopBatch) break;
  }
  return report;
}
