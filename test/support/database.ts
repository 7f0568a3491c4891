// Every test file gets a database of its own: in-memory PGlite, or a fresh
// database on the PostgreSQL server, chosen by the vitest project (TEST_DB).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, useDatabase, type Database } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export type TestDatabase = Database & {
  /** Set on PostgreSQL: the URL of this test's database, for a server started by the test. */
  url?: string;
  destroy(): Promise<void>;
};

export function testDatabaseKind(): "pglite" | "postgres" {
  const kind = process.env.TEST_DB;
  if (kind !== "pglite" && kind !== "postgres") throw new Error("TEST_DB must be pglite or postgres (run the tests with npm test)");
  return kind;
}

export function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates an empty PostgreSQL database and returns its URL and a function that drops it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tdkt_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    url: databaseUrl(name),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A migrated, empty database that the app's `prisma` uses until destroyed. */
export async function createTestDatabase({ migrated = true } = {}): Promise<TestDatabase> {
  if (testDatabaseKind() === "pglite") {
    // Not migrated: from the empty cluster, so that the migration runner is what the test sees.
    const db = openDatabase({ dataDir: "memory://", migratedTemplate: migrated });
    if (migrated) await migrate(db.sql);
    useDatabase(db);
    return { ...db, destroy: async () => (useDatabase(undefined), db.close()) };
  }
  const created = await createPostgresDatabase();
  const db = openDatabase({ url: created.url });
  if (migrated) await migrate(db.sql);
  useDatabase(db);
  return {
    ...db,
    url: created.url,
    async destroy() {
      useDatabase(undefined);
      await db.close();
      await created.drop();
    },
  };
}
