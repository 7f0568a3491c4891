// The one layout every notification email shares: a template says what happened, what the reader
// must do and by when; this file turns that into a subject, an HTML body and a plain-text body.
import { formatDateTime } from "~/utils/format.ts";

export type RenderedEmail = { subject: string; html: string; text: string };

/** What a template knows besides its payload. */
export type EmailContext = {
  /** Absolute address of the app, without a trailing slash (APP_URL). */
  appUrl: string;
  /** The recipient's full name, for the greeting. */
  recipientName: string;
};

/** A template's content, before layout. Every string is plain text (escaped here). */
export type EmailContent = {
  subject: string;
  /** Paragraphs saying what happened. */
  intro: string[];
  /** Label → value lines: the dossier, the movement, a reason… */
  facts?: Array<[label: string, value: string | null | undefined]>;
  /** A small table (overdue dossiers, vote results). */
  table?: { caption: string; head: string[]; rows: string[][] };
  /** What the reader must do; omitted for a notice that asks nothing. */
  todo?: string;
  /** By when, already formatted (dd/mm/yyyy HH:mm). */
  deadline?: string | null;
  /** The exact page, absolute. */
  action: { label: string; url: string };
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** `${APP_URL}${path}`: paths in payloads start with "/". */
export function absoluteUrl(appUrl: string, path: string): string {
  return `${appUrl.replace(/\/$/, "")}${path.startsWith("/") ? path : `/${path}`}`;
}

/** An ISO instant in Vietnam's time, "07/02/2025 23:59"; any other text (already formatted) is kept as it is. */
export function when(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  // Only ISO is parsed: Date would read "12/05/2023" as 5 December.
  if (typeof value === "string" && !/^\d{4}-\d{2}-\d{2}T/.test(value)) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : formatDateTime(date);
}

const COLORS = { red: "#b3141b", ink: "#1f2430", muted: "#5b6475", line: "#d9dde4", paper: "#ffffff", page: "#f5f6f8", warn: "#fff1dc" };

export function renderEmail(content: EmailContent, ctx: EmailContext): RenderedEmail {
  const facts = (content.facts ?? []).filter((fact): fact is [string, string] => Boolean(fact[1]));
  const account = absoluteUrl(ctx.appUrl, "/tai-khoan");
  const inbox = absoluteUrl(ctx.appUrl, "/thong-bao");

  const textParts = [
    `Kính gửi ${ctx.recipientName},`,
    ...content.intro,
    facts.map(([label, value]) => `${label}: ${value}`).join("\n"),
    content.table
      ? [
          content.table.caption,
          ...content.table.rows.map(
            (row) => `- ${row.map((cell, i) => (i === 0 ? cell : `${content.table!.head[i]}: ${cell}`)).join("; ")}`,
          ),
        ].join("\n")
      : "",
    [content.todo ? `Việc cần làm: ${content.todo}` : "", content.deadline ? `Thời hạn: ${content.deadline}` : ""]
      .filter(Boolean)
      .join("\n"),
    `${content.action.label}: ${content.action.url}`,
    `--\nThư gửi tự động từ hệ thống Thi đua – Khen thưởng, vui lòng không trả lời thư này.\nTất cả thông báo: ${inbox}\nĐổi địa chỉ email nhận thông báo: ${account}`,
  ];
  const text = textParts.filter((part) => part !== "").join("\n\n") + "\n";

  const e = escapeHtml;
  const cell = `padding:6px 8px;border-bottom:1px solid ${COLORS.line};text-align:left;vertical-align:top`;
  const html = `<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(content.subject)}</title></head>
<body style="margin:0;padding:0;background:${COLORS.page};font-family:Arial,Helvetica,sans-serif;color:${COLORS.ink};font-size:15px;line-height:1.5">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:${COLORS.page}"><tr><td align="center" style="padding:16px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:${COLORS.paper};border:1px solid ${COLORS.line};border-radius:6px">
<tr><td style="background:${COLORS.red};color:#fff;padding:12px 20px;font-weight:bold;border-radius:6px 6px 0 0">★ Thi đua – Khen thưởng</td></tr>
<tr><td style="padding:20px">
<p style="margin:0 0 12px">Kính gửi ${e(ctx.recipientName)},</p>
${content.intro.map((paragraph) => `<p style="margin:0 0 12px">${e(paragraph)}</p>`).join("\n")}
${
  facts.length > 0
    ? `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 12px;border-collapse:collapse">${facts
        .map(
          ([label, value]) =>
            `<tr><td style="padding:2px 12px 2px 0;color:${COLORS.muted};white-space:nowrap;vertical-align:top">${e(label)}</td><td style="padding:2px 0">${e(value)}</td></tr>`,
        )
        .join("")}</table>`
    : ""
}
${
  content.table
    ? `<p style="margin:0 0 6px;font-weight:bold">${e(content.table.caption)}</p><table cellpadding="0" cellspacing="0" style="width:100%;border-collapse:collapse;margin:0 0 12px;font-size:14px"><tr>${content.table.head
        .map((head) => `<th style="${cell};background:${COLORS.page}">${e(head)}</th>`)
        .join(
          "",
        )}</tr>${content.table.rows.map((row) => `<tr>${row.map((value) => `<td style="${cell}">${e(value)}</td>`).join("")}</tr>`).join("")}</table>`
    : ""
}
${
  content.todo || content.deadline
    ? `<div style="background:${COLORS.warn};border-radius:4px;padding:10px 12px;margin:0 0 16px">${content.todo ? `<strong>Việc cần làm:</strong> ${e(content.todo)}` : ""}${
        content.todo && content.deadline ? "<br>" : ""
      }${content.deadline ? `<strong>Thời hạn:</strong> ${e(content.deadline)}` : ""}</div>`
    : ""
}
<p style="margin:0 0 16px"><a href="${e(content.action.url)}" style="display:inline-block;background:${COLORS.red};color:#fff;text-decoration:none;padding:10px 18px;border-radius:4px;font-weight:bold">${e(content.action.label)}</a></p>
<p style="margin:0;color:${COLORS.muted};font-size:13px">Nếu nút không mở được, sao chép địa chỉ sau vào trình duyệt: <a href="${e(content.action.url)}" style="color:${COLORS.red}">${e(content.action.url)}</a></p>
</td></tr>
<tr><td style="padding:12px 20px;border-top:1px solid ${COLORS.line};color:${COLORS.muted};font-size:12px">Thư gửi tự động từ hệ thống Thi đua – Khen thưởng, vui lòng không trả lời thư này.<br><a href="${e(inbox)}" style="color:${COLORS.muted}">Tất cả thông báo</a> · <a href="${e(account)}" style="color:${COLORS.muted}">Đổi địa chỉ email nhận thông báo</a></td></tr>
</table>
</td></tr></table>
</body>
</html>
`;
  return { subject: content.subject, html, text };
}
