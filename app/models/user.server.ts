// People with an account (User): what a user changes of their own profile.
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { appendAudit } from "./audit.server.ts";

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
        chainId: user.unitId,
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
