import { importLegacyFiles } from "~/models/attachment.server.ts";
import { seedDemoDossiers } from "../../prisma/demo-dossiers.ts";
import { seedDemoData } from "../../prisma/seed.ts";
import { database, type Database } from "./db.server.ts";
import { env } from "./env.server.ts";
import { migrate } from "./migrate.server.ts";

/** Brings the database to the current schema and, on an empty one, loads the demo commune. */
export async function prepareDatabase(db: Database = database(), { demoData = env().DEMO_DATA } = {}) {
  const migrations = await migrate(db.sql);
  for (const name of migrations.editedAfterApplying) {
    console.warn(`Cảnh báo: migration ${name} đã bị sửa sau khi áp dụng.`);
  }
  await importAttachmentFiles(db);
  const seeded = demoData ? await seedDemoData(db.prisma, { onlyIfEmpty: true }) : false;
  // The demo nominations go through the workflow, one transaction each, after the base data.
  if (seeded) await seedDemoDossiers();
  return { migrations, seeded };
}

/** Files kept on this server's disk before attachments moved into the database (a no-op once done). */
export async function importAttachmentFiles(db: Database = database()) {
  const { imported, missing } = await importLegacyFiles(db.prisma);
  if (imported > 0) console.log(`Đã chuyển ${imported} tệp đính kèm từ thư mục dữ liệu vào cơ sở dữ liệu.`);
  if (missing.length > 0) {
    console.warn(
      `Cảnh báo: ${missing.length} tệp đính kèm chưa có nội dung trong cơ sở dữ liệu và không có trong thư mục dữ liệu của máy chủ này (${missing.join(", ")}).`,
    );
  }
}
