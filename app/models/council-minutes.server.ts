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
 * How each member took part: voted on every dossier they could, on some, or on none — and, for a recused
 * member, on which dossiers they did not vote and why (never just "Đã bỏ phiếu").
 */
export function attendance(minutes: Minutes) {
  const nomineeOf = new Map(minutes.dossiers.map((item) => [item.dossierId, item.dossier.nominee.name]));
  return sortMembers(minutes.members).map((member) => {
    const recusals = minutes.recusals.filter((r) => r.userId === member.userId);
    const recusedOn = recusals.length;
    const entitled = minutes.dossiers.length - recusedOn;
    const voted = minutes.receipts.filter((r) => r.userId === member.userId).length;
    const why = recusals.map((r) => `hồ sơ của ${nomineeOf.get(r.dossierId) ?? ""}: ${r.reason.toLowerCase()}`).join("; ");
    const status =
      entitled === 0
        ? `Không tham gia biểu quyết (${why})`
        : recusedOn > 0
          ? `${voted === 0 ? "Không bỏ phiếu" : `Đã bỏ phiếu ${voted}/${entitled} hồ sơ được biểu quyết`}; không tham gia biểu quyết ${why}`
          : voted === entitled
            ? "Đã bỏ phiếu"
            : voted === 0
              ? "Không bỏ phiếu"
              : `Đã bỏ phiếu ${voted}/${entitled} hồ sơ`;
    return { ...member, positionLabel: COUNCIL_POSITION_LABELS[member.position], status, recusedOn };
  });
}
