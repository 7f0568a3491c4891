// The shape of the machine and the helpers the UI calls: labels, buttons, refusals it explains.
import {
  DOSSIER_EVENT_LABELS,
  DOSSIER_EVENT_TYPES,
  DOSSIER_STATE_LABELS,
  allowedDossierEvents,
  canSendDossierEvent,
  dossierMachine,
  dossierRules,
  initialDossierSnapshot,
  namedGuards,
  transitionDossier,
  type DossierEvent,
} from "#machines/index.ts";
import { actors, drive, dossierInput, send } from "./fixtures.ts";
import { acceptedEvents, definitionEdges } from "./graph.ts";

const draft = initialDossierSnapshot(dossierInput());
const councilPassed = drive(draft, [send.submit(), send.acceptScreening(), send.openVote(), send.closeVote()]);
const approved = drive(councilPassed, [send.approve()]);
const awarded = drive(approved, [send.issueCertificate()]);

describe("the definition", () => {
  const states = dossierMachine.root.states;

  test("has exactly the twelve states, four of them final", () => {
    expect(dossierMachine.id).toBe("dossier");
    expect(Object.keys(states)).toEqual([
      "draft",
      "submitted",
      "needs_supplement",
      "screened",
      "in_council_vote",
      "council_passed",
      "approved",
      "awarded",
      "council_failed",
      "rejected",
      "withdrawn",
      "forwarded",
    ]);
    const finals = Object.values(states)
      .filter((node) => node.type === "final")
      .map((node) => node.key);
    expect(finals.sort()).toEqual(["council_failed", "forwarded", "rejected", "withdrawn"]);
  });

  test("awarded only forwards; approved issues the certificate or forwards", () => {
    expect(acceptedEvents(dossierMachine, "awarded")).toEqual(["FORWARD_UP"]);
    expect(acceptedEvents(dossierMachine, "approved")).toEqual(["ISSUE_CERTIFICATE", "FORWARD_UP"]);
  });

  test("declares the fifteen transitions of the workflow", () => {
    expect(definitionEdges(dossierMachine).sort()).toEqual(
      [
        "draft -SUBMIT-> submitted",
        "draft -WITHDRAW-> withdrawn",
        "submitted -ACCEPT_SCREENING-> screened",
        "submitted -RETURN_FOR_SUPPLEMENT-> needs_supplement",
        "needs_supplement -RESUBMIT-> submitted",
        "needs_supplement -WITHDRAW-> withdrawn",
        "screened -OPEN_VOTE-> in_council_vote",
        "screened -RETURN_FOR_SUPPLEMENT-> needs_supplement",
        "in_council_vote -CLOSE_VOTE-> council_passed",
        "in_council_vote -CLOSE_VOTE-> council_failed",
        "council_passed -APPROVE-> approved",
        "council_passed -REJECT-> rejected",
        "approved -ISSUE_CERTIFICATE-> awarded",
        "approved -FORWARD_UP-> forwarded",
        "awarded -FORWARD_UP-> forwarded",
      ].sort(),
    );
  });

  test("has no timers, no invoked actors, no eventless transitions", () => {
    for (const node of Object.values(states)) {
      expect(node.after, node.key).toEqual([]);
      expect(node.invoke, node.key).toEqual([]);
      expect(node.always ?? [], node.key).toEqual([]);
    }
  });

  test("every guard is a named rule the refusal messages can be read from", () => {
    for (const node of Object.values(states)) {
      for (const t of [...node.transitions.values()].flat()) {
        const guards = namedGuards(t.guard);
        expect(guards.length, `${node.key} ${t.eventType}`).toBeGreaterThan(0);
        for (const guard of guards) expect(Object.keys(dossierRules)).toContain(guard.type);
        // Who may send is always checked first, so a stranger learns nothing about the dossier.
        expect(guards[0]?.type, `${node.key} ${t.eventType}`).toBe("hasRole");
      }
    }
  });
});

describe("labels", () => {
  test("every state reads in Vietnamese", () => {
    expect(DOSSIER_STATE_LABELS).toEqual({
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
    });
  });

  test("every event reads in Vietnamese", () => {
    expect(Object.keys(DOSSIER_EVENT_LABELS).sort()).toEqual([...DOSSIER_EVENT_TYPES].sort());
    expect(DOSSIER_EVENT_LABELS).toMatchObject({
      SUBMIT: "Nộp hồ sơ",
      RETURN_FOR_SUPPLEMENT: "Trả lại để bổ sung",
      RESUBMIT: "Nộp lại",
      WITHDRAW: "Rút hồ sơ",
      ACCEPT_SCREENING: "Tiếp nhận (đủ điều kiện)",
      OPEN_VOTE: "Đưa ra Hội đồng bỏ phiếu",
      CLOSE_VOTE: "Kết thúc bỏ phiếu",
      APPROVE: "Phê duyệt",
      REJECT: "Không phê duyệt",
      ISSUE_CERTIFICATE: "Cấp Giấy khen",
      FORWARD_UP: "Đề nghị cấp trên khen thưởng",
    });
  });

  test("the machine's states and events are exactly the labelled ones", () => {
    expect(Object.keys(dossierMachine.root.states).sort()).toEqual(Object.keys(DOSSIER_STATE_LABELS).sort());
    const used = new Set(Object.values(dossierMachine.root.states).flatMap((node) => [...node.transitions.keys()]));
    expect([...used].sort()).toEqual([...DOSSIER_EVENT_TYPES].sort());
  });
});

describe("allowedDossierEvents: the buttons, judged on role and unit only", () => {
  test.each([
    ["the unit's official on a draft", draft, actors.official, ["SUBMIT", "WITHDRAW"]],
    ["another unit's official on a draft", draft, actors.officialElsewhere, []],
    ["the secretary on a draft", draft, actors.secretary, []],
    ["the chairman after the council passed it", councilPassed, actors.chairman, ["APPROVE", "REJECT"]],
    ["the delegated vice-chairman after the council passed it", councilPassed, actors.viceDelegated, ["APPROVE", "REJECT"]],
    ["a vice-chairman without delegation", councilPassed, actors.viceNotDelegated, []],
    ["the secretary on an approved dossier", approved, actors.secretary, ["FORWARD_UP"]],
    ["the chairman on an approved dossier", approved, actors.chairman, ["ISSUE_CERTIFICATE", "FORWARD_UP"]],
    ["the chairman on an awarded dossier", awarded, actors.chairman, ["FORWARD_UP"]],
  ] as const)("%s", (_name, snapshot, actor, expected) => {
    expect(allowedDossierEvents(snapshot, actor)).toEqual(expected);
  });

  test("the system actor may close a vote", () => {
    const inVote = drive(draft, [send.submit(), send.acceptScreening(), send.openVote()]);
    expect(allowedDossierEvents(inVote, actors.system)).toEqual(["CLOSE_VOTE"]);
    expect(allowedDossierEvents(inVote, actors.councilMember)).toEqual([]);
  });

  test("a button shown may still be refused on the data: the guard says why", () => {
    expect(allowedDossierEvents(draft, actors.official)).toContain("SUBMIT");
    const incomplete = send.submit({ documents: { missing: ["Tờ trình đề nghị khen thưởng"], missingTargets: [] } });
    expect(canSendDossierEvent(draft, incomplete)).toBe(false);
    expect(transitionDossier(draft, incomplete)).toEqual({
      ok: false,
      reason: "Hồ sơ chưa đầy đủ. Còn thiếu hoặc chưa hợp lệ: Tờ trình đề nghị khen thưởng.",
    });
  });
});

describe("events the machine does not know", () => {
  test("an unknown type gets the generic refusal, and so does XState's own", () => {
    for (const type of ["DELETE", "xstate.init", "*"]) {
      const event = { ...send.submit(), type } as unknown as DossierEvent;
      expect(transitionDossier(draft, event)).toEqual({
        ok: false,
        reason: "Hồ sơ đang ở trạng thái «Nháp», không thể thực hiện thao tác này.",
      });
      expect(canSendDossierEvent(draft, event)).toBe(false);
    }
  });

  test("an event without actor is refused on the role, not crashed on", () => {
    const event = { ...send.submit(), actor: undefined } as unknown as DossierEvent;
    expect(transitionDossier(draft, event)).toMatchObject({ ok: false, reason: expect.stringContaining("Bạn không có quyền «Nộp hồ sơ»") });
  });

  test("an event without its data is refused, not crashed on", () => {
    const event = { ...send.submit(), documents: undefined } as unknown as DossierEvent;
    expect(transitionDossier(draft, event)).toEqual({
      ok: false,
      reason: "Thiếu dữ liệu đi kèm thao tác; vui lòng tải lại trang và thử lại.",
    });
  });
});
