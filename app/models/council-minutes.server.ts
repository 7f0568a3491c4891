// Biên bản họp Hội đồng TĐKT xã: what the minutes of a closed voting session record (the PDF is
// app/documents/council-minutes.server.ts).
import { COUNCIL_POSITION_LABELS, sortMembers } from "#machines/index.ts";
import { prisma } from "~/utils/db.server.ts";

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
