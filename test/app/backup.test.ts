// npm run backup / npm run restore, round trip on the database of the project (PGlite in DATA_DIR, or a
// PostgreSQL database): back up, write more, restore — the data equals the backup point, attachments'
// bytes included, and every audit chain verifies. On PostgreSQL a backup taken while dossiers are being
// written restores to verified chains too.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { checkUpload } from "~/models/attachment.server.ts";
import { verifyAuditTrail } from "~/models/audit.server.ts";
import { addAttachment } from "~/models/dossier-documents.server.ts";
import { openDatabase, useDatabase, type Database } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";
import { createPostgresDatabase, testDatabaseKind } from "../support/database.ts";
import { createCommuneWithStaff, createDossierAt, createMovement, currentUser, type Staff } from "../support/factories.ts";

const work = mkdtempSync(path.join(tmpdir(), "tdkt-backup-"));
const dataDir = path.join(work, "data");
let url: string | undefined;
let drop: (() => Promise<void>) | undefined;
let db: Database | undefined;
let staff: Staff;
let movementId: string;

const open = async () => {
  db = openDatabase(url ? { url } : { dataDir });
  useDatabase(db);
  return db;
};
const close = async () => {
  useDatabase(undefined);
  await db?.close();
  db = undefined;
};

/** Runs one of the project's scripts as its own process, as an operator would (`npm run backup`). */
function script(name: "backup" | "restore", ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", `app/scripts/${name}.ts`, ...args], {
      env: { NODE_ENV: "test", PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, ...(url ? { DATABASE_URL: url } : {}) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`${name} exited ${code}:\n${output}`))));
  });
}

const TABLES = ["Dossier", "AuditEvent", "AuditChain", "Attachment", "AttachmentContent", "DossierDocument"];

/** Every row of the tables that matter, as one fingerprint per table (and its count). */
async function fingerprint(database: Database) {
  const result: Record<string, { rows: number; md5: string | null }> = {};
  for (const table of TABLES) {
    const [row] = await database.sql.query<{ rows: number; md5: string | null }>(
      `SELECT count(*)::int AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS md5 FROM "${table}" t`,
    );
    result[table] = row!;
  }
  return result;
}

async function attachFile(dossierId: string, text: string) {
  const checked = await checkUpload(new File([`%PDF-1.4\n% ${text}\n%%EOF\n`], `${text}.pdf`), ["pdf"]);
  if (!checked.ok) throw new Error(checked.message);
  const added = await addAttachment({ user: await currentUser(staff.official.id), dossierId, file: checked.file });
  if (!added.ok) throw new Error(added.message);
}

beforeAll(async () => {
  if (testDatabaseKind() === "postgres") {
    const created = await createPostgresDatabase();
    url = created.url;
    drop = created.drop;
  }
  await migrate((await open()).sql);
  staff = await createCommuneWithStaff();
  movementId = (await createMovement(staff.commune.id, { quota: null })).id;
  for (const name of ["Nguyễn Văn Một", "Trần Thị Hai"]) {
    await createDossierAt(staff, movementId, "submitted", { name });
    await attachFile(await createDossierAt(staff, movementId, "draft", { name }), `Tài liệu của ${name}`);
  }
}, 120_000);

afterAll(async () => {
  await close();
  await drop?.();
  rmSync(work, { recursive: true, force: true });
});

describe(`backup and restore on ${process.env.TEST_DB}`, () => {
  test("back up, write more, restore: the data equals the backup point and every audit chain verifies", async () => {
    const atBackup = await fingerprint(db!);
    // PGlite's directory is one process's: the app server (here, this test) is stopped for the backup.
    if (!url) await close();
    const file = path.join(work, "sao-luu-1");
    expect(await script("backup", file)).toContain(`Đã sao lưu`);
    if (!url) await open();

    await createDossierAt(staff, movementId, "submitted", { name: "Lê Văn Sau" });
    await attachFile(await createDossierAt(staff, movementId, "draft", { name: "Lê Văn Sau" }), "Viết sau khi sao lưu");
    expect((await fingerprint(db!)).AuditEvent!.rows).toBeGreaterThan(atBackup.AuditEvent!.rows);

    await close();
    expect(await script("restore", file)).toContain("Đã khôi phục");
    await open();
    expect(await fingerprint(db!)).toEqual(atBackup);
    const audit = await verifyAuditTrail(db!.prisma);
    expect(audit.firstBreak).toBeNull();
    expect(audit.events).toBe(atBackup.AuditEvent!.rows);
    // The attachments' bytes came back with the rows (they live in the database).
    const contents = await db!.prisma.attachmentContent.findMany({ select: { bytes: true } });
    expect(contents.map((c) => new TextDecoder().decode(c.bytes)).filter((text) => text.includes("Tài liệu của"))).toHaveLength(2);
  }, 300_000);

  test("a backup refuses a PGlite directory that an app server has open, and says why", async () => {
    if (url) {
      // On PostgreSQL a backup is taken while people work (next test); here: a missing file is refused.
      await expect(script("restore", path.join(work, "khong-co"))).rejects.toThrow("Không có tệp sao lưu");
      return;
    }
    await expect(script("backup", path.join(work, "sao-luu-dang-mo"))).rejects.toThrow("đang được một máy chủ ứng dụng mở");
  }, 120_000);

  test("on PostgreSQL, a backup taken while dossiers are being written restores to chains that all verify", async () => {
    if (!url) {
      // PGlite has one process writing; its backups are taken with that process stopped (the test above).
      expect(testDatabaseKind()).toBe("pglite");
      return;
    }
    const before = await fingerprint(db!);
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await createDossierAt(staff, movementId, "submitted", { name: `Đang ghi ${written + 1}` });
        await attachFile(await createDossierAt(staff, movementId, "draft", { name: `Đang ghi ${written + 1}` }), `Đang ghi ${written + 1}`);
        written++;
      }
    })();
    // The backup starts once writes are under way and runs while they go on.
    while (written < 1) await new Promise((resolve) => setTimeout(resolve, 50));
    const file = path.join(work, "sao-luu-khi-dang-ghi");
    await script("backup", file);
    writing = false;
    await writer;
    const after = await fingerprint(db!);

    await close();
    await script("restore", file);
    await open();
    const restored = await fingerprint(db!);
    const audit = await verifyAuditTrail(db!.prisma);
    expect(audit.firstBreak).toBeNull();
    expect(audit.events).toBe(restored.AuditEvent!.rows);
    expect(restored.AuditEvent!.rows).toBeGreaterThan(before.AuditEvent!.rows);
    expect(restored.AuditEvent!.rows).toBeLessThanOrEqual(after.AuditEvent!.rows);
    // Each attachment row came back with its bytes (same snapshot).
    const [orphans] = await db!.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Attachment" a LEFT JOIN "AttachmentContent" c ON c.sha256 = a.sha256 WHERE c.sha256 IS NULL`,
    );
    expect(orphans!.n).toBe(0);
  }, 300_000);
});
