// npm test: pure tests, then the database tests on PGlite and, when a PostgreSQL
// server answers (TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres), on PostgreSQL too.
import { spawnSync } from "node:child_process";
import pg from "pg";
import { ensureEmptyClusterTemplate } from "../app/utils/pglite-template.server.ts";

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

// Every embedded test database (and every test server's) starts from the installation's empty cluster.
await ensureEmptyClusterTemplate();

// The request-level tests start the built server.
const build = spawnSync(process.execPath, ["app/scripts/build.mjs"], { stdio: ["ignore", "ignore", "inherit"] });
if (build.status !== 0) process.exit(build.status ?? 1);

const projects = ["unit", "pglite", ...(version ? ["postgres"] : [])].flatMap((name) => ["--project", name]);
const result = spawnSync("npx", ["vitest", "run", "--config", "test/vitest.config.ts", ...projects, ...process.argv.slice(2)], {
  stdio: "inherit",
});
console.log(
  version ? "Ran the database tests on PGlite and on PostgreSQL." : "Ran the database tests on PGlite only (PostgreSQL not reachable).",
);
process.exit(result.status ?? 1);
