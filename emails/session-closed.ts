// session_closed → the secretary and the chairman: the vote is closed, with the tally of each dossier.
import { formatNumber } from "~/utils/format.ts";
import { absoluteUrl, renderEmail, when, type EmailContext, type RenderedEmail } from "./layout.ts";
import type { SessionClosedPayload } from "./payloads.ts";

export type { SessionClosedPayload };

export function sessionClosedEmail(payload: SessionClosedPayload, ctx: EmailContext): RenderedEmail {
  const passed = payload.passed ?? payload.results.filter((r) => r.passed).length;
  const total = payload.results.length > 0 ? payload.results.length : passed + (payload.failed ?? 0);
  const closedAt = when(payload.closesAt);
  const percent = (agree: number, members: number) => (members > 0 ? `${formatNumber((agree / members) * 100, 1)}%` : "—");
  return renderEmail(
    {
      subject: `Kết quả phiên bỏ phiếu: phong trào «${payload.movementTitle}»`,
      intro: [
        `Phiên bỏ phiếu kín xét khen thưởng phong trào «${payload.movementTitle}» đã đóng${closedAt ? ` lúc ${closedAt}` : ""}.`,
        payload.quorumMet === false
          ? "Phiên họp không đủ số thành viên tham gia theo quy định: không hồ sơ nào được thông qua."
          : `${passed}/${total} hồ sơ được Hội đồng thông qua.`,
      ],
      facts: [["Phiên", payload.title]],
      table:
        payload.results.length > 0
          ? {
              caption: "Kết quả kiểm phiếu",
              head: ["Người được đề nghị", "Đồng ý", "Đã bỏ phiếu", "Tỷ lệ đồng ý", "Kết quả"],
              rows: payload.results.map((r) => [
                r.nomineeName,
                `${r.agree}/${r.members}`,
                `${r.voted}/${r.members}`,
                percent(r.agree, r.members),
                r.passed ? "Thông qua" : "Không thông qua",
              ]),
            }
          : undefined,
      todo: "Kiểm tra và ký biên bản họp Hội đồng; trình Chủ tịch UBND xã ký quyết định khen thưởng các hồ sơ được thông qua.",
      deadline: when(payload.dueAt),
      action: { label: "Xem kết quả và biên bản", url: absoluteUrl(ctx.appUrl, payload.path) },
    },
    ctx,
  );
}
