import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { movementUnitIdsFor } from "./org-unit.server.ts";

/** Movements a user may see, newest first: those of the units they belong to and of the units above. */
export async function listVisibleMovements(user: CurrentUser, { take = 20, skip = 0 } = {}) {
  const unitIds = await movementUnitIdsFor(user);
  return prisma.movement.findMany({
    where: { unitId: { in: unitIds } },
    orderBy: [{ year: "desc" }, { createdAt: "desc" }],
    take,
    skip,
    select: {
      id: true,
      title: true,
      year: true,
      state: true,
      submissionDeadline: true,
      unit: { select: { name: true } },
      quotas: { select: { nomineeKind: true, maxAwards: true } },
      _count: { select: { targets: true, dossiers: true } },
    },
  });
}

/** One movement with its targets, or null when it does not exist or is outside the user's units. */
export async function getVisibleMovement(user: CurrentUser, movementId: string) {
  const unitIds = await movementUnitIdsFor(user);
  return prisma.movement.findFirst({
    where: { id: movementId, unitId: { in: unitIds } },
    select: {
      id: true,
      title: true,
      year: true,
      planNumber: true,
      legalBasis: true,
      scope: true,
      subjectKinds: true,
      awardForms: true,
      submissionDeadline: true,
      screeningDays: true,
      decisionDays: true,
      state: true,
      unit: { select: { id: true, name: true } },
      quotas: { select: { nomineeKind: true, maxAwards: true } },
      targets: {
        orderBy: { position: "asc" },
        select: { id: true, area: true, label: true, comparator: true, threshold: true, unit: true, optional: true, appliesTo: true },
      },
    },
  });
}
