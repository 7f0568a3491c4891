// Lists of dossiers for the pages: what a user may see, searched and filtered by the URL's query
// (app/utils/list-query.ts); what is overdue, most late first. Each list is one page query and one count,
// whatever the page; the name search is a trigram index scan on the folded name (Dossier.searchName).
import { WAITING_STATES, evaluateFigure, targetsFor } from "#machines/index.ts";
import type { DossierState, Prisma, SubjectKind } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import type { ListQuery } from "~/utils/list-query.ts";
import { containsText } from "~/utils/search.ts";
import { screenableDossierWhere, visibleDossierWhere } from "./dossier-scope.server.ts";
import { movementUnitIdsFor, unitsWhereRole, withinUnits } from "./org-unit.server.ts";

export const DOSSIER_PAGE_SIZE = 20;
export const OVERDUE_PAGE_SIZE = 50;
/** An export holds at most this many rows (as many as an import may bring in). */
export const EXPORT_LIMIT = 10_000;

export type DossierFilters = Pick<
  ListQuery,
  "q" | "states" | "unitId" | "movementId" | "year" | "overdue" | "subjectKinds" | "targetId" | "targetStatus" | "sort"
>;

/** The `where` of a filtered list: the user's scope first, then each filter given. */
export async function dossierListWhere(user: CurrentUser, filters: DossierFilters, now = new Date()): Promise<Prisma.DossierWhereInput> {
  const and: Prisma.DossierWhereInput[] = [visibleDossierWhere(user)];
  const folded = containsText(filters.q);
  if (folded) and.push({ searchName: { contains: folded } });
  if (filters.states.length > 0) and.push({ state: { in: filters.states as DossierState[] } });
  if (filters.unitId) and.push({ unit: withinUnits([filters.unitId]) });
  if (filters.movementId) and.push({ movementId: filters.movementId });
  if (filters.year !== null) and.push({ movement: { year: filters.year } });
  if (filters.overdue) and.push({ state: { in: [...WAITING_STATES] }, dueAt: { lt: now } });
  if (filters.subjectKinds.length > 0) and.push({ nominee: { subjectKind: { in: filters.subjectKinds as SubjectKind[] } } });
  if (filters.targetId) and.push({ id: { in: await dossiersJudged(user, filters.targetId, filters.targetStatus) } });
  return { AND: and };
}

/**
 * The dossiers the user sees whose figure for a target is judged `status` (all those the target applies to
 * when no status is given): the judgement is machines/figures.ts's, the one the dashboard counts with, so a
 * number on the dashboard and the list behind it agree. A target belongs to one movement: a few hundred rows.
 */
export async function dossiersJudged(user: CurrentUser, targetId: string, status: ListQuery["targetStatus"]): Promise<string[]> {
  const target = await prisma.target.findUnique({
    where: { id: targetId },
    select: { id: true, movementId: true, comparator: true, threshold: true, unit: true, optional: true, appliesTo: true },
  });
  if (!target) return [];
  const rows = await prisma.dossier.findMany({
    where: { AND: [visibleDossierWhere(user), { movementId: target.movementId }] },
    select: {
      id: true,
      nominee: { select: { subjectKind: true } },
      figures: { where: { targetId }, select: { value: true, notApplicable: true } },
    },
  });
  return rows
    .filter((row) => targetsFor([target], row.nominee.subjectKind).length > 0)
    .filter((row) => {
      if (status === null) return true;
      const figure = row.figures[0];
      return evaluateFigure(target, figure?.value ?? null, figure?.notApplicable ?? false) === status;
    })
    .map((row) => row.id);
}

function dossierOrder(sort: string): Prisma.DossierOrderByWithRelationInput[] {
  switch (sort) {
    case "ten":
      return [{ searchName: "asc" }, { id: "asc" }];
    case "han-xu-ly":
      return [{ dueAt: { sort: "asc", nulls: "last" } }, { id: "asc" }];
    case "ngay-lap":
      return [{ createdAt: "desc" }, { id: "asc" }];
    default:
      return [{ updatedAt: "desc" }, { id: "asc" }];
  }
}

const listSelect = {
  id: true,
  state: true,
  dueAt: true,
  updatedAt: true,
  unit: { select: { name: true } },
  nominee: { select: { name: true, kind: true, position: true } },
  movement: { select: { title: true, year: true } },
  documents: { where: { completedAt: { not: null } }, select: { kind: true } },
} satisfies Prisma.DossierSelect;

/** One page of the dossiers the user may see, filtered as the URL says. */
export async function listVisibleDossiers(user: CurrentUser, filters: DossierFilters, page: number, now = new Date()) {
  const where = await dossierListWhere(user, filters, now);
  const [total, rows] = await Promise.all([
    prisma.dossier.count({ where }),
    prisma.dossier.findMany({
      where,
      orderBy: dossierOrder(filters.sort),
      take: DOSSIER_PAGE_SIZE,
      skip: (page - 1) * DOSSIER_PAGE_SIZE,
      select: listSelect,
    }),
  ]);
  return { total, rows };
}

/** Every dossier of the filtered list (up to EXPORT_LIMIT), with what the .xlsx shows. */
export async function exportVisibleDossiers(user: CurrentUser, filters: DossierFilters, now = new Date()) {
  const where = await dossierListWhere(user, filters, now);
  const [total, rows] = await Promise.all([
    prisma.dossier.count({ where }),
    prisma.dossier.findMany({
      where,
      orderBy: dossierOrder(filters.sort),
      take: EXPORT_LIMIT,
      select: {
        id: true,
        state: true,
        kind: true,
        dueAt: true,
        submittedAt: true,
        createdAt: true,
        updatedAt: true,
        unit: { select: { name: true } },
        nominee: { select: { name: true, subjectKind: true, position: true } },
        movement: { select: { title: true, year: true } },
        decisionEntry: { select: { decision: { select: { number: true, decidedAt: true } } } },
        certificate: { select: { serial: true, revokedAt: true } },
      },
    }),
  ]);
  return { total, rows };
}

/** What the filter form offers: the units and movements in the user's scope, and their years; the target filtered by, if any. */
export async function dossierFilterOptions(user: CurrentUser, targetId: string | null = null) {
  const roleUnits = unitsWhereRole(user, "official", "secretary", "council_member", "chairman", "vice_chairman");
  const [units, movements, target] = await Promise.all([
    prisma.orgUnit.findMany({ where: withinUnits(roleUnits), orderBy: { name: "asc" }, take: 500, select: { id: true, name: true } }),
    movementOptions(user),
    targetId ? prisma.target.findUnique({ where: { id: targetId }, select: { id: true, label: true } }) : null,
  ]);
  return {
    units,
    movements,
    years: [...new Set(movements.map((m) => m.year))].sort((a, b) => b - a),
    targets: target ? [target] : [],
  };
}

/** Movements a user may filter by: those of their units and the units above, newest first. */
export async function movementOptions(user: CurrentUser) {
  const unitIds = await movementUnitIdsFor(user);
  return prisma.movement.findMany({
    where: { unitId: { in: unitIds } },
    orderBy: [{ year: "desc" }, { createdAt: "desc" }],
    take: 200,
    select: { id: true, title: true, year: true, version: true },
  });
}

/** One page of the dossiers of the secretary's communes whose working-day deadline has passed, most overdue first. */
export async function listOverdueDossiers(user: CurrentUser, page: number, now = new Date()) {
  const where: Prisma.DossierWhereInput = {
    AND: [screenableDossierWhere(user), { state: { in: [...WAITING_STATES] }, dueAt: { lt: now } }],
  };
  const [total, rows] = await Promise.all([
    prisma.dossier.count({ where }),
    prisma.dossier.findMany({
      where,
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * OVERDUE_PAGE_SIZE,
      take: OVERDUE_PAGE_SIZE,
      select: {
        id: true,
        state: true,
        dueAt: true,
        nominee: { select: { name: true } },
        unit: { select: { name: true } },
        movement: { select: { title: true, year: true } },
      },
    }),
  ]);
  return { total, rows };
}
