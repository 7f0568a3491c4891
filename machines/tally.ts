// The council's vote on one dossier, counted in integers: no float ever decides a nomination.

/** A share written as a fraction: 2/3, 70/100. */
export interface Fraction {
  num: number;
  den: number;
}

/** Copied onto the record it governed (DESIGN, legal notes): a later change of settings never rewrites an old vote. */
export interface CouncilTally {
  /** Members entitled to vote on this dossier: recused members are not counted. */
  members: number;
  voted: number;
  agree: number;
  /** Default 2/3 of the members. */
  quorum: Fraction;
  /** Default 70/100 of the members (not of the votes cast). */
  threshold: Fraction;
}

export interface TallyOutcome {
  /** Whole non-negative numbers, agree ≤ voted ≤ members, fractions between 0 and 1. */
  valid: boolean;
  quorumMet: boolean;
  passed: boolean;
  /** Fewest voters for a quorum, fewest "agree" ballots to pass: for the minutes and the UI. */
  requiredVoters: number;
  requiredAgree: number;
}

/**
 * Quorum: voted / members ≥ quorum, i.e. voted × den ≥ members × num.
 * Pass: quorum met and agree / members ≥ threshold, i.e. agree × den ≥ members × num: a share of
 * the members ENTITLED to vote ("at least 70% of all members"), never of the ballots cast.
 * Rounding: none, the comparison is exact; the fewest ballots needed is the ceiling of the
 * share. 7 members at 70%: 5 agree pass (5/7 = 71.4%), 4 do not (57.1%), since 7 × 70% = 4.9;
 * quorum 2/3 of 7 needs 5 voters (4 × 3 = 12 < 14). With no member entitled to vote, nothing passes.
 */
export function evaluateTally(tally: CouncilTally): TallyOutcome {
  const { members, voted, agree, quorum, threshold } = tally;
  const valid =
    [members, voted, agree, quorum?.num, quorum?.den, threshold?.num, threshold?.den].every((n) => Number.isSafeInteger(n) && n >= 0) &&
    agree <= voted &&
    voted <= members &&
    isShare(quorum) &&
    isShare(threshold);
  if (!valid) return { valid, quorumMet: false, passed: false, requiredVoters: NaN, requiredAgree: NaN };

  const quorumMet = members > 0 && voted * quorum.den >= members * quorum.num;
  const passed = quorumMet && agree * threshold.den >= members * threshold.num;
  return {
    valid,
    quorumMet,
    passed,
    requiredVoters: ceilDiv(members * quorum.num, quorum.den),
    requiredAgree: ceilDiv(members * threshold.num, threshold.den),
  };
}

function isShare(f: Fraction): boolean {
  return f.den > 0 && f.num <= f.den;
}

function ceilDiv(a: number, b: number): number {
  return Math.floor((a + b - 1) / b);
}

/** "71,4%": a share as the minutes and the pages print it (one decimal, Vietnamese comma). */
export function percent(part: number, whole: number): string {
  if (whole === 0) return "0%";
  return `${(Math.round((part * 1000) / whole) / 10).toLocaleString("vi-VN")}%`;
}

// ─── Paper ballots ──────────────────────────────────────────────────────────

/** What the secretary counts from the paper ballot sheets of one dossier. */
export interface PaperCount {
  /** Sheets handed out: one per member present and entitled to vote on the dossier. */
  issued: number;
  returned: number;
  /** Sheets with exactly one box ticked for the dossier; agree + disagree = valid. */
  valid: number;
  agree: number;
  disagree: number;
}

/**
 * Why a paper count cannot be right, in the words the secretary reads, and the figure it is about; null when
 * it can. `sheets` is how many members were present and entitled to vote on the dossier.
 */
export function paperCountProblem(count: PaperCount, sheets?: number): { field: keyof PaperCount; message: string } | null {
  const { issued, returned, valid, agree, disagree } = count;
  for (const field of ["issued", "returned", "valid", "agree", "disagree"] as const) {
    if (!Number.isSafeInteger(count[field]) || count[field] < 0) return { field, message: "Số phiếu phải là số nguyên không âm." };
  }
  if (sheets !== undefined && issued > sheets) {
    return {
      field: "issued",
      message: `Số phiếu phát ra (${issued}) nhiều hơn số thành viên có mặt được biểu quyết hồ sơ này (${sheets}).`,
    };
  }
  if (returned > issued) return { field: "returned", message: `Số phiếu thu về (${returned}) nhiều hơn số phiếu phát ra (${issued}).` };
  if (valid > returned) return { field: "valid", message: `Số phiếu hợp lệ (${valid}) nhiều hơn số phiếu thu về (${returned}).` };
  if (agree + disagree > valid) {
    return { field: "agree", message: `Tổng số phiếu đồng ý và không đồng ý (${agree + disagree}) nhiều hơn số phiếu hợp lệ (${valid}).` };
  }
  if (agree + disagree < valid) {
    return {
      field: "agree",
      message: `Tổng số phiếu đồng ý và không đồng ý (${agree + disagree}) ít hơn số phiếu hợp lệ (${valid}): mỗi phiếu hợp lệ đánh dấu đúng một ô.`,
    };
  }
  return null;
}

/**
 * The council's tally from a paper count: the same judgement as online (`evaluateTally`). The members
 * who returned a sheet took part (as a receipt does online); only "agree" sheets count towards passing,
 * always as a share of every member entitled to vote, present or not.
 */
export function paperTally(count: PaperCount, rules: Pick<CouncilTally, "members" | "quorum" | "threshold">): CouncilTally {
  return { ...rules, voted: count.returned, agree: count.agree };
}
