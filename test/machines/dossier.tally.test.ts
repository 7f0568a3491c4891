// The council vote at its boundaries: quorum 2/3 and 70% of the members entitled to vote.
import { evaluateTally, transitionDossier, type CouncilTally } from "#machines/index.ts";
import { drive, dossierInput, send, tally } from "./fixtures.ts";
import { initialDossierSnapshot } from "#machines/index.ts";

const inVote = drive(initialDossierSnapshot(dossierInput()), [send.submit(), send.acceptScreening(), send.openVote()]);
const closeWith = (t: CouncilTally) => transitionDossier(inVote, send.closeVote({ tally: t }));

describe("7 members, quorum 2/3, threshold 70%", () => {
  test.each([
    // members, voted, agree, quorum met, passes, state
    [7, 7, 5, true, true, "council_passed"], //   5/7 = 71.4% ≥ 70%
    [7, 5, 5, true, true, "council_passed"], //   5 voters: 5 × 3 = 15 ≥ 14; agree counts over all 7
    [7, 7, 4, true, false, "council_failed"], //  4/7 = 57.1% < 70%
    [7, 4, 4, false, false, "council_failed"], // 4 voters: 4 × 3 = 12 < 14, no quorum
    [7, 0, 0, false, false, "council_failed"],
  ] as const)("%i members, %i voted, %i agree", (members, voted, agree, quorumMet, passed, state) => {
    expect(evaluateTally(tally(members, voted, agree))).toEqual({ valid: true, quorumMet, passed, requiredVoters: 5, requiredAgree: 5 });
    expect(closeWith(tally(members, voted, agree))).toMatchObject({ ok: true, from: "in_council_vote", to: state });
  });
});

describe("recusal changes the denominator", () => {
  test("one of 7 recused: 4 voters of 6 make a quorum (4 × 3 = 12 ≥ 12), but 4 agree of 6 is 66.7% < 70%", () => {
    expect(evaluateTally(tally(6, 4, 4))).toMatchObject({ quorumMet: true, passed: false, requiredVoters: 4, requiredAgree: 5 });
    expect(closeWith(tally(6, 4, 4))).toMatchObject({ ok: true, to: "council_failed" });
  });

  test("one of 7 recused: 5 agree of 6 pass (83.3%)", () => {
    expect(evaluateTally(tally(6, 5, 5))).toMatchObject({ quorumMet: true, passed: true });
    expect(closeWith(tally(6, 5, 5))).toMatchObject({ ok: true, to: "council_passed" });
  });

  test("8 members: 5 agree fail (62.5%, 6 needed); with one recused 5 agree of 7 pass", () => {
    expect(evaluateTally(tally(8, 8, 5))).toMatchObject({ passed: false, requiredAgree: 6 });
    expect(evaluateTally(tally(7, 7, 5))).toMatchObject({ passed: true, requiredAgree: 5 });
  });

  test("every member recused: nothing passes", () => {
    expect(evaluateTally(tally(0, 0, 0))).toMatchObject({ valid: true, quorumMet: false, passed: false });
    expect(closeWith(tally(0, 0, 0))).toMatchObject({ ok: true, to: "council_failed" });
  });
});

describe("exact integer arithmetic", () => {
  test("a share exactly at the threshold passes: 7 of 10 at 70%", () => {
    expect(evaluateTally(tally(10, 10, 7))).toMatchObject({ passed: true, requiredAgree: 7 });
    expect(evaluateTally(tally(10, 10, 6))).toMatchObject({ passed: false });
  });

  test("a quorum exactly at 2/3 is met: 6 of 9", () => {
    expect(evaluateTally(tally(9, 6, 6))).toMatchObject({ quorumMet: true, requiredVoters: 6 });
    expect(evaluateTally(tally(9, 5, 5))).toMatchObject({ quorumMet: false });
  });

  test("thresholds are the council's settings: a simple majority of 1/2", () => {
    const half = (members: number, agree: number): CouncilTally => ({ ...tally(members, members, agree), threshold: { num: 1, den: 2 } });
    expect(evaluateTally(half(7, 4)).passed).toBe(true);
    expect(evaluateTally(half(8, 4)).passed).toBe(true);
    expect(evaluateTally(half(8, 3)).passed).toBe(false);
  });

  test.each([
    ["more ballots than members", tally(7, 8, 5)],
    ["more agree than ballots", tally(7, 5, 6)],
    ["a negative count", tally(7, 7, -1)],
    ["a fraction of a ballot", tally(7, 6.5, 5)],
    ["a zero denominator", { ...tally(7, 7, 5), quorum: { num: 2, den: 0 } }],
    ["a share above one", { ...tally(7, 7, 5), threshold: { num: 7, den: 5 } }],
  ])("%s is not a valid tally, and CLOSE_VOTE is refused", (_name, t) => {
    expect(evaluateTally(t).valid).toBe(false);
    expect(closeWith(t)).toEqual({
      ok: false,
      reason:
        "Số liệu kiểm phiếu không hợp lệ: cần số nguyên không âm, số phiếu đồng ý ≤ số người bỏ phiếu ≤ số thành viên có quyền biểu quyết, tỷ lệ quy định từ 0 đến 100%.",
    });
  });
});
