// Model-based tests: @xstate/graph walks the dossier machine with every event of dossier-cases.ts
// (passing and refused); the walks are replayed through the public API, as the server calls it.
import { getAdjacencyMap, getShortestPaths, getSimplePaths } from "@xstate/graph";
import { transition } from "xstate";
import {
  allowedDossierEvents,
  canSendDossierEvent,
  dossierMachine,
  transitionDossier,
  type DossierContext,
  type DossierEvent,
  type DossierState,
  type PersistedDossierSnapshot,
} from "#machines/index.ts";
import { allEvents, cases } from "./dossier-cases.ts";
import { actors, dossierInput, viaDatabase } from "./fixtures.ts";
import { acceptedEvents, definitionEdges, edge, type Edge } from "./graph.ts";

type Snapshot = ReturnType<typeof dossierMachine.transition>;

const traversal = {
  input: dossierInput(),
  events: allEvents,
  // The state value plus the one context field that changes: without it the graph could not
  // tell a dossier back from supplement from a fresh one, and with more it would not end.
  serializeState: (snapshot: Snapshot) => JSON.stringify([snapshot.value, snapshot.context.lastReason]),
};

const adjacency = getAdjacencyMap(dossierMachine, traversal);
const vertices = Object.values(adjacency).map(({ state }) => state as Snapshot);
const paths = getSimplePaths(dossierMachine, traversal);

const FINAL: DossierState[] = ["council_failed", "rejected", "withdrawn", "forwarded"];
const ALL_STATES: DossierState[] = [
  "draft",
  "submitted",
  "needs_supplement",
  "screened",
  "in_council_vote",
  "council_passed",
  "council_failed",
  "approved",
  "rejected",
  "awarded",
  "withdrawn",
  "forwarded",
];
const LABEL: Record<DossierState, string> = {
  draft: "Nháp",
  submitted: "Đã nộp",
  needs_supplement: "Cần bổ sung",
  screened: "Đã thẩm định",
  in_council_vote: "Đang bỏ phiếu",
  council_passed: "Hội đồng thông qua",
  council_failed: "Hội đồng không thông qua",
  approved: "Đã phê duyệt",
  rejected: "Không phê duyệt",
  awarded: "Đã khen thưởng",
  withdrawn: "Đã rút",
  forwarded: "Đã đề nghị cấp trên",
};
const notInThisState = (state: DossierState) => `Hồ sơ đang ở trạng thái «${LABEL[state]}», không thể thực hiện thao tác này.`;

const stored = (snapshot: Snapshot) => viaDatabase(dossierMachine.getPersistedSnapshot(snapshot)) as unknown as PersistedDossierSnapshot;
const describeVertex = (snapshot: Snapshot) =>
  `${snapshot.value}${snapshot.context.lastReason ? ` (lý do: ${snapshot.context.lastReason})` : ""}`;

describe("generated paths", () => {
  test("reach every state", () => {
    const reached = new Set(getShortestPaths(dossierMachine, traversal).map((path) => path.state.value));
    expect([...reached].sort()).toEqual([...ALL_STATES].sort());
  });

  test("take every transition of the definition, each through the public API", () => {
    const taken = new Set<Edge>();
    for (const path of paths) {
      // steps[0] is the initial state; every further step is (event, state reached).
      let current = stored(path.steps[0]!.state);
      for (const { event, state } of path.steps.slice(1)) {
        const result = transitionDossier(viaDatabase(current), event);
        if (!result.ok) throw new Error(`${event.type} refused from ${current.value}: ${result.reason}`);
        expect(result.to).toBe(state.value);
        taken.add(edge(result.from, event.type, result.to));
        current = result.snapshot;
      }
    }
    expect([...taken].sort()).toEqual(definitionEdges(dossierMachine).sort());
    expect(taken.size).toBe(15);
  });

  test("every success carries from/to, moves the state and changes the context only as the event says", () => {
    let successes = 0;
    for (const path of paths) {
      let current = stored(path.steps[0]!.state);
      for (const { event } of path.steps.slice(1)) {
        const result = transitionDossier(viaDatabase(current), event);
        assert(result.ok);
        successes++;
        // One audit row per success: it needs both ends, and they differ.
        expect(result.from).toBe(current.value);
        expect(result.to).not.toBe(result.from);
        expect(result.state).toBe(result.to);
        expect(result.snapshot.value).toBe(result.to);
        expect(result.context).toEqual(result.snapshot.context);
        const expected: DossierContext =
          event.type === "RETURN_FOR_SUPPLEMENT" || event.type === "REJECT"
            ? { ...current.context, lastReason: event.reason.trim() }
            : current.context;
        expect(result.context).toEqual(expected);
        expect(viaDatabase(result.snapshot)).toEqual(result.snapshot); // plain JSON
        current = result.snapshot;
      }
    }
    expect(successes).toBeGreaterThan(paths.length);
  });

  test("refused events are self-loops in the graph", () => {
    const refused = new Set(cases.filter((c) => "refused" in c).map((c) => c.event));
    for (const [from, { transitions }] of Object.entries(adjacency)) {
      for (const { event, state } of Object.values(transitions) as Array<{ event: DossierEvent; state: Snapshot }>) {
        if (refused.has(event)) expect(traversal.serializeState(state as Snapshot)).toBe(from);
      }
    }
  });
});

describe.each(vertices.map((vertex) => [describeVertex(vertex), vertex] as const))("from %s", (_name, vertex) => {
  const state = vertex.value as DossierState;
  const accepted = acceptedEvents(dossierMachine, state);

  test("every event gets its answer, and a refusal changes nothing", () => {
    const mismatches: string[] = [];
    for (const c of cases) {
      const persisted = stored(vertex);
      const before = JSON.stringify(persisted);
      const result = transitionDossier(persisted, c.event);
      const expected = !accepted.includes(c.event.type)
        ? { ok: false, reason: notInThisState(state) }
        : "refused" in c
          ? { ok: false, reason: c.refused }
          : { ok: true, from: state, to: c.to };
      const actual = result.ok ? { ok: true, from: result.from, to: result.to } : result;
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        mismatches.push(`${c.name}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
      }
      expect(JSON.stringify(persisted), c.name).toBe(before);
      expect(canSendDossierEvent(persisted, c.event), c.name).toBe(result.ok);
      if (!result.ok) {
        // XState itself agrees: same value, same context.
        const [next] = transition(dossierMachine, dossierMachine.resolveState(persisted), c.event);
        expect(next.value, c.name).toBe(state);
        expect(next.context, c.name).toEqual(persisted.context);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

const finalVertices = vertices.filter((vertex) => FINAL.includes(vertex.value as DossierState));

describe.each(finalVertices.map((vertex) => [describeVertex(vertex), vertex] as const))("final state %s", (_name, vertex) => {
  test("accepts no event and offers no button", () => {
    expect(vertex.status).toBe("done");
    const state = vertex.value as DossierState;
    for (const event of allEvents) expect(transitionDossier(stored(vertex), event)).toEqual({ ok: false, reason: notInThisState(state) });
    for (const actor of Object.values(actors)) expect(allowedDossierEvents(stored(vertex), actor)).toEqual([]);
  });
});

test("every final state is among the generated vertices", () => {
  expect(new Set(finalVertices.map((vertex) => vertex.value))).toEqual(new Set(FINAL));
});
