import type { Prisma, Role, UnitKind } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { foldForSearch } from "~/utils/search.ts";

type Tx = Prisma.TransactionClient;
type Db = Tx | typeof prisma;

export type NewUnit = {
  code: string;
  name: string;
  kind: UnitKind;
  placeName?: string | null;
  parentId?: string | null;
  endedAt?: Date | null;
  mergedIntoId?: string | null;
};

/** Creates or updates a unit by its code, keeping `ancestorIds` in step with the parent. */
export async function upsertUnit(tx: Tx, unit: NewUnit) {
  const parent = unit.parentId
    ? await tx.orgUnit.findUniqueOrThrow({ where: { id: unit.parentId }, select: { id: true, ancestorIds: true } })
    : null;
  const data = { ...unit, searchName: foldForSearch(unit.name), ancestorIds: parent ? [...parent.ancestorIds, parent.id] : [] };
  return tx.orgUnit.upsert({ where: { code: unit.code }, create: data, update: data });
}

/**
 * Units whose movements a user sees: every unit where they hold a role, and the units above
 * (an official of a department sees the commune's movements).
 */
export async function movementUnitIdsFor(user: CurrentUser): Promise<string[]> {
  const grantUnitIds = [...new Set(user.grants.map((grant) => grant.unitId))];
  const units = await prisma.orgUnit.findMany({ where: { id: { in: grantUnitIds } }, select: { id: true, ancestorIds: true } });
  return [...new Set(units.flatMap((unit) => [unit.id, ...unit.ancestorIds]))];
}

/** Prisma filter: the units `unitIds` and every unit below them. */
export function withinUnits(unitIds: string[]) {
  return { OR: [{ id: { in: unitIds } }, { ancestorIds: { hasSome: unitIds } }] };
}

/** Units where the user holds `role`. */
export function unitsWhereRole(user: CurrentUser, ...roles: Role[]): string[] {
  return [...new Set(user.grants.filter((grant) => roles.includes(grant.role)).map((grant) => grant.unitId))];
}

/** The units where the user holds one of `roles`, by name: the choice of unit on a settings page. */
export function unitsOfRoles(user: CurrentUser, ...roles: Role[]) {
  return prisma.orgUnit.findMany({
    where: { id: { in: unitsWhereRole(user, ...roles) } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

/**
 * Locks a unit's row until the transaction ends: two saves of the unit, or of one of its settings (whose row may
 * not exist yet), run one after the other, so the second reads the first's version. NO KEY: rows that refer to
 * the unit can still be added meanwhile.
 */
export async function lockUnit(tx: Tx, unitId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "OrgUnit" WHERE id = ${unitId} FOR NO KEY UPDATE`;
}

/**
 * The commune a unit belongs to: itself when it is one, else the nearest commune above it; null for the
 * units above communes (province, district).
 */
export async function communeIdOf(db: Db, unitId: string): Promise<string | null> {
  const unit = await db.orgUnit.findUnique({ where: { id: unitId }, select: { id: true, kind: true, ancestorIds: true } });
  if (!unit) return null;
  if (unit.kind === "commune") return unit.id;
  const above = await db.orgUnit.findMany({ where: { id: { in: unit.ancestorIds }, kind: "commune" }, select: { id: true } });
  const communes = new Set(above.map((u) => u.id));
  return [...unit.ancestorIds].reverse().find((id) => communes.has(id)) ?? null;
}

/**
 * The audit chain (docs/decisions/003) a change about `unitId` joins: the chain of its commune, or, for a
 * unit above the communes, the chain of its province (the top of its tree).
 */
export async function auditChainOf(db: Db, unitId: string): Promise<string> {
  const commune = await communeIdOf(db, unitId);
  if (commune) return commune;
  const unit = await db.orgUnit.findUniqueOrThrow({ where: { id: unitId }, select: { id: true, kind: true, ancestorIds: true } });
  if (unit.kind === "province") return unit.id;
  const provinces = await db.orgUnit.findMany({ where: { id: { in: unit.ancestorIds }, kind: "province" }, select: { id: true } });
  const ids = new Set(provinces.map((u) => u.id));
  return [...unit.ancestorIds].reverse().find((id) => ids.has(id)) ?? unit.ancestorIds[0] ?? unit.id;
}

/**
 * The communes (or, for a grant above the communes, the unit itself) of the units where the user holds one
 * of `roles`: the people register and the council are the commune's, whichever of its units a role is in.
 */
export async function communesOfRoles(user: CurrentUser, ...roles: Role[]): Promise<string[]> {
  const units = await prisma.orgUnit.findMany({
    where: { id: { in: unitsWhereRole(user, ...roles) } },
    select: { id: true, kind: true, ancestorIds: true },
  });
  const aboveIds = [...new Set(units.flatMap((u) => u.ancestorIds))];
  const communesAbove = new Set(
    (await prisma.orgUnit.findMany({ where: { id: { in: aboveIds }, kind: "commune" }, select: { id: true } })).map((u) => u.id),
  );
  return [
    ...new Set(
      units.map((u) => (u.kind === "commune" ? u.id : ([...u.ancestorIds].reverse().find((id) => communesAbove.has(id)) ?? u.id))),
    ),
  ];
}

/** A unit and the units merged into it (and into those), for registers that follow a merge. */
export async function withMergedUnitIds(db: Db, unitId: string): Promise<string[]> {
  const ids = [unitId];
  for (let frontier = [unitId]; frontier.length > 0;) {
    const merged = await db.orgUnit.findMany({ where: { mergedIntoId: { in: frontier }, id: { notIn: ids } }, select: { id: true } });
    frontier = merged.map((u) => u.id);
    ids.push(...frontier);
  }
  return ids;
}

/** A unit's page: its place in the tree and its active people (the caller has checked the user's scope). */
export function loadUnit(unitId: string) {
  return prisma.orgUnit.findUnique({
    where: { id: unitId },
    select: {
      name: true,
      kind: true,
      endedAt: true,
      parent: { select: { id: true, name: true } },
      mergedInto: { select: { id: true, name: true } },
      mergedFrom: { select: { id: true, name: true }, orderBy: { name: "asc" } },
      head: { select: { id: true, fullName: true, position: true } },
      children: { select: { id: true, name: true, kind: true, endedAt: true }, orderBy: { name: "asc" } },
      users: {
        where: { active: true },
        orderBy: { fullName: "asc" },
        select: { id: true, fullName: true, title: true, roles: { select: { role: true } } },
      },
    },
  });
}
