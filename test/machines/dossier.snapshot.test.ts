// What the server stores: a JSON snapshot that loads again, today and after the machine changes.
import { createActor, type Snapshot } from "xstate";
import {
  DOSSIER_MACHINE_VERSION,
  dossierMachine,
  initialDossierSnapshot,
  migrateDossierSnapshot,
  transitionDossier,
} from "#machines/index.ts";
import { drive, dossierInput, send, viaDatabase } from "./fixtures.ts";

const draft = initialDossierSnapshot(dossierInput());

test("a new dossier is a draft, with the input as context and no reason yet", () => {
  expect(draft).toMatchObject({ status: "active", value: "draft", context: { ...dossierInput(), lastReason: null } });
  expect(viaDatabase(draft)).toEqual(draft);
});

test("only the known input fields reach the context", () => {
  const input = { ...dossierInput(), nomineeName: "Nguyễn Văn An", achievements: "x".repeat(10_000) };
  expect(Object.keys(initialDossierSnapshot(input).context).sort()).toEqual([
    "awardForm",
    "dossierId",
    "lastReason",
    "movementId",
    "movementUnitId",
    "nomineeKind",
    "subjectKind",
    "unitId",
  ]);
});

test("a snapshot stored as JSON loads and the workflow continues from it", () => {
  const returned = drive(draft, [send.submit(), send.returnForSupplement({ reason: "  Thiếu biên bản họp  " })]);
  const fromDatabase = JSON.parse(JSON.stringify(returned));
  expect(fromDatabase).toMatchObject({ value: "needs_supplement", context: { lastReason: "Thiếu biên bản họp" } });

  const awarded = drive(fromDatabase, [
    send.resubmit(),
    send.acceptScreening(),
    send.openVote(),
    send.closeVote(),
    send.approve(),
    send.issueCertificate(),
  ]);
  expect(awarded).toMatchObject({ status: "active", value: "awarded", context: { lastReason: "Thiếu biên bản họp" } });
  const forwarded = transitionDossier(JSON.parse(JSON.stringify(awarded)), send.forwardUp());
  expect(forwarded).toMatchObject({ ok: true, from: "awarded", to: "forwarded", snapshot: { status: "done" } });
});

test("XState itself can start an actor from the stored JSON (e.g. for the statechart page)", () => {
  const stored = viaDatabase(drive(draft, [send.submit()]));
  // `input` is required by the types only; XState ignores it when a snapshot is given.
  const actor = createActor(dossierMachine, { snapshot: stored as unknown as Snapshot<unknown>, input: dossierInput() }).start();
  expect(actor.getSnapshot().value).toBe("submitted");
  expect(actor.getSnapshot().can(send.acceptScreening())).toBe(true);
  actor.stop();
});

test("a corrupt snapshot is a bug, not a user error: it throws", () => {
  expect(() => transitionDossier({ value: "lost", context: draft.context }, send.submit())).toThrow(
    /Not a persisted snapshot of the "dossier" machine/,
  );
  expect(() => transitionDossier({ value: "draft", context: { dossierId: 1 } }, send.submit())).toThrow(/Not a persisted snapshot/);
  expect(() => transitionDossier(null, send.submit())).toThrow(/Not a persisted snapshot/);
});

describe("migrateDossierSnapshot", () => {
  test("the current version is 1", () => {
    expect(DOSSIER_MACHINE_VERSION).toBe(1);
  });

  test("a version 1 snapshot is returned as is, and loads", () => {
    const stored = viaDatabase(drive(draft, [send.submit(), send.acceptScreening()]));
    const migrated = migrateDossierSnapshot(stored, 1);
    expect(migrated).toEqual(stored);
    expect(transitionDossier(migrated, send.openVote())).toMatchObject({ ok: true, to: "in_council_vote" });
  });

  test.each([2, 99])("a snapshot from a future version %i throws", (version) => {
    expect(() => migrateDossierSnapshot(draft, version)).toThrow(
      `Cannot migrate a "dossier" snapshot from version ${version}: this code knows versions 1 to 1.`,
    );
  });

  test.each([0, -1, 1.5, Number.NaN])("a version that never existed (%s) throws", (version) => {
    expect(() => migrateDossierSnapshot(draft, version)).toThrow(/Cannot migrate a "dossier" snapshot/);
  });

  test("a version 1 snapshot that does not load throws", () => {
    expect(() => migrateDossierSnapshot({ value: "archived", context: draft.context }, 1)).toThrow(/Not a persisted snapshot/);
  });
});
