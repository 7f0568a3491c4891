// Dossiers (hồ sơ đề nghị khen thưởng). The only place a dossier's state changes:
// load the row → pure transition (machines/dossier.ts) → one transaction with the optimistic
// version check, the locks the guards rely on, the new state, the audit row and the outbox rows.
import {
  DOSSIER_MACHINE_VERSION,
  NOMINEE_KIND_LABELS,
  QUOTA_TAKING_STATES,
  initialDossierSnapshot,
  migrateDossierSnapshot,
  transitionDossier,
  type Actor,
  type CouncilTally,
  type DossierEvent,
  type DossierState,
} from "#machines/index.ts";
import type { AwardForm, Gender, NomineeKind, PersonKind, Prisma, SubjectKind } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { Refusal, attempt, refuse, type Result } from "~/utils/result.ts";
import { foldForSearch } from "~/utils/search.ts";
import { addWorkingDays } from "~/utils/working-days.ts";
import { appendAudit } from "./audit.server.ts";
import { checkDocuments } from "./dossier-documents.server.ts";
import { enqueueDossierNotifications } from "./notification.server.ts";
import { addPerson, nomineePerson } from "./people.server.ts";

type Tx = Prisma.TransactionClient;

/** What a user (or a job) asks for; the server adds who, when, and the facts the guards need. */
export type DossierCommand =
  | { type: "SUBMIT" }
  | { type: "RESUBMIT" }
  | { type: "WITHDRAW"; reason?: string }
  | { type: "ACCEPT_SCREENING" }
  | { type: "RETURN_FOR_SUPPLEMENT"; reason: string }
  | { type: "OPEN_VOTE"; sessionId: string }
  | { type: "CLOSE_VOTE"; tally: CouncilTally }
  | { type: "APPROVE" }
  | { type: "REJECT"; reason: string }
  | { type: "ISSUE_CERTIFICATE"; certificateId: string }
  | { type: "FORWARD_UP"; toUnitId: string };

export type SendResult = Result<{ from: DossierState; state: DossierState; version: number }>;

export const CONFLICT_MESSAGE = "Hồ sơ đã được người khác cập nhật. Vui lòng tải lại trang để xem trạng thái mới nhất.";
const NOT_FOUND_MESSAGE = "Không tìm thấy hồ sơ.";

/** The actor of the machines, from the signed-in user. */
export async function actorFor(user: CurrentUser, db: Tx | typeof prisma = prisma): Promise<Actor> {
  // A vice-chairman signs "KT. CHỦ TỊCH" only for the movements delegated to them now (app/models/delegation.server.ts).
  const { delegatedMovementIds } = await import("./delegation.server.ts");
  return {
    userId: user.id,
    name: user.fullName,
    grants: user.grants.map((grant) => ({ role: grant.role, unitId: grant.unitId })),
    delegatedMovementIds: await delegatedMovementIds(db, user),
  };
}

/** The scheduled jobs act as "system" in the commune they work for. */
export function systemActor(unitId: string): Actor {
  return { userId: "system", name: "Hệ thống (tác vụ tự động)", grants: [{ role: "system", unitId }] };
}

/** Sends one event to a dossier in a transaction of its own. */
export function sendDossierEvent(args: {
  dossierId: string;
  actor: Actor;
  command: DossierCommand;
  /** The version the user's page showed: a newer row means somebody else acted first. */
  expectedVersion?: number;
  now?: Date;
}): Promise<SendResult> {
  return prisma.$transaction((tx) => applyDossierEvent(tx, args), { timeout: 20_000 });
}

/** The same, inside a caller's transaction (closing a vote moves every dossier of the session at once). */
export async function applyDossierEvent(
  tx: Tx,
  { dossierId, actor, command, expectedVersion, now = new Date() }: Parameters<typeof sendDossierEvent>[0],
): Promise<SendResult> {
  // The quota covers every version of a movement (docs/decisions/004): it is read under a lock on
  // the series' first row, so concurrent approvals in any version of the movement queue here.
  let quotaSeriesId: string | null = null;
  if (command.type === "APPROVE") {
    const [row] = await tx.$queryRaw<Array<{ seriesId: string }>>`
      SELECT COALESCE(m."seriesId", m.id) AS "seriesId" FROM "Dossier" d JOIN "Movement" m ON m.id = d."movementId" WHERE d.id = ${dossierId}`;
    if (!row) return refuse(404, NOT_FOUND_MESSAGE);
    quotaSeriesId = row.seriesId;
    await tx.$queryRaw`SELECT id FROM "Movement" WHERE id = ${quotaSeriesId} FOR UPDATE`;
  }

  const dossier = await tx.dossier.findUnique({
    where: { id: dossierId },
    select: {
      id: true,
      unitId: true,
      kind: true,
      state: true,
      snapshot: true,
      machineVersion: true,
      version: true,
      dueAt: true,
      createdById: true,
      nominee: { select: { name: true, subjectKind: true } },
      movement: {
        select: {
          id: true,
          unitId: true,
          title: true,
          state: true,
          subjectKinds: true,
          awards: { select: { nomineeKind: true, awardForm: true } },
          submissionDeadline: true,
          screeningDays: true,
          decisionDays: true,
        },
      },
    },
  });
  if (!dossier) return refuse(404, NOT_FOUND_MESSAGE);
  if (expectedVersion !== undefined && expectedVersion !== dossier.version) return refuse(409, CONFLICT_MESSAGE);

  const snapshot =
    dossier.machineVersion === DOSSIER_MACHINE_VERSION
      ? dossier.snapshot
      : migrateDossierSnapshot(dossier.snapshot, dossier.machineVersion);
  const event = await eventFor(tx, dossier, actor, command, now, quotaSeriesId);
  const result = transitionDossier(snapshot, event);
  if (!result.ok) return refuse(422, result.reason);

  const dueAt = dueDateFor(result.to, dossier, now);
  const { count } = await tx.dossier.updateMany({
    where: { id: dossier.id, version: dossier.version },
    data: {
      state: result.to,
      snapshot: result.snapshot as unknown as Prisma.InputJsonValue,
      machineVersion: DOSSIER_MACHINE_VERSION,
      version: { increment: 1 },
      dueAt,
      ...(dueAt?.getTime() !== dossier.dueAt?.getTime() ? { overdueAt: null } : {}),
      ...(result.to === "submitted" ? { submittedAt: now } : {}),
    },
  });
  // Another transaction changed the row since we read it.
  if (count === 0) return refuse(409, CONFLICT_MESSAGE);

  await appendAudit(
    tx,
    {
      chainId: dossier.movement.unitId,
      actorId: actor.userId === "system" ? null : actor.userId,
      actorName: actor.name,
      action: `dossier.${command.type}`,
      entityType: "Dossier",
      entityId: dossier.id,
      fromState: result.from,
      toState: result.to,
      reason: "reason" in command ? (command.reason?.trim() ?? null) : null,
      data: auditData(command, event),
    },
    now,
  );
  await enqueueDossierNotifications(tx, {
    dossier: { id: dossier.id, unitId: dossier.unitId, createdById: dossier.createdById, nomineeName: dossier.nominee.name },
    movement: { id: dossier.movement.id, unitId: dossier.movement.unitId, title: dossier.movement.title },
    from: result.from,
    to: result.to,
    reason: "reason" in command ? (command.reason ?? null) : null,
    dueAt,
  });
  return { ok: true, from: result.from, state: result.to, version: dossier.version + 1 };
}

type LoadedDossier = {
  id: string;
  kind: NomineeKind;
  dueAt: Date | null;
  nominee: { subjectKind: SubjectKind };
  movement: {
    id: string;
    state: "draft" | "open" | "closed" | "finished";
    subjectKinds: string[];
    awards: Array<{ nomineeKind: NomineeKind; awardForm: string }>;
    submissionDeadline: Date;
    screeningDays: number;
    decisionDays: number;
  };
};

async function eventFor(
  tx: Tx,
  dossier: LoadedDossier,
  actor: Actor,
  command: DossierCommand,
  now: Date,
  quotaSeriesId: string | null,
): Promise<DossierEvent> {
  const sent = { actor, at: now.toISOString() };
  const movementFacts = () => ({
    id: dossier.movement.id,
    state: dossier.movement.state,
    subjectKinds: dossier.movement.subjectKinds,
    // What the movement awards this dossier's kind of nominee: the eligibility guard checks the dossier's form against it.
    awardForms: dossier.movement.awards.filter((award) => award.nomineeKind === dossier.kind).map((award) => award.awardForm),
    submissionDeadline: dossier.movement.submissionDeadline.toISOString(),
  });
  switch (command.type) {
    case "SUBMIT":
    case "RESUBMIT":
      return { ...sent, type: command.type, documents: await checkDocuments(tx, dossier.id), movement: movementFacts() };
    case "ACCEPT_SCREENING":
      return { ...sent, type: command.type, documents: await checkDocuments(tx, dossier.id) };
    case "APPROVE": {
      // Places taken count across every version; the cap is the newest launched version's.
      const series = quotaSeriesId ?? dossier.movement.id;
      const inSeries = { OR: [{ id: series }, { seriesId: series }] };
      const newest = await tx.movement.findFirst({
        where: { ...inSeries, state: { not: "draft" } },
        orderBy: { version: "desc" },
        select: { id: true },
      });
      // One query at a time: a transaction is one connection (overlapping queries on it are deprecated in pg).
      const quota = await tx.movementQuota.findUnique({
        where: { movementId_nomineeKind: { movementId: newest?.id ?? dossier.movement.id, nomineeKind: dossier.kind } },
        select: { maxAwards: true },
      });
      const approved = await tx.dossier.count({
        where: { movement: inSeries, kind: dossier.kind, state: { in: [...QUOTA_TAKING_STATES] } },
      });
      return { ...sent, type: "APPROVE", quota: { limit: quota?.maxAwards ?? null, approved }, movement: { id: dossier.movement.id } };
    }
    default:
      return { ...sent, ...command } as DossierEvent;
  }
}

/**
 * When the state that was just entered is due, in working days: screening from submission,
 * the decision from the day the dossier was found complete. Nobody waits in the others.
 */
function dueDateFor(state: DossierState, dossier: LoadedDossier, now: Date): Date | null {
  switch (state) {
    case "submitted":
      return addWorkingDays(now, dossier.movement.screeningDays);
    case "screened":
      return addWorkingDays(now, dossier.movement.decisionDays);
    case "in_council_vote":
    case "council_passed":
      return dossier.dueAt;
    default:
      return null;
  }
}

/** What the audit row keeps besides the reason: enough to reread the decision years later. */
function auditData(command: DossierCommand, event: DossierEvent): Prisma.InputJsonValue | null {
  switch (event.type) {
    case "SUBMIT":
    case "RESUBMIT":
    case "ACCEPT_SCREENING":
      return { documents: { missing: event.documents.missing, missingTargets: event.documents.missingTargets } };
    case "APPROVE":
      return { quota: { limit: event.quota.limit, approvedBefore: event.quota.approved } };
    case "CLOSE_VOTE":
      return { tally: { ...event.tally, quorum: { ...event.tally.quorum }, threshold: { ...event.tally.threshold } } };
    case "OPEN_VOTE":
      return { sessionId: event.sessionId };
    case "ISSUE_CERTIFICATE":
      return { certificateId: event.certificateId };
    case "FORWARD_UP":
      return { toUnitId: event.toUnitId };
    default:
      void command;
      return null;
  }
}

// ─── Creating a dossier ─────────────────────────────────────────────────────

const PERSON_KIND_OF_SUBJECT: Record<SubjectKind, PersonKind> = {
  unit_head: "civil_servant",
  civil_servant: "civil_servant",
  part_time_worker: "part_time_worker",
  hamlet: "worker",
  household: "household",
};

/** The Nominee row: a copy of the chosen person's details (or of a person added now), or the collective's name. */
async function nomineeCopy(tx: Tx, user: CurrentUser, input: NewDossier, now: Date) {
  const { kind, subjectKind, position, personId } = input.nominee;
  const base = { kind, subjectKind, unitId: input.unitId };
  if (kind === "collective") {
    if (!input.nominee.name) throw new Refusal(422, "Vui lòng nhập tên tập thể.", "name");
    return { ...base, name: input.nominee.name, position: position || null };
  }
  if (personId) {
    const person = await nomineePerson(tx, personId, input.unitId);
    return { ...base, name: person.fullName, position: position || person.position, personId: person.id };
  }
  if (!input.nominee.name) throw new Refusal(422, "Vui lòng chọn người trong danh sách hoặc nhập họ và tên người mới.", "name");
  const added = await addPerson(
    tx,
    user,
    {
      fullName: input.nominee.name,
      kind: PERSON_KIND_OF_SUBJECT[subjectKind],
      gender: input.nominee.gender ?? undefined,
      birthDate: input.nominee.birthDate ?? undefined,
      position: position || undefined,
      unitId: input.unitId,
    },
    now,
  );
  return { ...base, name: input.nominee.name, position: position || null, personId: added.id };
}

export type NewDossier = {
  movementId: string;
  /** The submitting unit: the official must hold the official role there. */
  unitId: string;
  /**
   * Who is nominated: a person of the register (`personId`), or — for an individual or a household not yet in
   * it — a new person added to it with `name`, `gender`, `birthDate`; a collective by its name. The dossier's
   * Nominee is its own copy of the details as submitted.
   */
  nominee: {
    kind: NomineeKind;
    subjectKind: SubjectKind;
    name?: string | null;
    position?: string | null;
    personId?: string | null;
    gender?: Gender | null;
    birthDate?: string | null;
  };
  /** The movement's award form for the nominee's kind (the one it gives when not given; another is refused). */
  awardForm?: AwardForm;
};

export type CreateResult = Result<{ dossierId: string }>;

/** Where an official may nominate: their units, and the open movements of those units or of a unit above (the commune). */
export async function nominationChoices(user: CurrentUser) {
  const unitIds = [...new Set(user.grants.filter((grant) => grant.role === "official").map((grant) => grant.unitId))];
  const units = await prisma.orgUnit.findMany({
    where: { id: { in: unitIds } },
    select: { id: true, name: true, ancestorIds: true },
    orderBy: { name: "asc" },
  });
  const movements = await prisma.movement.findMany({
    where: { state: "open", unitId: { in: [...new Set(units.flatMap((unit) => [unit.id, ...unit.ancestorIds]))] } },
    orderBy: [{ year: "desc" }, { createdAt: "desc" }],
    select: { id: true, title: true, year: true, submissionDeadline: true },
  });
  return { units, movements };
}

const NOT_YOUR_UNIT = "Bạn chỉ được lập hồ sơ cho cá nhân, tập thể thuộc đơn vị của mình.";

/** A new draft for a nominee of the official's unit, in an open movement of a unit above it. */
export async function createDossier(user: CurrentUser, input: NewDossier, now = new Date()): Promise<CreateResult> {
  if (!user.grants.some((grant) => grant.role === "official" && grant.unitId === input.unitId)) return refuse(403, NOT_YOUR_UNIT);
  return attempt(() => prisma.$transaction((tx) => createDossierIn(tx, user, input, now)));
}

/**
 * The same inside a caller's transaction (an import creates all its drafts in one): throws a Refusal,
 * which rolls the whole transaction back.
 */
export async function createDossierIn(
  tx: Tx,
  user: CurrentUser,
  input: NewDossier,
  now = new Date(),
): Promise<{ ok: true; dossierId: string }> {
  if (!user.grants.some((grant) => grant.role === "official" && grant.unitId === input.unitId)) throw new Refusal(403, NOT_YOUR_UNIT);
  const unit = await tx.orgUnit.findUnique({ where: { id: input.unitId }, select: { id: true, ancestorIds: true } });
  const movement = unit
    ? await tx.movement.findFirst({
        where: { id: input.movementId, unitId: { in: [unit.id, ...unit.ancestorIds] } },
        select: { id: true, unitId: true, state: true, subjectKinds: true, awards: { select: { nomineeKind: true, awardForm: true } } },
      })
    : null;
  if (!movement) throw new Refusal(404, "Không tìm thấy phong trào thi đua.");
  if (movement.state !== "open") throw new Refusal(422, "Phong trào không còn nhận hồ sơ.");
  if (!movement.subjectKinds.includes(input.nominee.subjectKind)) {
    throw new Refusal(422, "Đối tượng này không thuộc đối tượng khen thưởng của phong trào.");
  }
  const award = movement.awards.find((a) => a.nomineeKind === input.nominee.kind);
  if (!award) throw new Refusal(422, `Phong trào không khen thưởng ${NOMINEE_KIND_LABELS[input.nominee.kind]}.`);
  const awardForm = input.awardForm ?? award.awardForm;
  if (awardForm !== award.awardForm) {
    throw new Refusal(
      422,
      `Hình thức khen thưởng này không phải hình thức phong trào dành cho ${NOMINEE_KIND_LABELS[input.nominee.kind]}.`,
    );
  }

  const nominee = await tx.nominee.create({ data: await nomineeCopy(tx, user, input, now) });
  const dossier = await tx.dossier.create({
    data: {
      movementId: movement.id,
      unitId: input.unitId,
      nomineeId: nominee.id,
      kind: input.nominee.kind,
      awardForm,
      state: "draft",
      snapshot: {},
      machineVersion: DOSSIER_MACHINE_VERSION,
      createdById: user.id,
      searchName: foldForSearch(nominee.name),
    },
    select: { id: true },
  });
  const snapshot = initialDossierSnapshot({
    dossierId: dossier.id,
    movementId: movement.id,
    unitId: input.unitId,
    movementUnitId: movement.unitId,
    nomineeKind: input.nominee.kind,
    subjectKind: input.nominee.subjectKind,
    awardForm,
  });
  await tx.dossier.update({ where: { id: dossier.id }, data: { snapshot: snapshot as unknown as Prisma.InputJsonValue } });
  await appendAudit(
    tx,
    {
      chainId: movement.unitId,
      actorId: user.id,
      actorName: user.fullName,
      action: "dossier.CREATE",
      entityType: "Dossier",
      entityId: dossier.id,
      fromState: null,
      toState: "draft",
      data: { nominee: nominee.name, personId: nominee.personId, kind: input.nominee.kind },
    },
    now,
  );
  return { ok: true as const, dossierId: dossier.id };
}
