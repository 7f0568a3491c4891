// The movement dashboard (tổng quan phong trào) for the secretary and the chairman: every number is counted
// over exactly the dossiers the dossier list shows the same user for the same filters (dossierListWhere), so
// each number links to the list behind it and the two always agree. Figures are judged by machines/figures.ts.
import {
  DOSSIER_STATES,
  QUOTA_TAKING_STATES,
  WAITING_STATES,
  evaluateFigure,
  targetsFor,
  thresholdText,
  type DossierState,
  type FigureStatus,
  type SubjectKind,
} from "#machines/index.ts";
import { SUBJECT_KINDS_BY_NOMINEE_KIND } from "~/forms/nominee.ts";
import type { NomineeKind, Prisma } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { workingDaysBetween } from "~/utils/working-days.ts";
import { visibleDossierWhere } from "./dossier-scope.server.ts";
import { unitsWhereRole } from "./org-unit.server.ts";

/** States grouped as the dashboard shows a unit's dossiers. */
export const STATE_GROUPS = {
  in_progress: ["submitted", "needs_supplement", "screened", "in_council_vote", "council_passed"],
  awarded: [...QUOTA_TAKING_STATES],
  not_passed: ["council_failed", "rejected"],
  other: ["draft", "withdrawn"],
} as const satisfies Record<string, readonly DossierState[]>;
export type StateGroup = keyof typeof STATE_GROUPS;

export type Spread = { count: number; min: number; median: number; max: number; bins: Array<{ from: number; to: number; count: number }> };

/** Min, median, max and up to `maxBins` equal bins of the figures (a single bin when they are all equal). */
export function spreadOf(values: number[], maxBins = 8): Spread | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const binCount = min === max ? 1 : Math.min(maxBins, Math.max(2, Math.ceil(Math.sqrt(sorted.length))));
  const width = (max - min) / binCount;
  const bins = Array.from({ length: binCount }, (_, i) => ({
    from: min + i * width,
    to: i === binCount - 1 ? max : min + (i + 1) * width,
    count: 0,
  }));
  for (const value of sorted) {
    const index = width === 0 ? 0 : Math.min(binCount - 1, Math.floor((value - min) / width));
    bins[index]!.count += 1;
  }
  return { count: sorted.length, min, median, max, bins };
}

/** The movement's dashboard, or null when the user is not its secretary, chairman or vice-chairman (404). */
export async function movementDashboard(user: CurrentUser, movementId: string, now = new Date()) {
  const scope = unitsWhereRole(user, "secretary", "chairman", "vice_chairman");
  if (scope.length === 0) return null;
  const movement = await prisma.movement.findFirst({
    where: { id: movementId, unitId: { in: scope } },
    select: {
      id: true,
      title: true,
      year: true,
      state: true,
      version: true,
      subjectKinds: true,
      submissionDeadline: true,
      unit: { select: { id: true, name: true } },
      quotas: { select: { nomineeKind: true, maxAwards: true } },
      targets: {
        orderBy: { position: "asc" },
        select: { id: true, area: true, label: true, comparator: true, threshold: true, unit: true, optional: true, appliesTo: true },
      },
    },
  });
  if (!movement) return null;
  // The dossier list's own `where` for ?phong-trao=<id>: the dashboard counts what the list shows.
  const base: Prisma.DossierWhereInput = { AND: [visibleDossierWhere(user), { movementId: movement.id }] };

  const [byUnitState, byKindState, figureRows, overdueRows, sessions] = await Promise.all([
    prisma.dossier.groupBy({ by: ["unitId", "state"], where: base, _count: { _all: true } }),
    prisma.dossier.groupBy({ by: ["kind", "state"], where: base, _count: { _all: true } }),
    prisma.dossier.findMany({
      where: base,
      select: {
        id: true,
        state: true,
        nominee: { select: { subjectKind: true } },
        figures: { select: { targetId: true, value: true, notApplicable: true } },
      },
    }),
    prisma.dossier.findMany({
      where: { AND: [base, { state: { in: [...WAITING_STATES] }, dueAt: { lt: now } }] },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      select: { id: true, state: true, dueAt: true, nominee: { select: { name: true } }, unit: { select: { name: true } } },
    }),
    prisma.votingSession.findMany({
      where: { movementId: movement.id },
      orderBy: { openedAt: "asc" },
      select: {
        id: true,
        title: true,
        state: true,
        openedAt: true,
        closedAt: true,
        closesAt: true,
        _count: { select: { members: true, dossiers: true } },
        dossiers: { select: { dossierId: true, entitled: true, voted: true, passed: true } },
        receipts: { select: { userId: true, dossierId: true } },
        recusals: { select: { userId: true, dossierId: true } },
      },
    }),
  ]);

  // ── By state ──
  const byState = Object.fromEntries(DOSSIER_STATES.map((state) => [state, 0])) as Record<DossierState, number>;
  for (const row of byUnitState) byState[row.state] += row._count._all;
  const total = Object.values(byState).reduce((sum, n) => sum + n, 0);

  // ── By unit: a unit counts its own dossiers and those of the units under it, as ?don-vi= lists them ──
  const unitIds = [...new Set(byUnitState.map((row) => row.unitId))];
  const units = await prisma.orgUnit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true, ancestorIds: true } });
  const unitById = new Map(units.map((unit) => [unit.id, unit]));
  const byUnit = units
    .map((unit) => {
      const groups = { in_progress: 0, awarded: 0, not_passed: 0, other: 0 } as Record<StateGroup, number>;
      for (const row of byUnitState) {
        const own = unitById.get(row.unitId);
        if (row.unitId !== unit.id && !own?.ancestorIds.includes(unit.id)) continue;
        const group = (Object.keys(STATE_GROUPS) as StateGroup[]).find((key) =>
          (STATE_GROUPS[key] as readonly string[]).includes(row.state),
        )!;
        groups[group] += row._count._all;
      }
      return { unitId: unit.id, name: unit.name, total: Object.values(groups).reduce((a, b) => a + b, 0), groups };
    })
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, "vi"));

  // ── Awards against the quota, per kind of nominee; and per subject kind ──
  const taking = new Set<string>(QUOTA_TAKING_STATES);
  const kinds: NomineeKind[] = ["individual", "collective", "household"];
  const quota = kinds
    .map((kind) => {
      const rows = byKindState.filter((row) => row.kind === kind);
      const awarded = rows.filter((row) => taking.has(row.state)).reduce((sum, row) => sum + row._count._all, 0);
      const proposed = rows.filter((row) => row.state !== "draft").reduce((sum, row) => sum + row._count._all, 0);
      const max = movement.quotas.find((q) => q.nomineeKind === kind)?.maxAwards ?? null;
      return { kind, subjectKinds: SUBJECT_KINDS_BY_NOMINEE_KIND[kind] as SubjectKind[], max, awarded, proposed };
    })
    .filter((row) => row.max !== null || row.proposed > 0);

  const bySubject = new Map<SubjectKind, { proposed: number; awarded: number }>();
  for (const kind of movement.subjectKinds) bySubject.set(kind, { proposed: 0, awarded: 0 });
  for (const row of figureRows) {
    const kind = row.nominee.subjectKind;
    const entry = bySubject.get(kind) ?? { proposed: 0, awarded: 0 };
    if (row.state !== "draft") entry.proposed += 1;
    if (taking.has(row.state)) entry.awarded += 1;
    bySubject.set(kind, entry);
  }

  // ── Targets: how many nominees met each, and the spread of their figures ──
  const targets = movement.targets.map((target) => {
    const counts: Record<FigureStatus, number> = { met: 0, unmet: 0, missing: 0, not_applicable: 0 };
    const values: number[] = [];
    for (const row of figureRows) {
      if (targetsFor([target], row.nominee.subjectKind).length === 0) continue;
      const figure = row.figures.find((f) => f.targetId === target.id);
      counts[evaluateFigure(target, figure?.value ?? null, figure?.notApplicable ?? false)] += 1;
      if (figure?.value !== null && figure?.value !== undefined && !figure.notApplicable) values.push(Number(figure.value));
    }
    return {
      id: target.id,
      area: target.area,
      label: target.label,
      unit: target.unit,
      threshold: Number(target.threshold),
      requirement: thresholdText(target),
      applicable: counts.met + counts.unmet + counts.missing + counts.not_applicable,
      counts,
      spread: spreadOf(values),
    };
  });

  // ── Overdue, in working days ──
  const overdue = overdueRows.map((row) => ({
    id: row.id,
    name: row.nominee.name,
    unit: row.unit.name,
    state: row.state,
    dueAt: row.dueAt!,
    workingDaysLate: workingDaysBetween(row.dueAt!, now),
  }));

  // ── The council's sessions: who took part ──
  const votingSessions = sessions.map((session) => {
    const voters = new Set(session.receipts.map((receipt) => receipt.userId));
    const ballotsDue = session.dossiers.reduce((sum, d) => sum + (d.entitled ?? 0), 0);
    return {
      id: session.id,
      title: session.title,
      state: session.state,
      openedAt: session.openedAt,
      closedAt: session.closedAt,
      members: session._count.members,
      voters: voters.size,
      dossiers: session._count.dossiers,
      receipts: session.receipts.length,
      recusals: session.recusals.length,
      /** Ballots that members entitled to vote could cast (known once closed: recusals excluded). */
      ballotsDue: session.state === "closed" ? ballotsDue : session._count.members * session._count.dossiers - session.recusals.length,
      passed: session.dossiers.filter((d) => d.passed === true).length,
    };
  });

  return {
    movement,
    total,
    byState,
    byUnit,
    quota,
    bySubject: [...bySubject.entries()].map(([kind, n]) => ({ kind, ...n })),
    targets,
    overdue,
    votingSessions,
  };
}

export type MovementDashboard = NonNullable<Awaited<ReturnType<typeof movementDashboard>>>;
