// Starts the built app (`node build/server.mjs`) as its own process, as `npm start` does.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPostgresDatabase, testDatabaseKind } from "./database.ts";

export type RunningServer = { url: string; port: number; output: () => string; stop(): Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function startServer(env: Record<string, string>, port?: number): Promise<RunningServer> {
  if (!existsSync("build/server.mjs")) throw new Error("No build: run `npm run build` (npm test does it) before the request-level tests.");
  port ??= await freePort();
  const child: ChildProcess = spawn(process.execPath, ["build/server.mjs"], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: "127.0.0.1", PORT: String(port), NODE_ENV: "development", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 150_000; // a start on a machine under heavy load (migrations, demo data) can be slow
  while (!output.includes("đang chạy tại")) {
    if (child.exitCode !== null) throw new Error(`The server stopped:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The server did not start in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** A tiny browser: keeps the session cookie, sends Origin like a browser form post does. */
export class Client {
  private cookie = "";
  constructor(private readonly base: string) {}

  async get(path: string): Promise<Response> {
    return fetch(new URL(path, this.base), { headers: this.headers(), redirect: "manual" });
  }

  /** The page as a person reads it: text without tags and without React's text separators. */
  async text(path: string): Promise<string> {
    return visibleText(await (await this.get(path)).text());
  }

  async post(path: string, fields: Record<string, string>, origin = this.base): Promise<Response> {
    const response = await fetch(new URL(path, this.base), {
      method: "POST",
      headers: { ...this.headers(), "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
      body: new URLSearchParams(fields),
      redirect: "manual",
    });
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0]!;
    return response;
  }

  private headers(): Record<string, string> {
    return this.cookie ? { Cookie: this.cookie } : {};
  }
}

export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ");
}

/**
 * Where a server started by a test file keeps its data: a fresh data folder and, on the PostgreSQL run, a
 * database of its own. `env` goes to startServer; `remove` drops both when the file is done.
 */
export type ServerPlace = { dataDir: string; url?: string; env: Record<string, string>; remove(): Promise<void> };

export async function serverPlace(prefix: string): Promise<ServerPlace> {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  const removeDir = async () => rmSync(dataDir, { recursive: true, force: true });
  if (testDatabaseKind() !== "postgres") return { dataDir, env: { DATA_DIR: dataDir }, remove: removeDir };
  const created = await createPostgresDatabase();
  return {
    dataDir,
    url: created.url,
    env: { DATA_DIR: dataDir, DATABASE_URL: created.url },
    async remove() {
      await created.drop();
      await removeDir();
    },
  };
}
