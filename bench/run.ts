// npm run bench: builds the app, generates a province (bench/province.ts) and a small one, starts app servers on
// the province, and measures in one run — every figure as a ratio against a baseline measured in the same run:
// pages against /healthz and a bare Remix page, where a server's CPU goes, the pages' queries, the write path
// against a bare transaction, council ballots against a bare INSERT, certificates in one PDF, the cold start, and
// PGlite against PostgreSQL. Writes bench/RESULTS.md. Options: bench/README.md (`npm run bench -- --help`).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { BENCH_SESSION_SECRET, BENCH_SIGNING_KEY } from "./secrets.ts";

const PARTS = ["pages", "profile", "explain", "writes", "ballots", "pglite", "certificates", "coldstart"] as const;
type Part = (typeof PARTS)[number];

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
  console.log(`npm run bench -- [options]   (see bench/README.md)
  --only ${PARTS.join(",")}   parts to run (default: all)
  --communes 1000 --dossiers 100000 --measured 5000      the province
  --small-communes 100 --small-dossiers 1000             the small database (scaling, PGlite)
  --duration 10 --rounds 8 --warmup 0.25 --concurrency 8 --servers 2 --pool 10
  --profile-seconds 10
  --writes 1000 --write-concurrency 8 --scaling 100 --approvals 100
  --voters 200 --ballot-burst 1000 --pglite-ops 50 --certificates 500 --coldstart-runs 3
  --keep --url postgres://… --skip-build --out bench/RESULTS.md`);
  process.exit(0);
}

const onlyText = textOption("only");
const parts = new Set<Part>(
  onlyText
    ? onlyText.split(",").map((part) => {
        if (!(PARTS as readonly string[]).includes(part.trim())) throw new Error(`--only: unknown part "${part}" (${PARTS.join(", ")})`);
        return part.trim() as Part;
      })
    : PARTS,
);
const settings = {
  communes: option("communes", 1000),
  dossiers: option("dossiers", 100_000),
  measured: option("measured", 5000),
  smallCommunes: option("small-communes", 100),
  smallDossiers: option("small-dossiers", 1000),
  /** Measured seconds per page in all, cut into `rounds` slices. */
  durationSeconds: option("duration", 10),
  rounds: Math.max(1, Math.round(option("rounds", 8))),
  /** Unmeasured seconds before each slice. */
  warmupSeconds: option("warmup", 0.25),
  concurrency: option("concurrency", 8),
  servers: option("servers", 2),
  poolSize: option("pool", 10),
  profileSeconds: option("profile-seconds", 10),
  writes: option("writes", 1000),
  writeConcurrency: option("write-concurrency", 8),
  scaling: option("scaling", 100),
  approvals: option("approvals", 100),
  voters: option("voters", 200),
  ballotBurst: option("ballot-burst", 1000),
  pgliteOps: option("pglite-ops", 50),
  certificates: option("certificates", 500),
  coldstartRuns: option("coldstart-runs", 3),
  keep: flag("keep"),
  reuseUrl: textOption("url"),
  build: !flag("skip-build"),
  // A partial run does not overwrite the full results.
  out: path.resolve(textOption("out") ?? (onlyText ? `bench/results-${[...parts].join("-")}.md` : "bench/RESULTS.md")),
};

// The bench process and the servers share the secrets (the cookies made here must verify there; the generated
// ballots and certificates must match) and run in production mode, as on a real deployment.
const dataDir = mkdtempSync(path.join(os.tmpdir(), "tdkt-bench-"));
const sharedEnv = {
  NODE_ENV: "production" as const,
  SESSION_SECRET: BENCH_SESSION_SECRET,
  CERTIFICATE_SIGNING_KEY: BENCH_SIGNING_KEY,
  DATA_DIR: dataDir,
  JOBS: "false",
  DEMO_DATA: "false",
  DATABASE_POOL_SIZE: String(settings.poolSize),
  BENCH_BARE_PAGE: "true",
} satisfies Record<string, string>;
Object.assign(process.env, sharedEnv);

// App modules read the environment on first use: imported only now.
const { createProvince, formatBytes, ids } = await import("./province.ts");
const { capturingDatabase, explainQueries, pageRenderer } = await import("./explain.ts");
const { measurePages } = await import("./pages.ts");
const { profilePage } = await import("./profile.ts");
const { measureWrites } = await import("./writes.ts");
const { measureBallots } = await import("./ballots.ts");
const { measurePglite, preparePglite } = await import("./pglite.ts");
const { measureCertificates } = await import("./certificates.ts");
const { measureColdStart } = await import("./coldstart.ts");
const { startServer } = await import("./servers.ts");
const { writeResults } = await import("./report.ts");
const { openDatabase, useDatabase } = await import("~/utils/db.server.ts");
const { createSession } = await import("~/utils/auth.server.ts");

type Server = Awaited<ReturnType<typeof startServer>>;
type Results = Parameters<typeof writeResults>[1];
const started = performance.now();
const log = (text: string) => console.log(text);
const servers: Server[] = [];
const cleanups: Array<() => Promise<void>> = [];
const timings: Array<{ part: string; seconds: number }> = [];
const timed = async <T>(part: string, work: () => Promise<T>): Promise<T> => {
  const begin = performance.now();
  try {
    return await work();
  } finally {
    timings.push({ part, seconds: (performance.now() - begin) / 1000 });
  }
};

async function stopServers() {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
}

let cleaned = false;
async function cleanUp() {
  if (cleaned) return;
  cleaned = true;
  await stopServers();
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.warn(`Clean-up failed: ${error}`));
  rmSync(dataDir, { recursive: true, force: true });
}
process.once("SIGINT", () => void cleanUp().then(() => process.exit(130)));

const needsProvince = ["pages", "profile", "explain", "writes", "ballots"].some((part) => parts.has(part as Part));
const needsSmall = parts.has("writes") || parts.has("pglite");
const needsBuild = ["pages", "profile", "explain", "coldstart"].some((part) => parts.has(part as Part));

try {
  const loadBefore = os.loadavg();
  if (settings.build && needsBuild) {
    log("Building the app (node app/scripts/build.mjs) …");
    await timed("build", async () => {
      const build = spawnSync(process.execPath, ["app/scripts/build.mjs"], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
      if (build.status !== 0) throw new Error(`the build failed:\n${build.stderr}`);
    });
  }
  const results: Results = {
    date: new Date(),
    command: `npm run bench${args.length ? ` -- ${args.join(" ")}` : ""}`,
    seconds: 0,
    parts: [...parts],
    timings,
    machine: null,
    settings,
    data: null,
    small: null,
    pages: null,
    profile: null,
    plans: null,
    plansAfterVacuum: null,
    writes: null,
    ballots: null,
    pglite: null,
    certificates: null,
    coldStart: null,
  };

  // ─── Data ──────────────────────────────────────────────────────────────────
  let url: string | null = null;
  if (needsProvince) {
    if (settings.reuseUrl) {
      url = settings.reuseUrl;
      log(`Reusing ${url} (not dropped).`);
      results.data = await describe(url);
    } else {
      log(`Generating ${settings.dossiers.toLocaleString("en")} dossiers in ${settings.communes} communes …`);
      const province = await timed("province data", () =>
        createProvince({ communes: settings.communes, dossiers: settings.dossiers, measuredCommuneDossiers: settings.measured, log }),
      );
      url = province.url;
      results.data = { ...province.facts, reused: false };
      if (!settings.keep) cleanups.push(province.drop);
      log(`  ${formatBytes(results.data.databaseBytes)} in ${results.data.seconds.toFixed(0)} s → ${url}`);
    }
  }
  let small: { url: string; name: string; facts: Awaited<ReturnType<typeof createProvince>>["facts"] } | null = null;
  let pgliteSetup: Awaited<ReturnType<typeof preparePglite>> | null = null;
  if (needsSmall) {
    log(`Generating the small database: ${settings.smallDossiers} dossiers in ${settings.smallCommunes} communes …`);
    const made = await timed("small data", () =>
      createProvince({
        communes: settings.smallCommunes,
        dossiers: settings.smallDossiers,
        measuredCommuneDossiers: Math.round(settings.smallDossiers / settings.smallCommunes),
        log: () => {},
      }),
    );
    cleanups.push(made.drop);
    small = { url: made.url, name: made.name, facts: made.facts };
    results.small = { dossiers: made.facts.dossiers, communes: made.facts.communes, seconds: made.facts.seconds };
    if (parts.has("pglite")) {
      pgliteSetup = await preparePglite(made.name);
      cleanups.push(pgliteSetup.drop);
    }
  }

  const db = url ? openDatabase({ url, poolSize: settings.poolSize }) : null;
  if (db) {
    useDatabase(db);
    cleanups.push(async () => {
      await db.close();
      useDatabase(undefined);
    });
  }

  // ─── Who, and which pages ──────────────────────────────────────────────────
  let pages: Array<{ name: string; path: string; who: string; cookie: string }> = [];
  let shellCookie = "";
  if (db && url) {
    const sql = new pg.Client({ connectionString: url });
    await sql.connect();
    try {
      const cookieOf = async (userId: string) => (await createSession(userId)).split(";")[0]!;
      const secretary = await cookieOf(ids.secretary(1));
      const official = await cookieOf(ids.official(1, 2));
      const typicalSecretary = await cookieOf(ids.secretary(2));
      shellCookie = secretary;
      const one = async (text: string, params: unknown[]) => (await sql.query<{ v: string }>(text, params)).rows[0]?.v ?? null;
      const submitted = Number(
        await one(`SELECT count(*) AS v FROM "Dossier" WHERE "movementId" = $1 AND state = 'submitted'`, [ids.movement(1)]),
      );
      const queuePages = Math.max(1, Math.ceil(submitted / 20));
      const deepPage = Math.max(1, Math.round(queuePages * 0.8));
      const dossier = await one(`SELECT id AS v FROM "Dossier" WHERE "movementId" = $1 AND state = 'screened' ORDER BY id LIMIT 1`, [
        ids.movement(1),
      ]);
      const openSession = await one(`SELECT id AS v FROM "VotingSession" WHERE "unitId" = $1 AND state = 'open'`, [ids.commune(2)]);
      const agenda = await one(`SELECT count(*) AS v FROM "SessionDossier" WHERE "sessionId" = $1`, [openSession]);
      pages = [
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
        { name: "notifications", path: "/thong-bao", who: "secretary", cookie: secretary },
        {
          name: `open voting session of a typical commune (${agenda} dossiers)`,
          path: `/bo-phieu/${openSession}`,
          who: "council member (commune 2)",
          cookie: await cookieOf(ids.councilMember(2)),
        },
      ];
    } finally {
      await sql.end();
    }
  }
  const SHELL = "signed-in shell: the bare page signed in (root loader)";
  const serverEnv = (databaseUrl: string) => ({ ...sharedEnv, DATABASE_URL: databaseUrl });

  // ─── Pages ─────────────────────────────────────────────────────────────────
  if (parts.has("pages") && url) {
    log(`Starting ${settings.servers} app servers on the same database …`);
    await timed("pages", async () => {
      servers.push(...(await Promise.all(Array.from({ length: settings.servers }, () => startServer(serverEnv(url!))))));
      results.pages = await measurePages(
        servers,
        [
          { name: "`/healthz`: SELECT 1 through Prisma, no React, no session", path: "/healthz", who: "—", cookie: "", kind: "healthz" },
          {
            name: "bare Remix page: root layout, fixed loader data",
            path: "/bench-bare-page",
            who: "signed out",
            cookie: "",
            kind: "bare",
          },
          {
            name: SHELL,
            path: "/bench-bare-page",
            who: "secretary",
            cookie: shellCookie,
            kind: "shell",
          },
          ...pages.map((page) => ({ ...page, kind: "page" as const })),
        ],
        settings,
        log,
      );
      await stopServers();
    });
  }

  // ─── Profile ───────────────────────────────────────────────────────────────
  if (parts.has("profile") && url) {
    log(`Profiling one server under the load of /ho-so (secretary) for ${settings.profileSeconds} s …`);
    results.profile = await timed("profile", () =>
      profilePage({
        env: serverEnv(url!),
        page: "/ho-so",
        who: "secretary",
        cookie: shellCookie,
        seconds: settings.profileSeconds,
        concurrency: settings.concurrency,
        log,
      }),
    );
  }

  // ─── Plans ─────────────────────────────────────────────────────────────────
  let explainPages: ((when: string) => Promise<NonNullable<Results["plans"]>>) | null = null;
  // A Prisma client that logs its SQL: the pages' queries, the statements of one transition.
  const capture = url && (parts.has("explain") || parts.has("writes")) ? capturingDatabase(url) : null;
  if (capture) cleanups.push(() => capture.db.close());
  if (parts.has("explain") && url && capture) {
    const render = await pageRenderer(capture);
    const sql = new pg.Client({ connectionString: url });
    await sql.connect();
    cleanups.push(() => sql.end());
    explainPages = async (when: string) => {
      log(`Explaining the pages' queries (${when}) …`);
      const plans = [];
      // The signed-in shell first: the queries every signed-in page sends before its own.
      for (const page of [{ name: SHELL, path: "/bench-bare-page", who: "secretary", cookie: shellCookie }, ...pages]) {
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
    results.plans = await timed("explain", () => explainPages!("right after VACUUM ANALYZE"));
  }

  // ─── Write path ────────────────────────────────────────────────────────────
  if (parts.has("writes") && db && url) {
    log("Measuring the write path …");
    const smallDb = small ? openDatabase({ url: small.url, poolSize: settings.poolSize }) : null;
    try {
      results.writes = await timed("writes", () =>
        measureWrites({
          db,
          url: url!,
          small: small && smallDb ? { db: smallDb, url: small.url, dossiers: small.facts.dossiers, communes: small.facts.communes } : null,
          operations: settings.writes,
          concurrency: settings.writeConcurrency,
          poolSize: settings.poolSize,
          scalingSample: settings.scaling,
          approvalsBurst: settings.approvals,
          capture: capture ?? undefined,
          log,
        }),
      );
    } finally {
      await smallDb?.close();
    }
  }
  if (parts.has("ballots") && url) {
    log(`Measuring ballots: ${settings.voters} voters at once, then ${settings.ballotBurst} ballots at the same instant …`);
    results.ballots = await timed("ballots", () =>
      measureBallots({ url: url!, voters: settings.voters, burst: settings.ballotBurst, poolSize: settings.poolSize, log }),
    );
  }
  if (explainPages && (results.writes || results.ballots)) {
    results.plansAfterVacuum = results.plans;
    results.plans = await timed("explain after writes", () => explainPages!("after the writes"));
  }

  // ─── PGlite ────────────────────────────────────────────────────────────────
  if (pgliteSetup) {
    log("PGlite against PostgreSQL on the small database …");
    results.pglite = await timed("pglite", () =>
      measurePglite({ setup: pgliteSetup!, operations: settings.pgliteOps, poolSize: settings.poolSize, log }),
    );
  }

  // ─── Certificates, cold start ──────────────────────────────────────────────
  if (parts.has("certificates")) {
    log(`Certificates in one PDF (child processes) …`);
    results.certificates = await timed("certificates", () => measureCertificates({ count: settings.certificates, log }));
  }
  if (parts.has("coldstart")) {
    log(`Cold start on the embedded database: ${settings.coldstartRuns} runs …`);
    results.coldStart = await timed("coldstart", () => measureColdStart({ runs: settings.coldstartRuns, log }));
  }

  // ─── Machine, report ───────────────────────────────────────────────────────
  let postgres = "–";
  const postgresSettings: Record<string, string> = {};
  const probeUrl = url ?? small?.url;
  if (probeUrl) {
    const sql = new pg.Client({ connectionString: probeUrl });
    await sql.connect();
    postgres = (await sql.query<{ version: string }>("SELECT version()")).rows[0]!.version.replace(/ on .*/, "");
    for (const name of ["shared_buffers", "work_mem", "effective_cache_size", "max_connections", "synchronous_commit"]) {
      postgresSettings[name] = (await sql.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name]!;
    }
    await sql.end();
  }
  results.machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? "?",
    memoryGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    postgres,
    postgresSettings,
    loadBefore,
    loadAfter: os.loadavg(),
  };
  results.seconds = (performance.now() - started) / 1000;
  writeResults(settings.out, results);
  log(`Wrote ${path.relative(process.cwd(), settings.out)} (${results.seconds.toFixed(0)} s in all).`);
  if (settings.keep && !settings.reuseUrl && url) log(`Kept the database: ${url}`);
} catch (error) {
  for (const server of servers)
    if (server.output().trim()) console.error(`--- output of ${server.url} ---\n${server.output().slice(-4000)}`);
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}

/** Facts about a database made earlier by bench/province.ts (--url). */
async function describe(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
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
