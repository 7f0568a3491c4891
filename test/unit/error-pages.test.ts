// The one error view, for each status a page can fail with — a server failure (500) included, which no page
// of the running app can be made to show on purpose: Vietnamese only, no English word of the router's own.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, test, vi } from "vitest";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { findEnglish } from "../e2e/page-checks.ts";
import { visibleText } from "../support/server.ts";

async function errorPage(fail: () => never, path = "/trang"): Promise<string> {
  const routes = [{ path: "/trang", loader: fail, Component: () => null, ErrorBoundary: GeneralErrorBoundary }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(`http://localhost${path}`));
  if (context instanceof Response) throw new Error("unexpected redirect");
  const router = createStaticRouter(handler.dataRoutes, context);
  return visibleText(renderToString(createElement(StaticRouterProvider, { router, context, hydrate: false })));
}

describe("error pages speak Vietnamese", () => {
  test("a server failure (500): the Vietnamese message, not the exception", async () => {
    // The view logs the unexpected error for the operators: expected here.
    vi.mocked(console.error).mockImplementation(() => {});
    const text = await errorPage(() => {
      throw new Error("Internal Server Error: connection refused");
    });
    expect(text).toContain("Lỗi 500");
    expect(text).toContain("Đã có lỗi xảy ra");
    expect(text).not.toContain("connection refused");
    expect(findEnglish(text)).toEqual([]);
  });

  test.each([400, 403, 404, 409])("status %i", async (status) => {
    const text = await errorPage(() => {
      throw new Response(null, { status });
    });
    expect(text).toContain(`Lỗi ${status}`);
    expect(findEnglish(text)).toEqual([]);
  });

  test("an address no route matches: not the router's English sentence", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {}); // the router's own note, expected
    const text = await errorPage(() => {
      throw new Response(null, { status: 500 });
    }, "/khong-co");
    expect(text).toContain("Lỗi 404");
    expect(text).not.toContain("No route matches");
    expect(findEnglish(text)).toEqual([]);
  });
});
