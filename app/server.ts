// The production server: checks the environment, prepares the database, serves the Remix build.
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { admissionMiddleware, requestPolicy } from "./utils/admission-middleware.server.ts";
import { database } from "./utils/db.server.ts";
import { EnvError, env as readEnv } from "./utils/env.server.ts";
import { startJobs } from "./jobs/scheduler.server.ts";
import { limitBodies } from "./utils/body-limit.server.ts";
import { guardActions } from "./utils/form-guard.server.ts";
import { isCrossOriginMutation } from "./utils/origin.server.ts";
import { withRequestScope } from "./utils/request-scope.server.ts";
import { cspNonce, cspNonceOf, securityHeaders } from "./utils/security-headers.server.ts";
import { prepareDatabase } from "./utils/startup.server.ts";

const BUILD_PATH = path.resolve("build/index.js");

let env: ReturnType<typeof readEnv>;
try {
  env = readEnv();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const db = database();
const { migrations, seeded } = await prepareDatabase(db);
console.log(
  `Cơ sở dữ liệu: ${db.kind === "pglite" ? `PGlite nhúng (${path.resolve(env.DATA_DIR)})` : "PostgreSQL"}; ` +
    `${migrations.applied.length} migration mới, ${migrations.alreadyApplied} đã có${seeded ? "; đã nạp dữ liệu mẫu" : ""}.`,
);

// `remix dev` sets REMIX_DEV_ORIGIN: then the build is re-read on every request.
const developing = Boolean(process.env.REMIX_DEV_ORIGIN);
const loadBuild = async (): Promise<ServerBuild> => guardActions(await import(`${BUILD_PATH}${developing ? `?t=${Date.now()}` : ""}`));

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY === "true");

app.use((req, _res, next) => withRequestScope(next, { readOnly: req.method === "GET" || req.method === "HEAD" }));
app.use(compression());

// ─── Security (issue 14): headers with a per-request CSP nonce, body limits before the body is read ───
app.use(cspNonce);
app.use(securityHeaders({ https: env.NODE_ENV === "production" || env.APP_URL.startsWith("https:"), developing }));
app.use(limitBodies);
// ─────────────────────────────────────────────────────────────────────────────────────────────────────

app.use((req, res, next) => {
  const refused = isCrossOriginMutation({
    method: req.method,
    headers: {
      origin: req.get("origin"),
      host: req.get("host"),
      "x-forwarded-host": req.get("x-forwarded-host"),
      "sec-fetch-site": req.get("sec-fetch-site"),
    },
    appUrl: env.APP_URL,
  });
  if (refused) {
    res.status(403).type("text/plain; charset=utf-8").send("Yêu cầu từ trang web khác bị từ chối.");
    return;
  }
  next();
});

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.use(admissionMiddleware(requestPolicy(env.DATABASE_POOL_SIZE)));
app.all(
  "*",
  createRequestHandler({
    build: developing ? loadBuild : await loadBuild(),
    getLoadContext: (req, res) => ({ clientIp: req.ip ?? "unknown", cspNonce: cspNonceOf(res) }),
  }),
);

const server = app.listen(env.PORT, env.HOST, async () => {
  console.log(`Thi đua – Khen thưởng đang chạy tại ${env.APP_URL}`);
  if (developing) broadcastDevReady(await loadBuild());
});

const stopJobs = env.JOBS === "true" ? startJobs() : () => {};

async function shutdown() {
  stopJobs();
  server.close();
  await db.close();
  process.exit(0);
}
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
