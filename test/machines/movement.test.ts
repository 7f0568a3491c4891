// The movement machine: draft → open → closed → finished, by the secretary of its commune.
import { getShortestPaths } from "@xstate/graph";
import {
  MOVEMENT_EVENT_LABELS,
  MOVEMENT_MACHINE_VERSION,
  MOVEMENT_STATE_LABELS,
  allowedMovementEvents,
  canSendMovementEvent,
  initialMovementSnapshot,
  migrateMovementSnapshot,
  movementMachine,
  transitionMovement,
  type Actor,
  type MovementEvent,
  type PersistedMovementSnapshot,
} from "#machines/index.ts";
import { BEFORE_DEADLINE, COMMUNE, MOVEMENT, actors, viaDatabase } from "./fixtures.ts";
import { definitionEdges, edge, type Edge } from "./graph.ts";

const draft = initialMovementSnapshot({ movementId: MOVEMENT, unitId: COMMUNE });
const by = (actor: Actor) => ({ actor, at: BEFORE_DEADLINE });
const launch = (o: Partial<Extract<MovementEvent, { type: "LAUNCH" }>> = {}): MovementEvent => ({
  type: "LAUNCH",
  ...by(actors.secretary),
  targets: ["Giải quyết hồ sơ TTHC đúng hạn tối thiểu 99%"],
  subjectKinds: ["unit_head"],
  ...o,
});
const close = (actor = actors.secretary): MovementEvent => ({ type: "CLOSE", ...by(actor) });
const finish = (actor = actors.secretary): MovementEvent => ({ type: "FINISH", ...by(actor) });

const SECRETARY_ONLY = (action: string) =>
  `Bạn không có quyền «${action}». Chỉ Văn phòng UBND xã (thường trực Hội đồng TĐKT) của đơn vị tổ chức phong trào mới được thực hiện.`;

const events: MovementEvent[] = [
  launch(),
  launch({ targets: [] }),
  launch({ targets: ["  "] }),
  launch({ subjectKinds: [] }),
  launch({ actor: actors.chairman }),
  close(),
  close(actors.secretaryElsewhere),
  finish(),
  finish(actors.official),
];

function step(snapshot: PersistedMovementSnapshot, event: MovementEvent): PersistedMovementSnapshot {
  const result = transitionMovement(viaDatabase(snapshot), event);
  if (!result.ok) throw new Error(result.reason);
  return result.snapshot;
}

test("generated paths reach every state and take every transition", () => {
  const paths = getShortestPaths(movementMachine, {
    input: { movementId: MOVEMENT, unitId: COMMUNE },
    events,
    serializeState: (snapshot) => JSON.stringify(snapshot.value),
  });
  const taken = new Set<Edge>();
  for (const path of paths) {
    let current = draft;
    for (const { event } of path.steps.slice(1)) {
      const result = transitionMovement(viaDatabase(current), event);
      assert(result.ok);
      taken.add(edge(result.from, event.type, result.to));
      current = result.snapshot;
    }
  }
  expect(new Set(paths.map((path) => path.state.value))).toEqual(new Set(["draft", "open", "closed", "finished"]));
  expect([...taken].sort()).toEqual(definitionEdges(movementMachine).sort());
});

describe("refusals", () => {
  test.each([
    ["a launch without targets", launch({ targets: [] }), "Phong trào phải có ít nhất một chỉ tiêu thi đua trước khi phát động."],
    [
      "a launch with only blank targets",
      launch({ targets: ["  "] }),
      "Phong trào phải có ít nhất một chỉ tiêu thi đua trước khi phát động.",
    ],
    [
      "a launch without subject kinds",
      launch({ subjectKinds: [] }),
      "Phong trào phải có ít nhất một đối tượng khen thưởng trước khi phát động.",
    ],
    ["a launch by the chairman", launch({ actor: actors.chairman }), SECRETARY_ONLY("Phát động phong trào")],
    ["a launch by another commune's secretary", launch({ actor: actors.secretaryElsewhere }), SECRETARY_ONLY("Phát động phong trào")],
    ["closing a draft", close(), "Phong trào đang ở trạng thái «Nháp», không thể thực hiện thao tác này."],
  ])("%s", (_name, event, reason) => {
    const before = JSON.stringify(draft);
    expect(transitionMovement(draft, event)).toEqual({ ok: false, reason });
    expect(canSendMovementEvent(draft, event)).toBe(false);
    expect(JSON.stringify(draft)).toBe(before);
  });

  test("closing and finishing need the secretary of the movement's commune", () => {
    const open = step(draft, launch());
    expect(transitionMovement(open, close(actors.secretaryElsewhere))).toEqual({
      ok: false,
      reason: SECRETARY_ONLY("Kết thúc nhận hồ sơ"),
    });
    const closed = step(open, close());
    expect(transitionMovement(closed, finish(actors.official))).toEqual({ ok: false, reason: SECRETARY_ONLY("Tổng kết phong trào") });
  });

  test("a finished movement accepts nothing", () => {
    const finished = [launch(), close(), finish()].reduce(step, draft);
    expect(finished).toMatchObject({ status: "done", value: "finished" });
    for (const event of events) {
      expect(transitionMovement(finished, event)).toEqual({
        ok: false,
        reason: "Phong trào đang ở trạng thái «Đã tổng kết», không thể thực hiện thao tác này.",
      });
    }
    expect(allowedMovementEvents(finished, actors.secretary)).toEqual([]);
  });
});

test("the whole life, with from/to for the audit and the buttons at each step", () => {
  expect(allowedMovementEvents(draft, actors.secretary)).toEqual(["LAUNCH"]);
  expect(allowedMovementEvents(draft, actors.chairman)).toEqual([]);
  const launched = transitionMovement(draft, launch());
  expect(launched).toMatchObject({ ok: true, from: "draft", to: "open", state: "open" });
  assert(launched.ok);
  expect(allowedMovementEvents(launched.snapshot, actors.secretary)).toEqual(["CLOSE"]);
  const closed = transitionMovement(launched.snapshot, close());
  expect(closed).toMatchObject({ ok: true, from: "open", to: "closed" });
});

test("labels and versions", () => {
  expect(MOVEMENT_STATE_LABELS).toEqual({
    draft: "Nháp",
    open: "Đang phát động",
    closed: "Đã hết hạn nhận hồ sơ",
    finished: "Đã tổng kết",
  });
  expect(MOVEMENT_EVENT_LABELS).toEqual({ LAUNCH: "Phát động phong trào", CLOSE: "Kết thúc nhận hồ sơ", FINISH: "Tổng kết phong trào" });
  expect(MOVEMENT_MACHINE_VERSION).toBe(1);
  expect(migrateMovementSnapshot(viaDatabase(draft), 1)).toEqual(draft);
  expect(() => migrateMovementSnapshot(draft, 2)).toThrow(/Cannot migrate a "movement" snapshot from version 2/);
});
