// dossier_approved → the submitting unit's officials: the chairman approved the award.
import { absoluteUrl, renderEmail, type EmailContext, type RenderedEmail } from "./layout.ts";
import type { DossierPayload } from "./payloads.ts";

export type DossierApprovedPayload = DossierPayload;

export function dossierApprovedEmail(payload: DossierApprovedPayload, ctx: EmailContext): RenderedEmail {
  return renderEmail(
    {
      subject: `Hồ sơ đã được phê duyệt khen thưởng: ${payload.nomineeName}`,
      intro: [
        `Chủ tịch UBND xã đã phê duyệt khen thưởng cho ${payload.nomineeName} trong phong trào «${payload.movementTitle}».`,
        "Giấy khen sẽ được cấp theo quyết định khen thưởng; hệ thống sẽ báo khi Giấy khen được cấp.",
      ],
      facts: [
        ["Người được khen thưởng", payload.nomineeName],
        ["Phong trào", payload.movementTitle],
      ],
      action: { label: "Xem hồ sơ", url: absoluteUrl(ctx.appUrl, payload.path) },
    },
    ctx,
  );
}
