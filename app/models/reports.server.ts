// Reports for the level above: the movement's summary report (báo cáo tổng kết phong trào) and the statistics
// of awards over a period by award form, title and kind of recipient. Numbers come from the same queries as the
// dashboard (its scope, its judgement of figures), plus the workflow's own records: the audit trail for
// returns, the voting results for the council, the decisions and certificates for the awards.
import { AWARD_TITLE_LABELS, QUOTA_TAKING_STATES } from "#machines/index.ts";
import type { AwardForm, AwardTitle, NomineeKind, Prisma, SubjectKind } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { certificateUnits } from "./certificate.server.ts";
import { movementDashboard } from "./dashboard.server.ts";
import { visibleDossierWhere } from "./dossier-scope.server.ts";
import { higherLevelFor } from "./escalation.server.ts";

/** The chairman of a commune, who signs its reports (the first active one). */
function chairmanOf(unitId: string) {
  return prisma.user.findFirst({
    where: { active: true, roles: { some: { role: "chairman", unitId } } },
    orderBy: { createdAt: "asc" },
    select: { fullName: true },
  });
}

// ─── The movement's summary report ──────────────────────────────────────────

/** Everything the summary report says, or null when the user may not see the movement's dashboard. */
export async function movementSummary(user: CurrentUser, movementId: string, now = new Date()) {
  const dashboard = await movementDashboard(user, movementId, now);
  if (!dashboard) return null;
  const movement = dashboard.movement;
  const base: Prisma.DossierWhereInput = { AND: [visibleDossierWhere(user), { movementId }] };
  const dossierIds = (await prisma.dossier.findMany({ where: base, select: { id: true } })).map((d) => d.id);

  const [details, received, returned, councilResults, approved, rejected, awarded, entries, chairman, higher] = await Promise.all([
    prisma.movement.findUniqueOrThrow({
      where: { id: movementId },
      select: { planNumber: true, legalBasis: true, scope: true, unit: { select: { id: true, name: true, placeName: true } } },
    }),
    prisma.dossier.count({ where: { AND: [base, { submittedAt: { not: null } }] } }),
    prisma.auditEvent.findMany({
      where: { entityType: "Dossier", action: "dossier.RETURN_FOR_SUPPLEMENT", entityId: { in: dossierIds } },
      distinct: ["entityId"],
      select: { entityId: true },
    }),
    prisma.sessionDossier.findMany({
      where: { dossierId: { in: dossierIds }, passed: { not: null }, session: { state: "closed" } },
      select: { dossierId: true, passed: true },
    }),
    prisma.dossier.count({ where: { AND: [base, { state: { in: [...QUOTA_TAKING_STATES] } }] } }),
    prisma.dossier.count({ where: { AND: [base, { state: "rejected" }] } }),
    prisma.dossier.count({ where: { AND: [base, { state: "awarded" }] } }),
    prisma.awardDecisionEntry.findMany({
      where: { dossierId: { in: dossierIds } },
      orderBy: [{ decision: { decidedAt: "asc" } }, { position: "asc" }],
      select: {
        name: true,
        kind: true,
        detail: true,
        awardForm: true,
        awardTitle: true,
        decision: { select: { number: true, decidedAt: true } },
        dossier: {
          select: {
            nominee: { select: { subjectKind: true } },
            certificate: { select: { serial: true, goldenBookNumber: true, revokedAt: true } },
          },
        },
      },
    }),
    chairmanOf(dashboard.movement.unit.id),
    higherLevelFor(prisma, dashboard.movement.unit.id, now),
  ]);
  // A dossier voted on in several sessions counts once, by its last result.
  const lastResult = new Map(councilResults.map((row) => [row.dossierId, row.passed]));
  return {
    dashboard,
    movement: { ...movement, ...details },
    counts: {
      received,
      returned: returned.length,
      councilPassed: [...lastResult.values()].filter((passed) => passed === true).length,
      councilFailed: [...lastResult.values()].filter((passed) => passed === false).length,
      approved,
      rejected,
      awarded,
      revoked: entries.filter((entry) => entry.dossier.certificate?.revokedAt).length,
    },
    awardees: entries.map((entry) => ({
      name: entry.name,
      kind: entry.kind,
      subjectKind: entry.dossier.nominee.subjectKind,
      detail: entry.detail,
      awardForm: entry.awardForm,
      awardTitle: entry.awardTitle,
      decisionNumber: entry.decision.number,
      decisionDate: entry.decision.decidedAt,
      serial: entry.dossier.certificate?.serial ?? null,
      registerNumber: entry.dossier.certificate?.goldenBookNumber ?? null,
      revoked: Boolean(entry.dossier.certificate?.revokedAt),
    })),
    chairmanName: chairman?.fullName ?? null,
    addressee: higher.ok ? higher.unit.name : null,
  };
}

export type MovementSummary = NonNullable<Awaited<ReturnType<typeof movementSummary>>>;

// ─── Statistics of awards over a period ─────────────────────────────────────

/** The columns of the statistics: collectives, individuals by category, households (see docs/reports.md). */
export const STATISTICS_COLUMNS: Array<{ key: string; kinds: SubjectKind[]; nomineeKind: NomineeKind }> = [
  { key: "collective", kinds: ["hamlet"], nomineeKind: "collective" },
  { key: "unit_head", kinds: ["unit_head"], nomineeKind: "individual" },
  { key: "civil_servant", kinds: ["civil_servant"], nomineeKind: "individual" },
  { key: "part_time_worker", kinds: ["part_time_worker"], nomineeKind: "individual" },
  { key: "household", kinds: ["household"], nomineeKind: "household" },
];

export type StatisticsCounts = {
  total: number;
  collective: number;
  individual: number;
  household: number;
  bySubject: Record<SubjectKind, number>;
};

function emptyCounts(): StatisticsCounts {
  return {
    total: 0,
    collective: 0,
    individual: 0,
    household: 0,
    bySubject: { unit_head: 0, civil_servant: 0, part_time_worker: 0, hamlet: 0, household: 0 },
  };
}

function add(counts: StatisticsCounts, kind: NomineeKind, subject: SubjectKind): void {
  counts.total += 1;
  counts[kind] += 1;
  counts.bySubject[subject] += 1;
}

const AWARD_TITLE_ORDER = Object.keys(AWARD_TITLE_LABELS) as AwardTitle[];

/** The units whose statistics a user may draw up (chairman, vice-chairman, secretary). */
export function statisticsUnits(user: CurrentUser) {
  return prisma.orgUnit.findMany({
    where: { id: { in: certificateUnits(user) } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

/**
 * Awards decided by `unitId` between two calendar days (Vietnam, inclusive): one per awardee of a decision,
 * by award form, by title (those conferred with one), by movement, and by kind of recipient; revoked
 * certificates are counted apart, not removed. Form and title are the decision entry's, as decided.
 */
export async function awardStatistics(user: CurrentUser, unitId: string, from: string, to: string) {
  if (!certificateUnits(user).includes(unitId)) return null;
  const unit = await prisma.orgUnit.findUnique({ where: { id: unitId }, select: { id: true, name: true, placeName: true } });
  if (!unit) return null;
  const start = new Date(`${from}T00:00:00+07:00`);
  const end = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000);
  const [chairman, higher] = await Promise.all([chairmanOf(unitId), higherLevelFor(prisma, unitId)]);
  const entries = await prisma.awardDecisionEntry.findMany({
    where: { decision: { unitId, decidedAt: { gte: start, lt: end } } },
    select: {
      kind: true,
      awardForm: true,
      awardTitle: true,
      dossier: {
        select: { nominee: { select: { subjectKind: true } }, certificate: { select: { revokedAt: true } } },
      },
      decision: { select: { movement: { select: { id: true, title: true, year: true } } } },
    },
  });
  const byForm = new Map<AwardForm, StatisticsCounts>();
  const byTitle = new Map<AwardTitle, StatisticsCounts>();
  const byMovement = new Map<string, { title: string; year: number; counts: StatisticsCounts }>();
  const total = emptyCounts();
  const revoked = emptyCounts();
  for (const entry of entries) {
    const subject = entry.dossier.nominee.subjectKind;
    const form = entry.awardForm;
    if (!byForm.has(form)) byForm.set(form, emptyCounts());
    add(byForm.get(form)!, entry.kind, subject);
    if (entry.awardTitle) {
      if (!byTitle.has(entry.awardTitle)) byTitle.set(entry.awardTitle, emptyCounts());
      add(byTitle.get(entry.awardTitle)!, entry.kind, subject);
    }
    const movement = entry.decision.movement;
    if (!byMovement.has(movement.id)) byMovement.set(movement.id, { title: movement.title, year: movement.year, counts: emptyCounts() });
    add(byMovement.get(movement.id)!.counts, entry.kind, subject);
    add(total, entry.kind, subject);
    if (entry.dossier.certificate?.revokedAt) add(revoked, entry.kind, subject);
  }
  return {
    unit,
    from,
    to,
    addressee: higher.ok ? higher.unit.name : null,
    chairmanName: chairman?.fullName ?? null,
    total,
    revoked,
    byForm: [...byForm.entries()].map(([form, counts]) => ({ form, counts })),
    /** In the order of the glossary; only titles conferred in the period. */
    byTitle: AWARD_TITLE_ORDER.flatMap((title) => (byTitle.has(title) ? [{ title, counts: byTitle.get(title)! }] : [])),
    byMovement: [...byMovement.values()].sort((a, b) => b.counts.total - a.counts.total || a.title.localeCompare(b.title, "vi")),
  };
}

export type AwardStatistics = NonNullable<Awaited<ReturnType<typeof awardStatistics>>>;
