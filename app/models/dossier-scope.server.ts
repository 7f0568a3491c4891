// Who sees and who edits a dossier: the `where` clauses every query about dossiers includes, so that
// the scope is part of the query itself (another unit's dossier does not exist for the user).
import type { DossierState, Prisma, Role } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { unitsWhereRole, withinUnits } from "./org-unit.server.ts";

/** The official edits only these; afterwards the dossier is the secretary's and the council's. */
export const EDITABLE_STATES: DossierState[] = ["draft", "needs_supplement"];

/** Roles of the commune that runs the movement: they see its dossiers once submitted. */
const REVIEWER_ROLES: Role[] = ["secretary", "council_member", "chairman", "vice_chairman"];

/**
 * Dossiers a user may see: those of the units where they are an official (drafts included), and the
 * submitted ones of the movements run by the units where they are secretary, council member, chairman
 * or vice-chairman. A unit's drafts stay with the unit.
 */
export function visibleDossierWhere(user: CurrentUser): Prisma.DossierWhereInput {
  return {
    OR: [
      { unitId: { in: unitsWhereRole(user, "official") } },
      { movement: { unitId: { in: unitsWhereRole(user, ...REVIEWER_ROLES) } }, state: { not: "draft" } },
    ],
  };
}

/** Dossiers a user may change the documents of: their unit's, while a draft or returned for supplement. */
export function editableDossierWhere(user: CurrentUser): Prisma.DossierWhereInput {
  return { unitId: { in: unitsWhereRole(user, "official") }, state: { in: EDITABLE_STATES } };
}

/** Dossiers of the movements of the secretary's communes (the screening queue, its actions). */
export function screenableDossierWhere(user: CurrentUser): Prisma.DossierWhereInput {
  return { movement: { unit: withinUnits(unitsWhereRole(user, "secretary")) } };
}

/** Whether the user may see the dossier: the id, or null (another unit's dossier is not there). */
export async function findVisibleDossierId(user: CurrentUser, dossierId: string): Promise<string | null> {
  const row = await prisma.dossier.findFirst({ where: { AND: [{ id: dossierId }, visibleDossierWhere(user)] }, select: { id: true } });
  return row?.id ?? null;
}
