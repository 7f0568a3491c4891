// People with an account (User): what a user changes of their own profile.
import { hashPassword, passwordMatches, type CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { refuse, type Result } from "~/utils/result.ts";
import { appendAudit } from "./audit.server.ts";
import { auditChainOf } from "./org-unit.server.ts";

export async function profileEmail(userId: string): Promise<string | null> {
  const { email } = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  return email;
}

/** The user's own email for notifications (null: in the app only), audited in the chain of their unit. */
export async function setProfileEmail(user: CurrentUser, email: string | null, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true } });
    if (before.email === email) return;
    await tx.user.update({ where: { id: user.id }, data: { email } });
    await appendAudit(
      tx,
      {
        chainId: await auditChainOf(tx, user.unitId),
        actorId: user.id,
        actorName: user.fullName,
        action: "user.EMAIL",
        entityType: "User",
        entityId: user.id,
        data: { before: before.email, after: email },
      },
      now,
    );
  });
}

/**
 * The user replaces their password (a temporary one, or their own): the current one must match; the user's
 * other sessions end, the one in use (`keepSessionId`) stays signed in.
 */
export async function changePassword(
  user: CurrentUser,
  { current, next, keepSessionId }: { current: string; next: string; keepSessionId: string | null },
  now = new Date(),
): Promise<Result> {
  if (!(await passwordMatches(user.id, current))) return refuse(422, "Mật khẩu hiện tại không đúng.", "currentPassword");
  const passwordHash = await hashPassword(next);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
    const ended = await tx.session.deleteMany({ where: { userId: user.id, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } });
    await appendAudit(
      tx,
      {
        chainId: await auditChainOf(tx, user.unitId),
        actorId: user.id,
        actorName: user.fullName,
        action: "user.CHANGE_PASSWORD",
        entityType: "User",
        entityId: user.id,
        data: { temporary: user.mustChangePassword, otherSessionsEnded: ended.count },
      },
      now,
    );
  });
  return { ok: true };
}
