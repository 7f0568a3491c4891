// The two settings forms of a unit's documents: the legal basis its decisions cite, and the
// certificate (PKCS#12) it signs them with. Shared by the browser (Conform) and the actions.
import { z } from "zod";
import { vnText } from "./fields.ts";

export const MAX_BASIS_LINES = 15;

/** One "Căn cứ …" line per line of the text area; blank lines are ignored. */
const legalBasisLines = z
  .string({ error: "Vui lòng nhập ít nhất một dòng căn cứ." })
  .max(10_000, "Căn cứ không quá 10.000 ký tự.")
  .transform((text, ctx) => {
    const lines = text
      .split(/\r?\n/)
      .map((line) => line.replace(/\s+/g, " ").trim())
      .filter(Boolean);
    if (lines.length === 0) {
      ctx.addIssue({ code: "custom", message: "Vui lòng nhập ít nhất một dòng căn cứ." });
      return z.NEVER;
    }
    if (lines.length > MAX_BASIS_LINES) {
      ctx.addIssue({ code: "custom", message: `Không quá ${MAX_BASIS_LINES} dòng căn cứ.` });
      return z.NEVER;
    }
    lines.forEach((line, i) => {
      if (!/^căn cứ\s/i.test(line)) ctx.addIssue({ code: "custom", message: `Dòng ${i + 1} phải bắt đầu bằng «Căn cứ».` });
      else if (line.length > 600) ctx.addIssue({ code: "custom", message: `Dòng ${i + 1} dài quá 600 ký tự.` });
      else if (/[<>\p{Cc}]/u.test(line))
        ctx.addIssue({ code: "custom", message: `Dòng ${i + 1} có ký tự không được phép (<, > hoặc ký tự điều khiển).` });
    });
    return lines;
  });

export const DecisionBasisSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save"),
    unitId: z.string({ error: "Vui lòng chọn đơn vị." }).max(200).min(1, "Vui lòng chọn đơn vị."),
    legalBasis: legalBasisLines,
    proposedBy: vnText({ label: "cơ quan, đơn vị đề nghị", max: 300 }).refine((text) => !/[<>\p{Cc}]/u.test(text), {
      message: "Cơ quan, đơn vị đề nghị có ký tự không được phép (<, > hoặc ký tự điều khiển).",
    }),
  }),
  z.object({ intent: z.literal("reset"), unitId: z.string().max(200).min(1, "Vui lòng chọn đơn vị.") }),
]);

/** A PKCS#12 file is a few kilobytes; anything near this is not one. */
export const MAX_PKCS12_BYTES = 64 * 1024;

export const SigningCredentialSchema = z.object({
  unitId: z.string({ error: "Vui lòng chọn đơn vị." }).max(200).min(1, "Vui lòng chọn đơn vị."),
  file: z
    .instanceof(File, { message: "Vui lòng chọn tệp chứng thư số (.p12 hoặc .pfx)." })
    .refine((file) => file.size > 0, "Vui lòng chọn tệp chứng thư số (.p12 hoặc .pfx).")
    .refine((file) => file.size <= MAX_PKCS12_BYTES, "Tệp quá lớn để là một tệp chứng thư số (.p12 hoặc .pfx)."),
  passphrase: z.string().max(200, "Mật khẩu không quá 200 ký tự.").default(""),
});
