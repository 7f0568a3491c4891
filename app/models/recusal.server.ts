// Recusal that cannot be forgotten: a council member who is the nominee (the nominee's person is their account)
// or heads the nominee's unit (the unit's head is their person) does not vote on that dossier. Computed from
// the links, never typed in: when a session opens, before each ballot, before counting, and whenever a link
// changes while a session is open (a unit's head, a person's account). Once recorded, a recusal stands for the
// session; a ballot the member had already cast on that dossier is withdrawn with it.
import type { Prisma } from "~/generated/prisma/client.ts";
import { appendAudit } from "./audit.server.ts";
import { ballotKey } from "./ballot-key.server.ts";

type Tx = Prisma.TransactionClient;

export const RECUSAL_REASONS = {
  nominee: "Là người được đề nghị khen thưởng",
  head: "Là người đứng đầu đơn vị của người được đề nghị",
} as const;

export type AutomaticRecusal = { dossierId: string; userId: string; reason: string };

/** The automatic recusals the links call for among `memberIds`, for the given dossiers. */
export async function automaticRecusals(
  tx: Pick<Tx, "dossier">,
  dossierIds: string[],
  memberIds: Set<string>,
): Promise<AutomaticRecusal[]> {
  const dossiers = await tx.dossier.findMany({
    where: { id: { in: dossierIds } },
    select: {
      id: true,
      nominee: { select: { person: { select: { userId: true } }, unit: { select: { head: { select: { userId: true } } } } } },
    },
  });
  return dossiers.flatMap((dossier) => {
    const rows: AutomaticRecusal[] = [];
    const nomineeUser = dossier.nominee.person?.userId ?? null;
    const headUser = dossier.nominee.unit.head?.userId ?? null;
    if (nomineeUser && memberIds.has(nomineeUser))
      rows.push({ dossierId: dossier.id, userId: nomineeUser, reason: RECUSAL_REASONS.nominee });
    if (headUser && headUser !== nomineeUser && memberIds.has(headUser)) {
      rows.push({ dossierId: dossier.id, userId: headUser, reason: RECUSAL_REASONS.head });
    }
    return rows;
  });
}

type Db = Pick<Tx, "votingSession" | "dossier">;

/** The automatic recusals an open session lacks, for `dossierIds` or its whole agenda: reads only. */
export async function missingRecusals(db: Db, sessionId: string, dossierIds?: string[]) {
  const session = await db.votingSession.findUnique({
    where: { id: sessionId },
    select: {
      unitId: true,
      state: true,
      ballotSalt: true,
      members: { select: { userId: true } },
      dossiers: { where: dossierIds ? { dossierId: { in: dossierIds } } : {}, select: { dossierId: true } },
      recusals: { where: dossierIds ? { dossierId: { in: dossierIds } } : {}, select: { dossierId: true, userId: true } },
    },
  });
  if (!session || session.state === "closed" || !session.ballotSalt) return { session: null, missing: [] };
  const wanted = await automaticRecusals(
    db,
    session.dossiers.map((d) => d.dossierId),
    new Set(session.members.map((m) => m.userId)),
  );
  const existing = new Set(session.recusals.map((r) => `${r.dossierId}:${r.userId}`));
  return { session, missing: wanted.filter((r) => !existing.has(`${r.dossierId}:${r.userId}`)) };
}

/**
 * Records the automatic recusals an open session lacks (for `dossierIds`, or every dossier on its agenda),
 * withdrawing any ballot a newly recused member cast on that dossier. Returns the recusals added.
 */
export async function syncRecusals(
  tx: Tx,
  sessionId: string,
  { dossierIds, now = new Date(), actorName = "Hệ thống" }: { dossierIds?: string[]; now?: Date; actorName?: string } = {},
): Promise<AutomaticRecusal[]> {
  const { session, missing } = await missingRecusals(tx, sessionId, dossierIds);
  if (!session?.ballotSalt || missing.length === 0) return [];
  await tx.recusal.createMany({ data: missing.map((r) => ({ ...r, sessionId })), skipDuplicates: true });
  for (const recusal of missing) {
    await tx.ballot.deleteMany({ where: { sessionId, key: ballotKey(session.ballotSalt, recusal.dossierId, recusal.userId) } });
    await tx.ballotReceipt.deleteMany({ where: { sessionId, dossierId: recusal.dossierId, userId: recusal.userId } });
  }
  await appendAudit(
    tx,
    {
      chainId: session.unitId,
      actorId: null,
      actorName,
      action: "session.RECUSE_AUTO",
      entityType: "VotingSession",
      entityId: sessionId,
      data: missing,
    },
    now,
  );
  return missing;
}

/** After a link changed in a commune (a unit's head, a person's account): every open session there catches up. */
export async function syncRecusalsOfOpenSessions(tx: Tx, communeId: string, now = new Date()): Promise<void> {
  const sessions = await tx.votingSession.findMany({ where: { unitId: communeId, state: "open" }, select: { id: true } });
  for (const session of sessions) await syncRecusals(tx, session.id, { now });
}
