// dossier_council_failed → the submitting unit's officials: the council vote did not pass the dossier.
import { absoluteUrl, renderEmail, type EmailContext, type RenderedEmail } from "./layout.ts";
import type { DossierPayload } from "./payloads.ts";

export type DossierCouncilFailedPayload = DossierPayload;

export function dossierCouncilFailedEmail(payload: DossierCouncilFailedPayload, ctx: EmailContext): RenderedEmail {
  return renderEmail(
    {
      subject: `Hồ sơ không được Hội đồng thông qua: ${payload.nomineeName}`,
      intro: [
        `Hội đồng Thi đua – Khen thưởng xã đã bỏ phiếu kín và không thông qua hồ sơ đề nghị khen thưởng cho ${payload.nomineeName} (phong trào «${payload.movementTitle}»).`,
        "Đây là thông báo; đơn vị không cần thao tác thêm. Kết quả kiểm phiếu có trong hồ sơ và biên bản họp Hội đồng.",
      ],
      facts: [
        ["Người được đề nghị", payload.nomineeName],
        ["Phong trào", payload.movementTitle],
      ],
      action: { label: "Xem hồ sơ", url: absoluteUrl(ctx.appUrl, payload.path) },
    },
    ctx,
  );
}
