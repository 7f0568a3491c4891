// The notification outbox: rows written in the transaction of the change they report,
// delivered after commit by the sender (emails/). A recipient without an email address
// gets the same row in the app instead.
import type { DossierState } from "#machines/index.ts";
import type { NotificationStatus, Prisma, Role } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { withinUnits } from "./org-unit.server.ts";

type Tx = Prisma.TransactionClient;

export type NotificationKind =
  | "dossier_submitted"
  | "dossier_resubmitted"
  | "dossier_returned"
  | "dossier_council_failed"
  | "awaiting_signature"
  | "dossier_approved"
  | "dossier_rejected"
  | "certificate_issued"
  | "overdue_digest"
  | "vote_opened"
  | "vote_reminder"
  | "session_closed"
  | "paper_count_entered";

export async function enqueueNotifications(
  tx: Tx,
  {
    kind,
    recipientIds,
    dossierId = null,
    payload,
  }: { kind: NotificationKind; recipientIds: string[]; dossierId?: string | null; payload: Prisma.InputJsonObject },
): Promise<number> {
  const recipients = await tx.user.findMany({
    where: { id: { in: [...new Set(recipientIds)] }, active: true },
    select: { id: true, email: true },
  });
  if (recipients.length === 0) return 0;
  const { count } = await tx.notification.createMany({
    data: recipients.map((recipient) => ({
      kind,
      recipientId: recipient.id,
      dossierId,
      payload,
      status: recipient.email ? ("pending" as const) : ("in_app" as const),
    })),
  });
  return count;
}

/** Users holding one of `roles` in `unitId`. */
export async function usersWithRole(tx: Tx, roles: Role[], unitId: string): Promise<string[]> {
  const grants = await tx.roleAssignment.findMany({ where: { unitId, role: { in: roles } }, select: { userId: true } });
  return grants.map((grant) => grant.userId);
}

type DossierChange = {
  dossier: { id: string; unitId: string; createdById: string; nomineeName: string };
  movement: { id: string; unitId: string; title: string };
  from: DossierState;
  to: DossierState;
  reason: string | null;
  dueAt: Date | null;
};

/** Who must hear of a transition: the people who act next, or the unit that submitted. */
export async function enqueueDossierNotifications(tx: Tx, change: DossierChange): Promise<number> {
  const { dossier, movement, from, to } = change;
  const payload: Prisma.InputJsonObject = {
    dossierId: dossier.id,
    nomineeName: dossier.nomineeName,
    movementTitle: movement.title,
    state: to,
    reason: change.reason,
    dueAt: change.dueAt?.toISOString() ?? null,
    path: `/ho-so/${dossier.id}`,
  };
  const submitters = async () => [dossier.createdById, ...(await usersWithRole(tx, ["official"], dossier.unitId))];
  const send = async (kind: NotificationKind, recipientIds: string[]) =>
    enqueueNotifications(tx, { kind, recipientIds, dossierId: dossier.id, payload });

  switch (to) {
    case "submitted":
      return send(
        from === "needs_supplement" ? "dossier_resubmitted" : "dossier_submitted",
        await usersWithRole(tx, ["secretary"], movement.unitId),
      );
    case "needs_supplement":
      return send("dossier_returned", await submitters());
    case "council_passed":
      return send("awaiting_signature", await usersWithRole(tx, ["chairman"], movement.unitId));
    case "council_failed":
      return send("dossier_council_failed", await submitters());
    case "approved":
      return send("dossier_approved", await submitters());
    case "rejected":
      return send("dossier_rejected", await submitters());
    case "awarded":
      return send("certificate_issued", await submitters());
    default:
      return 0;
  }
}

// ─── A user's notifications (in the app) ────────────────────────────────────

export const NOTIFICATION_PAGE_SIZE = 20;

/** One page of the user's notifications, newest first, with the counts and whether they have an email. */
export async function listMyNotifications(user: CurrentUser, page: number) {
  const where = { recipientId: user.id };
  const [total, unread, rows, me] = await Promise.all([
    prisma.notification.count({ where }),
    prisma.notification.count({ where: { ...where, readAt: null } }),
    prisma.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * NOTIFICATION_PAGE_SIZE,
      take: NOTIFICATION_PAGE_SIZE,
      select: { id: true, kind: true, payload: true, status: true, createdAt: true, readAt: true },
    }),
    prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true } }),
  ]);
  return { total, unread, rows, hasEmail: Boolean(me.email) };
}

/** The page a notification points to, when it is a path of this site. */
export function notificationPath(payload: unknown): string | null {
  const path = (payload as { path?: unknown } | null)?.path;
  return typeof path === "string" && path.startsWith("/") && !path.startsWith("//") ? path : null;
}

/** Marks the user's notifications read: one (`id`), or all. Only the recipient's own rows: the owner is in the query. */
export async function markNotificationsRead(user: CurrentUser, id: string | "all", now = new Date()): Promise<void> {
  await prisma.notification.updateMany({
    where: { recipientId: user.id, readAt: null, ...(id === "all" ? {} : { id }) },
    data: { readAt: now },
  });
}

/** Where the user's notification `id` points, or null (not theirs, or no link). */
export async function myNotificationPath(user: CurrentUser, id: string): Promise<string | null> {
  const row = await prisma.notification.findFirst({ where: { id, recipientId: user.id }, select: { payload: true } });
  return row ? notificationPath(row.payload) : null;
}

// ─── The outbox as the admin sees it ────────────────────────────────────────

export const OUTBOX_PAGE_SIZE = 50;

/** Rows addressed to users of the units the admin manages (and the units below them). */
function outboxScope(unitIds: string[]): Prisma.NotificationWhereInput {
  return { recipient: { unit: withinUnits(unitIds) } };
}

/** One page of the outbox of `unitIds`, optionally of one status, with the count of each status. */
export async function listOutbox(unitIds: string[], status: NotificationStatus | null, page: number) {
  const where: Prisma.NotificationWhereInput = { ...outboxScope(unitIds), ...(status ? { status } : {}) };
  const [total, counts, rows] = await Promise.all([
    prisma.notification.count({ where }),
    prisma.notification.groupBy({ by: ["status"], where: outboxScope(unitIds), _count: { _all: true } }),
    prisma.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * OUTBOX_PAGE_SIZE,
      take: OUTBOX_PAGE_SIZE,
      select: {
        id: true,
        kind: true,
        payload: true,
        status: true,
        attempts: true,
        nextAttemptAt: true,
        lockedUntil: true,
        sentAt: true,
        lastError: true,
        createdAt: true,
        recipient: { select: { fullName: true, email: true } },
      },
    }),
  ]);
  return {
    total,
    counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Partial<Record<NotificationStatus, number>>,
    rows,
  };
}

/** The rows among `ids` within the admin's units (to show only their .eml files). */
export function outboxRowsIn(unitIds: string[], ids: string[]) {
  return prisma.notification.findMany({
    where: { id: { in: ids }, ...outboxScope(unitIds) },
    select: { id: true, kind: true, payload: true, recipient: { select: { fullName: true, email: true } } },
  });
}

/** "Gửi lại": a failed row of the admin's units goes back to the queue, with the same Message-ID. */
export async function requeueFailed(unitIds: string[], id: string, now = new Date()): Promise<boolean> {
  const { count } = await prisma.notification.updateMany({
    where: { id, status: "failed", ...outboxScope(unitIds) },
    data: { status: "pending", attempts: 0, nextAttemptAt: now },
  });
  return count === 1;
}
