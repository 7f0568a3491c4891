// dossier_returned → the submitting unit's officials: the secretary asks for a supplement, with the reason.
import { absoluteUrl, renderEmail, when, type EmailContext, type RenderedEmail } from "./layout.ts";
import type { DossierPayload } from "./payloads.ts";

export type DossierReturnedPayload = DossierPayload;

export function dossierReturnedEmail(payload: DossierReturnedPayload, ctx: EmailContext): RenderedEmail {
  return renderEmail(
    {
      subject: `Hồ sơ cần bổ sung: ${payload.nomineeName}`,
      intro: [
        `Văn phòng UBND xã đã trả lại hồ sơ đề nghị khen thưởng cho ${payload.nomineeName} (phong trào «${payload.movementTitle}») để bổ sung.`,
      ],
      facts: [
        ["Lý do trả lại", payload.reason ?? "Không ghi lý do"],
        ["Người được đề nghị", payload.nomineeName],
        ["Phong trào", payload.movementTitle],
      ],
      todo: "Bổ sung, sửa hồ sơ theo yêu cầu rồi nộp lại.",
      deadline: when(payload.dueAt) ?? "trước hạn nộp hồ sơ của phong trào",
      action: { label: "Bổ sung hồ sơ", url: absoluteUrl(ctx.appUrl, payload.path) },
    },
    ctx,
  );
}
