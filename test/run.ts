// npm test: pure tests, then the database tests on PGlite and, when a PostgreSQL
// server answers (TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres), on PostgreSQL too.
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import pg from "pg";
import { ensureClusterTemplates } from "../app/utils/pglite-schema-template.server.ts";

const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function postgresAnswers(): Promise<string | null> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    return rows[0]?.server_version ?? "?";
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

const version = await postgresAnswers();
const redacted = adminUrl.replace(/:[^:@/]*@/, ":***@");
if (!version && process.env.REQUIRE_POSTGRES === "1") {
  console.error(`PostgreSQL at ${redacted} does not answer, and REQUIRE_POSTGRES=1.`);
  process.exit(1);
}
console.log(
  version
    ? `Database tests run on: PGlite (embedded) AND PostgreSQL ${version} at ${redacted}`
    : `Database tests run on: PGlite (embedded) ONLY — no PostgreSQL server answered at ${redacted}`,
);

// Every embedded test database (and every test server's) starts from the installation's cluster, migrated.
await ensureClusterTemplates();

// The request-level tests start the built server.
const build = spawnSync(process.execPath, ["app/scripts/build.mjs"], { stdio: ["ignore", "ignore", "inherit"] });
if (build.status !== 0) process.exit(build.status ?? 1);

// The two databases run side by side, each in its own vitest process, one test file at a time in each: a test
// mostly waits (for its server, Chromium, the database), so two at once use the machine's two cores.
// TEST_PARALLEL=0 runs them one after the other. Each line of output says which run it comes from.
// The pure tests go with PostgreSQL when it runs: PGlite's run is the longer one (its database is in the process).
const runs: string[][] = version ? [["pglite"], ["unit", "postgres"]] : [["unit", "pglite"]];
const together = process.env.TEST_PARALLEL !== "0";
const extra = process.argv.slice(2);

function vitest(projects: string[]): Promise<number> {
  const args = ["vitest", "run", "--config", "test/vitest.config.ts", ...projects.flatMap((name) => ["--project", name]), ...extra];
  const child = spawn("npx", args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? "0" },
  });
  const label = `[${projects.at(-1)}] `;
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    createInterface({ input: stream }).on("line", (line) => out.write(`${label}${line}\n`));
  }
  return new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));
}

const codes: number[] = [];
if (together) codes.push(...(await Promise.all(runs.map(vitest))));
else for (const projects of runs) codes.push(await vitest(projects));
console.log(
  version ? "Ran the database tests on PGlite and on PostgreSQL." : "Ran the database tests on PGlite only (PostgreSQL not reachable).",
);
process.exit(codes.every((code) => code === 0) ? 0 : 1);
