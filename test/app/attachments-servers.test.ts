// Attachments through the real server processes. On PostgreSQL: two app servers with different DATA_DIR
// over one database (the deployment the README describes) serve each other's uploads. On PGlite (one
// process owns the embedded database) the same requests go to the one server.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed.ts";
import { createPostgresDatabase, testDatabaseKind } from "../support/database.ts";
import { SAMPLE_FILES } from "../support/factories.ts";
import { Client, startServer, visibleText, type RunningServer } from "../support/server.ts";

const servers: RunningServer[] = [];
const SESSION_SECRET = randomBytes(32).toString("hex");
const dataDirs: string[] = [];
let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  let url: string | undefined;
  if (testDatabaseKind() === "postgres") {
    const created = await createPostgresDatabase();
    url = created.url;
    dropDatabase = created.drop;
  }
  // One after the other: the first migrates and loads the demo commune, the second finds it done.
  for (let i = 0; i < (url ? 2 : 1); i++) {
    const dataDir = mkdtempSync(path.join(tmpdir(), `tdkt-server-${i + 1}-`));
    dataDirs.push(dataDir);
    // Several servers share their secrets, as a deployment's do (else a session of one is void on the other).
    servers.push(await startServer({ DATA_DIR: dataDir, SESSION_SECRET, ...(url ? { DATABASE_URL: url } : {}) }));
  }
}, 240_000);

afterAll(async () => {
  for (const server of servers) await server.stop();
  await dropDatabase?.();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

const first = () => servers[0]!;
const last = () => servers.at(-1)!;

/** A signed-in official whose session cookie works on every server (sessions are in the database). */
async function signIn(): Promise<string> {
  const client = new Client(first().url);
  const response = await client.post("/dang-nhap", { username: "canbo.tuphap", password: DEMO_PASSWORD });
  expect(response.status).toBe(302);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

function post(server: RunningServer, cookie: string, pathname: string, body: BodyInit, headers: Record<string, string> = {}) {
  return fetch(new URL(pathname, server.url), {
    method: "POST",
    headers: { Cookie: cookie, Origin: server.url, ...headers },
    body,
    redirect: "manual",
  });
}

/** The official's dossiers that take a file (a draft): the upload answers 302 on the first of them. */
async function draftDossierId(cookie: string): Promise<string> {
  const list = await fetch(new URL("/ho-so", first().url), { headers: { Cookie: cookie } });
  const ids = [...new Set([...(await list.text()).matchAll(/href="\/ho-so\/([a-z0-9]{20,})"/g)].map((m) => m[1]!))];
  for (const id of ids) {
    const page = visibleText(await (await fetch(new URL(`/ho-so/${id}`, first().url), { headers: { Cookie: cookie } })).text());
    if (page.includes("Đính kèm tài liệu (")) return id;
  }
  throw new Error(`No draft dossier among ${ids.length}`);
}

describe(`attachments through the server on ${process.env.TEST_DB}`, () => {
  let cookie: string;
  let dossierId: string;
  beforeAll(async () => {
    cookie = await signIn();
    dossierId = await draftDossierId(cookie);
  });

  test("a file uploaded through one server downloads through the other, same bytes and headers; no file on either disk", async () => {
    const bytes = new TextEncoder().encode(`%PDF-1.4\n% ${Date.now()}\n%%EOF\n`);
    const form = new FormData();
    form.append("intent", "upload");
    form.append("file", new File([bytes], "Biên bản có chữ ký.pdf", { type: "application/pdf" }));
    const uploaded = await post(first(), cookie, `/ho-so/${dossierId}`, form);
    expect(uploaded.status).toBe(302);

    const page = await (await fetch(new URL(`/ho-so/${dossierId}`, last().url), { headers: { Cookie: cookie } })).text();
    const links = [...page.matchAll(new RegExp(`href="(/ho-so/${dossierId}/tep/[a-z0-9]+)"[^>]*>([^<]*)<`, "g"))];
    const link = links.find((m) => m[2]!.includes("Biên bản có chữ ký.pdf"));
    expect(link, page.slice(0, 200)).toBeDefined();

    const download = await fetch(new URL(link![1]!, last().url), { headers: { Cookie: cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(download.headers.get("cache-control")).toBe("private, no-store");
    expect(download.headers.get("content-length")).toBe(String(bytes.byteLength));
    expect(download.headers.get("content-disposition")).toBe(
      `attachment; filename="Bien ban co chu ky.pdf"; filename*=UTF-8''${encodeURIComponent("Biên bản có chữ ký.pdf")}`,
    );
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    // Nothing of it is on any server's disk: the database holds it.
    for (const dir of dataDirs) expect(readdirSync(dir)).not.toContain("attachments");
  });

  test("a quote and CR/LF in a file name sent as is, and a right-to-left override, are stored cleaned", async () => {
    const boundary = "----tdkt-raw";
    const body = (fileName: string, content: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupload\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n` +
      `${content}\r\n--${boundary}--\r\n`;
    const headers = { "Content-Type": `multipart/form-data; boundary=${boundary}` };
    for (const [fileName, stored] of [
      ['to-trinh"\r\nX-Injected: 1.pdf', "to-trinh"],
      ["bao-cao\u202Efdp.exe.pdf", "bao-caofdp.exe.pdf"],
    ] as const) {
      const content = `%PDF-1.4\n% ${stored}\n%%EOF`;
      const response = await post(last(), cookie, `/ho-so/${dossierId}`, body(fileName, content), headers);
      expect(response.status).toBeLessThan(500);
      expect(response.status).toBe(302);
      const page = visibleText(await (await fetch(new URL(`/ho-so/${dossierId}`, first().url), { headers: { Cookie: cookie } })).text());
      expect(page).toContain(stored);
      expect(page).not.toContain("\u202E");
    }
  });

  test("a malformed multipart body is a 400 with a Vietnamese message on every server", async () => {
    for (const server of servers) {
      const response = await post(
        server,
        cookie,
        `/ho-so/${dossierId}`,
        '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupl',
        {
          "Content-Type": "multipart/form-data; boundary=x",
        },
      );
      expect(response.status).toBe(400);
      expect(visibleText(await response.text())).toContain("Không đọc được dữ liệu biểu mẫu đã gửi");
    }
  });

  test("a signed scan stored while loading the demo data downloads through the last server", async () => {
    // The demo's submitted dossiers carry a signed scan of the unit's minutes, stored through the first server.
    const list = await (await fetch(new URL("/ho-so", last().url), { headers: { Cookie: cookie } })).text();
    const ids = [...new Set([...list.matchAll(/href="\/ho-so\/([a-z0-9]{20,})"/g)].map((m) => m[1]!))];
    let served = 0;
    for (const id of ids) {
      const page = await (await fetch(new URL(`/ho-so/${id}`, last().url), { headers: { Cookie: cookie } })).text();
      for (const [, href] of page.matchAll(new RegExp(`href="(/ho-so/${id}/tep/[a-z0-9]+)"`, "g"))) {
        const response = await fetch(new URL(href!, last().url), { headers: { Cookie: cookie } });
        expect(response.status).toBe(200);
        expect(new Uint8Array(await response.arrayBuffer()).subarray(0, 5)).toEqual(SAMPLE_FILES.pdf().subarray(0, 5));
        served++;
      }
    }
    expect(served).toBeGreaterThan(0);
  });
});
