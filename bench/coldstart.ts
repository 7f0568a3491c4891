// Cold start as a new user meets it: the app installed and built, an empty data folder, no DATABASE_URL (the
// embedded PGlite), the default environment (development: demo data loaded, jobs on), `node build/server.mjs`
// — what `npm start` runs after its build step. Timed from spawn to the first 200 of the sign-in page, with the
// moments the server printed that the database was ready (migrations and demo data done) and that it listens.
// Each cold start is followed by a warm start on the same folder (nothing to migrate or load) as its baseline;
// one more cold start without demo data separates the migrations from the demo seed.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer, type Server } from "./servers.ts";

export type StartRun = {
  kind: "cold" | "warm" | "cold, no demo data";
  /** Spawn → the server printed that the database is ready / that it listens / first 200 of /dang-nhap. */
  databaseReadyMs: number | null;
  listeningMs: number | null;
  firstPageMs: number;
  /** /bench-bare-page answered 404: the baseline page is off without BENCH_BARE_PAGE. */
  barePageHidden: boolean;
};

export type ColdStartResults = { runs: StartRun[] };

async function firstPage(server: Server, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`The server stopped during start-up:\n${server.output()}`);
    try {
      const response = await fetch(`${server.url}/dang-nhap`, { signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - server.startedAt;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`No 200 from /dang-nhap in ${timeoutMs / 1000} s:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function start(dataDir: string, kind: StartRun["kind"]): Promise<StartRun> {
  // tsx keeps compiled modules in $TMPDIR/tsx-<uid>: a temporary folder of the run's own makes a cold start cold
  // there too, as on a machine where the app was just installed; the warm start after it finds its cache.
  const server = await startServer(
    {
      DATA_DIR: path.join(dataDir, "data"),
      TMPDIR: path.join(dataDir, "tmp"),
      ...(kind === "cold, no demo data" ? { DEMO_DATA: "false" } : {}),
    },
    { waitFor: false },
  );
  try {
    const firstPageMs = await firstPage(server, 180_000);
    const at = (text: string) => server.lines.find((line) => line.text.includes(text))?.at ?? null;
    const bare = await fetch(`${server.url}/bench-bare-page`);
    await bare.arrayBuffer();
    return {
      kind,
      databaseReadyMs: at("Cơ sở dữ liệu"),
      listeningMs: at("đang chạy tại"),
      firstPageMs,
      barePageHidden: bare.status === 404,
    };
  } finally {
    await server.stop();
  }
}

export async function measureColdStart({ runs, log }: { runs: number; log: (line: string) => void }): Promise<ColdStartResults> {
  const results: StartRun[] = [];
  const once = async (kind: "cold" | "cold, no demo data", warm: boolean) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "tdkt-bench-cold-"));
    mkdirSync(path.join(dataDir, "tmp"));
    try {
      for (const run of [await start(dataDir, kind), ...(warm ? [await start(dataDir, "warm")] : [])]) {
        results.push(run);
        const s = (ms: number | null) => (ms === null ? "–" : `${(ms / 1000).toFixed(1)} s`);
        log(
          `  ${run.kind.padEnd(20)} database ready ${s(run.databaseReadyMs)}, listening ${s(run.listeningMs)}, first page ${s(run.firstPageMs)}` +
            (run.barePageHidden ? "" : "  (WARNING: /bench-bare-page did not answer 404)"),
        );
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  for (let i = 0; i < runs; i++) await once("cold", true);
  await once("cold, no demo data", false);
  return { runs: results };
}
