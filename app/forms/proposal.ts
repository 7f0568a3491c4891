// Tờ trình đề nghị khen thưởng: one Zod schema for the browser (Conform) and the action.
// "Hoàn thành" validates everything; "Lưu nháp" accepts a half-filled form whose filled fields are well-formed.
import { z } from "zod";
import { vnDate, vnName, vnText } from "./fields.ts";

/** Which button sent the form: a draft keeps whatever is well-formed, "complete" needs every field. */
export type SaveMode = "draft" | "complete";

/** The name of the two save buttons ("Lưu nháp" / "Hoàn thành"), components/dossier/save-buttons.tsx. */
export const SAVE_INTENT = "intent";

/** Which of the two buttons sent the form (a list button of Conform counts as a draft). */
export function saveModeOf(formData: FormData): SaveMode {
  return formData.get(SAVE_INTENT) === "complete" ? "complete" : "draft";
}

export const AWARD_FORM_VALUES = ["commune_chairman_certificate"] as const;

/** An optional line of text: empty reads as not given. */
export function optionalText(label: string, max = 500) {
  return z
    .string()
    .trim()
    .max(max, `${label.charAt(0).toUpperCase()}${label.slice(1)} không quá ${max} ký tự.`)
    .optional();
}

const ProposalNominee = z.object({
  name: vnName({ label: "tên cá nhân, tập thể được đề nghị", max: 200 }),
  position: optionalText("chức vụ, đơn vị", 300),
  awardForm: z.enum(AWARD_FORM_VALUES, { error: "Vui lòng chọn hình thức khen thưởng." }),
});

const NOMINEES_REQUIRED = "Tờ trình phải có ít nhất một cá nhân, tập thể được đề nghị khen thưởng.";

export const ProposalSchema = z.object({
  number: vnText({ label: "số tờ trình", max: 60 }),
  date: vnDate({ label: "ngày tờ trình" }),
  submittingUnit: vnText({ label: "đơn vị trình", max: 300 }),
  addressee: vnText({ label: "nơi nhận (Kính gửi)", max: 300 }),
  reasons: vnText({ label: "lý do, căn cứ đề nghị", max: 8000 }),
  nominees: z.array(ProposalNominee, { error: NOMINEES_REQUIRED }).min(1, NOMINEES_REQUIRED).max(50, "Tờ trình không quá 50 dòng."),
});

export const ProposalDraftSchema = ProposalSchema.partial().extend({
  nominees: z.array(ProposalNominee.partial()).max(50, "Tờ trình không quá 50 dòng.").optional(),
});

/** What is stored in DossierDocument.data (a completed one has every field). */
export type ProposalData = z.output<typeof ProposalDraftSchema>;

export function proposalSchema(mode: SaveMode) {
  return mode === "complete" ? ProposalSchema : ProposalDraftSchema;
}
