import type { Prisma, Role, UnitKind } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";

type Tx = Prisma.TransactionClient;

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
  const data = { ...unit, ancestorIds: parent ? [...parent.ancestorIds, parent.id] : [] };
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

/** A unit's page: its place in the tree and its active people (the caller has checked the user's scope). */
export function loadUnit(unitId: string) {
  return prisma.orgUnit.findUnique({
    where: { id: unitId },
    select: {
      name: true,
      kind: true,
      endedAt: true,
      parent: { select: { id: true, name: true } },
      mergedInto: { select: { name: true } },
      children: { select: { id: true, name: true, kind: true }, orderBy: { name: "asc" } },
      users: {
        where: { active: true },
        orderBy: { fullName: "asc" },
        select: { id: true, fullName: true, title: true, roles: { select: { role: true } } },
      },
    },
  });
}
