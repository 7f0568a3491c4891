// paper_count_entered → the chairman: the secretary entered the counted paper ballots; they count only once confirmed.
import { absoluteUrl, renderEmail, when, type EmailContext, type RenderedEmail } from "./layout.ts";
import type { PaperCountEnteredPayload } from "./payloads.ts";

export type { PaperCountEnteredPayload };

export function paperCountEnteredEmail(payload: PaperCountEnteredPayload, ctx: EmailContext): RenderedEmail {
  const counted = when(payload.countedAt);
  return renderEmail(
    {
      subject: `${payload.corrected ? "Kết quả kiểm phiếu được nhập lại" : "Kết quả kiểm phiếu"} chờ xác nhận: phong trào «${payload.movementTitle}»`,
      intro: [
        `${payload.countedBy} đã ${payload.corrected ? "nhập lại" : "nhập"} kết quả kiểm phiếu bầu giấy của phiên họp xét khen thưởng phong trào «${payload.movementTitle}»${counted ? ` lúc ${counted}` : ""}.`,
        "Kết quả chỉ có hiệu lực khi Chủ tịch Hội đồng xác nhận; việc xác nhận kết thúc phiên bỏ phiếu.",
      ],
      facts: [["Phiên", payload.title]],
      table:
        payload.results.length > 0
          ? {
              caption: "Kết quả kiểm phiếu do thư ký nhập",
              head: ["Người được đề nghị", "Phiếu phát ra", "Phiếu thu vào", "Phiếu hợp lệ", "Đồng ý", "Không đồng ý"],
              rows: payload.results.map((r) => [
                r.nomineeName,
                String(r.issued),
                String(r.returned),
                String(r.valid),
                String(r.agree),
                String(r.disagree),
              ]),
            }
          : undefined,
      todo: "Đối chiếu với biên bản kiểm phiếu tại cuộc họp rồi xác nhận kết quả; nếu có sai sót, đề nghị thư ký nhập lại trước khi xác nhận.",
      action: { label: "Xem và xác nhận kết quả kiểm phiếu", url: absoluteUrl(ctx.appUrl, payload.path) },
    },
    ctx,
  );
}
