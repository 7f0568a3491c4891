// A new dossier: who is nominated (cá nhân / tập thể / hộ gia đình), in which movement, for which award.
import { z } from "zod";
import { vnDate, vnName } from "./fields.ts";
import { AWARD_FORM_VALUES, optionalText } from "./proposal.ts";

export const NOMINEE_KINDS = ["individual", "collective", "household"] as const;
export const SUBJECT_KINDS = ["unit_head", "civil_servant", "part_time_worker", "hamlet", "household"] as const;

/** Which subject kinds (đối tượng thi đua) fit which kind of nominee. */
export const SUBJECT_KINDS_BY_NOMINEE_KIND: Record<(typeof NOMINEE_KINDS)[number], Array<(typeof SUBJECT_KINDS)[number]>> = {
  individual: ["unit_head", "civil_servant", "part_time_worker"],
  collective: ["hamlet"],
  household: ["household"],
};

export const NewDossierSchema = z
  .object({
    movementId: z.string({ error: "Vui lòng chọn phong trào thi đua." }).max(200).min(1, "Vui lòng chọn phong trào thi đua."),
    unitId: z.string({ error: "Vui lòng chọn đơn vị trình khen." }).max(200).min(1, "Vui lòng chọn đơn vị trình khen."),
    kind: z.enum(NOMINEE_KINDS, { error: "Vui lòng chọn cá nhân, tập thể hay hộ gia đình." }),
    subjectKind: z.enum(SUBJECT_KINDS, { error: "Vui lòng chọn đối tượng thi đua." }),
    /** A person of the commune's register (individuals, households); empty: a new person named below. */
    personId: z.string().max(200).trim().optional(),
    name: vnName({ label: "họ và tên (hoặc tên tập thể)", max: 200 }).optional(),
    gender: z.enum(["male", "female"], { error: "Vui lòng chọn Ông hoặc Bà." }).optional(),
    birthDate: vnDate({ label: "ngày sinh" }).optional(),
    position: optionalText("chức vụ", 300),
    awardForm: z.enum(AWARD_FORM_VALUES, { error: "Vui lòng chọn hình thức khen thưởng." }),
  })
  .superRefine((value, ctx) => {
    if (!value.name && (value.kind === "collective" || !value.personId)) {
      ctx.addIssue({ code: "custom", path: ["name"], message: "Vui lòng nhập họ và tên (hoặc tên tập thể)." });
    }
    if (!SUBJECT_KINDS_BY_NOMINEE_KIND[value.kind].includes(value.subjectKind)) {
      ctx.addIssue({
        code: "custom",
        path: ["subjectKind"],
        message:
          value.kind === "individual"
            ? "Cá nhân phải là người đứng đầu, cán bộ công chức hoặc người hoạt động không chuyên trách."
            : value.kind === "collective"
              ? "Tập thể được đề nghị phải là khu phố, ấp."
              : "Hộ gia đình chỉ thuộc đối tượng «Hộ gia đình».",
      });
    }
  });

export type NewDossierData = z.output<typeof NewDossierSchema>;
