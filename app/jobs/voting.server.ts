// Voting sessions close at their closing time, and members who have not voted are reminded before.
import { systemActor } from "~/models/dossier.server.ts";
import { enqueueNotifications } from "~/models/notification.server.ts";
import { closeVotingSession } from "~/models/voting.server.ts";
import { prisma } from "~/utils/db.server.ts";

/** Closes every open session whose time is up, as the system. */
export async function closeDueSessions(now = new Date()): Promise<number> {
  const due = await prisma.votingSession.findMany({
    where: { state: "open", mode: "online", closesAt: { lte: now } }, // a paper session closes when its chair confirms the count
    select: { id: true, unitId: true },
    take: 100,
  });
  let closed = 0;
  for (const session of due) {
    const actor = systemActor(session.unitId);
    const result = await closeVotingSession({ actor, userId: null, unitIds: "system" }, session.id, now);
    if (result.ok && !result.alreadyClosed) closed++;
    if (!result.ok) console.error(`Không đóng được phiên bỏ phiếu ${session.id}: ${result.message}`);
  }
  return closed;
}

/** Once per session, `reminderHours` before it closes: each member who still has dossiers to vote on. */
export async function remindMembers(now = new Date()): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const sessions = await tx.$queryRaw<Array<{ id: string; title: string; closesAt: Date; movementTitle: string }>>`
      SELECT s.id, s.title, s."closesAt", m.title AS "movementTitle"
        FROM "VotingSession" s JOIN "Movement" m ON m.id = s."movementId"
       WHERE s.state = 'open' AND s.mode = 'online' AND s."reminderSentAt" IS NULL
         AND s."closesAt" > ${now}
         AND s."closesAt" - make_interval(hours => s."reminderHours") <= ${now}
       FOR UPDATE OF s SKIP LOCKED`;
    let reminded = 0;
    for (const session of sessions) {
      // In sequence: a transaction is one connection.
      const members = await tx.sessionMember.findMany({ where: { sessionId: session.id }, select: { userId: true } });
      const agenda = await tx.sessionDossier.findMany({ where: { sessionId: session.id }, select: { dossierId: true } });
      const recusals = await tx.recusal.findMany({ where: { sessionId: session.id }, select: { dossierId: true, userId: true } });
      const receipts = await tx.ballotReceipt.findMany({ where: { sessionId: session.id }, select: { dossierId: true, userId: true } });
      const done = new Set([...recusals, ...receipts].map((r) => `${r.dossierId}:${r.userId}`));
      const late = members.filter((m) => agenda.some((a) => !done.has(`${a.dossierId}:${m.userId}`))).map((m) => m.userId);
      reminded += await enqueueNotifications(tx, {
        kind: "vote_reminder",
        recipientIds: late,
        payload: {
          sessionId: session.id,
          title: session.title,
          movementTitle: session.movementTitle,
          closesAt: session.closesAt.toISOString(),
          path: `/bo-phieu/${session.id}`,
        },
      });
      await tx.votingSession.update({ where: { id: session.id }, data: { reminderSentAt: now } });
    }
    return reminded;
  });
}
