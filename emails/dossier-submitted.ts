// dossier_submitted → the commune's secretaries: a dossier arrived and must be screened.
import { absoluteUrl, renderEmail, when, type EmailContext, type RenderedEmail } from "./layout.ts";
import type { DossierPayload } from "./payloads.ts";

export type DossierSubmittedPayload = DossierPayload;

export function dossierSubmittedEmail(payload: DossierSubmittedPayload, ctx: EmailContext): RenderedEmail {
  return renderEmail(
    {
      subject: `Hồ sơ mới cần thẩm định: ${payload.nomineeName}`,
      intro: [`Đơn vị trình khen đã nộp hồ sơ đề nghị khen thưởng cho ${payload.nomineeName} trong phong trào «${payload.movementTitle}».`],
      facts: [
        ["Người được đề nghị", payload.nomineeName],
        ["Phong trào", payload.movementTitle],
      ],
      todo: "Kiểm tra tính đầy đủ, hợp lệ của hồ sơ: tiếp nhận để trình Hội đồng, hoặc trả lại để bổ sung (ghi rõ lý do).",
      deadline: when(payload.dueAt),
      action: { label: "Thẩm định hồ sơ", url: absoluteUrl(ctx.appUrl, payload.path) },
    },
    ctx,
  );
}
