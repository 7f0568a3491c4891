// Biên bản họp Hội đồng TĐKT của đơn vị trình khen. The signed scan is an attachment,
// checked by the action (a file is not a form value the browser can validate).
import { z } from "zod";
import { vnDate, vnName, vnNumber, vnText } from "./fields.ts";
import type { SaveMode } from "./proposal.ts";

/** A whole number of people or votes, Vietnamese digits. */
export function vnCount(label: string) {
  return vnNumber({ label, min: 0 }).refine(Number.isInteger, `${label.charAt(0).toUpperCase()}${label.slice(1)} phải là số nguyên.`);
}

const Vote = z.object({
  nominee: vnName({ label: "tên người (tập thể) được bỏ phiếu", max: 200 }),
  agree: vnCount("số phiếu đồng ý"),
  total: vnCount("tổng số phiếu"),
});

const VOTES_REQUIRED = "Biên bản phải ghi kết quả bỏ phiếu cho ít nhất một người (tập thể).";

const UnitMinutesFields = z.object({
  date: vnDate({ label: "ngày họp" }),
  place: vnText({ label: "địa điểm họp", max: 300 }),
  chair: vnName({ label: "họ tên người chủ trì", max: 200 }),
  secretary: vnName({ label: "họ tên thư ký", max: 200 }),
  present: vnCount("số thành viên có mặt"),
  total: vnCount("tổng số thành viên Hội đồng"),
  votes: z.array(Vote, { error: VOTES_REQUIRED }).min(1, VOTES_REQUIRED).max(50, "Biên bản không quá 50 dòng."),
  conclusion: vnText({ label: "kết luận cuộc họp", max: 8000 }),
});

type Counts = { present?: number; total?: number; votes?: Array<{ agree?: number; total?: number } | undefined> };

/** Numbers that must agree with each other, checked whenever both are given (draft or not). */
function consistentCounts(value: Counts, ctx: z.RefinementCtx) {
  if (value.total !== undefined && value.total < 1) {
    ctx.addIssue({ code: "custom", path: ["total"], message: "Tổng số thành viên Hội đồng phải lớn hơn 0." });
  }
  if (value.present !== undefined && value.total !== undefined && value.present > value.total) {
    ctx.addIssue({ code: "custom", path: ["present"], message: "Số thành viên có mặt không được lớn hơn tổng số thành viên." });
  }
  (value.votes ?? []).forEach((vote, index) => {
    if (!vote) return;
    if (vote.agree !== undefined && vote.total !== undefined && vote.agree > vote.total) {
      ctx.addIssue({ code: "custom", path: ["votes", index, "agree"], message: "Số phiếu đồng ý không được lớn hơn tổng số phiếu." });
    }
    if (vote.total !== undefined && value.present !== undefined && vote.total > value.present) {
      ctx.addIssue({ code: "custom", path: ["votes", index, "total"], message: "Tổng số phiếu không được lớn hơn số thành viên có mặt." });
    }
  });
}

export const UnitMinutesSchema = UnitMinutesFields.superRefine(consistentCounts);

export const UnitMinutesDraftSchema = UnitMinutesFields.partial()
  .extend({ votes: z.array(Vote.partial()).max(50, "Biên bản không quá 50 dòng.").optional() })
  .superRefine(consistentCounts);

export type UnitMinutesData = z.output<typeof UnitMinutesDraftSchema>;

export function unitMinutesSchema(mode: SaveMode) {
  return mode === "complete" ? UnitMinutesSchema : UnitMinutesDraftSchema;
}

/** Name of the file input of the signed scan. */
export const SCAN_FIELD = "scan";
