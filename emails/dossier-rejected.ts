// dossier_rejected → the submitting unit's officials: the chairman refused the award, with the reason.
import { absoluteUrl, renderEmail, type EmailContext, type RenderedEmail } from "./layout.ts";
import type { DossierPayload } from "./payloads.ts";

export type DossierRejectedPayload = DossierPayload;

export function dossierRejectedEmail(payload: DossierRejectedPayload, ctx: EmailContext): RenderedEmail {
  return renderEmail(
    {
      subject: `Hồ sơ không được phê duyệt khen thưởng: ${payload.nomineeName}`,
      intro: [`Chủ tịch UBND xã không phê duyệt khen thưởng cho ${payload.nomineeName} trong phong trào «${payload.movementTitle}».`],
      facts: [
        ["Lý do", payload.reason ?? "Không ghi lý do"],
        ["Người được đề nghị", payload.nomineeName],
        ["Phong trào", payload.movementTitle],
      ],
      action: { label: "Xem hồ sơ", url: absoluteUrl(ctx.appUrl, payload.path) },
    },
    ctx,
  );
}
