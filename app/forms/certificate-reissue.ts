// Cấp lại Giấy khen: the reason, and the printed name and position as corrected (a misspelt name is the
// usual reason). Shared by the reissue form in the browser, its action and the model.
import { z } from "zod";
import { vnName, vnText } from "./fields.ts";

export const HONORIFIC_CHOICES = ["Ông", "Bà", "Ông/Bà"] as const;

export const ReissueSchema = z.object({
  reason: vnText({ label: "lý do cấp lại", max: 2000 }),
  honorific: z.enum(HONORIFIC_CHOICES, { error: "Vui lòng chọn Ông, Bà hoặc Ông/Bà." }).optional(),
  recipientName: vnName({ label: "họ và tên (tên tập thể) in trên Giấy khen" }),
  recipientDetail: z
    .string()
    .trim()
    .max(300, "Chức vụ, đơn vị không quá 300 ký tự.")
    .refine((text) => !/[<>\p{Cc}]/u.test(text), "Chức vụ, đơn vị không được chứa ký tự <, > hoặc ký tự điều khiển.")
    .optional(),
});

export type ReissueInput = z.output<typeof ReissueSchema>;
