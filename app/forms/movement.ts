// The movement form (phong trào thi đua): one schema, used by Conform in the browser and by the
// create / edit actions. Browser-safe: no server-only imports.
import { z } from "zod";
import { AWARD_TITLES_BY_KIND, AWARD_TITLE_LABELS, NOMINEE_KIND_LABELS } from "#machines/index.ts";
import type { AwardForm, AwardTitle, Comparator, NomineeKind, SubjectKind } from "~/generated/prisma/enums.ts";
import { PERCENT_OVER_100, vnDate, vnNumber, vnText } from "./fields.ts";
import { SUBJECT_KINDS_BY_NOMINEE_KIND } from "./nominee.ts";

export const SUBJECT_KINDS = [
  "unit_head",
  "civil_servant",
  "part_time_worker",
  "hamlet",
  "household",
] as const satisfies readonly SubjectKind[];
export const AWARD_FORMS = ["commune_chairman_certificate"] as const satisfies readonly AwardForm[];
export const AWARD_TITLES = [
  "advanced_worker",
  "grassroots_emulation_fighter",
  "advanced_collective",
  "cultural_hamlet",
  "cultural_family",
] as const satisfies readonly AwardTitle[];
export const COMPARATORS = ["gte", "lte", "eq"] as const satisfies readonly Comparator[];
export const NOMINEE_KINDS = ["individual", "collective", "household"] as const satisfies readonly NomineeKind[];

/** A whole number typed the Vietnamese way ("5", "2.023" is refused as a year only by its range). */
function vnInteger({ label, min, max }: { label: string; min?: number; max?: number }) {
  return vnNumber({ label, min, max }).refine(Number.isInteger, `${label.charAt(0).toUpperCase()}${label.slice(1)} phải là số nguyên.`);
}

/** An optional line or paragraph; Conform turns an empty field into undefined. */
function optionalText(label: string, max: number) {
  return z.string().trim().max(max, `${label} không quá ${max} ký tự.`).optional();
}

/** The highest prize per awardee the form accepts (đồng): far above any commune's Giấy khen, well inside Decimal(14, 0). */
export const MAX_PRIZE_AMOUNT = 100_000_000;

/**
 * "200.000" or "200000" → 200000: whole đồng, dots only as thousands separators (a trailing "đồng" / "đ"
 * is tolerated). Not parseVietnameseNumber: there "200,000" would read as 200 (decimal comma), a
 * thousandfold error on money, so a comma is refused here. null when the text is no such amount.
 */
export function parseVndAmount(input: string): number | null {
  const text = input
    .trim()
    .replace(/\s*(đồng|đ)$/i, "")
    .trim();
  if (!/^-?(\d{1,3}(\.\d{3})+|\d+)$/.test(text)) return null;
  const value = Number(text.replace(/\./g, ""));
  return Number.isSafeInteger(value) ? value + 0 : null; // + 0: "-0" is 0
}

/** Tiền thưởng kèm Giấy khen, đồng per awardee; Conform turns an empty field into undefined (no prize). */
const prizeAmount = z
  .string()
  .transform((text, ctx) => {
    const value = parseVndAmount(text);
    if (value === null) {
      const message = /[,]\d/.test(text)
        ? "Tiền thưởng là số đồng chẵn, dùng dấu chấm ngăn cách hàng nghìn (ví dụ: 200.000)."
        : "Tiền thưởng phải là một số tiền (ví dụ: 200.000).";
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    if (value < 0) {
      ctx.addIssue({ code: "custom", message: "Tiền thưởng không được nhỏ hơn 0." });
      return z.NEVER;
    }
    if (value > MAX_PRIZE_AMOUNT) {
      ctx.addIssue({ code: "custom", message: "Tiền thưởng không được lớn hơn 100.000.000 đồng." });
      return z.NEVER;
    }
    return value;
  })
  .optional();

/** The kinds of nominee (cá nhân, tập thể, hộ gia đình) the movement's subjects cover, in their order. */
export function coveredNomineeKinds(subjectKinds: readonly SubjectKind[]): NomineeKind[] {
  return NOMINEE_KINDS.filter((kind) => SUBJECT_KINDS_BY_NOMINEE_KIND[kind].some((subject) => subjectKinds.includes(subject)));
}

/** What one kind of nominee receives: the award form, and optionally a title (empty: the form alone). */
const AwardChoiceSchema = z.object({
  form: z.enum(AWARD_FORMS, { error: "Hình thức khen thưởng không hợp lệ." }).optional(),
  title: z.enum(AWARD_TITLES, { error: "Danh hiệu thi đua không hợp lệ." }).optional(),
});

/** Empty = no cap ("không giới hạn"). */
const quota = vnInteger({ label: "số lượng khen thưởng", min: 1, max: 9999 }).optional();

export const TargetSchema = z.object({
  /** The heading of the plan the target sits under. */
  area: optionalText("Lĩnh vực", 300),
  label: vnText({ label: "nội dung chỉ tiêu", max: 500 }),
  comparator: z.enum(COMPARATORS, { error: "Vui lòng chọn phép so sánh (≥, ≤, =)." }),
  threshold: vnNumber({ label: "mức chỉ tiêu", min: 0 }),
  unit: vnText({ label: "đơn vị tính", max: 50 }),
  /** "(nếu có)": a nominee may report that nothing of the kind arose. */
  optional: z.boolean().default(false),
  /** Empty = every subject kind of the movement. */
  appliesTo: z.array(z.enum(SUBJECT_KINDS, { error: "Đối tượng áp dụng không hợp lệ." })).default([]),
});

export const MovementSchema = z
  .object({
    /** Only on the create form, when the secretary serves several communes. */
    unitId: z.string().max(200).optional(),
    /** The movement's updatedAt when the edit form was loaded: a later change by someone else is a conflict. */
    revision: z.string().max(200).optional(),
    title: vnText({ label: "tên phong trào", max: 300 }),
    year: vnInteger({ label: "năm", min: 2000, max: 2100 }),
    planNumber: optionalText("Số kế hoạch", 100),
    legalBasis: z
      .array(vnText({ label: "nội dung căn cứ", max: 1000 }))
      .min(1, "Vui lòng nhập ít nhất một căn cứ (ví dụ: Thực hiện Kế hoạch số … ngày … của …).")
      .max(30, "Không quá 30 căn cứ."),
    scope: optionalText("Phạm vi", 2000),
    subjectKinds: z
      .array(z.enum(SUBJECT_KINDS, { error: "Đối tượng thi đua không hợp lệ." }))
      .min(1, "Vui lòng chọn ít nhất một đối tượng thi đua."),
    targets: z.array(TargetSchema).max(100, "Không quá 100 chỉ tiêu."),
    /** Per kind of nominee; only the kinds the subjects cover are kept (coveredNomineeKinds). */
    awards: z
      .object({ individual: AwardChoiceSchema, collective: AwardChoiceSchema, household: AwardChoiceSchema })
      .default({ individual: {}, collective: {}, household: {} }),
    quotas: z.object({ individual: quota, collective: quota, household: quota }),
    /** Đồng per awardee, printed in Điều 2 of the award decision; empty (or 0) = no prize money. */
    prizeAmount,
    submissionDeadline: vnDate({ label: "hạn nộp hồ sơ" }),
    screeningDays: vnInteger({ label: "số ngày làm việc để thẩm định", min: 1, max: 60 }),
    decisionDays: vnInteger({ label: "số ngày làm việc để ra quyết định", min: 1, max: 90 }),
  })
  .superRefine((movement, ctx) => {
    const covered = coveredNomineeKinds(movement.subjectKinds);
    for (const kind of NOMINEE_KINDS) {
      const award = movement.awards[kind];
      const noun = NOMINEE_KIND_LABELS[kind];
      if (covered.includes(kind) && !award.form) {
        ctx.addIssue({ code: "custom", path: ["awards", kind, "form"], message: `Vui lòng chọn hình thức khen thưởng cho ${noun}.` });
      }
      if (!award.title) continue;
      if (!AWARD_TITLES_BY_KIND[kind].includes(award.title)) {
        ctx.addIssue({
          code: "custom",
          path: ["awards", kind, "title"],
          message: `Danh hiệu «${AWARD_TITLE_LABELS[award.title]}» không dùng để tặng cho ${noun}.`,
        });
      } else if (movement.subjectKinds.length > 0 && !covered.includes(kind)) {
        // No subjects yet: that field says so.
        ctx.addIssue({
          code: "custom",
          path: ["awards", kind, "title"],
          message: `Phong trào không có đối tượng thi đua là ${noun}: bỏ chọn danh hiệu này hoặc chọn thêm đối tượng thi đua.`,
        });
      }
    }
    const seen = new Map<string, number>();
    movement.targets.forEach((target, index) => {
      // A target may narrow the movement's subjects, never add to them (no subjects yet: that field says so).
      if (movement.subjectKinds.length > 0 && target.appliesTo.some((kind) => !movement.subjectKinds.includes(kind))) {
        ctx.addIssue({
          code: "custom",
          path: ["targets", index, "appliesTo"],
          message: "Đối tượng áp dụng phải nằm trong các đối tượng thi đua của phong trào.",
        });
      }
      if (target.unit === "%" && target.threshold > 100) {
        ctx.addIssue({ code: "custom", path: ["targets", index, "threshold"], message: PERCENT_OVER_100 });
      }
      // Figures are reported per target: two identical labels could not be told apart.
      const key = target.label.toLocaleLowerCase("vi");
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["targets", index, "label"], message: `Chỉ tiêu này trùng với chỉ tiêu số ${first + 1}.` });
      } else {
        seen.set(key, index);
      }
    });
  });

export type MovementFormValue = z.output<typeof MovementSchema>;
export type TargetFormValue = z.output<typeof TargetSchema>;

/** What the form's fields hold (text, as typed): Conform's defaultValue. */
export type MovementFormDefaults = z.input<typeof MovementSchema>;

// Viet Nam keeps UTC+7 all year (no daylight saving since 1975).
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** "2023-05-15" → the last millisecond of that day in Asia/Ho_Chi_Minh (23:59:59.999), as an instant. */
export function endOfVietnamDay(isoDay: string): Date {
  const [year, month, day] = isoDay.split("-").map(Number);
  return new Date(Date.UTC(year!, month! - 1, day!, 23, 59, 59, 999) - VIETNAM_OFFSET_MS);
}

/** The calendar year in Viet Nam at `now` (a new plan is usually for this year). */
export function vietnamYear(now = new Date()): number {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).getUTCFullYear();
}
