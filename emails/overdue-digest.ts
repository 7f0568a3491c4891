// overdue_digest → the commune's secretaries: dossiers whose working-day deadline passed (one email per run).
import { DOSSIER_STATE_LABELS, type DossierState } from "#machines/index.ts";
import { absoluteUrl, renderEmail, when, type EmailContext, type RenderedEmail } from "./layout.ts";
import type { OverdueDigestPayload } from "./payloads.ts";

export type { OverdueDigestPayload };

export function overdueDigestEmail(payload: OverdueDigestPayload, ctx: EmailContext): RenderedEmail {
  const label = (state: string) => DOSSIER_STATE_LABELS[state as DossierState] ?? state;
  return renderEmail(
    {
      subject: `${payload.count} hồ sơ quá hạn xử lý`,
      intro: [`Có ${payload.count} hồ sơ đề nghị khen thưởng đã quá thời hạn xử lý (tính theo ngày làm việc).`],
      table: {
        caption: "Hồ sơ quá hạn",
        head: ["Người được đề nghị", "Trạng thái", "Hạn xử lý", "Địa chỉ"],
        rows: payload.dossiers.map((d) => [d.nomineeName, label(d.state), when(d.dueAt) ?? d.dueAt, absoluteUrl(ctx.appUrl, d.path)]),
      },
      todo: "Xử lý ngay các hồ sơ trên, hoặc báo lý do chậm cho lãnh đạo UBND xã.",
      action: { label: "Xem danh sách hồ sơ quá hạn", url: absoluteUrl(ctx.appUrl, payload.path) },
    },
    ctx,
  );
}
