// certificate_issued → the submitting unit's officials: the Giấy khen is issued and can be handed over.
import { absoluteUrl, renderEmail, type EmailContext, type RenderedEmail } from "./layout.ts";
import type { DossierPayload } from "./payloads.ts";

export type CertificateIssuedPayload = DossierPayload;

export function certificateIssuedEmail(payload: CertificateIssuedPayload, ctx: EmailContext): RenderedEmail {
  return renderEmail(
    {
      subject: `Đã cấp Giấy khen: ${payload.nomineeName}`,
      intro: [`Giấy khen của Chủ tịch UBND xã cho ${payload.nomineeName} (phong trào «${payload.movementTitle}») đã được cấp.`],
      facts: [
        ["Người được khen thưởng", payload.nomineeName],
        ["Phong trào", payload.movementTitle],
      ],
      todo: "Nhận Giấy khen tại Văn phòng UBND xã và trao cho người được khen thưởng.",
      action: { label: "Xem hồ sơ và Giấy khen", url: absoluteUrl(ctx.appUrl, payload.path) },
    },
    ctx,
  );
}
