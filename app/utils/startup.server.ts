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
  const seeded = demoData ? await seedDemoData(db.prisma, { onlyIfEmpty: true }) : false;
  // The demo nominations go through the workflow, one transaction each, after the base data.
  if (seeded) await seedDemoDossiers();
  return { migrations, seeded };
}
