// npm run db:migrate: applies prisma/migrations to the configured database
// (npm start does this by itself; this is for deployments that migrate first).
import { database } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";
import { importAttachmentFiles } from "~/utils/startup.server.ts";

const db = database();
try {
  const report = await migrate(db.sql);
  console.log(
    `${db.kind}: ${report.applied.length} migration(s) applied${report.applied.length ? ` (${report.applied.join(", ")})` : ""}, ${report.alreadyApplied} already applied.`,
  );
  for (const name of report.editedAfterApplying) console.warn(`Warning: ${name} was edited after it was applied.`);
  await importAttachmentFiles(db);
} finally {
  await db.close();
}
