// awaiting_signature → the chairman (or the delegated vice-chairman): the council passed a dossier.
import { absoluteUrl, renderEmail, when, type EmailContext, type RenderedEmail } from "./layout.ts";
import type { DossierPayload } from "./payloads.ts";

export type AwaitingSignaturePayload = DossierPayload;

export function awaitingSignatureEmail(payload: AwaitingSignaturePayload, ctx: EmailContext): RenderedEmail {
  return renderEmail(
    {
      subject: `Hồ sơ chờ ký quyết định khen thưởng: ${payload.nomineeName}`,
      intro: [
        `Hội đồng Thi đua – Khen thưởng xã đã thông qua hồ sơ đề nghị khen thưởng cho ${payload.nomineeName} (phong trào «${payload.movementTitle}»).`,
      ],
      facts: [
        ["Người được đề nghị", payload.nomineeName],
        ["Phong trào", payload.movementTitle],
      ],
      todo: "Xem xét và ký phê duyệt, hoặc từ chối (ghi rõ lý do), quyết định khen thưởng.",
      deadline: when(payload.dueAt),
      action: { label: "Xem và ký", url: absoluteUrl(ctx.appUrl, payload.path) },
    },
    ctx,
  );
}
