// A new dossier: who is nominated (cá nhân / tập thể / hộ gia đình), in which movement, for which award.
import { z } from "zod";
import { vnName } from "./fields.ts";
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
    movementId: z.string({ error: "Vui lòng chọn phong trào thi đua." }).min(1, "Vui lòng chọn phong trào thi đua."),
    unitId: z.string({ error: "Vui lòng chọn đơn vị trình khen." }).min(1, "Vui lòng chọn đơn vị trình khen."),
    kind: z.enum(NOMINEE_KINDS, { error: "Vui lòng chọn cá nhân, tập thể hay hộ gia đình." }),
    subjectKind: z.enum(SUBJECT_KINDS, { error: "Vui lòng chọn đối tượng thi đua." }),
    name: vnName({ label: "họ và tên (hoặc tên tập thể)", max: 200 }),
    position: optionalText("chức vụ", 300),
    awardForm: z.enum(AWARD_FORM_VALUES, { error: "Vui lòng chọn hình thức khen thưởng." }),
  })
  .superRefine((value, ctx) => {
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
