// The notification outbox: rows written in the transaction of the change they report,
// delivered after commit by the sender (emails/). A recipient without an email address
// gets the same row in the app instead.
import type { DossierState } from "#machines/index.ts";
import type { Prisma, Role } from "~/generated/prisma/client.ts";

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
  | "session_closed";

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
