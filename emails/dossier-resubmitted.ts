// dossier_resubmitted → the commune's secretaries: a dossier returned for supplement came back.
import { absoluteUrl, renderEmail, when, type EmailContext, type RenderedEmail } from "./layout.ts";
import type { DossierPayload } from "./payloads.ts";

export type DossierResubmittedPayload = DossierPayload;

export function dossierResubmittedEmail(payload: DossierResubmittedPayload, ctx: EmailContext): RenderedEmail {
  return renderEmail(
    {
      subject: `Hồ sơ đã bổ sung, nộp lại: ${payload.nomineeName}`,
      intro: [
        `Đơn vị trình khen đã bổ sung và nộp lại hồ sơ đề nghị khen thưởng cho ${payload.nomineeName} trong phong trào «${payload.movementTitle}».`,
      ],
      facts: [
        ["Người được đề nghị", payload.nomineeName],
        ["Phong trào", payload.movementTitle],
      ],
      todo: "Kiểm tra phần đã bổ sung: tiếp nhận để trình Hội đồng, hoặc trả lại nếu hồ sơ vẫn chưa đầy đủ.",
      deadline: when(payload.dueAt),
      action: { label: "Thẩm định hồ sơ", url: absoluteUrl(ctx.appUrl, payload.path) },
    },
    ctx,
  );
}
