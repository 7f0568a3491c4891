// The header middleware on its own (app/utils/security-headers.server.ts, body-limit.server.ts): HSTS and
// upgrade-insecure-requests only over HTTPS; bodies judged from their headers alone.
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FORM_BODY_LIMIT, MULTIPART_BODY_LIMIT, judgeBody } from "~/utils/body-limit.server.ts";
import { cspNonce, securityHeaders } from "~/utils/security-headers.server.ts";

async function serve(https: boolean) {
  const app = express();
  app.use(cspNonce);
  app.use(securityHeaders({ https, developing: false }));
  app.get("/", (_req, res) => res.send("ok"));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

let production: Awaited<ReturnType<typeof serve>>;
let development: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  [production, development] = await Promise.all([serve(true), serve(false)]);
});
afterAll(async () => {
  await Promise.all([production.close(), development.close()]);
});

describe("security headers", () => {
  test("over HTTPS (production): HSTS for a year and insecure requests upgraded", async () => {
    const response = await fetch(production.url);
    expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(response.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  test("over plain HTTP: neither, which would break an office install without TLS", async () => {
    const response = await fetch(development.url);
    expect(response.headers.get("strict-transport-security")).toBeNull();
    expect(response.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});

describe("judgeBody", () => {
  const form = "application/x-www-form-urlencoded";
  test.each([
    ["GET", {}, true],
    ["POST", {}, true],
    ["POST", { "content-length": "0" }, true],
    ["POST", { "content-type": form, "content-length": String(FORM_BODY_LIMIT) }, true],
    ["POST", { "content-type": `${form}; charset=UTF-8`, "content-length": "12" }, true],
    ["POST", { "content-type": "multipart/form-data; boundary=x", "content-length": String(MULTIPART_BODY_LIMIT) }, true],
  ] as const)("%s %j is let through", (method, headers, ok) => {
    expect(judgeBody(method, headers).ok).toBe(ok);
  });

  test.each([
    [{ "content-type": form, "content-length": String(30 * 1024 * 1024) }, 413],
    [{ "content-type": form, "content-length": String(FORM_BODY_LIMIT + 1) }, 413],
    [{ "content-type": "multipart/form-data; boundary=x", "content-length": String(MULTIPART_BODY_LIMIT + 1) }, 413],
    [{ "content-type": "application/json", "content-length": "20" }, 400],
    [{ "content-type": "text/plain", "content-length": "20" }, 400],
    [{ "content-length": "20" }, 400],
    [{ "content-type": form, "transfer-encoding": "chunked" }, 411],
    [{ "content-type": form, "content-length": "-1" }, 411],
    [{ "content-type": form, "content-length": "abc" }, 411],
  ] as const)("POST %j is refused with %i and a Vietnamese message", (headers, status) => {
    const verdict = judgeBody("POST", headers);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.status).toBe(status);
      expect(verdict.message).toMatch(/^(Biểu mẫu|Yêu cầu)/);
    }
  });
});
