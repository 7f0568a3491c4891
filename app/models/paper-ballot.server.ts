// Paper ballots at a council meeting (docs/decisions/016-minutes-and-paper-ballots.md): the secretary takes
// attendance, prints the secret ballot sheets, enters what was counted; the chair confirms, and the session
// closes with the same judgement as an online one (machines/tally.ts).
import {
  COUNCIL_POSITION_LABELS,
  evaluateTally,
  paperCountProblem,
  paperTally,
  sortMembers,
  type CouncilTally,
  type PaperCount,
} from "#machines/index.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { Refusal, attempt, refuse, type Result } from "~/utils/result.ts";
import { appendAudit } from "./audit.server.ts";
import { assignMinutesNumber } from "./council-minutes.server.ts";
import { applyDossierEvent, systemActor } from "./dossier.server.ts";
import { enqueueNotifications, usersWithRole } from "./notification.server.ts";
import { unitsWhereRole } from "./org-unit.server.ts";
import { missingRecusals } from "./recusal.server.ts";

type Tx = Prisma.TransactionClient;
type Db = Tx | typeof prisma;

export type DossierCount = PaperCount & { dossierId: string };

// ─── Reading ────────────────────────────────────────────────────────────────

async function loadPaperSession(db: Db, sessionId: string, unitIds: string[]) {
  return db.votingSession.findFirst({
    where: { id: sessionId, mode: "paper", unitId: { in: unitIds } },
    select: {
      id: true,
      unitId: true,
      title: true,
      place: true,
      state: true,
      openedAt: true,
      closesAt: true,
      closedAt: true,
      countedAt: true,
      countedById: true,
      quorumNum: true,
      quorumDen: true,
      thresholdNum: true,
      thresholdDen: true,
      movementId: true,
      movement: { select: { title: true, year: true, unit: { select: { name: true, placeName: true } } } },
      council: { select: { name: true } },
      members: { select: { userId: true, fullName: true, position: true, title: true, present: true } },
      recusals: { select: { userId: true, dossierId: true, reason: true } },
      dossiers: {
        orderBy: { position: "asc" },
        select: {
          dossierId: true,
          issued: true,
          voted: true,
          valid: true,
          agree: true,
          disagree: true,
          dossier: { select: { nominee: { select: { name: true, position: true } }, unit: { select: { name: true } } } },
        },
      },
    },
  });
}

type PaperSession = NonNullable<Awaited<ReturnType<typeof loadPaperSession>>>;

/** Per dossier: the members present who may vote on it — the sheets handed out for it. */
function sheetsPerDossier(session: Pick<PaperSession, "members" | "recusals" | "dossiers">) {
  const present = session.members.filter((m) => m.present === true).map((m) => m.userId);
  return new Map(
    session.dossiers.map((item) => {
      const recused = new Set(session.recusals.filter((r) => r.dossierId === item.dossierId).map((r) => r.userId));
      return [item.dossierId, present.filter((userId) => !recused.has(userId))];
    }),
  );
}

function entitledOn(session: Pick<PaperSession, "members" | "recusals">, dossierId: string): number {
  return session.members.length - session.recusals.filter((r) => r.dossierId === dossierId).length;
}

function attendanceTaken(session: Pick<PaperSession, "members">): boolean {
  return session.members.every((m) => m.present !== null);
}

/** The counting page: for the secretary of the session's commune and its chairman. */
export async function viewPaperCount(user: CurrentUser, sessionId: string) {
  const session = await loadPaperSession(prisma, sessionId, unitsWhereRole(user, "secretary", "chairman"));
  if (!session) return null;
  const sheets = sheetsPerDossier(session);
  const countedBy = session.countedById
    ? await prisma.user.findUnique({ where: { id: session.countedById }, select: { fullName: true } })
    : null;
  return {
    id: session.id,
    title: session.title,
    place: session.place,
    open: session.state === "open",
    isSecretary: unitsWhereRole(user, "secretary").includes(session.unitId),
    isChairman: unitsWhereRole(user, "chairman").includes(session.unitId),
    attendanceTaken: attendanceTaken(session),
    counted: session.countedAt ? { at: formatDateTime(session.countedAt), by: countedBy?.fullName ?? "" } : null,
    members: sortMembers(session.members).map((m) => ({
      userId: m.userId,
      fullName: m.fullName,
      position: COUNCIL_POSITION_LABELS[m.position],
      present: m.present,
    })),
    dossiers: session.dossiers.map((item) => ({
      dossierId: item.dossierId,
      nominee: item.dossier.nominee.name,
      unit: item.dossier.unit.name,
      entitled: entitledOn(session, item.dossierId),
      sheets: sheets.get(item.dossierId)?.length ?? 0,
      recused: session.recusals
        .filter((r) => r.dossierId === item.dossierId)
        .map((r) => `${session.members.find((m) => m.userId === r.userId)?.fullName ?? ""} (${r.reason.toLowerCase()})`),
      count:
        item.issued === null
          ? null
          : {
              issued: item.issued,
              returned: item.voted ?? 0,
              valid: item.valid ?? 0,
              agree: item.agree ?? 0,
              disagree: item.disagree ?? 0,
            },
    })),
  };
}

/**
 * The ballot sheets to print. Dossiers whose voters are the same members share one kind of sheet, printed once
 * per voter: every sheet of a kind is identical, so no sheet tells who filled it in, and a member recused from
 * a dossier never holds a sheet for it.
 */
export async function ballotSheets(user: CurrentUser, sessionId: string): Promise<Result<{ sheets: BallotSheets }>> {
  const session = await loadPaperSession(prisma, sessionId, unitsWhereRole(user, "secretary"));
  if (!session) return refuse(404, "Không tìm thấy phiên bỏ phiếu giấy.");
  if (!attendanceTaken(session)) return refuse(409, "Vui lòng điểm danh thành viên có mặt trước khi in phiếu bầu.");
  const voters = sheetsPerDossier(session);
  const kinds = new Map<string, { voterIds: string[]; dossiers: Array<{ nominee: string; detail: string }> }>();
  for (const item of session.dossiers) {
    const ids = voters.get(item.dossierId) ?? [];
    if (ids.length === 0) continue;
    const key = [...ids].sort().join(",");
    const kind = kinds.get(key) ?? { voterIds: ids, dossiers: [] };
    const nominee = item.dossier.nominee;
    kind.dossiers.push({ nominee: nominee.name, detail: [nominee.position, item.dossier.unit.name].filter(Boolean).join(", ") });
    kinds.set(key, kind);
  }
  const names = new Map(session.members.map((m) => [m.userId, m.fullName]));
  return {
    ok: true,
    sheets: {
      communeName: session.movement.unit.name,
      councilName: session.council.name,
      title: session.title,
      movement: `${session.movement.title}” năm ${session.movement.year}`,
      meetingAt: session.closesAt,
      place: session.movement.unit.placeName ?? session.movement.unit.name,
      kinds: [...kinds.values()].map((kind) => ({
        copies: kind.voterIds.length,
        // For the secretary's cover page only: never printed on a sheet.
        handTo: sortMembers(session.members.filter((m) => kind.voterIds.includes(m.userId))).map((m) => names.get(m.userId) ?? ""),
        dossiers: kind.dossiers,
      })),
    },
  };
}

export type BallotSheets = {
  communeName: string;
  councilName: string;
  title: string;
  movement: string;
  meetingAt: Date;
  place: string;
  kinds: Array<{ copies: number; handTo: string[]; dossiers: Array<{ nominee: string; detail: string }> }>;
};

// ─── The secretary: attendance and counts ───────────────────────────────────

/** Locks an open paper session of the user's commune (as `role`) for the change. */
async function lockPaperSession(tx: Tx, user: CurrentUser, sessionId: string, role: "secretary" | "chairman") {
  const [row] = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM "VotingSession" WHERE id = ${sessionId} AND mode = 'paper' FOR UPDATE`;
  const session = row ? await loadPaperSession(tx, sessionId, unitsWhereRole(user, role)) : null;
  if (!session) throw new Refusal(404, "Không tìm thấy phiên bỏ phiếu giấy.");
  if (session.state !== "open") throw new Refusal(409, "Phiên bỏ phiếu đã kết thúc; kết quả không thể thay đổi.");
  return session;
}

/** Who is at the meeting. Changing it clears counts already entered: the sheets handed out change with it. */
export async function recordAttendance(
  user: CurrentUser,
  { sessionId, presentIds }: { sessionId: string; presentIds: string[] },
  now = new Date(),
): Promise<Result> {
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      const session = await lockPaperSession(tx, user, sessionId, "secretary");
      const memberIds = new Set(session.members.map((m) => m.userId));
      if (presentIds.some((id) => !memberIds.has(id))) throw new Refusal(422, "Có người được chọn không phải thành viên của phiên họp.");
      const present = new Set(presentIds);
      for (const member of session.members) {
        await tx.sessionMember.update({
          where: { sessionId_userId: { sessionId, userId: member.userId } },
          data: { present: present.has(member.userId) },
        });
      }
      const changed = session.members.some((m) => m.present !== present.has(m.userId));
      if (changed && session.countedAt) await clearCounts(tx, sessionId);
      await appendAudit(
        tx,
        {
          chainId: session.unitId,
          actorId: user.id,
          actorName: user.fullName,
          action: "session.ATTENDANCE",
          entityType: "VotingSession",
          entityId: sessionId,
          data: {
            present: session.members.filter((m) => present.has(m.userId)).map((m) => m.fullName),
            absent: session.members.filter((m) => !present.has(m.userId)).map((m) => m.fullName),
            countsCleared: changed && session.countedAt !== null,
          },
        },
        now,
      );
      return { ok: true as const };
    }),
  );
}

async function clearCounts(tx: Tx, sessionId: string) {
  await tx.sessionDossier.updateMany({
    where: { sessionId },
    data: { issued: null, voted: null, valid: null, agree: null, disagree: null },
  });
  await tx.votingSession.update({ where: { id: sessionId }, data: { countedAt: null, countedById: null } });
}

/** Why the counts cannot stand against the session (attendance, recusals), or null. */
function countsProblem(session: PaperSession, counts: DossierCount[]): string | null {
  if (!attendanceTaken(session)) return "Vui lòng điểm danh thành viên có mặt trước khi nhập kết quả kiểm phiếu.";
  const sheets = sheetsPerDossier(session);
  const agenda = new Set(session.dossiers.map((d) => d.dossierId));
  if (counts.length !== agenda.size || counts.some((c) => !agenda.has(c.dossierId))) {
    return "Vui lòng nhập kết quả cho đúng và đủ các hồ sơ của phiên.";
  }
  for (const count of counts) {
    const problem = paperCountProblem(count, sheets.get(count.dossierId)?.length ?? 0);
    if (problem) {
      const nominee = session.dossiers.find((d) => d.dossierId === count.dossierId)!.dossier.nominee.name;
      return `Hồ sơ của ${nominee}: ${problem.message}`;
    }
  }
  return null;
}

/**
 * The secretary enters (or corrects) the counted sheets of every dossier; nothing closes until the chair confirms.
 * The chairman is told, in the same transaction, that a count awaits confirmation.
 */
export async function recordPaperCounts(
  user: CurrentUser,
  { sessionId, counts }: { sessionId: string; counts: DossierCount[] },
  now = new Date(),
): Promise<Result> {
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      const session = await lockPaperSession(tx, user, sessionId, "secretary");
      const problem = countsProblem(session, counts);
      if (problem) throw new Refusal(422, problem);
      for (const count of counts) {
        await tx.sessionDossier.update({
          where: { sessionId_dossierId: { sessionId, dossierId: count.dossierId } },
          data: { issued: count.issued, voted: count.returned, valid: count.valid, agree: count.agree, disagree: count.disagree },
        });
      }
      await tx.votingSession.update({ where: { id: sessionId }, data: { countedAt: now, countedById: user.id } });
      await enqueueNotifications(tx, {
        kind: "paper_count_entered",
        recipientIds: await usersWithRole(tx, ["chairman"], session.unitId),
        payload: {
          sessionId,
          title: session.title,
          movementTitle: session.movement.title,
          countedBy: user.fullName,
          countedAt: now.toISOString(),
          corrected: session.countedAt !== null,
          results: counts.map((count) => ({
            nomineeName: session.dossiers.find((d) => d.dossierId === count.dossierId)!.dossier.nominee.name,
            issued: count.issued,
            returned: count.returned,
            valid: count.valid,
            agree: count.agree,
            disagree: count.disagree,
          })),
          path: `/bo-phieu/${sessionId}/kiem-phieu`,
        },
      });
      await appendAudit(
        tx,
        {
          chainId: session.unitId,
          actorId: user.id,
          actorName: user.fullName,
          action: "session.COUNT",
          entityType: "VotingSession",
          entityId: sessionId,
          data: counts.map(({ dossierId, issued, returned, valid, agree, disagree }) => ({
            dossierId,
            issued,
            returned,
            valid,
            agree,
            disagree,
          })),
        },
        now,
      );
      return { ok: true as const };
    }),
  );
}

// ─── The chair: confirming closes the session ───────────────────────────────

/** When the first of the dossiers is due for the decision (the closing email says so). */
async function earliestDue(tx: Tx, dossierIds: string[]): Promise<string | null> {
  const first = await tx.dossier.findFirst({
    where: { id: { in: dossierIds }, dueAt: { not: null } },
    orderBy: { dueAt: "asc" },
    select: { dueAt: true },
  });
  return first?.dueAt?.toISOString() ?? null;
}

export type PaperTally = CouncilTally & { dossierId: string; disagree: number; passed: boolean };

/**
 * The chairman confirms the counts: in one transaction the recusals the links call for are recorded (a new one
 * can make the counts impossible: then nothing closes), each dossier is judged by `evaluateTally`, moved to
 * council_passed / council_failed, the minutes are numbered and the session closes.
 */
export async function confirmPaperCounts(
  user: CurrentUser,
  sessionId: string,
  now = new Date(),
): Promise<Result<{ tallies: PaperTally[] }>> {
  return attempt(() =>
    prisma.$transaction(
      async (tx) => {
        let session = await lockPaperSession(tx, user, sessionId, "chairman");
        // The dossiers' CLOSE_VOTE is the system's, as when an online session closes; the chair is on the session's record.
        const actor = { ...systemActor(session.unitId), name: `Hệ thống (kết quả kiểm phiếu do ${user.fullName} xác nhận)` };
        if (!session.countedAt) throw new Refusal(409, "Thư ký chưa nhập kết quả kiểm phiếu.");
        const { missing } = await missingRecusals(tx, sessionId);
        if (missing.length > 0) {
          await tx.recusal.createMany({ data: missing.map((r) => ({ ...r, sessionId })), skipDuplicates: true });
          await appendAudit(
            tx,
            {
              chainId: session.unitId,
              actorId: null,
              actorName: "Hệ thống",
              action: "session.RECUSE_AUTO",
              entityType: "VotingSession",
              entityId: sessionId,
              data: missing,
            },
            now,
          );
          session = (await loadPaperSession(tx, sessionId, [session.unitId]))!;
        }
        const counts = session.dossiers.map((item) => ({
          dossierId: item.dossierId,
          issued: item.issued ?? 0,
          returned: item.voted ?? 0,
          valid: item.valid ?? 0,
          agree: item.agree ?? 0,
          disagree: item.disagree ?? 0,
        }));
        const problem = countsProblem(session, counts);
        if (problem) throw new Refusal(409, `${problem} Thư ký cần nhập lại kết quả kiểm phiếu trước khi xác nhận.`);

        const tallies: PaperTally[] = counts.map((count) => {
          const tally = paperTally(count, {
            members: entitledOn(session, count.dossierId),
            quorum: { num: session.quorumNum, den: session.quorumDen },
            threshold: { num: session.thresholdNum, den: session.thresholdDen },
          });
          return { ...tally, dossierId: count.dossierId, disagree: count.disagree, passed: evaluateTally(tally).passed };
        });
        for (const { dossierId, disagree: _disagree, passed, ...tally } of tallies) {
          await tx.sessionDossier.update({
            where: { sessionId_dossierId: { sessionId, dossierId } },
            data: { entitled: tally.members, passed },
          });
          const result = await applyDossierEvent(tx, { dossierId, actor, command: { type: "CLOSE_VOTE", tally }, now });
          if (!result.ok) throw new Refusal(result.status, result.message);
        }
        await tx.votingSession.update({ where: { id: sessionId }, data: { state: "closed", closedAt: now, closedById: user.id } });
        await assignMinutesNumber(tx, { sessionId, unitId: session.unitId, actorId: user.id, actorName: user.fullName }, now);
        await appendAudit(
          tx,
          {
            chainId: session.unitId,
            actorId: user.id,
            actorName: user.fullName,
            action: "session.CLOSE",
            entityType: "VotingSession",
            entityId: sessionId,
            fromState: "open",
            toState: "closed",
            reason: "Chủ tịch Hội đồng xác nhận kết quả kiểm phiếu bầu giấy",
            data: tallies.map((t) => {
              const count = counts.find((c) => c.dossierId === t.dossierId)!;
              return { ...count, entitled: t.members, passed: t.passed };
            }),
          },
          now,
        );
        await enqueueNotifications(tx, {
          kind: "session_closed",
          recipientIds: await usersWithRole(tx, ["secretary", "chairman"], session.unitId),
          payload: {
            sessionId,
            title: session.title,
            movementTitle: session.movement.title,
            closesAt: now.toISOString(),
            passed: tallies.filter((t) => t.passed).length,
            failed: tallies.filter((t) => !t.passed).length,
            results: tallies.map((t) => ({
              nomineeName: session.dossiers.find((d) => d.dossierId === t.dossierId)!.dossier.nominee.name,
              passed: t.passed,
              agree: t.agree,
              voted: t.voted,
              members: t.members,
            })),
            dueAt: await earliestDue(
              tx,
              tallies.map((t) => t.dossierId),
            ),
            path: `/bo-phieu/${sessionId}`,
          },
        });
        return { ok: true as const, tallies };
      },
      { timeout: 60_000 },
    ),
  );
}
