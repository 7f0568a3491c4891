import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EMAIL_KINDS, EMAIL_TEMPLATES, renderSample } from "#emails/index.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { env } from "~/utils/env.server.ts";

export const meta: MetaFunction = () => [{ title: "Mẫu email · Thi đua – Khen thưởng" }];

// Every notification template rendered with its sample data (emails/index.ts), as recipients will see it.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const appUrl = env().APP_URL;
  return {
    templates: EMAIL_KINDS.map((kind) => ({
      kind,
      audience: EMAIL_TEMPLATES[kind].audience,
      ...renderSample(kind, { appUrl, recipientName: user.fullName }),
    })),
  };
}

export default function EmailTemplates() {
  const { templates } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Mẫu email thông báo</h1>
      <p className="muted">
        Mỗi bước của quy trình gửi một email cho người cần xử lý tiếp. Dưới đây là từng mẫu với dữ liệu minh hoạ; thư đã gửi xem tại{" "}
        <Link to="/quan-tri/hop-thu-di">Hộp thư đi</Link>.
      </p>
      <nav className="email-index" aria-label="Danh sách mẫu">
        <ol>
          {templates.map((t) => (
            <li key={t.kind}>
              <a href={`#${t.kind}`}>{t.subject}</a>
            </li>
          ))}
        </ol>
      </nav>
      {templates.map((t) => (
        <section key={t.kind} id={t.kind} className="card email-preview">
          <h2>{t.subject}</h2>
          <dl className="facts">
            <dt>Loại</dt>
            <dd>
              <code>{t.kind}</code>
            </dd>
            <dt>Gửi tới</dt>
            <dd>{t.audience}</dd>
          </dl>
          <iframe title={`Mẫu email ${t.kind}`} srcDoc={t.html} sandbox="" className="email-frame" />
          <details>
            <summary>Bản văn bản thuần</summary>
            <pre className="email-text">{t.text}</pre>
          </details>
        </section>
      ))}
    </>
  );
}
