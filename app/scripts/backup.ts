// npm run backup [-- <file>]: the whole database (attachments included) in one file; see README "Sao lưu".
import { backup } from "~/utils/backup.server.ts";
import { env } from "~/utils/env.server.ts";

const { DATABASE_URL, DATA_DIR } = env();
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const file = process.argv[2] ?? `backups/tdkt-${stamp}.${DATABASE_URL ? "dump" : "tar.gz"}`;
try {
  await backup(DATABASE_URL ? { url: DATABASE_URL } : { dataDir: DATA_DIR }, file);
  console.log(`Đã sao lưu ${DATABASE_URL ? "PostgreSQL" : "cơ sở dữ liệu nhúng (PGlite)"} vào ${file}.`);
} catch (error) {
  console.error(`Sao lưu thất bại: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
