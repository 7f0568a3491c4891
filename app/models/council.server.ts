// Hội đồng Thi đua – Khen thưởng of a commune: members, term, quorum and threshold.
import type { CouncilPosition, Prisma } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { appendAudit } from "./audit.server.ts";

type Tx = Prisma.TransactionClient;

export const POSITION_LABELS: Record<CouncilPosition, string> = {
  chair: "Chủ tịch Hội đồng",
  vice_chair: "Phó Chủ tịch Hội đồng",
  standing_member: "Ủy viên thường trực (Thư ký)",
  member: "Ủy viên",
};

const POSITION_ORDER: CouncilPosition[] = ["chair", "vice_chair", "standing_member", "member"];

export function sortMembers<T extends { position: CouncilPosition }>(members: T[]): T[] {
  return [...members].sort((a, b) => POSITION_ORDER.indexOf(a.position) - POSITION_ORDER.indexOf(b.position));
}

/** The council whose term covers `at` (the latest one started). */
export async function councilInForce(db: Tx | typeof prisma, unitId: string, at = new Date()) {
  const council = await db.council.findFirst({
    where: { unitId, termStart: { lte: at }, OR: [{ termEnd: null }, { termEnd: { gt: at } }] },
    orderBy: { termStart: "desc" },
    include: { members: { include: { user: { select: { fullName: true } } } } },
  });
  return council && { ...council, members: sortMembers(council.members) };
}

export type CouncilSettings = {
  name: string;
  termStart: Date;
  termEnd: Date | null;
  quorum: { num: number; den: number };
  threshold: { num: number; den: number };
  reminderHours: number;
  members: Array<{ userId: string; position: CouncilPosition; title: string | null }>;
};

/**
 * Saves the council in force (or sets one up). Sessions already opened keep the rules and members
 * they copied; this changes only what future sessions copy.
 */
export async function saveCouncil(user: CurrentUser, unitId: string, settings: CouncilSettings, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    // Members must belong to the commune or a unit under it.
    const allowed = await tx.user.count({
      where: { id: { in: settings.members.map((m) => m.userId) }, unit: { OR: [{ id: unitId }, { ancestorIds: { has: unitId } }] } },
    });
    if (allowed !== new Set(settings.members.map((m) => m.userId)).size) {
      return { ok: false as const, message: "Thành viên Hội đồng phải là cán bộ, công chức của xã." };
    }
    const data = {
      name: settings.name,
      termStart: settings.termStart,
      termEnd: settings.termEnd,
      quorumNum: settings.quorum.num,
      quorumDen: settings.quorum.den,
      thresholdNum: settings.threshold.num,
      thresholdDen: settings.threshold.den,
      reminderHours: settings.reminderHours,
    };
    const current = await councilInForce(tx, unitId, now);
    const council = current
      ? await tx.council.update({ where: { id: current.id }, data })
      : await tx.council.create({ data: { ...data, unitId } });
    await tx.councilMember.deleteMany({ where: { councilId: council.id } });
    await tx.councilMember.createMany({ data: settings.members.map((member) => ({ ...member, councilId: council.id })) });
    await appendAudit(
      tx,
      {
        chainId: unitId,
        actorId: user.id,
        actorName: user.fullName,
        action: current ? "council.UPDATE" : "council.CREATE",
        entityType: "Council",
        entityId: council.id,
        data: {
          quorum: `${data.quorumNum}/${data.quorumDen}`,
          threshold: `${data.thresholdNum}/${data.thresholdDen}`,
          members: settings.members.map((m) => ({ userId: m.userId, position: m.position })),
        },
      },
      now,
    );
    return { ok: true as const, councilId: council.id };
  });
}
