import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { MIGRATIONS_DIR, migrate, readMigrations } from "~/utils/migrate.server.ts";
import { diagnoseDatabase } from "../../prisma/tools/schema-engine.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

describe(`migration runner on ${process.env.TEST_DB}`, () => {
  test("a fresh database gets every migration, recorded as Prisma records them", async () => {
    db = await createTestDatabase({ migrated: false });
    const report = await migrate(db.sql);
    const files = readMigrations();
    expect(report.applied).toEqual(files.map((m) => m.name));

    const rows = await db.sql.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
      rolled_back_at: Date | null;
    }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((row) => row.migration_name)).toEqual(files.map((m) => m.name));
    for (const row of rows) {
      const bytes = readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    // The tables are really there.
    expect(await db.prisma.orgUnit.count()).toBe(0);
  });

  test("applying twice is a no-op", async () => {
    db = await createTestDatabase({ migrated: false });
    await migrate(db.sql);
    const before = await db.sql.query(`SELECT * FROM "_prisma_migrations" ORDER BY id`);
    const again = await migrate(db.sql);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe(readMigrations().length);
    expect(await db.sql.query(`SELECT * FROM "_prisma_migrations" ORDER BY id`)).toEqual(before);
  });

  test("Prisma's own engine sees the database as fully migrated", async () => {
    db = await createTestDatabase();
    const diagnosis = await diagnoseDatabase(db.adapter);
    expect(diagnosis).toMatchObject({ hasMigrationsTable: true, history: null, failedMigrationNames: [], editedMigrationNames: [] });
  });

  test("a failing migration leaves nothing behind and is tried again on the next start", async () => {
    db = await createTestDatabase();
    const broken = [
      ...readMigrations(),
      { name: "29990101000000_broken", checksum: "x".repeat(64), script: `CREATE TABLE "Half" (id int); SELECT * FROM "no_such_table";` },
    ];
    await expect(migrate(db.sql, broken)).rejects.toThrow(/29990101000000_broken failed and was rolled back/);
    const half = await db.sql.query(`SELECT to_regclass('"Half"') AS half`);
    expect(half[0]).toEqual({ half: null });
    const rows = await db.sql.query<{ finished_at: Date | null; rolled_back_at: Date | null; logs: string }>(
      `SELECT finished_at, rolled_back_at, logs FROM "_prisma_migrations" WHERE migration_name = '29990101000000_broken'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.finished_at).toBeNull();
    expect(rows[0]!.rolled_back_at).not.toBeNull();
    expect(rows[0]!.logs).toMatch(/no_such_table/);

    const fixed = [...readMigrations(), { ...broken.at(-1)!, script: `CREATE TABLE "Half" (id int);` }];
    expect((await migrate(db.sql, fixed)).applied).toEqual(["29990101000000_broken"]);
  });

  test("award titles: existing movements give each kind they cover their form without a title, decided awards keep their form", async () => {
    db = await createTestDatabase({ migrated: false });
    const all = readMigrations();
    const titles = all.findIndex((m) => m.name.endsWith("_award_titles"));
    await migrate(db.sql, all.slice(0, titles));
    // A movement of individuals and khu phố with one decided award, as the schema stood before titles.
    await db.sql.exec(`
      INSERT INTO "OrgUnit" (id, code, name, kind, "updatedAt") VALUES ('u', 'u', 'UBND xã Cũ', 'commune', now());
      INSERT INTO "User" (id, username, "fullName", "passwordHash", "unitId", "updatedAt") VALUES ('s', 's', 'Chủ tịch', 'x', 'u', now());
      INSERT INTO "Movement" (id, "unitId", title, year, "legalBasis", "subjectKinds", "awardForms", "submissionDeadline", state, "updatedAt")
        VALUES ('m', 'u', 'Phong trào cũ', 2025, '{}', '{civil_servant,hamlet}', '{commune_chairman_certificate}', now(), 'open', now()),
               ('h', 'u', 'Gia đình', 2025, '{}', '{household}', '{commune_chairman_certificate}', now(), 'draft', now());
      INSERT INTO "Nominee" (id, kind, "subjectKind", name, "unitId", "updatedAt") VALUES ('n', 'individual', 'civil_servant', 'Người Cũ', 'u', now());
      INSERT INTO "Dossier" (id, "movementId", "unitId", "nomineeId", kind, "awardForm", state, snapshot, "machineVersion", "createdById", "updatedAt")
        VALUES ('d', 'm', 'u', 'n', 'individual', 'commune_chairman_certificate', 'approved', '{}', 1, 's', now());
      INSERT INTO "AwardDecision" (id, "unitId", "movementId", year, sequence, number, "decidedAt", subject, "signerId", "signerName", "signerTitle", "updatedAt")
        VALUES ('q', 'u', 'm', 2025, 1, '01/QĐ-UBND', now(), 'Về việc tặng Giấy khen', 's', 'Chủ tịch', 'CHỦ TỊCH', now());
      INSERT INTO "AwardDecisionEntry" (id, "decisionId", "dossierId", position, kind, name, "updatedAt")
        VALUES ('e', 'q', 'd', 1, 'individual', 'Người Cũ', now());`);
    await migrate(db.sql, all);
    const awards = await db.sql.query<{ movementId: string; nomineeKind: string; awardForm: string; title: string | null }>(
      `SELECT "movementId", "nomineeKind", "awardForm", title FROM "MovementAward" ORDER BY "movementId", "nomineeKind"`,
    );
    expect(awards).toEqual([
      { movementId: "h", nomineeKind: "household", awardForm: "commune_chairman_certificate", title: null },
      { movementId: "m", nomineeKind: "individual", awardForm: "commune_chairman_certificate", title: null },
      { movementId: "m", nomineeKind: "collective", awardForm: "commune_chairman_certificate", title: null },
    ]);
    expect(await db.sql.query(`SELECT "awardForm", "awardTitle" FROM "AwardDecisionEntry"`)).toEqual([
      { awardForm: "commune_chairman_certificate", awardTitle: null },
    ]);
  });

  test("the audit trail refuses updates and deletes", async () => {
    db = await createTestDatabase();
    await db.prisma.auditEvent.create({
      data: { chainId: "c", seq: 1, actorName: "Thử", action: "test", entityType: "Test", entityId: "1", prevHash: "0", hash: "1" },
    });
    await expect(db.prisma.auditEvent.updateMany({ data: { reason: "sửa" } })).rejects.toThrow(/append-only/);
    await expect(db.prisma.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    expect(await db.prisma.auditEvent.count()).toBe(1);
  });
});

describe.runIf(process.env.TEST_DB === "postgres")("several app servers starting at once", () => {
  test("migrate the database once", async () => {
    db = await createTestDatabase({ migrated: false });
    const { openDatabase } = await import("~/utils/db.server.ts");
    const others = [openDatabase({ url: db.url }), openDatabase({ url: db.url }), openDatabase({ url: db.url })];
    try {
      const reports = await Promise.all(others.map((other) => migrate(other.sql)));
      expect(reports.flatMap((r) => r.applied)).toEqual(readMigrations().map((m) => m.name));
      const rows = await db.sql.query(`SELECT 1 FROM "_prisma_migrations"`);
      expect(rows).toHaveLength(readMigrations().length);
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
  });
});

describe.runIf(process.env.TEST_DB === "pglite")("embedded databases start from the migrated cluster of this checkout", () => {
  test("a new embedded database already has every migration, and the runner agrees; without the template it gets them all", async () => {
    const { ensureClusterTemplates } = await import("~/utils/pglite-schema-template.server.ts");
    const { openDatabase } = await import("~/utils/db.server.ts");
    const { schemaTemplateFile } = await import("~/utils/pglite-template.server.ts");
    await ensureClusterTemplates();
    const files = readMigrations();

    const fromTemplate = openDatabase({ dataDir: "memory://" });
    try {
      const report = await migrate(fromTemplate.sql);
      expect(report).toEqual({ applied: [], alreadyApplied: files.length, editedAfterApplying: [] });
      expect(await fromTemplate.prisma.orgUnit.count()).toBe(0);
    } finally {
      await fromTemplate.close();
    }

    // A checkout with one migration more (or edited) has no template of its own yet: the runner applies everything.
    const other = [...files, { name: "29991231000000_next", script: "SELECT 1", checksum: "0".repeat(64) }];
    expect(schemaTemplateFile(other)).not.toBe(schemaTemplateFile(files));
    const empty = openDatabase({ dataDir: "memory://", migratedTemplate: false });
    try {
      expect((await migrate(empty.sql)).applied).toEqual(files.map((m) => m.name));
    } finally {
      await empty.close();
    }
  });
});
