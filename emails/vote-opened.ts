// vote_opened → each council member entitled to vote: a secret-ballot session is open.
import { absoluteUrl, renderEmail, when, type EmailContext, type RenderedEmail } from "./layout.ts";
import type { VoteOpenedPayload } from "./payloads.ts";

export type { VoteOpenedPayload };

export function voteOpenedEmail(payload: VoteOpenedPayload, ctx: EmailContext): RenderedEmail {
  const nominees = payload.nomineeNames ?? [];
  return renderEmail(
    {
      subject: `Mời bỏ phiếu: phong trào «${payload.movementTitle}»`,
      intro: [
        `Hội đồng Thi đua – Khen thưởng xã mở phiên bỏ phiếu kín trực tuyến xét khen thưởng phong trào «${payload.movementTitle}».`,
        "Phiếu bầu là phiếu kín: hệ thống chỉ ghi nhận thành viên đã bỏ phiếu, không ghi ai bầu thế nào.",
      ],
      facts: [
        ["Phiên", payload.title],
        ["Phong trào", payload.movementTitle],
        [
          "Số hồ sơ",
          payload.dossierCount !== undefined ? String(payload.dossierCount) : nominees.length > 0 ? String(nominees.length) : null,
        ],
        ["Người được đề nghị", nominees.length > 0 ? nominees.join(", ") : null],
      ],
      todo: "Đọc hồ sơ và bỏ phiếu (đồng ý / không đồng ý) cho từng hồ sơ; nếu là người được đề nghị hoặc đứng đầu đơn vị được đề nghị thì chọn không tham gia bỏ phiếu hồ sơ đó.",
      deadline: when(payload.closesAt),
      action: { label: "Bỏ phiếu", url: absoluteUrl(ctx.appUrl, payload.path) },
    },
    ctx,
  );
}
