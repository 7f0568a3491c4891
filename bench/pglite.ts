// The embedded database against PostgreSQL on the same transitions and the same data: the small province
// (bench/province.ts, ~1,000 dossiers) is copied on the server (CREATE DATABASE … TEMPLATE) and dumped into a fresh
// PGlite on disk (migrated by the app's own runner, then the rows of pg_dump --data-only), before anything writes to
// it. Then SUBMIT and ACCEPT_SCREENING through the app's sendDossierEvent, one call at a time and 8 at once, on each.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, useDatabase, type Database } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";
import { runConcurrently } from "./load.ts";
import { ADMIN_URL } from "./province.ts";
import { accept, pgQuery, readyDrafts, submit, summary, type Query, type WriteRun } from "./writes.ts";

export type PgliteResults = { dossiers: number; loadSeconds: number; runs: Array<{ database: "PGlite" | "PostgreSQL"; run: WriteRun }> };

export type PgliteSetup = { copyUrl: string; dump: string; drop(): Promise<void> };

/** Copies and dumps the small database; call before anything connects to it or writes to it. */
export async function preparePglite(smallName: string): Promise<PgliteSetup> {
  const copy = `${smallName}_pg`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${copy}" TEMPLATE "${smallName}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${smallName}`;
  const dumped = spawnSync(
    "pg_dump",
    [
      "--data-only",
      "--inserts",
      "--rows-per-insert=500",
      "--no-owner",
      "--no-privileges",
      "--exclude-table-data=_prisma_migrations",
      url.toString(),
    ],
    { encoding: "utf8", maxBuffer: 1024 ** 3 },
  );
  if (dumped.status !== 0) throw new Error(`pg_dump failed: ${dumped.stderr}`);
  const copyUrl = new URL(ADMIN_URL);
  copyUrl.pathname = `/${copy}`;
  return {
    copyUrl: copyUrl.toString(),
    // pg_dump ≥ 15.14 brackets the script with psql meta-commands (\restrict, \unrestrict): SQL only for PGlite.
    dump: dumped.stdout
      .split("\n")
      .filter((line) => !line.startsWith("\\"))
      .join("\n"),
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${copy}" WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function measurePglite({
  setup,
  operations,
  poolSize,
  log,
}: {
  setup: PgliteSetup;
  operations: number;
  poolSize: number;
  log: (line: string) => void;
}): Promise<PgliteResults> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tdkt-bench-pglite-"));
  const previous = (globalThis as Record<symbol, unknown>)[Symbol.for("thi-dua-khen-thuong.database")] as Database | undefined;
  const embedded = openDatabase({ dataDir });
  const server = openDatabase({ url: setup.copyUrl, poolSize });
  try {
    const loadStart = performance.now();
    await migrate(embedded.sql);
    // The dump empties search_path for the session; PGlite is one session: set everything back afterwards.
    try {
      await embedded.sql.exec(`SET session_replication_role = replica;\n${setup.dump}\nRESET ALL;`);
    } catch (error) {
      throw new Error(`Loading the dump into PGlite failed: ${(error as Error).message}`, { cause: error });
    }
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const dossiers = Number((await embedded.sql.query<{ n: string }>(`SELECT count(*) AS n FROM "Dossier"`))[0]!.n);
    log(`  PGlite in ${dataDir}: migrated and loaded ${dossiers} dossiers in ${loadSeconds.toFixed(1)} s`);

    const runs: PgliteResults["runs"] = [];
    const embeddedQuery: Query = async <T>(sql: string, params: unknown[]) => embedded.sql.query<T>(sql, params);
    const serverClient = new pg.Client({ connectionString: setup.copyUrl });
    await serverClient.connect();
    try {
      for (const [database, db, query] of [
        ["PostgreSQL", server, pgQuery(serverClient)],
        ["PGlite", embedded, embeddedQuery],
      ] as const) {
        // The same dossiers on both (same data, same order).
        const drafts = await readyDrafts(query);
        if (drafts.length < 2 * operations + 5) throw new Error(`only ${drafts.length} ready drafts for ${2 * operations + 5}`);
        useDatabase(db);
        await runConcurrently(drafts.slice(0, 5), 1, submit); // warm-up
        for (const [concurrency, rows] of [
          [1, drafts.slice(5, 5 + operations)],
          [8, drafts.slice(5 + operations, 5 + 2 * operations)],
        ] as const) {
          for (const [name, call] of [
            ["SUBMIT", submit],
            ["ACCEPT_SCREENING", accept],
          ] as const) {
            const run = summary(
              `${name}, ${concurrency === 1 ? "one at a time" : `${concurrency} at once`}`,
              concurrency,
              await runConcurrently([...rows], concurrency, call),
            );
            runs.push({ database, run });
            log(
              `  ${database.padEnd(10)} ${run.name.padEnd(34)} ${run.perSecond.toFixed(0).padStart(5)}/s  p50 ${run.p50.toFixed(1)} ms  p95 ${run.p95.toFixed(1)} ms  failed ${run.failed}`,
            );
          }
        }
      }
    } finally {
      await serverClient.end();
    }
    return { dossiers, loadSeconds, runs };
  } finally {
    useDatabase(previous);
    await embedded.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
