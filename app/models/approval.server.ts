// The chairman's queue (phê duyệt): dossiers the council passed, in the movements the user signs for
// (their commune's as chairman, or delegated to them now as vice-chairman), with the council's result,
// the figures against the targets and the places left in the quota.
import { FIGURE_STATUS_LABELS, NOMINEE_KIND_LABELS, QUOTA_TAKING_STATES, judgeFigures } from "#machines/index.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { delegatedMovementIds } from "./delegation.server.ts";
import { unitsWhereRole } from "./org-unit.server.ts";

/**
 * Movements the user signs for: those of the communes where they are chairman, and those delegated
 * to them now as vice-chairman.
 */
export async function signableMovementWhere(user: CurrentUser, now = new Date()): Promise<Prisma.MovementWhereInput> {
  const delegated = await delegatedMovementIds(prisma, user, now);
  return { OR: [{ unitId: { in: unitsWhereRole(user, "chairman") } }, { id: { in: delegated } }] };
}

/** Dossiers waiting for the signer, grouped by movement, with the council result, figures and quota. */
export async function signOffQueue(user: CurrentUser, now = new Date()) {
  const movementWhere = await signableMovementWhere(user, now);
  const dossiers = await prisma.dossier.findMany({
    where: { state: "council_passed", movement: movementWhere },
    orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }],
    take: 300,
    select: {
      id: true,
      version: true,
      kind: true,
      dueAt: true,
      movementId: true,
      nominee: { select: { name: true, position: true, subjectKind: true } },
      unit: { select: { name: true } },
      figures: { select: { targetId: true, value: true, notApplicable: true } },
      sessions: {
        where: { session: { state: "closed" } },
        orderBy: { session: { closedAt: "desc" } },
        take: 1,
        select: {
          sessionId: true,
          entitled: true,
          voted: true,
          agree: true,
          disagree: true,
          passed: true,
          session: { select: { closedAt: true, thresholdNum: true, thresholdDen: true } },
        },
      },
    },
  });
  const movementIds = [...new Set(dossiers.map((d) => d.movementId))];
  const undecided = await prisma.dossier.groupBy({
    by: ["movementId"],
    where: { state: "approved", decisionEntry: { is: null }, movement: movementWhere },
    _count: { _all: true },
  });
  const allIds = [...new Set([...movementIds, ...undecided.map((row) => row.movementId)])];
  const movements = await prisma.movement.findMany({
    where: { id: { in: allIds } },
    orderBy: [{ year: "desc" }, { createdAt: "desc" }],
    select: {
      id: true,
      title: true,
      year: true,
      unitId: true,
      prizeAmount: true,
      quotas: { select: { nomineeKind: true, maxAwards: true } },
      targets: {
        orderBy: { position: "asc" },
        select: { id: true, label: true, comparator: true, threshold: true, unit: true, optional: true, appliesTo: true },
      },
    },
  });
  const taken = await prisma.dossier.groupBy({
    by: ["movementId", "kind"],
    where: { movementId: { in: allIds }, state: { in: [...QUOTA_TAKING_STATES] } },
    _count: { _all: true },
  });

  return movements.map((movement) => ({
    id: movement.id,
    title: movement.title,
    year: movement.year,
    prizeAmount: movement.prizeAmount === null ? null : Number(movement.prizeAmount),
    undecidedApproved: undecided.find((row) => row.movementId === movement.id)?._count._all ?? 0,
    quotas: movement.quotas.map((quota) => {
      const used = taken.find((row) => row.movementId === movement.id && row.kind === quota.nomineeKind)?._count._all ?? 0;
      return {
        kind: quota.nomineeKind,
        label: NOMINEE_KIND_LABELS[quota.nomineeKind],
        max: quota.maxAwards,
        used,
        left: Math.max(0, quota.maxAwards - used),
      };
    }),
    dossiers: dossiers
      .filter((d) => d.movementId === movement.id)
      .map((d) => {
        const result = d.sessions[0] ?? null;
        return {
          id: d.id,
          version: d.version,
          kind: d.kind,
          nominee: d.nominee,
          unitName: d.unit.name,
          dueAt: d.dueAt,
          overdue: d.dueAt !== null && d.dueAt < now,
          council: result
            ? {
                sessionId: result.sessionId,
                closedAt: result.session.closedAt,
                entitled: result.entitled ?? 0,
                voted: result.voted ?? 0,
                agree: result.agree ?? 0,
                disagree: result.disagree ?? 0,
                passed: Boolean(result.passed),
              }
            : null,
          targets: judgeFigures(movement.targets, d.figures, d.nominee.subjectKind).map((judged) => ({
            label: judged.target.label,
            requirement: judged.requirement,
            result: judged.result,
            status: judged.status,
            statusLabel: FIGURE_STATUS_LABELS[judged.status],
          })),
        };
      }),
  }));
}

/** Whether a dossier is in the user's queue (checked in the query before the workflow runs). */
export async function inSignOffScope(user: CurrentUser, dossierId: string, now = new Date()): Promise<boolean> {
  const movement = await signableMovementWhere(user, now);
  return (await prisma.dossier.count({ where: { id: dossierId, movement } })) > 0;
}
