// Movements (phong trào thi đua): reading, the secretary's create / edit, the lifecycle through the
// pure machine (machines/movement.ts), versions (docs/decisions/004-movement-versions.md).
import { checkRevision } from "~/forms/revision.ts";
import {
  initialMovementSnapshot,
  transitionMovement,
  type Actor,
  type MovementEvent,
  type PersistedMovementSnapshot,
} from "#machines/index.ts";
import {
  AWARD_FORMS,
  NOMINEE_KINDS,
  SUBJECT_KINDS,
  coveredNomineeKinds,
  endOfVietnamDay,
  vietnamYear,
  type MovementFormDefaults,
  type MovementFormValue,
} from "~/forms/movement.ts";
import type { AwardForm, AwardTitle, Comparator, MovementState, NomineeKind, Prisma, SubjectKind } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { formatDate, formatNumber } from "~/utils/format.ts";
import {
  AWARD_FORM_LABELS,
  AWARD_TITLE_LABELS,
  MOVEMENT_STATE_LABELS,
  NOMINEE_KIND_LABELS,
  awardLabel,
  capitalize,
} from "~/utils/labels.ts";
import { Refusal, attempt, type Result } from "~/utils/result.ts";
import { appendAudit } from "./audit.server.ts";
import { movementUnitIdsFor } from "./org-unit.server.ts";

type Tx = Prisma.TransactionClient;

export const PAGE_SIZE = 20;

/** What a write returns: the id it wrote, or why nothing was written (Vietnamese, shown as is). */
export type WriteResult = Result<{ movementId: string }>;

export const NOT_FOUND = "Không tìm thấy phong trào thi đua.";
const CONFLICT = "Phong trào đã được người khác cập nhật. Vui lòng tải lại trang để xem nội dung mới nhất.";

// ─── Reading ────────────────────────────────────────────────────────────────

/** Movements a user may see, newest first: those of the units they belong to and of the units above. */
export async function listVisibleMovements(user: CurrentUser, { take = PAGE_SIZE, skip = 0 } = {}) {
  const unitIds = await movementUnitIdsFor(user);
  const movements = await prisma.movement.findMany({
    where: { unitId: { in: unitIds } },
    orderBy: [{ year: "desc" }, { createdAt: "desc" }, { id: "asc" }],
    take,
    skip,
    select: {
      id: true,
      title: true,
      year: true,
      state: true,
      version: true,
      submissionDeadline: true,
      unit: { select: { name: true } },
      nextVersion: { select: { id: true, version: true } },
      quotas: { select: { nomineeKind: true, maxAwards: true } },
      _count: { select: { targets: true } },
    },
  });
  // Counted for this page's movements only, on the (movementId, …) index: Prisma's _count of a
  // relation here would count the whole Dossier table (bench/RESULTS.md, finding 1).
  const counts = await prisma.dossier.groupBy({
    by: ["movementId"],
    where: { movementId: { in: movements.map((movement) => movement.id) } },
    _count: { _all: true },
  });
  const dossiers = new Map(counts.map((row) => [row.movementId, row._count._all]));
  return movements.map((movement) => ({ ...movement, dossierCount: dossiers.get(movement.id) ?? 0 }));
}

/** One row of the movements table (home page, /phong-trao): what the table shows, ready to render. */
export type MovementListRow = {
  id: string;
  title: string;
  year: number;
  unitName: string;
  state: string;
  open: boolean;
  version: number;
  superseded: boolean;
  deadline: string;
  quota: string;
  targets: number;
  dossiers: number;
};

/** A movement of listVisibleMovements, as a row of the movements table (~/components/movement-table.tsx). */
export function movementListRow(movement: Awaited<ReturnType<typeof listVisibleMovements>>[number]): MovementListRow {
  return {
    id: movement.id,
    title: movement.title,
    year: movement.year,
    unitName: movement.unit.name,
    state: MOVEMENT_STATE_LABELS[movement.state],
    open: movement.state === "open",
    version: movement.version,
    superseded: movement.nextVersion !== null,
    deadline: formatDate(movement.submissionDeadline),
    quota: movement.quotas.map((q) => `không quá ${String(q.maxAwards).padStart(2, "0")} ${NOMINEE_KIND_LABELS[q.nomineeKind]}`).join("; "),
    targets: movement._count.targets,
    dossiers: movement.dossierCount,
  };
}

export async function countVisibleMovements(user: CurrentUser): Promise<number> {
  const unitIds = await movementUnitIdsFor(user);
  return prisma.movement.count({ where: { unitId: { in: unitIds } } });
}

/** What a movement's page and its edit form both show of it. */
const movementFields = {
  title: true,
  year: true,
  planNumber: true,
  legalBasis: true,
  scope: true,
  subjectKinds: true,
  awards: { select: { nomineeKind: true, awardForm: true, title: true } },
  submissionDeadline: true,
  screeningDays: true,
  decisionDays: true,
  prizeAmount: true,
  state: true,
  version: true,
} satisfies Prisma.MovementSelect;

/** One movement with its targets, or null when it does not exist or is outside the user's units. */
export async function getVisibleMovement(user: CurrentUser, movementId: string) {
  const unitIds = await movementUnitIdsFor(user);
  return prisma.movement.findFirst({
    where: { id: movementId, unitId: { in: unitIds } },
    select: {
      id: true,
      ...movementFields,
      previousVersion: { select: { id: true, version: true } },
      nextVersion: { select: { id: true, version: true, state: true } },
      unit: { select: { id: true, name: true } },
      quotas: { select: { nomineeKind: true, maxAwards: true } },
      targets: {
        orderBy: { position: "asc" },
        select: { id: true, area: true, label: true, comparator: true, threshold: true, unit: true, optional: true, appliesTo: true },
      },
    },
  });
}

/** "Cá nhân: Danh hiệu “Lao động tiên tiến” và Giấy khen của Chủ tịch UBND xã", one line per kind of nominee, in kind order. */
export function awardLines(awards: Array<{ nomineeKind: NomineeKind; awardForm: AwardForm; title: AwardTitle | null }>): string[] {
  return NOMINEE_KINDS.flatMap((kind) =>
    awards
      .filter((award) => award.nomineeKind === kind)
      .map(
        (award) =>
          `${capitalize(NOMINEE_KIND_LABELS[kind])}: ${awardLabel(AWARD_FORM_LABELS[award.awardForm], award.title && AWARD_TITLE_LABELS[award.title])}`,
      ),
  );
}

/**
 * The unit a movement belongs to, for the permission check that comes before any other query
 * (`requireRole(request, "secretary", unitId)`); null when there is no such movement.
 */
export async function movementUnitId(movementId: string): Promise<string | null> {
  const movement = await prisma.movement.findUnique({ where: { id: movementId }, select: { unitId: true } });
  return movement?.unitId ?? null;
}

const editSelect = {
  id: true,
  unitId: true,
  ...movementFields,
  seriesId: true,
  updatedAt: true,
  unit: { select: { name: true } },
  previousVersion: { select: { id: true, version: true, state: true } },
  nextVersion: { select: { id: true, version: true } },
  quotas: { select: { nomineeKind: true, maxAwards: true } },
  targets: {
    orderBy: { position: "asc" },
    select: {
      metric: true,
      position: true,
      area: true,
      label: true,
      comparator: true,
      threshold: true,
      unit: true,
      optional: true,
      appliesTo: true,
    },
  },
} satisfies Prisma.MovementSelect;

export type StoredMovement = Prisma.MovementGetPayload<{ select: typeof editSelect }>;

/** A movement of `unitId` with everything its edit form shows. */
export function getMovementForEdit(movementId: string, unitId: string): Promise<StoredMovement | null> {
  return prisma.movement.findFirst({ where: { id: movementId, unitId }, select: editSelect });
}

/** Targets, quota, subjects, awards (forms and titles) and prize: what a launched movement is judged by, so they no longer change. */
export function isFrozen(state: MovementState): boolean {
  return state !== "draft";
}

/** The edit form's starting values, as a person would type them ("99,6", "15/05/2023"). */
export function movementFormDefaults(row: StoredMovement): MovementFormDefaults {
  const quota = (kind: NomineeKind) => String(row.quotas.find((q) => q.nomineeKind === kind)?.maxAwards ?? "");
  return {
    revision: row.updatedAt.toISOString(),
    title: row.title,
    year: String(row.year),
    planNumber: row.planNumber ?? "",
    legalBasis: row.legalBasis.length > 0 ? row.legalBasis : [""],
    scope: row.scope ?? "",
    subjectKinds: row.subjectKinds,
    targets: row.targets.map((target) => ({
      area: target.area ?? "",
      label: target.label,
      comparator: target.comparator,
      threshold: formatNumber(target.threshold.toString(), 4),
      unit: target.unit,
      optional: target.optional,
      appliesTo: target.appliesTo,
    })),
    awards: {
      individual: awardDefaults(row, "individual"),
      collective: awardDefaults(row, "collective"),
      household: awardDefaults(row, "household"),
    },
    quotas: { individual: quota("individual"), collective: quota("collective"), household: quota("household") },
    prizeAmount: row.prizeAmount === null ? "" : formatNumber(row.prizeAmount.toString(), 0),
    submissionDeadline: formatDate(row.submissionDeadline),
    screeningDays: String(row.screeningDays),
    decisionDays: String(row.decisionDays),
  };
}

/** A kind's award as the form shows it: its form (the only one offered by default) and title. */
function awardDefaults(row: StoredMovement, kind: NomineeKind) {
  const award = row.awards.find((a) => a.nomineeKind === kind);
  return { form: award?.awardForm ?? AWARD_FORMS[0], title: award?.title ?? undefined };
}

/** A new movement's form: this year, the commune's usual processing times, one empty row of each list. */
export function newMovementDefaults(now = new Date()): MovementFormDefaults {
  return {
    title: "",
    year: String(vietnamYear(now)),
    planNumber: "",
    legalBasis: [""],
    scope: "",
    subjectKinds: [],
    targets: [{ area: "", label: "", comparator: "gte", threshold: "", unit: "%", optional: false, appliesTo: [] }],
    awards: {
      individual: { form: AWARD_FORMS[0] },
      collective: { form: AWARD_FORMS[0] },
      household: { form: AWARD_FORMS[0] },
    },
    quotas: { individual: "", collective: "", household: "" },
    prizeAmount: "",
    submissionDeadline: "",
    screeningDays: "5",
    decisionDays: "12",
  };
}

// ─── Content: one plain shape for the form value and the stored row ────────

type TargetContent = {
  area: string | null;
  label: string;
  comparator: Comparator;
  threshold: number;
  unit: string;
  optional: boolean;
  appliesTo: SubjectKind[];
};

/** What a kind of nominee receives; null: the movement's subjects do not cover that kind. */
export type AwardContent = { form: AwardForm; title: AwardTitle | null } | null;

/** The movement as the audit trail records it (plain JSON, ordered so that equal content compares equal). */
export type MovementContent = {
  title: string;
  year: number;
  planNumber: string | null;
  legalBasis: string[];
  scope: string | null;
  subjectKinds: SubjectKind[];
  awards: Record<NomineeKind, AwardContent>;
  submissionDeadline: string;
  screeningDays: number;
  decisionDays: number;
  quotas: Record<NomineeKind, number | null>;
  /** Tiền thưởng per awardee, whole đồng; null = none (an empty field or 0). */
  prizeAmount: number | null;
  targets: TargetContent[];
};

const bySubjectOrder = (kinds: readonly SubjectKind[]) => SUBJECT_KINDS.filter((kind) => kinds.includes(kind));
const blankToNull = (text: string | null | undefined) => (text && text.trim() !== "" ? text.trim() : null);
/** Decimal(14, 4) precision, as a number the JSON of the audit row can hold. */
const fourDecimals = (value: { toString(): string } | number) => Number(Number(value.toString()).toFixed(4));

/** The awards of the kinds the subjects cover; the other kinds have none. */
function awardsOf(subjectKinds: readonly SubjectKind[], award: (kind: NomineeKind) => AwardContent): Record<NomineeKind, AwardContent> {
  const covered = coveredNomineeKinds(subjectKinds);
  return Object.fromEntries(NOMINEE_KINDS.map((kind) => [kind, covered.includes(kind) ? award(kind) : null])) as Record<
    NomineeKind,
    AwardContent
  >;
}

export function contentOfForm(value: MovementFormValue): MovementContent {
  return {
    title: value.title,
    year: value.year,
    planNumber: blankToNull(value.planNumber),
    legalBasis: value.legalBasis,
    scope: blankToNull(value.scope),
    subjectKinds: bySubjectOrder(value.subjectKinds),
    awards: awardsOf(value.subjectKinds, (kind) => {
      const award = value.awards[kind];
      return award.form ? { form: award.form, title: award.title ?? null } : null;
    }),
    submissionDeadline: endOfVietnamDay(value.submissionDeadline).toISOString(),
    screeningDays: value.screeningDays,
    decisionDays: value.decisionDays,
    quotas: {
      individual: value.quotas.individual ?? null,
      collective: value.quotas.collective ?? null,
      household: value.quotas.household ?? null,
    },
    prizeAmount: value.prizeAmount ? value.prizeAmount : null,
    targets: value.targets.map((target) => ({
      area: blankToNull(target.area),
      label: target.label,
      comparator: target.comparator,
      threshold: fourDecimals(target.threshold),
      unit: target.unit,
      optional: target.optional,
      appliesTo: bySubjectOrder(target.appliesTo),
    })),
  };
}

export function contentOfRow(row: StoredMovement): MovementContent {
  const quota = (kind: NomineeKind) => row.quotas.find((q) => q.nomineeKind === kind)?.maxAwards ?? null;
  return {
    title: row.title,
    year: row.year,
    planNumber: row.planNumber,
    legalBasis: row.legalBasis,
    scope: row.scope,
    subjectKinds: bySubjectOrder(row.subjectKinds),
    awards: awardsOf(row.subjectKinds, (kind) => {
      const award = row.awards.find((a) => a.nomineeKind === kind);
      return award ? { form: award.awardForm, title: award.title } : null;
    }),
    submissionDeadline: row.submissionDeadline.toISOString(),
    screeningDays: row.screeningDays,
    decisionDays: row.decisionDays,
    quotas: { individual: quota("individual"), collective: quota("collective"), household: quota("household") },
    prizeAmount: row.prizeAmount === null || row.prizeAmount.isZero() ? null : row.prizeAmount.toNumber(),
    targets: row.targets.map((target) => ({
      area: target.area,
      label: target.label,
      comparator: target.comparator,
      threshold: fourDecimals(target.threshold),
      unit: target.unit,
      optional: target.optional,
      appliesTo: bySubjectOrder(target.appliesTo),
    })),
  };
}

/** The parts of a launched movement that may not change, in Vietnamese, as the refusal names them. */
const FROZEN_PARTS: Array<[keyof MovementContent, string]> = [
  ["targets", "chỉ tiêu thi đua"],
  ["quotas", "số lượng khen thưởng"],
  ["subjectKinds", "đối tượng thi đua"],
  ["awards", "hình thức khen thưởng, danh hiệu thi đua"],
  ["prizeAmount", "tiền thưởng"],
];

function changedKeys(before: MovementContent, after: MovementContent): Array<keyof MovementContent> {
  return (Object.keys(after) as Array<keyof MovementContent>).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

function pick(content: MovementContent, keys: Array<keyof MovementContent>): Prisma.InputJsonObject {
  return Object.fromEntries(keys.map((key) => [key, content[key]])) as Prisma.InputJsonObject;
}

/** "Giải quyết hồ sơ TTHC đúng hạn" → "giai_quyet_ho_so_tthc_dung_han": a stable name for the figures of a target. */
export function metricFromLabel(label: string): string {
  const slug = label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 60);
  return slug || "chi_tieu";
}

/**
 * Target rows for a movement. A label that already existed keeps its metric (the seed's names,
 * and the link between versions); a new one gets a unique slug.
 */
function targetRows(targets: TargetContent[], previous: Array<{ label: string; metric: string }> = []) {
  const used = new Set<string>();
  const metricOf = new Map(previous.map((target) => [target.label, target.metric]));
  return targets.map((target, index) => {
    let metric = metricOf.get(target.label) ?? metricFromLabel(target.label);
    for (let n = 2; used.has(metric); n++) metric = `${metricFromLabel(target.label)}_${n}`;
    used.add(metric);
    return { ...target, threshold: String(target.threshold), position: index + 1, metric };
  });
}

function quotaRows(quotas: MovementContent["quotas"]) {
  return NOMINEE_KINDS.flatMap((kind) => (quotas[kind] === null ? [] : [{ nomineeKind: kind, maxAwards: quotas[kind]! }]));
}

function awardRows(awards: MovementContent["awards"]) {
  return NOMINEE_KINDS.flatMap((kind) => {
    const award = awards[kind];
    return award ? [{ nomineeKind: kind, awardForm: award.form, title: award.title }] : [];
  });
}

function scalarData(content: MovementContent) {
  return {
    title: content.title,
    year: content.year,
    planNumber: content.planNumber,
    legalBasis: content.legalBasis,
    scope: content.scope,
    subjectKinds: content.subjectKinds,
    submissionDeadline: new Date(content.submissionDeadline),
    screeningDays: content.screeningDays,
    decisionDays: content.decisionDays,
    prizeAmount: content.prizeAmount,
  };
}

function auditActor(user: CurrentUser) {
  return { actorId: user.id, actorName: user.fullName };
}

// ─── Create and edit ────────────────────────────────────────────────────────

/** A new draft movement of `unitId` (the caller checked the secretary's role there). */
export async function createMovement(user: CurrentUser, unitId: string, value: MovementFormValue, now = new Date()): Promise<WriteResult> {
  const content = contentOfForm(value);
  return prisma.$transaction(async (tx) => {
    const movement = await tx.movement.create({
      data: {
        unitId,
        ...scalarData(content),
        state: "draft",
        targets: { create: targetRows(content.targets) },
        quotas: { create: quotaRows(content.quotas) },
        awards: { create: awardRows(content.awards) },
      },
      select: { id: true },
    });
    await appendAudit(
      tx,
      {
        chainId: unitId,
        ...auditActor(user),
        action: "movement.CREATE",
        entityType: "Movement",
        entityId: movement.id,
        fromState: null,
        toState: "draft",
        data: { version: 1, content: content as unknown as Prisma.InputJsonObject },
      },
      now,
    );
    return { ok: true as const, movementId: movement.id };
  });
}

/**
 * Saves the edit form. A draft changes freely. A launched movement keeps its targets, quota,
 * subjects, awards and prize: the form sends them back unchanged, and any difference is refused
 * (nothing is saved) with the way out: a new version.
 */
export async function updateMovement(
  user: CurrentUser,
  { movementId, unitId, value, now = new Date() }: { movementId: string; unitId: string; value: MovementFormValue; now?: Date },
): Promise<WriteResult> {
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      const current = await lockAndLoad(tx, movementId, unitId);
      checkRevision(value.revision, current.updatedAt, "Phong trào");
      if (current.state === "finished") throw new Refusal(409, "Phong trào đã tổng kết; không thể sửa.");

      const before = contentOfRow(current);
      const after = contentOfForm(value);
      const changed = changedKeys(before, after);
      if (isFrozen(current.state)) {
        const frozen = FROZEN_PARTS.filter(([key]) => changed.includes(key)).map(([, name]) => name);
        if (frozen.length > 0) {
          throw new Refusal(
            409,
            `Phong trào đã phát động nên không thể sửa ${frozen.join(", ")}. Muốn thay đổi, hãy «Tạo phiên bản mới»; hồ sơ đã nộp vẫn được xét theo chỉ tiêu của phiên bản hiện tại.`,
          );
        }
      }
      if (changed.length === 0) return { ok: true as const, movementId };

      await tx.movement.update({ where: { id: movementId, unitId }, data: scalarData(after) });
      if (!isFrozen(current.state)) {
        // A draft has no dossier yet, so no figure points at its targets: they are replaced as a whole.
        await tx.target.deleteMany({ where: { movementId, movement: { unitId, state: "draft" } } });
        await tx.target.createMany({ data: targetRows(after.targets, current.targets).map((row) => ({ ...row, movementId })) });
        await tx.movementQuota.deleteMany({ where: { movementId, movement: { unitId, state: "draft" } } });
        await tx.movementQuota.createMany({ data: quotaRows(after.quotas).map((row) => ({ ...row, movementId })) });
        await tx.movementAward.deleteMany({ where: { movementId, movement: { unitId, state: "draft" } } });
        await tx.movementAward.createMany({ data: awardRows(after.awards).map((row) => ({ ...row, movementId })) });
      }
      await appendAudit(
        tx,
        {
          chainId: unitId,
          ...auditActor(user),
          action: "movement.UPDATE",
          entityType: "Movement",
          entityId: movementId,
          fromState: current.state,
          toState: current.state,
          data: { before: pick(before, changed), after: pick(after, changed) },
        },
        now,
      );
      return { ok: true as const, movementId };
    }),
  );
}

/** Locks the movement's row for the rest of the transaction (edits, launches and new versions queue here), then reads it. */
async function lockAndLoad(tx: Tx, movementId: string, unitId: string): Promise<StoredMovement> {
  const locked = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM "Movement" WHERE id = ${movementId} AND "unitId" = ${unitId} FOR UPDATE`;
  const movement = locked.length > 0 ? await tx.movement.findFirst({ where: { id: movementId, unitId }, select: editSelect }) : null;
  if (!movement) throw new Refusal(404, NOT_FOUND);
  return movement;
}

// ─── Lifecycle: launch, close, finish (machines/movement.ts) ────────────────

export type MovementCommand = "LAUNCH" | "CLOSE" | "FINISH";

/**
 * The machine's persisted snapshot, rebuilt from the row: the movement machine is flat and its
 * context is just the two ids, so `state` is the whole of it (restore reads value + context).
 */
export function movementSnapshot(row: { id: string; unitId: string; state: MovementState }): PersistedMovementSnapshot {
  const initial = initialMovementSnapshot({ movementId: row.id, unitId: row.unitId });
  return { ...initial, value: row.state, status: row.state === "finished" ? "done" : "active" };
}

function eventFor(command: MovementCommand, movement: StoredMovement, actor: Actor, now: Date): MovementEvent {
  const sent = { actor, at: now.toISOString() };
  if (command === "LAUNCH") {
    return { ...sent, type: "LAUNCH", targets: movement.targets.map((t) => t.label), subjectKinds: movement.subjectKinds };
  }
  return { ...sent, type: command };
}

/** One transition: the machine decides, the row changes only from the state it was read in, the audit row follows. */
async function applyTransition(
  tx: Tx,
  movement: StoredMovement,
  event: MovementEvent,
  now: Date,
  extra: { reason?: string; data?: Prisma.InputJsonObject } = {},
) {
  const result = transitionMovement(movementSnapshot(movement), event);
  if (!result.ok) throw new Refusal(422, result.reason);
  const { count } = await tx.movement.updateMany({
    where: { id: movement.id, unitId: movement.unitId, state: movement.state },
    data: { state: result.to },
  });
  if (count === 0) throw new Refusal(409, CONFLICT);
  await appendAudit(
    tx,
    {
      chainId: movement.unitId,
      actorId: event.actor.userId,
      actorName: event.actor.name,
      action: `movement.${event.type}`,
      entityType: "Movement",
      entityId: movement.id,
      fromState: result.from,
      toState: result.to,
      reason: extra.reason ?? null,
      data: extra.data ?? null,
    },
    now,
  );
}

/**
 * Launches, closes or finishes a movement of `unitId`. Launching version n + 1 also closes
 * version n to new dossiers, in the same transaction: its dossiers go on being reviewed there.
 */
export function sendMovementEvent({
  movementId,
  unitId,
  actor,
  command,
  now = new Date(),
}: {
  movementId: string;
  unitId: string;
  actor: Actor;
  command: MovementCommand;
  now?: Date;
}): Promise<WriteResult> {
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      const movement = await lockAndLoad(tx, movementId, unitId);
      if (command === "LAUNCH") {
        // What the movement is judged by, as launched: the audit row keeps it for an inspector.
        const content = contentOfRow(movement);
        await applyTransition(tx, movement, eventFor(command, movement, actor, now), now, {
          data: {
            version: movement.version,
            targets: content.targets,
            quotas: content.quotas,
            awards: content.awards,
            prizeAmount: content.prizeAmount,
          } as unknown as Prisma.InputJsonObject,
        });
        await closeSupersededVersion(tx, movement, actor, now);
      } else {
        await applyTransition(tx, movement, eventFor(command, movement, actor, now), now);
      }
      return { ok: true as const, movementId };
    }),
  );
}

async function closeSupersededVersion(tx: Tx, launched: StoredMovement, actor: Actor, now: Date) {
  if (!launched.previousVersion || launched.previousVersion.state !== "open") return;
  const previous = await lockAndLoad(tx, launched.previousVersion.id, launched.unitId);
  await applyTransition(tx, previous, eventFor("CLOSE", previous, actor, now), now, {
    reason: `Đã phát động phiên bản ${launched.version} thay thế.`,
    data: { supersededBy: launched.id, version: launched.version },
  });
}

// ─── Versions ───────────────────────────────────────────────────────────────

/**
 * Copies a launched movement into a new draft, version n + 1, linked by `previousVersionId`.
 * The original stays as it is, with its dossiers and its frozen targets.
 */
export function createMovementVersion({
  movementId,
  unitId,
  user,
  now = new Date(),
}: {
  movementId: string;
  unitId: string;
  user: CurrentUser;
  now?: Date;
}): Promise<WriteResult> {
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      const current = await lockAndLoad(tx, movementId, unitId);
      if (current.state === "draft") {
        throw new Refusal(422, "Phong trào chưa phát động: hãy sửa trực tiếp, không cần tạo phiên bản mới.");
      }
      if (current.state === "finished") throw new Refusal(422, "Phong trào đã tổng kết; không thể tạo phiên bản mới.");
      if (current.nextVersion) {
        throw new Refusal(409, `Phong trào đã có phiên bản ${current.nextVersion.version}; hãy sửa phiên bản đó.`);
      }
      const content = contentOfRow(current);
      const copy = await tx.movement.create({
        data: {
          unitId,
          ...scalarData(content),
          state: "draft",
          version: current.version + 1,
          previousVersionId: current.id,
          seriesId: current.seriesId ?? current.id,
          targets: { create: targetRows(content.targets, current.targets) },
          quotas: { create: quotaRows(content.quotas) },
          awards: { create: awardRows(content.awards) },
        },
        select: { id: true },
      });
      await appendAudit(
        tx,
        {
          chainId: unitId,
          ...auditActor(user),
          action: "movement.NEW_VERSION",
          entityType: "Movement",
          entityId: copy.id,
          fromState: null,
          toState: "draft",
          data: { version: current.version + 1, previousVersionId: current.id, previousVersion: current.version },
        },
        now,
      );
      return { ok: true as const, movementId: copy.id };
    }),
  );
}
