// Hội đồng Thi đua – Khen thưởng of a commune: members, term, quorum and threshold.
import { sortMembers } from "#machines/index.ts";
import type { CouncilPosition, Prisma } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { checkRevision } from "~/forms/revision.ts";
import { attempt, refuse, type Result } from "~/utils/result.ts";
import { appendAudit } from "./audit.server.ts";
import { lockUnit, withinUnits } from "./org-unit.server.ts";

type Tx = Prisma.TransactionClient;

/** The commune among the units where the user holds a role (the council page is the commune's). */
export function communeOfUser(user: CurrentUser) {
  return prisma.orgUnit.findFirst({
    where: { kind: "commune", id: { in: user.grants.map((g) => g.unitId) } },
    select: { id: true, name: true },
  });
}

/**
 * The people who may sit on the commune's council: the commune's register (cán bộ, công chức …, not
 * households), each with their account if they have one — a member votes online with it.
 */
export function councilCandidates(unitId: string) {
  return prisma.person.findMany({
    where: { leftAt: null, kind: { not: "household" }, unit: withinUnits([unitId]) },
    orderBy: { searchName: "asc" },
    take: 1000,
    select: { id: true, fullName: true, position: true, user: { select: { id: true, active: true } } },
  });
}

/** The council whose term covers `at` (the latest one started). */
export async function councilInForce(db: Tx | typeof prisma, unitId: string, at = new Date()) {
  const council = await db.council.findFirst({
    where: { unitId, termStart: { lte: at }, OR: [{ termEnd: null }, { termEnd: { gt: at } }] },
    orderBy: { termStart: "desc" },
    include: { members: { include: { user: { select: { fullName: true, person: { select: { id: true } } } } } } },
  });
  return council && { ...council, members: sortMembers(council.members) };
}

/** The council in force today, for the council page. */
export function currentCouncil(unitId: string) {
  return councilInForce(prisma, unitId);
}

export type CouncilSettings = {
  name: string;
  termStart: Date;
  termEnd: Date | null;
  quorum: { num: number; den: number };
  threshold: { num: number; den: number };
  reminderHours: number;
  /** Chosen from the commune's register: each person must have an active account. */
  members: Array<{ personId: string; position: CouncilPosition; title: string | null }>;
};

/**
 * Saves the council in force (or sets one up). Sessions already opened keep the rules and members
 * they copied; this changes only what future sessions copy.
 */
export async function saveCouncil(
  user: CurrentUser,
  unitId: string,
  settings: CouncilSettings,
  { revision, now = new Date() }: { revision?: string | null; now?: Date } = {},
): Promise<Result<{ councilId: string }>> {
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      // Two saves of the council run one after the other; the second, opened before the first, is refused.
      await lockUnit(tx, unitId);
      const current = await councilInForce(tx, unitId, now);
      checkRevision(revision, current?.updatedAt, "Thông tin Hội đồng Thi đua – Khen thưởng");
      // Members are people of the commune's register, with an account to vote with.
      const people = await tx.person.findMany({
        where: { id: { in: settings.members.map((m) => m.personId) }, leftAt: null, unit: withinUnits([unitId]) },
        select: { id: true, fullName: true, user: { select: { id: true, active: true } } },
      });
      if (people.length !== new Set(settings.members.map((m) => m.personId)).size) {
        return refuse(422, "Thành viên Hội đồng phải là người trong danh sách cán bộ, công chức của xã.");
      }
      const withoutAccount = people.filter((p) => !p.user?.active);
      if (withoutAccount.length > 0) {
        return refuse(
          422,
          `${withoutAccount.map((p) => p.fullName).join(", ")} chưa có tài khoản đang hoạt động để bỏ phiếu trực tuyến: vui lòng tạo tài khoản ở trang Người dùng trước.`,
        );
      }
      const userOf = new Map(people.map((p) => [p.id, p.user!.id]));
      const members = settings.members.map((m) => ({ userId: userOf.get(m.personId)!, position: m.position, title: m.title }));
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
      const council = current
        ? await tx.council.update({ where: { id: current.id }, data })
        : await tx.council.create({ data: { ...data, unitId } });
      await tx.councilMember.deleteMany({ where: { councilId: council.id } });
      await tx.councilMember.createMany({ data: members.map((member) => ({ ...member, councilId: council.id })) });
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
            members: members.map((m) => ({ userId: m.userId, position: m.position })),
          },
        },
        now,
      );
      return { ok: true as const, councilId: council.id };
    }),
  );
}
