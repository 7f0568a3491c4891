// People with an account (User): what a user changes of their own profile.
import { hashPassword, passwordMatches, type CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { checkRevision, revisionOf } from "~/forms/revision.ts";
import { attempt, refuse, type Result } from "~/utils/result.ts";
import { appendAudit } from "./audit.server.ts";
import { auditChainOf } from "./org-unit.server.ts";

/** What a stale save of an account's forms names: its profile (by the admin or by the user) and its roles. */
export const ACCOUNT_THING = "Thông tin tài khoản";

/** The user's own email, and the version of their account row the form opens at (an admin edits the same row). */
export async function profileEmail(userId: string): Promise<{ email: string | null; revision: string }> {
  const { email, updatedAt } = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, updatedAt: true } });
  return { email, revision: revisionOf(updatedAt) };
}

/**
 * The user's own email for notifications (null: in the app only), audited in the chain of their unit. The
 * account changed since `revision` (an admin edited it) refuses the save (409).
 */
export async function setProfileEmail(
  user: CurrentUser,
  email: string | null,
  { revision, now = new Date() }: { revision?: string | null; now?: Date } = {},
): Promise<Result> {
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${user.id} FOR NO KEY UPDATE`;
      const before = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true, updatedAt: true } });
      checkRevision(revision, before.updatedAt, ACCOUNT_THING);
      if (before.email === email) return { ok: true as const };
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
      return { ok: true as const };
    }),
  );
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
