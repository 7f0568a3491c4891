// npm run worker — runs only the periodic jobs (mail outbox, deadlines, votes), no web server.
// For deployments with several app servers: start them with JOBS=false and one or more workers
// (several at once are safe: every job claims its rows with FOR UPDATE SKIP LOCKED).
// `npm run worker -- --once` runs each job once, delivering all due mail, then exits (cron, tests).
import { outboxIdle } from "~/jobs/outbox.server.ts";
import { JOBS, startJobs } from "~/jobs/scheduler.server.ts";
import { database } from "~/utils/db.server.ts";
import { EnvError, env } from "~/utils/env.server.ts";
import { migrate } from "~/utils/migrate.server.ts";

try {
  env();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const db = database();
// The schema the jobs expect; the advisory lock makes this safe beside starting app servers.
await migrate(db.sql);

if (process.argv.includes("--once")) {
  let failed = false;
  for (const job of JOBS) {
    try {
      const result = await job.run(new Date());
      console.log(`${job.name}: ${JSON.stringify(result ?? null)}`);
    } catch (error) {
      failed = true;
      console.error(`Tác vụ «${job.name}» lỗi:`, error);
    }
  }
  await db.close();
  console.log("Tác vụ nền: đã chạy mỗi tác vụ một lần.");
  process.exit(failed ? 1 : 0);
}

const stopJobs = startJobs();
console.log(`Tác vụ nền đang chạy (${JOBS.map((job) => job.name).join(", ")}).`);

async function shutdown() {
  stopJobs();
  // A message being sent is finished and recorded; an interrupted one is retried after its lease (decision 005).
  await Promise.race([outboxIdle(), new Promise((resolve) => setTimeout(resolve, 15_000))]);
  await db.close();
  process.exit(0);
}
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
