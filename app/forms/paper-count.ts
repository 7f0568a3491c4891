// The forms of a paper ballot: attendance and the counted sheets. Shared by the browser (Conform) and the action;
// the rule a count must obey is machines/tally.ts paperCountProblem, the same one the model applies.
import { z } from "zod";
import { paperCountProblem } from "#machines/index.ts";

function sheetCount(label: string) {
  return z
    .string({ error: `Vui lòng nhập số ${label}.` })
    .trim()
    .regex(/^\d{1,4}$/, `Số ${label} phải là số nguyên không âm (ví dụ: 7).`)
    .transform(Number);
}

export const PaperCountSchema = z
  .object({
    dossierId: z.string().min(1),
    issued: sheetCount("phiếu phát ra"),
    returned: sheetCount("phiếu thu về"),
    valid: sheetCount("phiếu hợp lệ"),
    agree: sheetCount("phiếu đồng ý"),
    disagree: sheetCount("phiếu không đồng ý"),
  })
  .superRefine((count, ctx) => {
    // A figure that is not a whole number already has its own message.
    const { issued, returned, valid, agree, disagree } = count;
    if (![issued, returned, valid, agree, disagree].every((value) => Number.isSafeInteger(value))) return;
    const problem = paperCountProblem(count);
    if (problem) ctx.addIssue({ code: "custom", message: problem.message, path: [problem.field] });
  });

export const PaperCountsSchema = z.object({
  intent: z.literal("count"),
  counts: z.array(PaperCountSchema).min(1, "Phiên không có hồ sơ nào để nhập kết quả."),
});

export const AttendanceSchema = z.object({
  intent: z.literal("attendance"),
  presentIds: z.array(z.string()).default([]),
});
