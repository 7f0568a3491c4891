// Applies prisma/migrations at start-up and records them in `_prisma_migrations`
// exactly as Prisma Migrate does, so `prisma migrate deploy` on a connected machine
// accepts the same database (docs/decisions/002-offline-migrations.md).
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { SqlClient, SqlSession } from "./db.server.ts";

export const MIGRATIONS_DIR = path.resolve("prisma/migrations");

// The advisory lock key Prisma Migrate itself takes: app servers starting together,
// or this runner and the Prisma CLI, never migrate at the same time.
const PRISMA_MIGRATE_LOCK = 72707369;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

export type Migration = { name: string; script: string; checksum: string };

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name, "migration.sql"));
      return { name, script: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}

export type MigrationReport = { applied: string[]; alreadyApplied: number; editedAfterApplying: string[] };

/** Applies every migration not yet applied, each in its own transaction. Safe to call on every start. */
export async function migrate(sql: SqlClient, migrations = readMigrations()): Promise<MigrationReport> {
  return sql.withConnection(async (connection) => {
    await connection.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    try {
      await connection.exec(CREATE_MIGRATIONS_TABLE);
      const rows = await connection.query<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM "_prisma_migrations"
          WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      const done = new Map(rows.map((row) => [row.migration_name, row.checksum]));
      const report: MigrationReport = { applied: [], alreadyApplied: 0, editedAfterApplying: [] };

      for (const migration of migrations) {
        const checksum = done.get(migration.name);
        if (checksum !== undefined) {
          report.alreadyApplied++;
          if (checksum !== migration.checksum) report.editedAfterApplying.push(migration.name);
          continue;
        }
        await apply(connection, migration);
        report.applied.push(migration.name);
      }
      return report;
    } finally {
      await connection.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]);
    }
  });
}

async function apply(
  connection: SqlSession & { transaction<R>(fn: (tx: SqlSession) => Promise<R>): Promise<R> },
  migration: Migration,
): Promise<void> {
  const id = randomUUID();
  const startedAt = new Date();
  try {
    // The row and the schema change commit together: a crash leaves neither.
    await connection.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, $3, $4, 0)`,
        [id, migration.checksum, migration.name, startedAt],
      );
      await tx.exec(migration.script);
      await tx.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
    });
  } catch (error) {
    // Prisma records a failed migration with its logs. Ours was rolled back in full,
    // so the row is marked rolled back too and the next start tries again.
    await connection.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, $3, $4, now(), $5, 0)`,
      [id, migration.checksum, migration.name, String(error), startedAt],
    );
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${String(error)}`, { cause: error });
  }
}
