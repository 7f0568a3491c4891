// npm run restore -- <file>: replaces the database with a backup made by npm run backup; see README "Sao lưu".
// Then `npm run audit:verify` checks every audit chain of the restored data.
import { restore } from "~/utils/backup.server.ts";
import { env } from "~/utils/env.server.ts";

const file = process.argv[2];
if (!file) {
  console.error("Cách dùng: npm run restore -- <tệp sao lưu>");
  process.exit(2);
}
const { DATABASE_URL, DATA_DIR } = env();
try {
  const { keptAside } = await restore(DATABASE_URL ? { url: DATABASE_URL } : { dataDir: DATA_DIR }, file);
  console.log(`Đã khôi phục từ ${file}.${keptAside ? ` Dữ liệu cũ được giữ ở ${keptAside}.` : ""}`);
} catch (error) {
  console.error(`Khôi phục thất bại: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
