// Signed-in browsers (Session rows): the cookie side is app/utils/auth.server.ts; this is what jobs do with the rows.
import { prisma } from "~/utils/db.server.ts";

/** A session that expired mid-form may still keep that form's values (app/utils/form-draft.server.ts) this long. */
const KEPT_AFTER_EXPIRY_HOURS = 12;

/** Removes sessions that ended (a while ago: see KEPT_AFTER_EXPIRY_HOURS); run by the scheduled jobs. */
export async function purgeExpiredSessions(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - KEPT_AFTER_EXPIRY_HOURS * 3_600_000);
  const { count } = await prisma.session.deleteMany({ where: { expiresAt: { lte: before } } });
  return count;
}
