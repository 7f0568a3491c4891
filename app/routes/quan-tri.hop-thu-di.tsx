import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { renderNotificationEmail } from "#emails/index.ts";
import { Pagination } from "~/components/ui/pagination.tsx";
import type { NotificationStatus } from "~/generated/prisma/client.ts";
import { OUTBOX_PAGE_SIZE, listOutbox, outboxRowsIn, requeueFailed } from "~/models/notification.server.ts";
import { unitsWhereRole } from "~/models/org-unit.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { listEmlFiles, mailConfig, readEmlFile } from "~/utils/email.server.ts";
import { env } from "~/utils/env.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { invariantResponse, pageFrom } from "~/utils/http.ts";

export const meta: MetaFunction = () => [{ title: "Hộp thư đi · Thi đua – Khen thưởng" }];

const STATUS_LABELS: Record<NotificationStatus, string> = {
  pending: "Chờ gửi",
  sending: "Đang gửi",
  sent: "Đã gửi",
  failed: "Gửi thất bại",
  in_app: "Chỉ trong ứng dụng (không có email)",
};
const STATUS_BADGE: Record<NotificationStatus, string> = { pending: "warn", sending: "warn", sent: "open", failed: "bad", in_app: "" };
const isStatus = (value: string | null): value is NotificationStatus => value !== null && Object.hasOwn(STATUS_LABELS, value);

/** "notification-<id>@host.eml" → the row id. */
const NOTIFICATION_FILE = /^notification-([a-z0-9]+)@[^/]*\.eml$/i;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const units = unitsWhereRole(user, "admin");
  const url = new URL(request.url);
  const page = pageFrom(request);
  const statusParam = url.searchParams.get("trang-thai");
  const status = isStatus(statusParam) ? statusParam : null;
  const appUrl = env().APP_URL;
  const { total, counts, rows } = await listOutbox(units, status, page);
  const subjectOf = (kind: string, payload: unknown, recipientName: string) => {
    try {
      return renderNotificationEmail(kind, payload, { appUrl, recipientName }).subject;
    } catch {
      return `(${kind})`;
    }
  };

  // Development without SMTP_URL: the .eml files written, only those of rows within the admin's scope.
  const mail = mailConfig();
  const writesFiles = !mail.smtpUrl && !mail.production;
  let files: Array<{ name: string; size: number; modifiedAt: string; to: string; subject: string }> = [];
  let viewed: { name: string; to: string; subject: string; html: string; text: string; download: string } | null = null;
  if (writesFiles) {
    const all = listEmlFiles(mail).map((file) => ({ ...file, id: NOTIFICATION_FILE.exec(file.name)?.[1] ?? null }));
    const ids = all.map((file) => file.id).filter((id): id is string => id !== null);
    const inScope = new Map((await outboxRowsIn(units, ids)).map((row) => [row.id, row]));
    files = all
      .filter((file) => file.id && inScope.has(file.id))
      .slice(0, 200)
      .map((file) => {
        const row = inScope.get(file.id!)!;
        return {
          name: file.name,
          size: file.size,
          modifiedAt: formatDateTime(file.modifiedAt),
          to: `${row.recipient.fullName} <${row.recipient.email ?? "—"}>`,
          subject: subjectOf(row.kind, row.payload, row.recipient.fullName),
        };
      });
    const name = url.searchParams.get("eml");
    const id = name ? NOTIFICATION_FILE.exec(name)?.[1] : null;
    const row = id ? inScope.get(id) : undefined;
    const bytes = name && row ? readEmlFile(name, mail) : null;
    if (name && row && bytes) {
      let rendered = { subject: `(${row.kind})`, html: "", text: "" };
      try {
        rendered = renderNotificationEmail(row.kind, row.payload, { appUrl, recipientName: row.recipient.fullName });
      } catch {
        // shown without a body
      }
      viewed = {
        name,
        to: `${row.recipient.fullName} <${row.recipient.email ?? "—"}>`,
        ...rendered,
        download: `data:message/rfc822;base64,${bytes.toString("base64")}`,
      };
    }
  }

  return {
    page,
    pages: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)),
    total,
    status,
    counts,
    smtp: mail.smtpUrl ? new URL(mail.smtpUrl).host : null,
    writesFiles,
    mailDir: writesFiles ? mail.mailDir : null,
    rows: rows.map((row) => ({
      id: row.id,
      subject: subjectOf(row.kind, row.payload, row.recipient.fullName),
      kind: row.kind,
      to: row.recipient.email ? `${row.recipient.fullName} <${row.recipient.email}>` : `${row.recipient.fullName} (chưa có email)`,
      status: row.status,
      attempts: row.attempts,
      createdAt: formatDateTime(row.createdAt),
      sentAt: row.sentAt ? formatDateTime(row.sentAt) : null,
      nextAttemptAt: row.status === "pending" ? formatDateTime(row.nextAttemptAt) : null,
      lockedUntil: row.status === "sending" && row.lockedUntil ? formatDateTime(row.lockedUntil) : null,
      lastError: row.lastError,
    })),
    files,
    viewed,
  };
}

// "Gửi lại": a failed row goes back to the queue, with the same Message-ID.
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  const form = await request.formData();
  const id = form.get("id");
  invariantResponse(typeof id === "string" && id.length > 0, "Thiếu mã thư.");
  const requeued = await requeueFailed(unitsWhereRole(user, "admin"), id);
  invariantResponse(requeued, "Không tìm thấy thư gửi thất bại này.", { status: 404 });
  return redirect(`/quan-tri/hop-thu-di${new URL(request.url).search}`);
}

export default function Outbox() {
  const data = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const linkWith = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    const query = next.toString();
    return query ? `?${query}` : "?";
  };

  return (
    <>
      <h1>Hộp thư đi</h1>
      <p className="muted">
        Thư thông báo của người dùng thuộc đơn vị bạn quản trị.{" "}
        {data.smtp
          ? `Gửi qua máy chủ thư ${data.smtp}.`
          : data.writesFiles
            ? `Chưa cấu hình SMTP_URL: thư được ghi thành tệp .eml vào ${data.mailDir}.`
            : "Chưa cấu hình SMTP_URL: thư đang được giữ lại trong hàng đợi."}
      </p>

      <nav className="outbox-filters" aria-label="Lọc theo trạng thái">
        <Link to={linkWith({ "trang-thai": null, trang: null })} className={data.status === null ? "active" : undefined}>
          Tất cả
        </Link>
        {(Object.keys(STATUS_LABELS) as NotificationStatus[]).map((status) => (
          <Link key={status} to={linkWith({ "trang-thai": status, trang: null })} className={data.status === status ? "active" : undefined}>
            {STATUS_LABELS[status]} ({data.counts[status] ?? 0})
          </Link>
        ))}
      </nav>

      {data.rows.length === 0 ? (
        <p className="notice">Không có thư nào.</p>
      ) : (
        <table className="outbox cards">
          <thead>
            <tr>
              <th>Thư</th>
              <th>Người nhận</th>
              <th>Trạng thái</th>
              <th className="num">Số lần gửi</th>
              <th>Tạo lúc</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.id}>
                <td>
                  {row.subject}
                  <div className="muted">{row.kind}</div>
                </td>
                <td data-label="Người nhận">{row.to}</td>
                <td data-label="Trạng thái">
                  <span className={`badge ${STATUS_BADGE[row.status]}`}>{STATUS_LABELS[row.status]}</span>
                  {row.sentAt ? <div className="muted">lúc {row.sentAt}</div> : null}
                  {row.nextAttemptAt ? <div className="muted">gửi lúc {row.nextAttemptAt}</div> : null}
                  {row.lockedUntil ? <div className="muted">giữ đến {row.lockedUntil}</div> : null}
                  {row.lastError ? <div className="outbox-error">{row.lastError}</div> : null}
                  {row.status === "failed" ? (
                    <Form method="post">
                      <input type="hidden" name="id" value={row.id} />
                      <button type="submit" className="secondary">
                        Gửi lại
                      </button>
                    </Form>
                  ) : null}
                </td>
                <td data-label="Số lần gửi" className="num">
                  {row.attempts}
                </td>
                <td data-label="Tạo lúc">{row.createdAt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={data.page} pages={data.pages} href={(page) => linkWith({ trang: String(page) })} />

      {data.writesFiles ? (
        <section className="card eml-files">
          <h2>Tệp thư (.eml) đã ghi</h2>
          {data.files.length === 0 ? (
            <p className="muted">Chưa có tệp nào.</p>
          ) : (
            <table className="cards">
              <thead>
                <tr>
                  <th>Tệp</th>
                  <th>Người nhận</th>
                  <th>Tiêu đề</th>
                  <th>Ghi lúc</th>
                  <th className="num">Cỡ</th>
                </tr>
              </thead>
              <tbody>
                {data.files.map((file) => (
                  <tr key={file.name}>
                    <td>
                      <Link to={linkWith({ eml: file.name })}>{file.name}</Link>
                    </td>
                    <td data-label="Người nhận">{file.to}</td>
                    <td data-label="Tiêu đề">{file.subject}</td>
                    <td data-label="Ghi lúc">{file.modifiedAt}</td>
                    <td data-label="Cỡ" className="num">
                      {Math.ceil(file.size / 1024)} KB
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {data.viewed ? (
            <article className="eml-view">
              <h3>{data.viewed.subject}</h3>
              <p className="muted">
                Gửi tới {data.viewed.to} ·{" "}
                <a href={data.viewed.download} download={data.viewed.name}>
                  Tải tệp .eml
                </a>{" "}
                · <Link to={linkWith({ eml: null })}>Đóng</Link>
              </p>
              <iframe title={`Nội dung thư ${data.viewed.name}`} srcDoc={data.viewed.html} sandbox="" className="email-frame" />
              <details>
                <summary>Bản văn bản thuần</summary>
                <pre className="email-text">{data.viewed.text}</pre>
              </details>
            </article>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
