// Request level, the built server as `npm start` runs it (issue 14): security headers on pages, resource
// routes and static files; bodies refused from their headers (a 30 MB form is answered 413 before it is
// sent); non-form bodies 400; the open redirect after sign-in closed; the 404 page in Vietnamese.
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDatabase } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";
import { DEMO_PASSWORD, seedDemoData } from "../../prisma/seed.ts";
import { createPostgresDatabase, testDatabaseKind } from "../support/database.ts";
import { Client, startServer, visibleText, type RunningServer } from "../support/server.ts";

let server: RunningServer;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "tdkt-security-"));
  let env: Record<string, string> = { DATA_DIR: dataDir, JOBS: "false" };
  cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  let url: string | undefined;
  if (testDatabaseKind() === "postgres") {
    const created = await createPostgresDatabase();
    url = created.url;
    env = { ...env, DATABASE_URL: created.url };
    cleanup = async () => {
      await created.drop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  // The demo commune's people and accounts (not its dossiers: quicker), before the server opens the database.
  const db = openDatabase(url ? { url } : { dataDir });
  try {
    await migrate(db.sql);
    await seedDemoData(db.prisma);
  } finally {
    await db.close();
  }
  server = await startServer(env);
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await cleanup?.();
});

function expectSecurityHeaders(response: Response) {
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
  expect(csp).not.toContain("unsafe-eval");
  expect(response.headers.get("x-frame-options")).toBe("DENY");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toBe("same-origin");
  // Development over plain HTTP: no HSTS (test/unit/security-headers.test.ts checks production).
  expect(response.headers.get("strict-transport-security")).toBeNull();
}

describe(`security of the server on ${process.env.TEST_DB}`, () => {
  test("pages carry the headers, and every inline script carries this response's nonce", async () => {
    const [first, second] = [await fetch(`${server.url}/dang-nhap`), await fetch(`${server.url}/dang-nhap`)];
    expectSecurityHeaders(first);
    const nonce = /'nonce-([^']+)'/.exec(first.headers.get("content-security-policy")!)![1]!;
    const secondNonce = /'nonce-([^']+)'/.exec(second.headers.get("content-security-policy")!)![1]!;
    expect(secondNonce).not.toBe(nonce);
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(1);
    for (const attributes of scripts) {
      if (/\bsrc=/.test(attributes) && !/type="module"/.test(attributes)) continue;
      expect(attributes).toContain(`nonce="${nonce}"`);
    }
  });

  test("resource routes, redirects, refusals and static files carry them too", async () => {
    const client = new Client(server.url);
    expectSecurityHeaders(await client.get("/healthz"));
    expectSecurityHeaders(await client.get("/favicon.svg"));
    expectSecurityHeaders(await client.get("/")); // a redirect to sign in
    await client.post("/dang-nhap", { username: "vanphong", password: DEMO_PASSWORD });
    const spreadsheet = await client.get("/ho-so.xlsx");
    expect(spreadsheet.status).toBe(200);
    expectSecurityHeaders(spreadsheet);
    expectSecurityHeaders(await client.post("/dang-xuat", {}, "https://other.example")); // 403 cross-site
  });

  test("the finding's redirect after sign-in stays on the site", async () => {
    const client = new Client(server.url);
    for (const redirectTo of ["/%09/other.host/ho-so", "/\t/other.host", "//other.host", "/\\other.host", "javascript:alert(1)"]) {
      const response = await client.post("/dang-nhap", { username: "vanphong", password: DEMO_PASSWORD, redirectTo });
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/");
    }
    const kept = await client.post("/dang-nhap", { username: "vanphong", password: DEMO_PASSWORD, redirectTo: "/ho-so?trang=2" });
    expect(kept.headers.get("location")).toBe("/ho-so?trang=2");
  });

  test("a 30 MB form is answered 413 in Vietnamese before its body is sent", async () => {
    const { port } = server;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1");
      let received = "";
      socket.on("data", (chunk) => (received += chunk.toString("utf8")));
      socket.on("end", () => resolve(received));
      socket.on("close", () => resolve(received));
      socket.on("error", (error) => (received ? resolve(received) : reject(error)));
      socket.write(
        `POST /ho-so/khong-co/bao-cao HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
          `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${30 * 1024 * 1024}\r\n\r\nduties=`,
      );
      // Only the headers and a few bytes are sent: the answer must come without the rest.
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain("Biểu mẫu gửi lên quá lớn");
    expect(answer.toLowerCase()).toContain("connection: close");
  });

  test("a JSON, text or lengthless body to a form action is answered 400 or 411 in Vietnamese", async () => {
    const headers = { Origin: server.url };
    const json = await fetch(`${server.url}/dang-nhap`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify({ username: "vanphong", password: DEMO_PASSWORD }),
    });
    expect(json.status).toBe(400);
    expect(await json.text()).toBe("Yêu cầu không hợp lệ: dữ liệu phải được gửi từ biểu mẫu của trang.");
    const text = await fetch(`${server.url}/dang-nhap`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "text/plain" },
      body: "a=b",
    });
    expect(text.status).toBe(400);
    const chunked = await fetch(`${server.url}/dang-nhap`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
      body: new Blob(["username=a"]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(411);
    expect(await chunked.text()).toContain("Content-Length");
  });

  test("a NUL byte and a doubled field are answered in Vietnamese, never 5xx", async () => {
    const client = new Client(server.url);
    const nul = await client.post("/dang-nhap", { username: "van\u0000phong", password: "x\u0000" });
    expect(nul.status).toBe(400);
    const body = new URLSearchParams([
      ["username", "vanphong"],
      ["username", "chutich"],
      ["password", "x"],
    ]);
    const doubled = await fetch(`${server.url}/dang-nhap`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
      body,
    });
    expect(doubled.status).toBe(400);
    const page = visibleText(await doubled.text());
    expect(page).not.toMatch(/Invalid input|expected string/);
  });

  test("the 404 page is Vietnamese", async () => {
    const response = await fetch(`${server.url}/khong-co-trang-nay`);
    expect(response.status).toBe(404);
    expectSecurityHeaders(response);
    const text = visibleText(await response.text());
    expect(text).toContain("Không tìm thấy");
    expect(text).not.toMatch(/No route matches|Not Found/);
  });
});
