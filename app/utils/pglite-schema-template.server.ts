// Makes the embedded cluster with this checkout's migrations applied, from the empty one
// (docs/decisions/022-pglite-schema-template.md). npm install and npm test call it; nothing depends on it.
import { newPGlite, pgliteSqlClient } from "./db.server.ts";
import { migrate, readMigrations } from "./migrate.server.ts";
import { ensureEmptyClusterTemplate, ensureSchemaTemplate } from "./pglite-template.server.ts";

export async function ensureClusterTemplates(): Promise<{ file: string; made: boolean }> {
  await ensureEmptyClusterTemplate();
  const migrations = readMigrations();
  return ensureSchemaTemplate(migrations, async () => {
    const pglite = newPGlite("memory://");
    try {
      await migrate(pgliteSqlClient(pglite), migrations);
      await pglite.exec("CHECKPOINT");
      return await pglite.dumpDataDir("gzip");
    } finally {
      await pglite.close();
    }
  });
}
