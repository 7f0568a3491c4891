// The secretary's screening queue (thẩm định): dossiers submitted to the movements of their communes,
// the most urgent deadline first, with what is missing and the targets not met.
import { evaluateFigure, targetsFor, thresholdText, withUnit } from "~/forms/achievement-report.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { completenessSelect, documentCheck } from "./dossier-documents.server.ts";
import { unitsWhereRole, withinUnits } from "./org-unit.server.ts";

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
  unmetTargets: Array<{ label: string; figure: string; requirement: string }>;
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
  const scope = { state: "submitted", movement: { unit: withinUnits(unitIds) } } satisfies Prisma.DossierWhereInput;
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
  const figures = new Map(dossier.figures.map((figure) => [figure.targetId, figure]));
  const unmetTargets = targetsFor(dossier.movement.targets, dossier.nominee.subjectKind).flatMap((stored) => {
    const target = { ...stored, threshold: stored.threshold.toString() };
    const figure = figures.get(target.id);
    const value = figure?.value == null ? null : Number(figure.value.toString());
    return evaluateFigure(target, value, figure?.notApplicable ?? false) === "unmet"
      ? [{ label: target.label, figure: withUnit(value!, target.unit), requirement: thresholdText(target) }]
      : [];
  });
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
    unmetTargets,
  };
}

/** A dossier of a movement of the secretary's communes: its movement's unit, or null outside their scope. */
export async function screenableDossierUnit(user: CurrentUser, dossierId: string): Promise<string | null> {
  const dossier = await prisma.dossier.findFirst({
    where: { id: dossierId, movement: { unit: withinUnits(unitsWhereRole(user, "secretary")) } },
    select: { movement: { select: { unitId: true } } },
  });
  return dossier?.movement.unitId ?? null;
}
