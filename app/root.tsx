import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import stylesheet from "~/styles.css";
import { getUserWithUnread } from "~/utils/auth.server.ts";
import { navigationFor } from "~/utils/navigation.ts";
import { useNonce } from "~/utils/nonce.ts";
import "~/forms/zod-config.ts";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Thi đua – Khen thưởng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = await getUserWithUnread(request);
  if (!signedIn) return { user: null };
  const { user, unread } = signedIn;
  return {
    user: { fullName: user.fullName, title: user.title, unitName: user.unitName, unread },
    navigation: navigationFor([...new Set(user.grants.map((g) => g.role))]),
  };
}

function Shell({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user;
  const location = useLocation();
  const nonce = useNonce();
  return (
    <html lang="vi">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <header className="site-header">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden>
              ★
            </span>{" "}
            Thi đua – Khen thưởng
          </Link>
          {user ? (
            <>
              <nav aria-label="Chức năng">
                {data.navigation.main.map((item) => (
                  <NavLink key={item.to} to={item.to} end={item.to === "/"}>
                    {item.label}
                  </NavLink>
                ))}
                {data.navigation.more.length > 0 ? (
                  // Keyed by the path: the menu is closed again after a client-side navigation.
                  <details className="nav-more" key={location.pathname}>
                    <summary>Khác</summary>
                    <div className="nav-menu">
                      {data.navigation.more.map((item) => (
                        <NavLink key={item.to} to={item.to}>
                          {item.label}
                        </NavLink>
                      ))}
                    </div>
                  </details>
                ) : null}
              </nav>
              <div className="who">
                <span title={[user.title, user.unitName].filter(Boolean).join(" · ")}>{user.fullName}</span>
                {data.navigation.account.map((item) => (
                  <NavLink key={item.to} to={item.to}>
                    {item.label}
                    {item.to === "/thong-bao" && user.unread > 0 ? <span className="count">{user.unread}</span> : null}
                  </NavLink>
                ))}
                <Form method="post" action="/dang-xuat">
                  <button type="submit" className="link-button">
                    Đăng xuất
                  </button>
                </Form>
              </div>
            </>
          ) : null}
        </header>
        <main>{children}</main>
        <footer className="site-footer">Phần mềm quản lý thi đua – khen thưởng cấp xã</footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  return <Shell>{children}</Shell>;
}

export default function App() {
  // Marks the document once React has hydrated the whole page (effects run after the commit): the browser
  // tests wait for it before they judge the console.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
