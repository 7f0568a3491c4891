// npm run bench: builds the app, generates a province (bench/province.ts), starts two stateless app servers
// on it, measures the main pages against /healthz and the write path against a bare transaction, explains the
// pages' queries, and writes bench/RESULTS.md. Options: see bench/README.md.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { LoadResult, LoadTarget } from "./load.ts";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(args[index + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number`);
  return value;
};
const textOption = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? undefined : args[index + 1];
};
if (flag("help")) {
  console.log(
    "npm run bench -- [--communes 1000] [--dossiers 100000] [--measured 5000] [--duration 10] [--rounds 4] [--warmup 0.5] [--concurrency 8]",
  );
  console.log(
    "                  [--servers 2] [--pool 10] [--writes 1000] [--write-concurrency 8] [--keep] [--url postgres://…] [--skip-build] [--out bench/RESULTS.md]",
  );
  process.exit(0);
}

const settings = {
  communes: option("communes", 1000),
  dossiers: option("dossiers", 100_000),
  measured: option("measured", 5000),
  /** Measured seconds per page in all, cut into `rounds` slices. */
  durationSeconds: option("duration", 10),
  rounds: Math.max(1, Math.round(option("rounds", 4))),
  /** Unmeasured seconds before each slice. */
  warmupSeconds: option("warmup", 0.5),
  concurrency: option("concurrency", 8),
  servers: option("servers", 2),
  poolSize: option("pool", 10),
  writes: option("writes", 1000),
  writeConcurrency: option("write-concurrency", 8),
  keep: flag("keep"),
  reuseUrl: textOption("url"),
  build: !flag("skip-build"),
  out: path.resolve(textOption("out") ?? "bench/RESULTS.md"),
};

// The bench process and the servers share the session secret (the cookies made here must verify there)
// and run in production mode, as on a real deployment.
const dataDir = mkdtempSync(path.join(os.tmpdir(), "tdkt-bench-"));
const sharedEnv = {
  NODE_ENV: "production" as const,
  SESSION_SECRET: randomBytes(32).toString("hex"),
  CERTIFICATE_SIGNING_KEY: generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
  DATA_DIR: dataDir,
  JOBS: "false",
  DEMO_DATA: "false",
  DATABASE_POOL_SIZE: String(settings.poolSize),
} satisfies Record<string, string>;
Object.assign(process.env, sharedEnv);

// App modules read the environment on first use: imported only now.
const { createProvince, formatBytes, ids } = await import("./province.ts");
const { combineLoad, runLoad } = await import("./load.ts");
const { capturingDatabase, explainQueries, pageRenderer } = await import("./explain.ts");
const { measureWrites } = await import("./writes.ts");
const { writeResults } = await import("./report.ts");
const { openDatabase, useDatabase } = await import("~/utils/db.server.ts");
const { createSession } = await import("~/utils/auth.server.ts");

type Server = { url: string; child: ChildProcess; output: () => string };
const started = performance.now();
const log = (text: string) => console.log(text);
const children: Server[] = [];
let dropDatabase: (() => Promise<void>) | null = null;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function startServer(databaseUrl: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "app/server.ts"], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      ...sharedEnv,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
  const server = { url: `http://127.0.0.1:${port}`, child, output: () => output };
  children.push(server);
  const deadline = Date.now() + 90_000;
  while (!output.includes("đang chạy tại")) {
    if (child.exitCode !== null) throw new Error(`An app server stopped:\n${output}`);
    if (Date.now() > deadline) throw new Error(`An app server did not start in 90 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return server;
}

async function stopServers() {
  await Promise.all(
    children.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          if (server.child.exitCode !== null) return resolve();
          server.child.once("exit", () => resolve());
          server.child.kill("SIGTERM");
        }),
    ),
  );
}

async function cleanUp() {
  await stopServers();
  if (dropDatabase) await dropDatabase().catch((error) => console.warn(`Could not drop the bench database: ${error}`));
  rmSync(dataDir, { recursive: true, force: true });
}
process.once("SIGINT", () => void cleanUp().then(() => process.exit(130)));

try {
  const loadBefore = os.loadavg();
  if (settings.build) {
    log("Building the app (npx remix build) …");
    const build = spawnSync("npx", ["remix", "build"], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    if (build.status !== 0) throw new Error(`remix build failed:\n${build.stderr}`);
  }

  // ─── Data ──────────────────────────────────────────────────────────────────
  let url: string;
  let facts;
  if (settings.reuseUrl) {
    url = settings.reuseUrl;
    log(`Reusing ${url} (not dropped).`);
    facts = await describe(url);
  } else {
    log(`Generating ${settings.dossiers.toLocaleString("en")} dossiers in ${settings.communes} communes …`);
    const province = await createProvince({
      communes: settings.communes,
      dossiers: settings.dossiers,
      measuredCommuneDossiers: settings.measured,
      log,
    });
    url = province.url;
    facts = { ...province.facts, reused: false };
    if (!settings.keep) dropDatabase = province.drop;
    log(`  ${formatBytes(facts.databaseBytes)} in ${facts.seconds.toFixed(0)} s → ${url}`);
  }

  const db = openDatabase({ url, poolSize: settings.poolSize });
  useDatabase(db);
  const sql = new pg.Client({ connectionString: url });
  await sql.connect();

  // ─── Who, and which pages ──────────────────────────────────────────────────
  const cookieOf = async (userId: string) => (await createSession(userId)).split(";")[0]!;
  const secretary = await cookieOf(ids.secretary(1));
  const official = await cookieOf(ids.official(1, 2));
  const typicalSecretary = await cookieOf(ids.secretary(2));
  const submitted = Number(
    (
      await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "Dossier" WHERE "movementId" = $1 AND state = 'submitted'`, [
        ids.movement(1),
      ])
    ).rows[0]!.n,
  );
  const queuePages = Math.max(1, Math.ceil(submitted / 20));
  const deepPage = Math.max(1, Math.round(queuePages * 0.8));
  const dossier = (
    await sql.query<{ id: string }>(`SELECT id FROM "Dossier" WHERE "movementId" = $1 AND state = 'screened' ORDER BY id LIMIT 1`, [
      ids.movement(1),
    ])
  ).rows[0]!.id;
  const pages = [
    { name: "home page (Văn phòng: queues, overdue, movements)", path: "/", who: "secretary", cookie: secretary },
    { name: "home page, typical commune", path: "/", who: "secretary (commune 2)", cookie: typicalSecretary },
    { name: "screening queue, page 1", path: "/tham-dinh", who: "secretary", cookie: secretary },
    {
      name: `screening queue, deep page (${deepPage} of ${queuePages})`,
      path: `/tham-dinh?trang=${deepPage}`,
      who: "secretary",
      cookie: secretary,
    },
    { name: "overdue dossiers", path: "/qua-han", who: "secretary", cookie: secretary },
    { name: "dossier list of a department", path: "/ho-so", who: "official", cookie: official },
    { name: "dossier list of the commune", path: "/ho-so", who: "secretary", cookie: secretary },
    { name: "movements", path: "/phong-trao", who: "secretary", cookie: secretary },
    { name: "one dossier (documents, figures, timeline)", path: `/ho-so/${dossier}`, who: "secretary", cookie: secretary },
    { name: "workflow diagram", path: "/quy-trinh", who: "secretary", cookie: secretary },
  ];

  // ─── Servers and pages ─────────────────────────────────────────────────────
  log(`Starting ${settings.servers} app servers on the same database …`);
  const servers = await Promise.all(Array.from({ length: settings.servers }, () => startServer(url)));
  for (const page of [{ path: "/healthz", cookie: "" }, ...pages]) {
    for (const server of servers) {
      const response = await fetch(`${server.url}${page.path}`, {
        headers: page.cookie ? { Cookie: page.cookie } : {},
        redirect: "manual",
      });
      const body = await response.text();
      if (response.status !== 200)
        throw new Error(`${page.path} answered ${response.status} on ${server.url}:\n${body.slice(0, 500)}\n${server.output()}`);
    }
  }

  const slice = {
    concurrency: settings.concurrency,
    warmupMs: settings.warmupSeconds * 1000,
    durationMs: (settings.durationSeconds * 1000) / settings.rounds,
  };
  const targetsOf = (pathAndQuery: string, cookie: string): LoadTarget[] =>
    servers.map((server) => ({ origin: server.url, path: pathAndQuery, headers: cookie ? { Cookie: cookie } : undefined }));

  // Servers fresh from start-up are still compiling (V8, tsx, Prisma's query plans): one pass over everything first.
  log("Warming up the servers …");
  await runLoad(targetsOf("/healthz", ""), { ...slice, warmupMs: 0, durationMs: 3000 });
  for (const page of pages) await runLoad(targetsOf(page.path, page.cookie), { ...slice, warmupMs: 0, durationMs: 1000 });

  // Rounds: every page, the baseline included, gets one slice per round, so that a burst of other work on the
  // machine falls on all of them alike instead of on one page.
  log(
    `Measuring pages: ${settings.rounds} rounds × ${(slice.durationMs / 1000).toFixed(1)} s per page (+${settings.warmupSeconds} s warm-up each), ` +
      `${settings.concurrency} requests in flight …`,
  );
  const scenarios = [{ name: "baseline", path: "/healthz", who: "—", cookie: "" }, ...pages];
  const slices: LoadResult[][] = scenarios.map(() => []);
  for (let round = 1; round <= settings.rounds; round++) {
    for (const [index, scenario] of scenarios.entries())
      slices[index]!.push(await runLoad(targetsOf(scenario.path, scenario.cookie), slice));
    log(`  round ${round}: /healthz ${slices[0]![round - 1]!.perSecond.toFixed(0)} req/s`);
  }
  const combined = slices.map(combineLoad);
  for (const [index, scenario] of scenarios.entries()) {
    const result = combined[index]!;
    log(
      `  ${`${scenario.path} ${scenario.who}`.padEnd(58)} ${result.perSecond.toFixed(0).padStart(6)} req/s  p50 ${result.p50.toFixed(1).padStart(6)} ms  ` +
        `p99 ${result.p99.toFixed(1).padStart(6)} ms` +
        (result.errors ? `  ${result.errors} errors (${result.firstError})` : ""),
    );
  }
  const sliceFigures = (index: number) => slices[index]!.map((result) => ({ perSecond: result.perSecond, p50: result.p50 }));
  const baseline = combined[0]!;
  const baselineSlices = sliceFigures(0);
  const pageResults = pages.map((page, index) => ({
    name: page.name,
    path: page.path,
    who: page.who,
    result: combined[index + 1]!,
    slices: sliceFigures(index + 1),
  }));
  await stopServers();

  // ─── Plans ─────────────────────────────────────────────────────────────────
  const capture = capturingDatabase(url);
  const render = await pageRenderer(capture);
  const explainPages = async (when: string) => {
    log(`Explaining the pages' queries (${when}) …`);
    const plans = [];
    for (const page of pages) {
      const rendered = await render(page.path, page.cookie);
      const queries = await explainQueries(sql, rendered.queries);
      plans.push({ name: page.name, path: page.path, status: rendered.status, queries });
      const slowest = Math.max(0, ...queries.map((query) => query.executionMs));
      const seq = queries.flatMap((query) => query.scans.filter((scan) => scan.node === "Seq Scan").map((scan) => scan.relation));
      log(
        `  ${page.path.padEnd(40)} ${String(rendered.queries.length).padStart(3)} queries, slowest ${slowest.toFixed(1)} ms${seq.length ? `, Seq Scan: ${[...new Set(seq)].join(", ")}` : ""}`,
      );
    }
    return plans;
  };
  // Right after the load everything is vacuumed (all-visible pages, index-only scans are cheap); once rows
  // change, as they do between two autovacuums in production, the planner may choose otherwise: plans of both.
  const plansAfterVacuum = await explainPages("right after VACUUM ANALYZE");

  // ─── Write path ────────────────────────────────────────────────────────────
  let writes = null;
  let plans = plansAfterVacuum;
  if (settings.writes > 0) {
    log("Measuring the write path …");
    writes = await measureWrites({
      db,
      url,
      operations: settings.writes,
      concurrency: settings.writeConcurrency,
      poolSize: settings.poolSize,
      capture,
      log,
    });
    plans = await explainPages("after the write path's transitions");
  }

  await capture.db.close();

  const postgres = (await sql.query<{ version: string }>("SELECT version()")).rows[0]!.version.replace(/ on .*/, "");
  const postgresSettings: Record<string, string> = {};
  for (const name of ["shared_buffers", "work_mem", "effective_cache_size", "max_connections", "synchronous_commit"]) {
    postgresSettings[name] = (await sql.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name]!;
  }
  await sql.end();
  await db.close();
  useDatabase(undefined);

  const command = `npm run bench${args.length ? ` -- ${args.join(" ")}` : ""}`;
  const seconds = (performance.now() - started) / 1000;
  writeResults(settings.out, {
    date: new Date(),
    command,
    seconds,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? "?",
      memoryGb: os.totalmem() / 1024 ** 3,
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
      postgres,
      postgresSettings,
      loadBefore,
      loadAfter: os.loadavg(),
    },
    data: facts,
    servers: settings.servers,
    poolSize: settings.poolSize,
    concurrency: settings.concurrency,
    warmupSeconds: settings.warmupSeconds,
    durationSeconds: settings.durationSeconds,
    rounds: settings.rounds,
    baseline,
    baselineSlices,
    pages: pageResults,
    plans,
    plansAfterVacuum: writes ? plansAfterVacuum : null,
    writes,
  });
  log(`Wrote ${path.relative(process.cwd(), settings.out)} (${seconds.toFixed(0)} s in all).`);
  if (settings.keep && !settings.reuseUrl) log(`Kept the database: ${url}`);
} catch (error) {
  for (const server of children)
    if (server.output().trim()) console.error(`--- output of ${server.url} ---\n${server.output().slice(-4000)}`);
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}

/** Facts about a database made earlier by bench/province.ts (--url). */
async function describe(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const count = async (text: string) => Number((await client.query<{ n: string }>(text)).rows[0]!.n);
    const states = await client.query<{ state: string; n: string }>(
      `SELECT state::text, count(*) AS n FROM "Dossier" GROUP BY 1 ORDER BY 1`,
    );
    const tables = await client.query<{ table: string; rows: string; bytes: string }>(
      `SELECT c.relname AS table, c.reltuples::bigint AS rows, pg_total_relation_size(c.oid) AS bytes
         FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
        WHERE ns.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations' AND c.reltuples > 0
        ORDER BY pg_total_relation_size(c.oid) DESC`,
    );
    return {
      communes: await count(`SELECT count(*) AS n FROM "OrgUnit" WHERE kind = 'commune'`),
      units: await count(`SELECT count(*) AS n FROM "OrgUnit"`),
      users: await count(`SELECT count(*) AS n FROM "User"`),
      dossiers: await count(`SELECT count(*) AS n FROM "Dossier"`),
      measuredCommuneDossiers: await count(
        `SELECT count(*) AS n FROM "Dossier" d JOIN "Movement" m ON m.id = d."movementId" WHERE m."unitId" = '${ids.commune(1)}'`,
      ),
      states: Object.fromEntries(states.rows.map((row) => [row.state, Number(row.n)])),
      overdue: await count(
        `SELECT count(*) AS n FROM "Dossier" WHERE state IN ('submitted', 'screened', 'in_council_vote', 'council_passed') AND "dueAt" < now() AT TIME ZONE 'UTC'`,
      ),
      tables: tables.rows.map((row) => ({ table: row.table, rows: Number(row.rows), bytes: Number(row.bytes) })),
      databaseBytes: await count(`SELECT pg_database_size(current_database()) AS n`),
      seconds: 0,
      steps: [],
      reused: true,
    };
  } finally {
    await client.end();
  }
}
