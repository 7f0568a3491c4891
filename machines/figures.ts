// The judgement of a nominee's figures against the movement's targets (chỉ tiêu thi đua): the one
// place it is written. The form shows it live, the screening queue flags unmet targets, the council and
// the chairman read it, the documents print it. Pure: no I/O.

export type Comparator = "gte" | "lte" | "eq";
export type FigureStatus = "met" | "unmet" | "missing" | "not_applicable";

/** A decimal as stored (Prisma's Decimal prints itself exactly), or as typed and parsed. */
export type DecimalLike = string | number | { toString(): string };

/** What of a target the judgement needs. */
export type TargetRule = { comparator: Comparator; threshold: DecimalLike; unit: string; optional: boolean };

export const FIGURE_STATUS_LABELS: Record<FigureStatus, string> = {
  met: "Đạt",
  unmet: "Chưa đạt",
  missing: "Chưa có số liệu",
  not_applicable: "Không phát sinh",
};

export const COMPARATOR_SYMBOLS: Record<Comparator, string> = { gte: "≥", lte: "≤", eq: "=" };

/** 99.6 → "99,6" (no grouping: figures are short). */
export function vnDecimal(value: DecimalLike): string {
  const n = typeof value === "number" ? value : Number(value.toString());
  return String(Math.round(n * 10_000) / 10_000).replace(".", ",");
}

/** A value followed by its unit: "99,6%", "0 người". */
export function withUnit(value: DecimalLike, unit: string): string {
  return unit === "%" ? `${vnDecimal(value)}%` : `${vnDecimal(value)} ${unit}`;
}

/** "≥ 99%", "= 0 người". */
export function thresholdText(target: Pick<TargetRule, "comparator" | "threshold" | "unit">): string {
  return `${COMPARATOR_SYMBOLS[target.comparator]} ${withUnit(target.threshold, target.unit)}`;
}

// Figures have at most 4 decimals (Decimal(14, 4)): compare as integers, no float rounding decides.
const scaled = (value: DecimalLike) => Math.round(Number(typeof value === "number" ? value : value.toString()) * 10_000);

export function evaluateFigure(
  target: Pick<TargetRule, "comparator" | "threshold" | "optional">,
  value: DecimalLike | null | undefined,
  notApplicable = false,
): FigureStatus {
  if (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))) {
    return notApplicable && target.optional ? "not_applicable" : "missing";
  }
  const [v, t] = [scaled(value), scaled(target.threshold)];
  const met = target.comparator === "gte" ? v >= t : target.comparator === "lte" ? v <= t : v === t;
  return met ? "met" : "unmet";
}

/** Targets of a movement that apply to a nominee: `appliesTo` empty means every subject kind. */
export function targetsFor<T extends { appliesTo: readonly string[] }>(targets: T[], subjectKind: string): T[] {
  return targets.filter((target) => target.appliesTo.length === 0 || target.appliesTo.includes(subjectKind));
}

export type Figure = { targetId: string; value: DecimalLike | null; notApplicable: boolean };

export type JudgedTarget<T> = {
  target: T;
  /** The figure as stored ("99.6"), null when none was given. */
  value: string | null;
  notApplicable: boolean;
  status: FigureStatus;
  /** "99,6%", "Không phát sinh", or "—" when there is no figure. */
  result: string;
  /** "≥ 99%". */
  requirement: string;
};

/** Each target that applies to the nominee, with the nominee's figure and whether it meets the target. */
export function judgeFigures<T extends TargetRule & { id: string; appliesTo: readonly string[] }>(
  targets: T[],
  figures: Figure[],
  subjectKind: string,
): Array<JudgedTarget<T>> {
  const byTarget = new Map(figures.map((figure) => [figure.targetId, figure]));
  return targetsFor(targets, subjectKind).map((target) => {
    const figure = byTarget.get(target.id);
    const value = figure?.value === null || figure?.value === undefined ? null : figure.value.toString();
    const notApplicable = figure?.notApplicable ?? false;
    const status = evaluateFigure(target, value, notApplicable);
    return {
      target,
      value,
      notApplicable,
      status,
      result: status === "not_applicable" ? FIGURE_STATUS_LABELS.not_applicable : value === null ? "—" : withUnit(value, target.unit),
      requirement: thresholdText(target),
    };
  });
}

/** "Tỷ lệ hồ sơ đúng hạn: 98% (yêu cầu ≥ 99%)" for each target a figure does not meet. */
export function unmetTargets<T extends TargetRule & { id: string; label: string; appliesTo: readonly string[] }>(
  targets: T[],
  figures: Figure[],
  subjectKind: string,
): string[] {
  return judgeFigures(targets, figures, subjectKind)
    .filter((judged) => judged.status === "unmet")
    .map((judged) => `${judged.target.label}: ${judged.result} (yêu cầu ${judged.requirement})`);
}
