// Biên bản họp Hội đồng TĐKT xã: what the minutes of a closed voting session record (the PDF is
// app/documents/council-minutes.server.ts).
import { COUNCIL_POSITION_LABELS, sortMembers } from "#machines/index.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { documentNumber, vietnamYear } from "~/documents/wording.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { appendAudit } from "./audit.server.ts";
import { nextNumber } from "./award-decision.server.ts";

/** The minutes' series in the unit's document counter: "03/BB-HĐTĐKT". */
export const MINUTES_SERIES = "BB-HĐTĐKT";

/**
 * Numbers the minutes of a session that is closing, inside its closing transaction (the counter row stays
 * locked until it ends, so a rollback gives the number back), once: a session already numbered keeps its number.
 */
export async function assignMinutesNumber(
  tx: Prisma.TransactionClient,
  { sessionId, unitId, actorId, actorName }: { sessionId: string; unitId: string; actorId: string | null; actorName: string },
  now: Date,
): Promise<string> {
  const session = await tx.votingSession.findUniqueOrThrow({ where: { id: sessionId }, select: { minutesNumber: true } });
  if (session.minutesNumber) return session.minutesNumber;
  const minutesNumber = documentNumber(await nextNumber(tx, unitId, vietnamYear(now), MINUTES_SERIES), MINUTES_SERIES);
  await tx.votingSession.update({ where: { id: sessionId }, data: { minutesNumber } });
  await appendAudit(
    tx,
    {
      chainId: unitId,
      actorId,
      actorName,
      action: "session.NUMBER_MINUTES",
      entityType: "VotingSession",
      entityId: sessionId,
      data: { minutesNumber },
    },
    now,
  );
  return minutesNumber;
}

export async function loadMinutes(sessionId: string, unitIds: string[] | "all") {
  const session = await prisma.votingSession.findFirst({
    where: { id: sessionId, state: "closed", ...(unitIds === "all" ? {} : { unitId: { in: unitIds } }) },
    include: {
      council: { select: { name: true } },
      movement: { select: { title: true, year: true, unit: { select: { name: true, placeName: true } } } },
      members: true,
      recusals: { include: { user: { select: { fullName: true } } } },
      receipts: { select: { userId: true, dossierId: true } },
      dossiers: {
        orderBy: { position: "asc" },
        include: {
          dossier: { select: { kind: true, nominee: { select: { name: true, position: true } }, unit: { select: { name: true } } } },
        },
      },
    },
  });
  return session;
}

export type Minutes = NonNullable<Awaited<ReturnType<typeof loadMinutes>>>;

/**
 * How each member took part: at the meeting or not (online: took part by voting), and on which dossiers they
 * voted — a recused member is listed first as not voting on the dossiers they were recused from, with the
 * reason, never as "Đã bỏ phiếu".
 */
export function attendance(minutes: Minutes) {
  const paper = minutes.mode === "paper";
  const nomineeOf = new Map(minutes.dossiers.map((item) => [item.dossierId, item.dossier.nominee.name]));
  return sortMembers(minutes.members).map((member) => {
    const recusals = minutes.recusals.filter((r) => r.userId === member.userId);
    const recusedOn = recusals.length;
    const entitled = minutes.dossiers.length - recusedOn;
    const voted = minutes.receipts.filter((r) => r.userId === member.userId).length;
    const why = recusals.map((r) => `hồ sơ của ${nomineeOf.get(r.dossierId) ?? ""}: ${r.reason.toLowerCase()}`).join("; ");
    const present = paper ? member.present === true : voted > 0;
    const presence = present ? "Có mặt" : !paper && entitled === 0 ? "—" : "Vắng mặt";
    const status = paper
      ? entitled === 0
        ? `Không tham gia biểu quyết (${why})`
        : !present
          ? "Không bỏ phiếu"
          : recusedOn > 0
            ? `Không tham gia biểu quyết ${why}; bỏ phiếu kín bằng phiếu giấy các hồ sơ còn lại`
            : "Bỏ phiếu kín bằng phiếu giấy"
      : entitled === 0
        ? `Không tham gia biểu quyết (${why})`
        : recusedOn > 0
          ? `Không tham gia biểu quyết ${why}; ${voted === 0 ? "không bỏ phiếu" : `bỏ phiếu ${voted}/${entitled}`} hồ sơ còn lại`
          : voted === entitled
            ? "Đã bỏ phiếu"
            : voted === 0
              ? "Không bỏ phiếu"
              : `Đã bỏ phiếu ${voted}/${entitled} hồ sơ`;
    return { ...member, positionLabel: COUNCIL_POSITION_LABELS[member.position], present, presence, status, recusedOn };
  });
}

/**
 * The figures of one dossier as the minutes print them. Online every member entitled was handed a ballot and
 * every ballot cast is valid; on paper they are what the secretary counted and the chair confirmed.
 */
export function ballotFigures(minutes: Minutes, item: Minutes["dossiers"][number]) {
  const entitled = item.entitled ?? 0;
  const returned = item.voted ?? 0;
  const agree = item.agree ?? 0;
  const disagree = item.disagree ?? 0;
  return minutes.mode === "paper"
    ? { entitled, issued: item.issued ?? 0, returned, valid: item.valid ?? 0, agree, disagree }
    : { entitled, issued: entitled, returned, valid: agree + disagree, agree, disagree };
}
