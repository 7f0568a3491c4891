// Ủy quyền ký (KT. CHỦ TỊCH): the chairman lets a vice-chairman sign for one movement, for a period.
// `actorFor` reads the delegations in force; the machine's signer guard does the rest.
import type { Prisma } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { refuse, type Result } from "~/utils/result.ts";
import { appendAudit } from "./audit.server.ts";
import { unitsWhereRole } from "./org-unit.server.ts";

type Tx = Prisma.TransactionClient;
type Db = Tx | typeof prisma;

export type DelegationResult<T extends object = object> = Result<T>;

const DAY_MS = 24 * 3600_000;
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** "2026-11-22" → 00:00 of that day in Vietnam. */
export function startOfVietnamDay(isoDate: string): Date {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - VIETNAM_OFFSET_MS);
}

/** "2026-11-30" → the last millisecond of that day in Vietnam. */
export function endOfVietnamDay(isoDate: string): Date {
  return new Date(startOfVietnamDay(isoDate).getTime() + DAY_MS - 1);
}

/** Delegations in force at `now` for a vice-chairman, in the units where they are vice-chairman. */
function inForceWhere(userId: string, unitIds: string[], now: Date): Prisma.DelegationWhereInput {
  return { delegateId: userId, unitId: { in: unitIds }, revokedAt: null, validFrom: { lte: now }, validTo: { gte: now } };
}

/** Movements a vice-chairman may sign for now (KT. CHỦ TỊCH). */
export async function delegatedMovementIds(db: Db, user: Pick<CurrentUser, "id" | "grants">, now = new Date()): Promise<string[]> {
  const units = [...new Set(user.grants.filter((grant) => grant.role === "vice_chairman").map((grant) => grant.unitId))];
  if (units.length === 0) return [];
  const rows = await db.delegation.findMany({ where: inForceWhere(user.id, units, now), select: { movementId: true } });
  return [...new Set(rows.map((row) => row.movementId))];
}

/** The delegation that lets `userId` sign for `movementId` now, if any. */
export function delegationInForce(db: Db, userId: string, movementUnitId: string, movementId: string, now = new Date()) {
  return db.delegation.findFirst({
    where: {
      ...inForceWhere(userId, [movementUnitId], now),
      movementId,
      delegate: { roles: { some: { role: "vice_chairman", unitId: movementUnitId } } },
    },
    orderBy: { validTo: "desc" },
    select: { id: true, validFrom: true, validTo: true },
  });
}

export type NewDelegation = { delegateId: string; movementId: string; validFrom: string; validTo: string; note?: string };

/** The chairman of the movement's commune delegates to a vice-chairman of the same commune. Audited. */
export async function createDelegation(
  user: CurrentUser,
  input: NewDelegation,
  now = new Date(),
): Promise<DelegationResult<{ delegationId: string }>> {
  const chairmanUnits = unitsWhereRole(user, "chairman");
  if (chairmanUnits.length === 0) return refuse(403, "Chỉ Chủ tịch UBND xã mới được ủy quyền ký.");
  const validFrom = startOfVietnamDay(input.validFrom);
  const validTo = endOfVietnamDay(input.validTo);
  if (Number.isNaN(validFrom.getTime()) || Number.isNaN(validTo.getTime())) {
    return refuse(422, "Ngày không hợp lệ (dd/mm/yyyy).", "validFrom");
  }
  if (validTo < validFrom) return refuse(422, "Ngày kết thúc phải từ ngày bắt đầu trở đi.", "validTo");
  if (validTo.getTime() < now.getTime())
    return refuse(422, "Thời hạn ủy quyền đã qua; vui lòng chọn ngày kết thúc từ hôm nay trở đi.", "validTo");

  return prisma.$transaction(async (tx) => {
    const movement = await tx.movement.findFirst({
      where: { id: input.movementId, unitId: { in: chairmanUnits } },
      select: { id: true, unitId: true, title: true, year: true },
    });
    if (!movement) return refuse(404, "Không tìm thấy phong trào thi đua của xã.", "movementId");
    const delegate = await tx.user.findFirst({
      where: { id: input.delegateId, active: true, roles: { some: { role: "vice_chairman", unitId: movement.unitId } } },
      select: { id: true, fullName: true },
    });
    if (!delegate) return refuse(422, "Người được ủy quyền phải là Phó Chủ tịch UBND của xã.", "delegateId");
    const delegation = await tx.delegation.create({
      data: {
        unitId: movement.unitId,
        delegatorId: user.id,
        delegateId: delegate.id,
        movementId: movement.id,
        validFrom,
        validTo,
        note: input.note?.trim() || null,
      },
      select: { id: true },
    });
    await appendAudit(
      tx,
      {
        chainId: movement.unitId,
        actorId: user.id,
        actorName: user.fullName,
        action: "delegation.CREATE",
        entityType: "Delegation",
        entityId: delegation.id,
        data: {
          delegateId: delegate.id,
          delegate: delegate.fullName,
          movementId: movement.id,
          movement: `${movement.title} năm ${movement.year}`,
          validFrom: validFrom.toISOString(),
          validTo: validTo.toISOString(),
        },
      },
      now,
    );
    return { ok: true as const, delegationId: delegation.id };
  });
}

/** Ends a delegation before its term (nothing is deleted). Audited. */
export async function revokeDelegation(user: CurrentUser, delegationId: string, now = new Date()): Promise<DelegationResult> {
  const chairmanUnits = unitsWhereRole(user, "chairman");
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.delegation.updateMany({
      where: { id: delegationId, unitId: { in: chairmanUnits }, revokedAt: null },
      data: { revokedAt: now, revokedById: user.id },
    });
    if (count === 0) return refuse(404, "Không tìm thấy ủy quyền còn hiệu lực.");
    const row = await tx.delegation.findUniqueOrThrow({ where: { id: delegationId }, select: { unitId: true } });
    await appendAudit(
      tx,
      {
        chainId: row.unitId,
        actorId: user.id,
        actorName: user.fullName,
        action: "delegation.REVOKE",
        entityType: "Delegation",
        entityId: delegationId,
      },
      now,
    );
    return { ok: true as const };
  });
}

/** Delegations of the user's communes (chairman), or to the user (vice-chairman), newest first. */
export function listDelegations(user: CurrentUser) {
  const chairmanUnits = unitsWhereRole(user, "chairman");
  return prisma.delegation.findMany({
    where: { OR: [{ unitId: { in: chairmanUnits } }, { delegateId: user.id }] },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      validFrom: true,
      validTo: true,
      note: true,
      revokedAt: true,
      createdAt: true,
      unitId: true,
      delegator: { select: { fullName: true } },
      delegate: { select: { fullName: true } },
      movement: { select: { id: true, title: true, year: true } },
    },
  });
}

/** What the chairman chooses from: the commune's vice-chairmen and its movements. */
export async function delegationChoices(user: CurrentUser) {
  const chairmanUnits = unitsWhereRole(user, "chairman");
  const [viceChairmen, movements] = await Promise.all([
    prisma.user.findMany({
      where: { active: true, roles: { some: { role: "vice_chairman", unitId: { in: chairmanUnits } } } },
      orderBy: { fullName: "asc" },
      select: { id: true, fullName: true, title: true },
    }),
    prisma.movement.findMany({
      where: { unitId: { in: chairmanUnits }, state: { not: "draft" } },
      orderBy: [{ year: "desc" }, { createdAt: "desc" }],
      select: { id: true, title: true, year: true, version: true },
    }),
  ]);
  return { viceChairmen, movements };
}
