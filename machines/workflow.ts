// The pure API every workflow machine offers to the server and the UI, built once here:
// load a persisted snapshot, run one transition with XState's pure `transition`, and, when an
// event is refused, say why in Vietnamese. No actors, no timers, no I/O, no clock.
import { and, getNextTransitions, initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from "xstate";
import type { Actor } from "./domain.ts";

/**
 * A business rule: `null` when it holds, otherwise the Vietnamese message shown to the user.
 * Each rule is registered as an XState guard of the same name (see `guardsFrom`), so the
 * machine decides with exactly the code that explains its refusals.
 */
export type Rule<TContext, TEvent, TParams = undefined> = (context: TContext, event: TEvent, params: TParams) => string | null;

/**
 * Any rule of any machine, as the generic plumbing calls it with what XState hands over. Declared as a
 * method so its parameters are bivariant: a rule typed for the dossier's context is one of these.
 */
type AnyRule = { call(context: unknown, event: unknown, params: unknown): string | null }["call"];

type GuardsOf<TRules> = {
  [K in keyof TRules]: TRules[K] extends (context: infer C, event: infer E, params: infer P) => string | null
    ? (args: { context: C; event: E }, params: P) => boolean
    : never;
};

/** The XState guards of a rule set: a guard passes when its rule returns no message. */
export function guardsFrom<TRules extends Record<string, AnyRule>>(rules: TRules): GuardsOf<TRules> {
  const guards = Object.entries(rules).map(([name, rule]) => [
    name,
    ({ context, event }: { context: unknown; event: unknown }, params: unknown) => rule(context, event, params) === null,
  ]);
  return Object.fromEntries(guards) as GuardsOf<TRules>;
}

/** What the server stores: XState's persisted snapshot, as plain JSON. */
export interface PersistedSnapshot<TState extends string, TContext> {
  status: "active" | "done";
  value: TState;
  context: TContext;
  /** XState's other fields (children, historyValue…), kept so `createActor(machine, { snapshot })` loads it as well. */
  [field: string]: unknown;
}

export type TransitionResult<TState extends string, TContext> =
  | {
      ok: true;
      /** The audit row's fromState / toState. */
      from: TState;
      to: TState;
      /** Same as `to`: the value of the `state` column. */
      state: TState;
      snapshot: PersistedSnapshot<TState, TContext>;
      context: TContext;
    }
  | { ok: false; /** Vietnamese, shown to the user as is. */ reason: string };

export interface WorkflowSpec<TState extends string, TEventType extends string> {
  machine: AnyStateMachine;
  rules: Record<string, AnyRule>;
  stateLabels: Record<TState, string>;
  eventTypes: readonly TEventType[];
  /** The rules that look only at who sends the event: all `allowedEvents` can evaluate before a form is filled. */
  actorRules: readonly string[];
  /** Subject of the generic refusal: "Hồ sơ", "Phong trào". */
  subject: string;
  isContext(context: unknown): boolean;
}

export interface Workflow<TState extends string, TContext, TEvent extends { type: string }, TInput> {
  initial(input: TInput): PersistedSnapshot<TState, TContext>;
  /** The live snapshot of a persisted one; throws (in English: it is a bug, not a user error) when it is not one. */
  restore(persisted: unknown): AnyMachineSnapshot;
  transition(persisted: unknown, event: TEvent): TransitionResult<TState, TContext>;
  /** Like `snapshot.can(event)`: whether `transition` would succeed. */
  canSend(persisted: unknown, event: TEvent): boolean;
  /** The events this actor may send from here, judged on who they are only (the buttons to show). */
  allowedEvents(persisted: unknown, actor: Actor): TEvent["type"][];
}

export function createWorkflow<TState extends string, TContext, TEvent extends { type: string }, TInput>(
  spec: WorkflowSpec<TState, TEvent["type"]>,
): Workflow<TState, TContext, TEvent, TInput> {
  const { machine, rules, stateLabels } = spec;

  function persist(snapshot: AnyMachineSnapshot): PersistedSnapshot<TState, TContext> {
    return JSON.parse(JSON.stringify(machine.getPersistedSnapshot(snapshot)));
  }

  function restore(persisted: unknown): AnyMachineSnapshot {
    if (
      !isRecord(persisted) ||
      typeof persisted.value !== "string" ||
      !Object.hasOwn(stateLabels, persisted.value) ||
      !spec.isContext(persisted.context)
    ) {
      throw new Error(`Not a persisted snapshot of the "${machine.id}" machine: ${JSON.stringify(persisted)?.slice(0, 200)}`);
    }
    // Our machines are flat, without children or history: the value and the context are the whole state.
    return machine.resolveState({ value: persisted.value, context: persisted.context });
  }

  function notAccepted(snapshot: AnyMachineSnapshot): string {
    const label = stateLabels[snapshot.value as TState];
    return `${spec.subject} đang ở trạng thái «${label}», không thể thực hiện thao tác này.`;
  }

  function isKnownEvent(event: unknown): event is TEvent {
    return isRecord(event) && spec.eventTypes.includes(event.type as TEvent["type"]);
  }

  /**
   * Why `event` is refused: the message of the first failing guard of the first candidate
   * transition, in document order (XState tries them in that order too); null when the state
   * has no transition for the event at all.
   */
  /** The rule a guard of the definition names; a name without a rule is a mistake in the machine. */
  function ruleFor(name: string): AnyRule {
    const rule = rules[name];
    if (!rule) throw new Error(`The guard "${name}" has no rule.`);
    return rule;
  }

  function explainRefusal(snapshot: AnyMachineSnapshot, event: TEvent): string | null {
    for (const candidate of candidatesFor(snapshot, event.type)) {
      for (const guard of namedGuards(candidate.guard)) {
        const reason = ruleFor(guard.type)(snapshot.context, event, guardParams(guard, snapshot, event));
        if (reason !== null) return reason;
      }
    }
    return null;
  }

  return {
    restore,

    initial(input) {
      const [snapshot] = initialTransition(machine, input);
      return persist(snapshot);
    },

    transition(persisted, event) {
      const snapshot = restore(persisted);
      if (!isKnownEvent(event)) return { ok: false, reason: notAccepted(snapshot) };
      if (!snapshot.can(event)) {
        return { ok: false, reason: explainRefusal(snapshot, event) ?? notAccepted(snapshot) };
      }
      const [next] = transition(machine, snapshot, event);
      const saved = persist(next);
      return { ok: true, from: snapshot.value as TState, to: saved.value, state: saved.value, snapshot: saved, context: saved.context };
    },

    canSend(persisted, event) {
      const snapshot = restore(persisted);
      return isKnownEvent(event) && snapshot.can(event);
    },

    allowedEvents(persisted, actor) {
      const snapshot = restore(persisted);
      return spec.eventTypes.filter((type) =>
        candidatesFor(snapshot, type).some((candidate) =>
          namedGuards(candidate.guard)
            .filter((guard) => spec.actorRules.includes(guard.type))
            .every((guard) => {
              const probe = { type, actor, at: "" } as unknown as TEvent;
              return ruleFor(guard.type)(snapshot.context, probe, guardParams(guard, snapshot, probe)) === null;
            }),
        ),
      );
    },
  };
}

/**
 * Runs the migration steps from `fromVersion` up to `currentVersion`; `steps[n]` turns a
 * version-n snapshot into a version-(n + 1) one. Throws for versions this code does not know.
 */
/** One upgrade step: the snapshot as the older machine persisted it, to the shape the next version loads. */
export type MigrationStep = (persisted: PersistedSnapshot<string, Record<string, unknown>>) => unknown;

export function runMigrations(
  machineId: string,
  persisted: unknown,
  fromVersion: number,
  currentVersion: number,
  steps: Readonly<Record<number, MigrationStep>>,
): unknown {
  if (!Number.isInteger(fromVersion) || fromVersion < 1 || fromVersion > currentVersion) {
    throw new Error(
      `Cannot migrate a "${machineId}" snapshot from version ${fromVersion}: this code knows versions 1 to ${currentVersion}.`,
    );
  }
  let migrated = persisted;
  for (let version = fromVersion; version < currentVersion; version++) {
    const step = steps[version];
    if (!step) throw new Error(`No migration step for "${machineId}" snapshots from version ${version} to ${version + 1}.`);
    migrated = step(migrated as PersistedSnapshot<string, Record<string, unknown>>);
  }
  return migrated;
}

// ─── Reading guards back from the machine definition ─────────────────────────

type NamedGuard = { type: string; params?: unknown };

function candidatesFor(snapshot: AnyMachineSnapshot, eventType: string) {
  return getNextTransitions(snapshot).filter((t) => t.eventType === eventType);
}

// `and([...])` returns a function carrying its operands in `.guards`; it is told apart from
// `or`/`not` by its `check` function, compared by identity so that minified builds work too.
const AND_CHECK = (and([]) as unknown as { check: unknown }).check;

/** The named guards of a transition, in order. Only named guards and `and([...])` of them can explain a refusal. */
export function namedGuards(guard: unknown): NamedGuard[] {
  if (guard === undefined) return [];
  if (typeof guard === "string") return [{ type: guard }];
  if (typeof guard === "function" && (guard as { check?: unknown }).check === AND_CHECK) {
    return ((guard as unknown as { guards: unknown[] }).guards ?? []).flatMap(namedGuards);
  }
  if (isRecord(guard) && typeof guard.type === "string") return [guard as NamedGuard];
  throw new Error("A workflow guard must be a named guard or and([...]) of named guards, so that a refusal can be explained.");
}

function guardParams(guard: NamedGuard, snapshot: AnyMachineSnapshot, event: unknown): unknown {
  return typeof guard.params === "function" ? guard.params({ context: snapshot.context, event }) : guard.params;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
