// The secretary's screening queue (thẩm định): dossiers submitted to the movements of their communes,
// the most urgent deadline first, with what is missing and the targets not met.
import { documentCheck, unmetTargets } from "#machines/index.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { completenessSelect } from "./dossier-documents.server.ts";
import { screenableDossierWhere } from "./dossier-scope.server.ts";
import { unitsWhereRole } from "./org-unit.server.ts";

export const PAGE_SIZE = 20;

export type ScreeningRow = {
  id: string;
  version: number;
  nominee: { name: string; position: string | null };
  unitName: string;
  movement: { id: string; title: string; version: number };
  submittedAt: Date;
  dueAt: Date | null;
  overdue: boolean;
  /** What the completeness guard would say: documents not completed, targets without a figure. */
  missing: string[];
  missingTargets: string[];
  /** Figures that do not meet their target: flagged for the secretary and the council, not blocking. */
  unmet: string[];
};

const queueSelect = {
  ...completenessSelect,
  id: true,
  version: true,
  dueAt: true,
  submittedAt: true,
  updatedAt: true,
  nominee: { select: { name: true, position: true, subjectKind: true } },
  unit: { select: { name: true } },
  movement: { select: { id: true, title: true, version: true, targets: completenessSelect.movement.select.targets } },
} satisfies Prisma.DossierSelect;

/**
 * One page of the queue, first submitted first (Dossier.submittedAt, on the (movementId, state,
 * submittedAt) index): a fixed number of queries whatever the page.
 */
export async function listScreeningQueue(
  user: CurrentUser,
  { page = 1, now = new Date() } = {},
): Promise<{ rows: ScreeningRow[]; total: number }> {
  const unitIds = unitsWhereRole(user, "secretary");
  if (unitIds.length === 0) return { rows: [], total: 0 };
  const scope: Prisma.DossierWhereInput = { AND: [{ state: "submitted" }, screenableDossierWhere(user)] };
  const [dossiers, total] = await Promise.all([
    prisma.dossier.findMany({
      where: scope,
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
      skip: (Math.max(page, 1) - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: queueSelect,
    }),
    prisma.dossier.count({ where: scope }),
  ]);
  return { rows: dossiers.map((dossier) => screeningRow(dossier, now)), total };
}

function screeningRow(dossier: Prisma.DossierGetPayload<{ select: typeof queueSelect }>, now: Date): ScreeningRow {
  return {
    id: dossier.id,
    version: dossier.version,
    nominee: { name: dossier.nominee.name, position: dossier.nominee.position },
    unitName: dossier.unit.name,
    movement: { id: dossier.movement.id, title: dossier.movement.title, version: dossier.movement.version },
    submittedAt: dossier.submittedAt ?? dossier.updatedAt,
    dueAt: dossier.dueAt,
    overdue: dossier.dueAt !== null && dossier.dueAt < now,
    ...documentCheck(dossier),
    unmet: unmetTargets(dossier.movement.targets, dossier.figures, dossier.nominee.subjectKind),
  };
}

/** Whether the dossier belongs to a movement of the secretary's communes (checked before the workflow runs). */
export async function isScreenable(user: CurrentUser, dossierId: string): Promise<boolean> {
  return (await prisma.dossier.count({ where: { AND: [{ id: dossierId }, screenableDossierWhere(user)] } })) > 0;
}
