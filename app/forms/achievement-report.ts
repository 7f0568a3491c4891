// Báo cáo thành tích, Mẫu số 07 (Nghị định 91/2017/NĐ-CP), for a movement. The schema depends on the
// nominee (individual or collective) and on the movement's targets that apply to them, so it is built
// per dossier, in the browser from the loader's data and in the action from the database.
import { z } from "zod";
import { evaluateFigure, type Comparator } from "#machines/figures.ts";
import { parseVietnameseNumber, readPercent, vnDate, vnName, vnNumber, vnPercent, vnText } from "./fields.ts";
import { optionalText, type SaveMode } from "./proposal.ts";
import { vnCount } from "./unit-minutes.ts";

export type NomineeKindValue = "individual" | "collective" | "household";
export type ComparatorValue = Comparator;

/** A target of the movement as the form needs it (the threshold as a decimal string, like Prisma's Decimal). */
export type ReportTarget = {
  id: string;
  area: string | null;
  label: string;
  comparator: ComparatorValue;
  threshold: string;
  unit: string;
  optional: boolean;
};

export const NO_FIGURES_MESSAGE =
  "Báo cáo phải nêu kết quả cụ thể, có số liệu dẫn chứng (không nêu kết quả chung): vui lòng nhập số liệu cho các chỉ tiêu thi đua.";
const FIGURE_MISSING = "Vui lòng nhập kết quả đạt được (số liệu) của chỉ tiêu này.";
const NOT_APPLICABLE_REFUSED = "Chỉ tiêu này là bắt buộc, không được khai «Không phát sinh».";

export const SEX_LABELS = { male: "Nam", female: "Nữ" } as const;

// ─── Figures against targets: the judgement is machines/figures.ts; the form shows it live ───

/** The same from what the user typed ("99,6"): for the live check in the form. */
export function evaluateFigureInput(
  target: Pick<ReportTarget, "comparator" | "threshold" | "optional"> & { unit?: string },
  text: unknown,
  notApplicable: boolean,
) {
  // A percentage reads as the form reads it: "1.334" is no figure (not 1334 %, which would be "met").
  const percent = target.unit === "%" && typeof text === "string" ? readPercent(text) : null;
  const value = percent ? ("value" in percent ? percent.value : null) : typeof text === "string" ? parseVietnameseNumber(text) : null;
  return evaluateFigure(target, value, notApplicable);
}

// ─── The schema ─────────────────────────────────────────────────────────────

export type FigureInput = { value?: number; notApplicable?: boolean };

/** What is stored in DossierDocument.data; the figures are also stored as AchievementFigure rows. */
export type AchievementReportData = {
  // individual
  fullName?: string;
  birthDate?: string;
  sex?: "male" | "female";
  position?: string;
  unitName?: string;
  // collective, household
  name?: string;
  head?: string;
  members?: number;
  // both
  duties?: string;
  figures?: Record<string, FigureInput>;
  results?: string;
  solutions?: string;
  initiatives?: string;
  previousAwards?: string;
  headName?: string;
  headTitle?: string;
  confirmedOn?: string;
};

function figureSchema(target: ReportTarget, mode: SaveMode) {
  return z
    .object(
      {
        value: (target.unit === "%" ? vnPercent({ label: "kết quả" }) : vnNumber({ label: "kết quả", min: 0 })).optional(),
        notApplicable: z.boolean().optional(),
      },
      { error: FIGURE_MISSING },
    )
    .superRefine((figure, ctx) => {
      if (figure.notApplicable && !target.optional) {
        ctx.addIssue({ code: "custom", path: ["notApplicable"], message: NOT_APPLICABLE_REFUSED });
      } else if (figure.notApplicable && figure.value !== undefined) {
        ctx.addIssue({ code: "custom", path: ["value"], message: "Đã chọn «Không phát sinh» thì để trống số liệu." });
      } else if (mode === "complete" && figure.value === undefined && !figure.notApplicable) {
        ctx.addIssue({ code: "custom", path: ["value"], message: FIGURE_MISSING });
      }
    });
}

const birthDate = vnDate({ label: "ngày sinh" }).refine((iso) => {
  const year = Number(iso.slice(0, 4));
  return year >= 1900 && iso <= new Date().toISOString().slice(0, 10);
}, "Ngày sinh không hợp lệ.");

export function achievementReportSchema({ kind, targets, mode }: { kind: NomineeKindValue; targets: ReportTarget[]; mode: SaveMode }) {
  const identity =
    kind === "individual"
      ? {
          fullName: vnName({ label: "họ và tên", max: 200 }),
          birthDate,
          sex: z.enum(["male", "female"], { error: "Vui lòng chọn giới tính." }),
          position: vnText({ label: "chức vụ", max: 300 }),
          unitName: vnText({ label: "đơn vị công tác", max: 300 }),
        }
      : {
          name: vnName({ label: kind === "household" ? "tên hộ gia đình" : "tên tập thể", max: 300 }),
          head: vnName({ label: kind === "household" ? "họ tên chủ hộ" : "họ tên người đứng đầu", max: 200 }),
          members: vnCount(kind === "household" ? "số nhân khẩu" : "số thành viên").refine((n) => n >= 1, "Số thành viên phải lớn hơn 0."),
        };

  const figures = z
    .object(Object.fromEntries(targets.map((target) => [target.id, figureSchema(target, mode)])), { error: NO_FIGURES_MESSAGE })
    .superRefine((given, ctx) => {
      // The plan: "có số liệu dẫn chứng, không nêu kết quả chung".
      if (mode === "complete" && targets.length > 0 && !Object.values(given).some((figure) => figure?.value !== undefined)) {
        ctx.addIssue({ code: "custom", message: NO_FIGURES_MESSAGE });
      }
    });

  // Without any target that applies, the figures must be in the text of the results.
  const results =
    targets.length === 0 && mode === "complete"
      ? vnText({ label: "kết quả đạt được", max: 8000 }).refine((text) => /\d/.test(text), NO_FIGURES_MESSAGE)
      : optionalText("kết quả đạt được", 8000);

  const shape = {
    ...identity,
    duties: vnText({ label: "chức năng, nhiệm vụ được giao", max: 8000 }),
    figures,
    results,
    solutions: vnText({ label: "các giải pháp, biện pháp đã thực hiện", max: 8000 }),
    initiatives: optionalText("sáng kiến, kinh nghiệm", 8000),
    previousAwards: optionalText("các hình thức khen thưởng đã được ghi nhận", 4000),
    headName: vnName({ label: "họ tên thủ trưởng đơn vị xác nhận", max: 200 }),
    headTitle: vnText({ label: "chức vụ của thủ trưởng đơn vị", max: 200 }),
    confirmedOn: vnDate({ label: "ngày xác nhận" }),
  };
  const schema = mode === "complete" ? z.object(shape) : z.object(shape).partial().extend({ figures: figures.optional() });
  return schema as unknown as z.ZodType<AchievementReportData, unknown>;
}
