// npm run db:seed — migrates the configured database and loads the demo commune into it. (Its own script: a
// module that is both a library and a program runs its program wherever it is bundled.)
import { DEMO_PASSWORD, seedDemoData } from "../../prisma/seed.ts";
import { seedDemoDossiers } from "../../prisma/demo-dossiers.ts";
import { database } from "../utils/db.server.ts";
import { migrate } from "../utils/migrate.server.ts";

const db = database();
try {
  await migrate(db.sql);
  await seedDemoData(db.prisma);
  await seedDemoDossiers();
  console.log(`Demo data loaded into the ${db.kind} database. Password of every demo user: ${DEMO_PASSWORD}`);
} finally {
  await db.close();
}
