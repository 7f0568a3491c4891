// Online secret ballot of the commune's Emulation & Awards Council (docs/decisions/006-secret-ballot.md).
// A session copies the council's rules and members when it opens; members cast one ballot per
// dossier, changeable until it closes; closing counts, and sends each result into the workflow.
import { randomBytes, randomUUID } from "node:crypto";
import {
  COUNCIL_POSITION_LABELS,
  evaluateTally,
  percent,
  sortMembers,
  unmetTargets,
  type Actor,
  type CouncilTally,
} from "#machines/index.ts";
import type { BallotChoice, Prisma } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { database, prisma } from "~/utils/db.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { foldForSearch } from "~/utils/search.ts";
import { Refusal, attempt, refuse, type Result } from "~/utils/result.ts";
import { appendAudit } from "./audit.server.ts";
import { ballotKey } from "./ballot-key.server.ts";
import { eraseOldBallotVersions } from "./ballot-history.server.ts";
import { assignMinutesNumber } from "./council-minutes.server.ts";
import { automaticRecusals, missingRecusals, syncRecusals } from "./recusal.server.ts";
import { unitsWhereRole } from "./org-unit.server.ts";
import { councilInForce } from "./council.server.ts";
import { actorFor, applyDossierEvent } from "./dossier.server.ts";
import { enqueueNotifications, usersWithRole } from "./notification.server.ts";

type Tx = Prisma.TransactionClient;

export type VotingResult<T extends object = object> = Result<T>;

// ─── Opening ────────────────────────────────────────────────────────────────

/** `mode` paper: the council meets and votes on printed sheets (app/models/paper-ballot.server.ts); `closesAt` is the meeting's time. */
export type NewSession = {
  movementId: string;
  dossierIds: string[];
  closesAt: Date;
  title?: string;
  mode?: "online" | "paper";
  place?: string;
};

/** The secretary puts screened dossiers of one movement to the council's vote. */
export async function openVotingSession(
  user: CurrentUser,
  input: NewSession,
  now = new Date(),
): Promise<VotingResult<{ sessionId: string }>> {
  const secretaryUnits = user.grants.filter((grant) => grant.role === "secretary").map((grant) => grant.unitId);
  if (input.dossierIds.length === 0) return refuse(422, "Vui lòng chọn ít nhất một hồ sơ để đưa ra Hội đồng.");
  if (input.closesAt.getTime() <= now.getTime()) return refuse(422, "Thời điểm kết thúc bỏ phiếu phải sau thời điểm hiện tại.");
  const actor = await actorFor(user);
  const paper = input.mode === "paper";

  return attempt(() =>
    prisma.$transaction(
      async (tx) => {
        const movement = await tx.movement.findFirst({
          where: { id: input.movementId, unitId: { in: secretaryUnits } },
          select: { id: true, unitId: true, title: true, year: true },
        });
        if (!movement) throw new Refusal(404, "Không tìm thấy phong trào thi đua.");
        const council = await councilInForce(tx, movement.unitId, now);
        if (!council || council.members.length === 0) {
          throw new Refusal(422, "Xã chưa có Hội đồng Thi đua – Khen thưởng đang trong nhiệm kỳ; vui lòng cập nhật thành phần Hội đồng.");
        }
        const dossiers = await tx.dossier.findMany({
          where: { id: { in: input.dossierIds }, movementId: movement.id, state: "screened" },
          select: { id: true, nominee: { select: { name: true } } },
        });
        if (dossiers.length !== new Set(input.dossierIds).size) {
          throw new Refusal(409, "Có hồ sơ không còn ở trạng thái «Đã thẩm định». Vui lòng tải lại trang và chọn lại.");
        }

        const session = await tx.votingSession.create({
          data: {
            councilId: council.id,
            movementId: movement.id,
            unitId: movement.unitId,
            title: input.title?.trim() || `Xét khen thưởng phong trào “${movement.title}” năm ${movement.year}`,
            mode: paper ? "paper" : "online",
            ...(paper ? { place: input.place?.trim() || "Trụ sở Ủy ban nhân dân xã" } : {}),
            openedAt: now,
            closesAt: input.closesAt,
            quorumNum: council.quorumNum,
            quorumDen: council.quorumDen,
            thresholdNum: council.thresholdNum,
            thresholdDen: council.thresholdDen,
            reminderHours: council.reminderHours,
            // A paper session has no online ballot: without a salt no ballot can be cast in it.
            ballotSalt: paper ? null : randomBytes(32).toString("hex"),
            openedById: user.id,
          },
        });
        await tx.sessionMember.createMany({
          data: council.members.map((member) => ({
            sessionId: session.id,
            userId: member.userId,
            fullName: member.user.fullName,
            position: member.position,
            title: member.title,
          })),
        });
        const memberIds = new Set(council.members.map((member) => member.userId));
        await tx.sessionDossier.createMany({
          data: dossiers.map((dossier) => ({
            sessionId: session.id,
            dossierId: dossier.id,
            position: input.dossierIds.indexOf(dossier.id),
          })),
        });
        // Automatic recusals (recusal.server.ts): the nominee, and the head of the nominee's unit, do not vote on that dossier.
        const recusals = await automaticRecusals(tx, [...dossiers.map((d) => d.id)], memberIds);
        if (recusals.length > 0) await tx.recusal.createMany({ data: recusals.map((r) => ({ ...r, sessionId: session.id })) });

        for (const dossier of dossiers) {
          const result = await applyDossierEvent(tx, {
            dossierId: dossier.id,
            actor,
            command: { type: "OPEN_VOTE", sessionId: session.id },
            now,
          });
          if (!result.ok) throw new Refusal(result.status, `Hồ sơ của ${dossier.nominee.name}: ${result.message}`);
        }
        await appendAudit(
          tx,
          {
            chainId: movement.unitId,
            actorId: user.id,
            actorName: user.fullName,
            action: "session.OPEN",
            entityType: "VotingSession",
            entityId: session.id,
            toState: "open",
            data: {
              mode: paper ? "paper" : "online",
              closesAt: input.closesAt.toISOString(),
              quorum: `${council.quorumNum}/${council.quorumDen}`,
              threshold: `${council.thresholdNum}/${council.thresholdDen}`,
              members: council.members.map((member) => member.user.fullName),
              dossiers: dossiers.map((dossier) => dossier.id),
              recusals: recusals.map((r) => ({ dossierId: r.dossierId, userId: r.userId, reason: r.reason })),
            },
          },
          now,
        );
        // The invitation to vote online; a paper session's members are invited to the meeting as usual.
        if (!paper)
          await enqueueNotifications(tx, {
            kind: "vote_opened",
            recipientIds: [...memberIds],
            payload: {
              sessionId: session.id,
              title: session.title,
              movementTitle: movement.title,
              dossierCount: dossiers.length,
              nomineeNames: dossiers.map((dossier) => dossier.nominee.name),
              closesAt: input.closesAt.toISOString(),
              path: `/bo-phieu/${session.id}`,
            },
          });
        return { ok: true as const, sessionId: session.id };
      },
      { timeout: 30_000 },
    ),
  );
}

// ─── Casting ────────────────────────────────────────────────────────────────

type OpenSession = { id: string; unitId: string; state: "open" | "closed"; closesAt: Date; ballotSalt: string | null };

/** Locks the session for sharing: ballots wait while it is being closed, closing waits for ballots in flight. */
async function lockOpenSession(tx: Tx, sessionId: string, now: Date): Promise<OpenSession & { ballotSalt: string }> {
  const [session] = await tx.$queryRaw<OpenSession[]>`
    SELECT id, "unitId", state::text AS state, "closesAt", "ballotSalt" FROM "VotingSession" WHERE id = ${sessionId} FOR SHARE`;
  if (!session) throw new Refusal(404, "Không tìm thấy phiên bỏ phiếu.");
  if (session.state === "closed" || !session.ballotSalt)
    throw new Refusal(422, "Phiên bỏ phiếu đã kết thúc; không thể bỏ phiếu hoặc thay đổi phiếu.");
  if (now.getTime() >= session.closesAt.getTime()) throw new Refusal(422, "Đã hết thời gian bỏ phiếu của phiên này.");
  return session as OpenSession & { ballotSalt: string };
}

async function requireVoter(tx: Tx, sessionId: string, dossierId: string, userId: string) {
  const member = await tx.sessionMember.findUnique({ where: { sessionId_userId: { sessionId, userId } }, select: { userId: true } });
  if (!member) throw new Refusal(403, "Bạn không phải thành viên Hội đồng của phiên bỏ phiếu này.");
  const onAgenda = await tx.sessionDossier.findUnique({
    where: { sessionId_dossierId: { sessionId, dossierId } },
    select: { dossierId: true },
  });
  if (!onAgenda) throw new Refusal(404, "Hồ sơ này không có trong phiên bỏ phiếu.");
  const recusal = await tx.recusal.findUnique({
    where: { sessionId_dossierId_userId: { sessionId, dossierId, userId } },
    select: { reason: true },
  });
  if (recusal) throw new Refusal(422, `Bạn không tham gia biểu quyết hồ sơ này (${recusal.reason.toLowerCase()}).`);
}

/**
 * The salts of open sessions this server has seen, so that the usual ballot is one statement. Only a hint: the
 * statement writes nothing unless the session is still open under that very salt, so a stale entry (another
 * server closed the session) costs one careful retry, never a wrong ballot. Forgotten at closing here, and
 * the oldest first beyond a bound; closing erases the salt in the database, which is what keeps ballots secret.
 */
const openSalts = new Map<string, string>();
const OPEN_SALTS_KEPT = 1_000;

async function openSalt(sessionId: string): Promise<string | null> {
  const known = openSalts.get(sessionId);
  if (known) return known;
  const [session] = await prisma.$queryRaw<Array<{ ballotSalt: string | null }>>`
    SELECT "ballotSalt" FROM "VotingSession" WHERE id = ${sessionId} AND state = 'open'`;
  const salt = session?.ballotSalt ?? null;
  if (salt) {
    if (openSalts.size >= OPEN_SALTS_KEPT) openSalts.delete(openSalts.keys().next().value!);
    openSalts.set(sessionId, salt);
  }
  return salt;
}

/**
 * The ballot and its receipt written in one statement, under the session's share lock (closing waits for it,
 * and it sees a session closed meanwhile), with the deadline, membership, agenda, recusals and any automatic
 * recusal the links call for (recusal.server.ts) checked in the same statement. False when a check failed:
 * the caller then finds out why.
 *
 * A prepared statement on the same pool, not through Prisma: a council votes at once, and planning this
 * statement anew at every ballot (as Prisma's statements are) cost PostgreSQL five times its execution —
 * 400 ballots/s against 2,000 prepared (bench/RESULTS.md, ballots). On PGlite it waits for any open
 * transaction, as Prisma's statements do.
 */
async function writeBallot(
  { sessionId, dossierId, userId, choice }: { sessionId: string; dossierId: string; userId: string; choice: BallotChoice },
  salt: string,
  now: Date,
): Promise<boolean> {
  const [row] = await database().sql.query<{ cast: number }>(
    WRITE_BALLOT,
    [sessionId, dossierId, userId, salt, now.toISOString(), randomUUID(), ballotKey(salt, dossierId, userId), choice],
    { name: "write-ballot" },
  );
  return row?.cast === 1;
}

const WRITE_BALLOT = `
  WITH open_session AS (
    SELECT id FROM "VotingSession"
    WHERE id = $1 AND state = 'open' AND "ballotSalt" = $4 AND "closesAt" > ($5::timestamptz AT TIME ZONE 'UTC')
    FOR SHARE
  ), allowed AS (
    SELECT 1 FROM open_session s
    WHERE EXISTS (SELECT 1 FROM "SessionMember" m WHERE m."sessionId" = s.id AND m."userId" = $3)
      AND EXISTS (SELECT 1 FROM "SessionDossier" sd WHERE sd."sessionId" = s.id AND sd."dossierId" = $2)
      AND NOT EXISTS (SELECT 1 FROM "Recusal" r WHERE r."sessionId" = s.id AND r."dossierId" = $2 AND r."userId" = $3)
      AND NOT EXISTS (
        SELECT 1
        FROM "Dossier" d
        JOIN "Nominee" n ON n.id = d."nomineeId"
        JOIN "OrgUnit" u ON u.id = n."unitId"
        LEFT JOIN "Person" np ON np.id = n."personId"
        LEFT JOIN "Person" hp ON hp.id = u."headPersonId"
        JOIN "SessionMember" m ON m."sessionId" = s.id AND m."userId" IN (np."userId", hp."userId")
        WHERE d.id = $2
          AND NOT EXISTS (SELECT 1 FROM "Recusal" r WHERE r."sessionId" = s.id AND r."dossierId" = d.id AND r."userId" = m."userId")
      )
  ), receipt AS (
    INSERT INTO "BallotReceipt" ("sessionId", "dossierId", "userId")
    SELECT $1, $2, $3 FROM allowed
    ON CONFLICT DO NOTHING
  ), ballot AS (
    INSERT INTO "Ballot" (id, "sessionId", "dossierId", key, choice)
    SELECT $6, $1, $2, $7, $8::"BallotChoice" FROM allowed
    ON CONFLICT ("sessionId", key) DO UPDATE SET choice = EXCLUDED.choice
    RETURNING 1
  )
  SELECT count(*)::int AS cast FROM ballot`;

/** One ballot per member per dossier: a second one replaces the first until the session closes. */
export async function castBallot(
  user: { id: string },
  { sessionId, dossierId, choice }: { sessionId: string; dossierId: string; choice: BallotChoice },
  now = new Date(),
): Promise<VotingResult> {
  // The usual ballot: one statement (no interactive transaction: a council voting at once must not queue for
  // the pool). Anything unusual takes the careful path below, which says why it refuses.
  const salt = await openSalt(sessionId);
  if (salt && (await writeBallot({ sessionId, dossierId, userId: user.id, choice }, salt, now))) return { ok: true };
  openSalts.delete(sessionId);
  // The links may have changed since the session opened (a unit's head, a person's account). A recusal they
  // call for is recorded in its own transaction, so that it stands although this ballot is then refused.
  // (A link changed after this read is caught at closing.)
  if ((await missingRecusals(prisma, sessionId, [dossierId])).missing.length > 0) {
    await prisma.$transaction((tx) => syncRecusals(tx, sessionId, { dossierIds: [dossierId], now }));
  }
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      const session = await lockOpenSession(tx, sessionId, now);
      await requireVoter(tx, sessionId, dossierId, user.id);
      const key = ballotKey(session.ballotSalt, dossierId, user.id);
      await tx.$executeRaw`
        INSERT INTO "BallotReceipt" ("sessionId", "dossierId", "userId") VALUES (${sessionId}, ${dossierId}, ${user.id})
        ON CONFLICT DO NOTHING`;
      await tx.$executeRaw`
        INSERT INTO "Ballot" (id, "sessionId", "dossierId", key, choice) VALUES (${randomUUID()}, ${sessionId}, ${dossierId}, ${key}, ${choice}::"BallotChoice")
        ON CONFLICT ("sessionId", key) DO UPDATE SET choice = EXCLUDED.choice`;
      return { ok: true as const };
    }),
  );
}

/** A member declares a conflict of interest on a dossier: any ballot of theirs on it is withdrawn. */
export async function declareRecusal(
  user: CurrentUser,
  { sessionId, dossierId, reason }: { sessionId: string; dossierId: string; reason: string },
  now = new Date(),
): Promise<VotingResult> {
  if (!reason.trim()) return refuse(422, "Vui lòng ghi rõ lý do không tham gia biểu quyết.");
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      const session = await lockOpenSession(tx, sessionId, now);
      await requireVoter(tx, sessionId, dossierId, user.id);
      const key = ballotKey(session.ballotSalt, dossierId, user.id);
      await tx.ballot.deleteMany({ where: { sessionId, key } });
      await tx.ballotReceipt.deleteMany({ where: { sessionId, dossierId, userId: user.id } });
      await tx.recusal.create({ data: { sessionId, dossierId, userId: user.id, reason: reason.trim(), declared: true } });
      await appendAudit(
        tx,
        {
          chainId: session.unitId,
          actorId: user.id,
          actorName: user.fullName,
          action: "session.RECUSE",
          entityType: "VotingSession",
          entityId: sessionId,
          reason: reason.trim(),
          data: { dossierId },
        },
        now,
      );
      return { ok: true as const };
    }),
  );
}

// ─── Closing ────────────────────────────────────────────────────────────────

export type DossierTally = CouncilTally & { dossierId: string; disagree: number; passed: boolean };

/** Counts one session's ballots per dossier: recused members are out of the denominator. */
async function countSession(
  tx: Tx,
  session: { id: string; quorumNum: number; quorumDen: number; thresholdNum: number; thresholdDen: number },
) {
  // In sequence: a transaction is one connection.
  const members = await tx.sessionMember.findMany({ where: { sessionId: session.id }, select: { userId: true } });
  const agenda = await tx.sessionDossier.findMany({
    where: { sessionId: session.id },
    orderBy: { position: "asc" },
    select: { dossierId: true },
  });
  const recusals = await tx.recusal.findMany({ where: { sessionId: session.id }, select: { dossierId: true, userId: true } });
  const receipts = await tx.ballotReceipt.groupBy({ by: ["dossierId"], where: { sessionId: session.id }, _count: { _all: true } });
  const ballots = await tx.ballot.groupBy({ by: ["dossierId", "choice"], where: { sessionId: session.id }, _count: { _all: true } });
  return agenda.map(({ dossierId }): DossierTally => {
    const recused = recusals.filter((r) => r.dossierId === dossierId).length;
    const count = (choice: BallotChoice) => ballots.find((b) => b.dossierId === dossierId && b.choice === choice)?._count._all ?? 0;
    const tally: CouncilTally = {
      members: members.length - recused,
      voted: receipts.find((r) => r.dossierId === dossierId)?._count._all ?? 0,
      agree: count("agree"),
      quorum: { num: session.quorumNum, den: session.quorumDen },
      threshold: { num: session.thresholdNum, den: session.thresholdDen },
    };
    return { ...tally, dossierId, disagree: count("disagree"), passed: evaluateTally(tally).passed };
  });
}

/**
 * Closes a session (the secretary, or the job at the closing time): counts, records the results,
 * moves every dossier to council_passed / council_failed, all in one transaction. Closing twice is harmless.
 */
export async function closeVotingSession(
  closer: { actor: Actor; userId: string | null; unitIds: string[] | "system" },
  sessionId: string,
  now = new Date(),
): Promise<VotingResult<{ alreadyClosed: boolean; tallies: DossierTally[] }>> {
  openSalts.delete(sessionId);
  const closed = await attempt<{ alreadyClosed: boolean; tallies: DossierTally[] }>(() =>
    prisma.$transaction(
      async (tx): Promise<VotingResult<{ alreadyClosed: boolean; tallies: DossierTally[] }>> => {
        const [session] = await tx.$queryRaw<
          Array<{
            id: string;
            unitId: string;
            state: string;
            title: string;
            movementId: string;
            quorumNum: number;
            quorumDen: number;
            thresholdNum: number;
            thresholdDen: number;
            mode: string;
          }>
        >`SELECT id, "unitId", state::text AS state, title, "movementId", "quorumNum", "quorumDen", "thresholdNum", "thresholdDen", mode::text AS mode
            FROM "VotingSession" WHERE id = ${sessionId} FOR UPDATE`;
        if (!session || (closer.unitIds !== "system" && !closer.unitIds.includes(session.unitId))) {
          throw new Refusal(404, "Không tìm thấy phiên bỏ phiếu.");
        }
        if (session.state === "closed") return { ok: true as const, alreadyClosed: true, tallies: [] };
        if (session.mode === "paper") {
          throw new Refusal(409, "Phiên bỏ phiếu giấy kết thúc khi Chủ tịch Hội đồng xác nhận kết quả kiểm phiếu.");
        }

        await syncRecusals(tx, sessionId, { now });
        const tallies = await countSession(tx, session);
        for (const tally of tallies) {
          const { dossierId, disagree, passed, ...council } = tally;
          await tx.sessionDossier.update({
            where: { sessionId_dossierId: { sessionId, dossierId } },
            data: { entitled: council.members, voted: council.voted, agree: council.agree, disagree, passed },
          });
          const result = await applyDossierEvent(tx, {
            dossierId,
            actor: closer.actor,
            command: { type: "CLOSE_VOTE", tally: council },
            now,
          });
          if (!result.ok) throw new Refusal(result.status, result.message);
        }
        await tx.votingSession.update({
          where: { id: sessionId },
          data: { state: "closed", closedAt: now, closedById: closer.userId, ballotSalt: null },
        });
        await assignMinutesNumber(tx, { sessionId, unitId: session.unitId, actorId: closer.userId, actorName: closer.actor.name }, now);
        await shuffleBallots(tx, sessionId);
        await appendAudit(
          tx,
          {
            chainId: session.unitId,
            actorId: closer.userId,
            actorName: closer.actor.name,
            action: "session.CLOSE",
            entityType: "VotingSession",
            entityId: sessionId,
            fromState: "open",
            toState: "closed",
            data: tallies.map((t) => ({
              dossierId: t.dossierId,
              entitled: t.members,
              voted: t.voted,
              agree: t.agree,
              disagree: t.disagree,
              passed: t.passed,
            })),
          },
          now,
        );
        const movement = await tx.movement.findUniqueOrThrow({ where: { id: session.movementId }, select: { title: true } });
        const nominees = await tx.dossier.findMany({
          where: { id: { in: tallies.map((t) => t.dossierId) } },
          select: { id: true, dueAt: true, nominee: { select: { name: true } } },
        });
        const nomineeOf = new Map(nominees.map((d) => [d.id, d]));
        const decisionDue = nominees
          .map((d) => d.dueAt)
          .filter((d): d is Date => d !== null)
          .sort((a, b) => a.getTime() - b.getTime())[0];
        await enqueueNotifications(tx, {
          kind: "session_closed",
          recipientIds: await usersWithRole(tx, ["secretary", "chairman"], session.unitId),
          payload: {
            sessionId,
            title: session.title,
            movementTitle: movement.title,
            closesAt: now.toISOString(),
            passed: tallies.filter((t) => t.passed).length,
            failed: tallies.filter((t) => !t.passed).length,
            results: tallies.map((t) => ({
              nomineeName: nomineeOf.get(t.dossierId)?.nominee.name ?? "",
              passed: t.passed,
              agree: t.agree,
              voted: t.voted,
              members: t.members,
            })),
            dueAt: decisionDue?.toISOString() ?? null,
            path: `/bo-phieu/${sessionId}`,
          },
        });
        return { ok: true as const, alreadyClosed: false, tallies };
      },
      { timeout: 60_000 },
    ),
  );
  // Once committed: the rows' versions from before the close (keys, salt) leave the tables' files too.
  if (closed.ok && !closed.alreadyClosed) await eraseOldBallotVersions();
  return closed;
}

/**
 * After counting, the ballots are written again in random order, without keys: neither a key nor
 * the rows' physical order can then be matched with the receipts.
 */
async function shuffleBallots(tx: Tx, sessionId: string): Promise<void> {
  const ballots = await tx.ballot.findMany({ where: { sessionId }, select: { dossierId: true, choice: true } });
  await tx.ballot.deleteMany({ where: { sessionId } });
  const shuffled = ballots
    .map((ballot) => ({ ballot, order: randomBytes(4).readUInt32BE() }))
    .sort((a, b) => a.order - b.order)
    .map(({ ballot }, index) => ({
      id: randomUUID(),
      sessionId,
      dossierId: ballot.dossierId,
      key: `closed-${index}`,
      choice: ballot.choice,
    }));
  if (shuffled.length > 0) await tx.ballot.createMany({ data: shuffled });
}

/** The closing secretary as a `closer`. */
export async function secretaryCloser(user: CurrentUser) {
  return {
    actor: await actorFor(user),
    userId: user.id,
    unitIds: user.grants.filter((grant) => grant.role === "secretary").map((grant) => grant.unitId),
  };
}

// ─── Who sees what of a session ─────────────────────────────────────────────

export const SESSION_PAGE_SIZE = 20;

/** Sessions a person takes part in (as a member) or runs (secretary, chairman), open ones first, newest first. */
export async function listVotingSessions(user: CurrentUser, page: number) {
  const where: Prisma.VotingSessionWhereInput = {
    OR: [{ members: { some: { userId: user.id } } }, { unitId: { in: unitsWhereRole(user, "secretary", "chairman", "vice_chairman") } }],
  };
  const [total, sessions] = await Promise.all([
    prisma.votingSession.count({ where }),
    prisma.votingSession.findMany({
      where,
      orderBy: [{ state: "desc" }, { closesAt: "desc" }],
      skip: (page - 1) * SESSION_PAGE_SIZE,
      take: SESSION_PAGE_SIZE,
      select: {
        id: true,
        title: true,
        state: true,
        closesAt: true,
        _count: { select: { dossiers: true } },
        receipts: { where: { userId: user.id }, select: { dossierId: true } },
        recusals: { where: { userId: user.id }, select: { dossierId: true } },
      },
    }),
  ]);
  return { total, sessions };
}

/** What the secretary chooses from to open a session: the movements taking dossiers, and the chosen one's screened dossiers and council. */
export async function votingSessionChoices(user: CurrentUser, movementId: string | null) {
  const movements = await prisma.movement.findMany({
    where: { unitId: { in: unitsWhereRole(user, "secretary") }, state: { in: ["open", "closed"] } },
    orderBy: [{ year: "desc" }, { createdAt: "desc" }],
    select: { id: true, title: true, year: true, unitId: true, _count: { select: { dossiers: { where: { state: "screened" } } } } },
  });
  const chosen = movements.find((m) => m.id === movementId) ?? null;
  const [dossiers, council] = chosen
    ? await Promise.all([
        prisma.dossier.findMany({
          where: { movementId: chosen.id, state: "screened" },
          orderBy: { updatedAt: "asc" },
          take: 200,
          select: {
            id: true,
            nominee: { select: { name: true, position: true, person: { select: { userId: true } } } },
            unit: { select: { name: true } },
          },
        }),
        councilInForce(prisma, chosen.unitId),
      ])
    : [[], null];
  return { movements, chosen, dossiers, council, ...(await recusalPreview(dossiers, council)) };
}

/**
 * What the secretary must see before opening a session: the recusals the links will record, and the members
 * whose name is the name of a nominee who is linked to no account (tone-insensitive) — maybe the same person,
 * whom only a link in the register (the person's account, or the unit's head) would recuse.
 */
async function recusalPreview(
  dossiers: Array<{ id: string; nominee: { name: string; person: { userId: string | null } | null } }>,
  council: Awaited<ReturnType<typeof councilInForce>>,
) {
  if (!council || dossiers.length === 0) return { recusals: [], nameMatches: [] };
  const memberIds = new Set(council.members.map((m) => m.userId));
  const names = new Map(council.members.map((m) => [m.userId, m.user.fullName]));
  const nomineeOf = new Map(dossiers.map((d) => [d.id, d.nominee.name]));
  const recusals = (
    await automaticRecusals(
      prisma,
      dossiers.map((d) => d.id),
      memberIds,
    )
  ).map((r) => ({
    ...r,
    memberName: names.get(r.userId) ?? "",
    nomineeName: nomineeOf.get(r.dossierId) ?? "",
  }));
  const nameMatches = dossiers.flatMap((dossier) => {
    if (dossier.nominee.person?.userId) return [];
    const folded = foldForSearch(dossier.nominee.name);
    return council.members
      .filter((member) => foldForSearch(member.user.fullName) === folded)
      .map((member) => ({ dossierId: dossier.id, nomineeName: dossier.nominee.name, memberName: member.user.fullName }));
  });
  return { recusals, nameMatches };
}

/**
 * A voting session as the person looking at it may see it. Members see whether THEY voted on each
 * dossier (never how), the secretary sees who has not voted yet, and nobody sees counts before closing.
 */
export async function viewVotingSession(user: CurrentUser, sessionId: string, now = new Date()) {
  const session = await prisma.votingSession.findFirst({
    where: {
      id: sessionId,
      OR: [{ members: { some: { userId: user.id } } }, { unitId: { in: unitsWhereRole(user, "secretary", "chairman", "vice_chairman") } }],
    },
    select: {
      id: true,
      title: true,
      place: true,
      mode: true,
      countedAt: true,
      minutesNumber: true,
      state: true,
      unitId: true,
      openedAt: true,
      closesAt: true,
      closedAt: true,
      quorumNum: true,
      quorumDen: true,
      thresholdNum: true,
      thresholdDen: true,
      movement: { select: { id: true, title: true, year: true } },
      members: { select: { userId: true, fullName: true, position: true, title: true } },
      recusals: { select: { userId: true, dossierId: true, reason: true } },
      receipts: { select: { userId: true, dossierId: true } },
      dossiers: {
        orderBy: { position: "asc" },
        select: {
          dossierId: true,
          entitled: true,
          voted: true,
          agree: true,
          disagree: true,
          passed: true,
          dossier: {
            select: {
              nominee: { select: { name: true, position: true, subjectKind: true } },
              unit: { select: { name: true } },
              figures: { select: { targetId: true, value: true, notApplicable: true } },
              movement: {
                select: {
                  targets: {
                    select: { id: true, label: true, comparator: true, threshold: true, unit: true, optional: true, appliesTo: true },
                  },
                },
              },
            },
          },
        },
      },
    },
  });
  if (!session) return null;

  const closed = session.state === "closed";
  const isMember = session.members.some((m) => m.userId === user.id);
  const isSecretary = unitsWhereRole(user, "secretary").includes(session.unitId);
  const mine = <T extends { userId: string; dossierId: string }>(list: T[], dossierId: string) =>
    list.find((item) => item.userId === user.id && item.dossierId === dossierId);

  return {
    id: session.id,
    title: session.title,
    place: session.place,
    paper: session.mode === "paper",
    counted: session.countedAt !== null,
    minutesNumber: session.minutesNumber,
    closed,
    // A paper session takes no online ballot; it closes when the chair confirms the count.
    open: !closed && session.mode === "online" && now.getTime() < session.closesAt.getTime(),
    movement: session.movement,
    openedAt: formatDateTime(session.openedAt),
    closesAt: formatDateTime(session.closesAt),
    closedAt: session.closedAt ? formatDateTime(session.closedAt) : null,
    rules: `Bỏ phiếu kín; hợp lệ khi có ít nhất ${session.quorumNum}/${session.quorumDen} số thành viên có quyền biểu quyết tham gia; đề nghị khen thưởng khi có từ ${percent(session.thresholdNum, session.thresholdDen)} số thành viên có quyền biểu quyết đồng ý.`,
    isMember,
    isSecretary,
    isChairman: unitsWhereRole(user, "chairman").includes(session.unitId),
    members: sortMembers(session.members).map((member) => ({
      fullName: member.fullName,
      position: COUNCIL_POSITION_LABELS[member.position],
      // Who has voted is not secret (it drives reminders); what they voted is.
      votedOn: isSecretary || closed ? session.receipts.filter((r) => r.userId === member.userId).length : null,
      entitledTo: session.dossiers.length - session.recusals.filter((r) => r.userId === member.userId).length,
    })),
    dossiers: session.dossiers.map((item) => {
      const recusal = mine(session.recusals, item.dossierId);
      const tally = {
        members: item.entitled ?? 0,
        voted: item.voted ?? 0,
        agree: item.agree ?? 0,
        quorum: { num: session.quorumNum, den: session.quorumDen },
        threshold: { num: session.thresholdNum, den: session.thresholdDen },
      };
      return {
        id: item.dossierId,
        nominee: item.dossier.nominee.name,
        position: item.dossier.nominee.position,
        unit: item.dossier.unit.name,
        unmet: unmetTargets(item.dossier.movement.targets, item.dossier.figures, item.dossier.nominee.subjectKind),
        recusedReason: recusal ? recusal.reason : null,
        iVoted: Boolean(mine(session.receipts, item.dossierId)),
        // Counts exist only once the session is closed.
        result: closed
          ? {
              ...tally,
              disagree: item.disagree ?? 0,
              share: percent(tally.agree, tally.members),
              passed: Boolean(item.passed),
              quorumMet: evaluateTally(tally).quorumMet,
            }
          : null,
      };
    }),
  };
}
