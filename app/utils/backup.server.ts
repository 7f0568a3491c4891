// npm run backup / npm run restore: the whole database in one file — every table, the attachments' bytes
// (they live in the database, docs/decisions/014-attachments-in-postgresql.md) and the audit chains.
// PostgreSQL: pg_dump's custom format, taken in one snapshot, so a backup made while people work holds
// each change with its audit row or neither. PGlite: its data directory as a tarball (PGlite's own
// dumpDataDir / loadDataDir), taken while no app server has it open.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { newPGlite } from "./db.server.ts";

export type Target = { url: string } | { dataDir: string };

/** Where PGlite keeps its files in DATA_DIR (as openDatabase does). */
export const pgliteDir = (dataDir: string) => path.resolve(dataDir, "pglite");

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", (error) => reject(new Error(`${command} không chạy được (${error.message}); cài gói postgresql-client của Debian.`)));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} dừng với mã ${code}:\n${stderr}`))));
  });
}

/** A PGlite data directory is one process's: an app server that has it open leaves postmaster.pid there. */
function requireClosed(dir: string) {
  if (existsSync(path.join(dir, "postmaster.pid"))) {
    throw new Error(`Cơ sở dữ liệu nhúng ở ${dir} đang được một máy chủ ứng dụng mở (có tệp postmaster.pid). Dừng máy chủ rồi chạy lại.`);
  }
}

/** Writes the backup of `target` to `file` (a new file; its folder is created). */
export async function backup(target: Target, file: string): Promise<void> {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if ("url" in target) {
    // One snapshot for the whole dump; the custom format is compressed and restores with pg_restore.
    await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`, `--dbname=${target.url}`]);
    return;
  }
  const dir = pgliteDir(target.dataDir);
  if (!existsSync(path.join(dir, "PG_VERSION"))) throw new Error(`Không có cơ sở dữ liệu nhúng ở ${dir}.`);
  requireClosed(dir);
  const pglite = newPGlite(dir);
  try {
    await pglite.exec("CHECKPOINT");
    const tarball = await pglite.dumpDataDir("gzip");
    writeFileSync(file, new Uint8Array(await tarball.arrayBuffer()), { flag: "wx", mode: 0o600 });
  } finally {
    await pglite.close();
  }
}

/**
 * Replaces the database of `target` with the backup in `file`. PostgreSQL: in one transaction (a failed
 * restore changes nothing). PGlite: the current data directory is kept aside as pglite.before-restore-<time>.
 */
export async function restore(target: Target, file: string): Promise<{ keptAside?: string }> {
  if (!existsSync(file)) throw new Error(`Không có tệp sao lưu ${file}.`);
  if ("url" in target) {
    await run("pg_restore", [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--no-privileges",
      "--single-transaction",
      "--exit-on-error",
      `--dbname=${target.url}`,
      file,
    ]);
    return {};
  }
  const dir = pgliteDir(target.dataDir);
  let keptAside: string | undefined;
  if (existsSync(dir)) {
    requireClosed(dir);
    keptAside = `${dir}.before-restore-${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}`;
    renameSync(dir, keptAside);
  }
  mkdirSync(dir, { recursive: true });
  const bytes = readFileSync(file);
  const pglite = newPGlite(dir, new Blob([new Uint8Array(bytes)]));
  try {
    await pglite.query("SELECT 1");
  } finally {
    await pglite.close();
  }
  return { keptAside };
}
