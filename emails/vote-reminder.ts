// vote_reminder → the members of an open session who have not voted yet.
import { absoluteUrl, renderEmail, when, type EmailContext, type RenderedEmail } from "./layout.ts";
import type { VoteReminderPayload } from "./payloads.ts";

export type { VoteReminderPayload };

export function voteReminderEmail(payload: VoteReminderPayload, ctx: EmailContext): RenderedEmail {
  const closes = when(payload.closesAt);
  return renderEmail(
    {
      subject: `Nhắc bỏ phiếu: phiên bỏ phiếu đóng lúc ${closes}`,
      intro: [
        `Đồng chí chưa bỏ phiếu trong phiên bỏ phiếu kín xét khen thưởng phong trào «${payload.movementTitle}». Phiếu chỉ được tính khi phiên họp đủ số thành viên tham gia.`,
      ],
      facts: [
        ["Phiên", payload.title],
        ["Phong trào", payload.movementTitle],
        ["Hồ sơ chưa bỏ phiếu", payload.remaining !== undefined ? String(payload.remaining) : null],
      ],
      todo: "Bỏ phiếu cho các hồ sơ còn lại trước khi phiên đóng.",
      deadline: closes,
      action: { label: "Bỏ phiếu", url: absoluteUrl(ctx.appUrl, payload.path) },
    },
    ctx,
  );
}
