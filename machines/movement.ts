// The emulation movement (phong trào thi đua): launched, closed to new dossiers, then finished.
// Same pure API as the dossier: the server stores the snapshot, the UI asks which buttons to show.
import { and, setup } from "xstate";
import { actorHolds, roleRefusal, type Actor, type Role, type Sent, type SubjectKind } from "./domain.ts";
import {
  createWorkflow,
  guardsFrom,
  runMigrations,
  type MigrationStep,
  type PersistedSnapshot,
  type TransitionResult,
} from "./workflow.ts";

export const MOVEMENT_STATES = ["draft", "open", "closed", "finished"] as const;
/** open: dossiers may be submitted; closed: no new dossier, the review goes on; finished: summed up. */
export type MovementState = (typeof MOVEMENT_STATES)[number];

export const MOVEMENT_EVENT_TYPES = ["LAUNCH", "CLOSE", "FINISH"] as const;
export type MovementEventType = (typeof MOVEMENT_EVENT_TYPES)[number];

export interface MovementInput {
  movementId: string;
  /** The commune that launches the movement and decides its awards. */
  unitId: string;
}
export type MovementContext = MovementInput;

export type MovementEvent =
  | (Sent & {
      type: "LAUNCH";
      /** Labels of the movement's targets, as saved by the server. */
      targets: string[];
      subjectKinds: SubjectKind[];
    })
  | (Sent & { type: "CLOSE" })
  | (Sent & { type: "FINISH" });

export type PersistedMovementSnapshot = PersistedSnapshot<MovementState, MovementContext>;
export type MovementTransitionResult = TransitionResult<MovementState, MovementContext>;

export const MOVEMENT_STATE_LABELS: Record<MovementState, string> = {
  draft: "Nháp",
  open: "Đang phát động",
  closed: "Đã hết hạn nhận hồ sơ",
  finished: "Đã tổng kết",
};

export const MOVEMENT_EVENT_LABELS: Record<MovementEventType, string> = {
  LAUNCH: "Phát động phong trào",
  CLOSE: "Kết thúc nhận hồ sơ",
  FINISH: "Tổng kết phong trào",
};

export const movementRules = {
  hasRole(context: MovementContext, event: MovementEvent, params: { roles: readonly Role[] }): string | null {
    if (actorHolds(event.actor, params.roles, context.unitId, context.movementId)) return null;
    return roleRefusal(MOVEMENT_EVENT_LABELS[event.type], params.roles, "của đơn vị tổ chức phong trào");
  },

  hasTargets(_context: MovementContext, event: MovementEvent): string | null {
    const targets = event.type === "LAUNCH" && Array.isArray(event.targets) ? event.targets : [];
    return targets.some((label) => label.trim() !== "") ? null : "Phong trào phải có ít nhất một chỉ tiêu thi đua trước khi phát động.";
  },

  hasSubjectKinds(_context: MovementContext, event: MovementEvent): string | null {
    const kinds = event.type === "LAUNCH" && Array.isArray(event.subjectKinds) ? event.subjectKinds : [];
    return kinds.length > 0 ? null : "Phong trào phải có ít nhất một đối tượng khen thưởng trước khi phát động.";
  },
};

const bySecretary = { type: "hasRole", params: { roles: ["secretary"] } } as const;

export const movementMachine = setup({
  types: {} as { context: MovementContext; events: MovementEvent; input: MovementInput },
  guards: guardsFrom(movementRules),
}).createMachine({
  id: "movement",
  context: ({ input }) => ({ movementId: input.movementId, unitId: input.unitId }),
  initial: "draft",
  states: {
    draft: { on: { LAUNCH: { target: "open", guard: and([bySecretary, "hasTargets", "hasSubjectKinds"]) } } },
    open: { on: { CLOSE: { target: "closed", guard: bySecretary } } },
    closed: { on: { FINISH: { target: "finished", guard: bySecretary } } },
    finished: { type: "final" },
  },
});

const movementWorkflow = createWorkflow<MovementState, MovementContext, MovementEvent, MovementInput>({
  machine: movementMachine,
  rules: movementRules,
  stateLabels: MOVEMENT_STATE_LABELS,
  eventTypes: MOVEMENT_EVENT_TYPES,
  actorRules: ["hasRole"],
  subject: "Phong trào",
  isContext: (context) =>
    typeof context === "object" &&
    context !== null &&
    typeof (context as MovementContext).movementId === "string" &&
    typeof (context as MovementContext).unitId === "string",
});

export function initialMovementSnapshot(input: MovementInput): PersistedMovementSnapshot {
  return movementWorkflow.initial(input);
}

export function transitionMovement(persisted: unknown, event: MovementEvent): MovementTransitionResult {
  return movementWorkflow.transition(persisted, event);
}

export function canSendMovementEvent(persisted: unknown, event: MovementEvent): boolean {
  return movementWorkflow.canSend(persisted, event);
}

export function allowedMovementEvents(persisted: unknown, actor: Actor): MovementEventType[] {
  return movementWorkflow.allowedEvents(persisted, actor);
}

export const MOVEMENT_MACHINE_VERSION = 1;

/** Upgrade steps keyed by the version they upgrade from; see DOSSIER_MIGRATIONS for how to add one. */
const MOVEMENT_MIGRATIONS: Record<number, MigrationStep> = {};

export function migrateMovementSnapshot(persisted: unknown, fromVersion: number): PersistedMovementSnapshot {
  const migrated = runMigrations("movement", persisted, fromVersion, MOVEMENT_MACHINE_VERSION, MOVEMENT_MIGRATIONS);
  movementWorkflow.restore(migrated);
  return migrated as PersistedMovementSnapshot;
}
