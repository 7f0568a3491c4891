import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { renderNotificationEmail } from "#emails/index.ts";
import { Pagination } from "~/components/ui/pagination.tsx";
import { requireUser } from "~/utils/auth.server.ts";
import {
  NOTIFICATION_PAGE_SIZE,
  listMyNotifications,
  markNotificationsRead,
  myNotificationPath,
  notificationPath,
} from "~/models/notification.server.ts";
import { env } from "~/utils/env.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { invariantResponse, pageFrom } from "~/utils/http.ts";

export const meta: MetaFunction = () => [{ title: "Thông báo · Thi đua – Khen thưởng" }];

/** What became of the email of a notification, as its reader sees it. */
const DELIVERY: Record<string, string> = {
  pending: "Đang chờ gửi email",
  sending: "Đang gửi email",
  sent: "Đã gửi email",
  failed: "Gửi email không thành công",
  in_app: "Chỉ trong ứng dụng",
};

// The signed-in user's notifications (the outbox rows addressed to them), newest first.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = pageFrom(request);
  const { total, unread, rows, hasEmail } = await listMyNotifications(user, page);
  const appUrl = env().APP_URL;
  return {
    total,
    unread,
    page,
    pages: Math.max(1, Math.ceil(total / NOTIFICATION_PAGE_SIZE)),
    hasEmail,
    notifications: rows.map((row) => {
      let subject: string;
      try {
        subject = renderNotificationEmail(row.kind, row.payload, { appUrl, recipientName: user.fullName }).subject;
      } catch {
        subject = "Thông báo";
      }
      return {
        id: row.id,
        subject,
        path: notificationPath(row.payload),
        createdAt: formatDateTime(row.createdAt),
        read: row.readAt !== null,
        delivery: DELIVERY[row.status] ?? row.status,
      };
    }),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "read-all") {
    await markNotificationsRead(user, "all");
  } else {
    const id = form.get("id");
    invariantResponse(typeof id === "string" && id.length > 0, "Thiếu mã thông báo.");
    await markNotificationsRead(user, id);
    if (intent === "open") {
      const path = await myNotificationPath(user, id);
      if (path) return redirect(path);
    }
  }
  const page = pageFrom(request);
  return redirect(page > 1 ? `/thong-bao?trang=${page}` : "/thong-bao");
}

export default function Notifications() {
  const { total, unread, page, pages, hasEmail, notifications } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Thông báo</h1>
      <p className="muted">
        {total === 0 ? "Chưa có thông báo nào." : `${total} thông báo, ${unread} chưa đọc.`}{" "}
        {hasEmail ? null : (
          <>
            Bạn chưa khai báo email: thông báo chỉ hiện ở đây. <Link to="/tai-khoan">Thêm địa chỉ email</Link>.
          </>
        )}
      </p>
      {unread > 0 ? (
        <Form method="post" className="no-print">
          <button type="submit" name="intent" value="read-all" className="secondary">
            Đánh dấu tất cả đã đọc
          </button>
        </Form>
      ) : null}
      {notifications.length > 0 ? (
        <ul className="notification-list">
          {notifications.map((n) => (
            <li key={n.id} className={n.read ? "read" : "unread"}>
              <div className="notification-main">
                {n.read ? null : <span className="badge warn">Mới</span>} <strong>{n.subject}</strong>
                <div className="muted">
                  {n.createdAt} · {n.delivery}
                </div>
              </div>
              <Form method="post" className="notification-actions">
                <input type="hidden" name="id" value={n.id} />
                {n.path ? (
                  <button type="submit" name="intent" value="open" className="secondary">
                    Mở
                  </button>
                ) : null}
                {n.read ? null : (
                  <button type="submit" name="intent" value="read" className="secondary">
                    Đã đọc
                  </button>
                )}
              </Form>
            </li>
          ))}
        </ul>
      ) : null}
      <Pagination page={page} pages={pages} href={(n) => `?trang=${n}`} />
    </>
  );
}
