// Signed-in browsers (Session rows): the cookie side is app/utils/auth.server.ts; this is what jobs do with the rows.
import { prisma } from "~/utils/db.server.ts";

/** Removes sessions that ended; run by the scheduled jobs. */
export async function purgeExpiredSessions(now = new Date()): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
