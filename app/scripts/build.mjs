// `npm run build`: the Remix classic compiler as `remix build` runs it, with its esbuild contexts disposed
// before the process ends. `remix build` calls process.exit() with its contexts still open: the esbuild
// service (a Go child process) then waits for them forever, and when one of its keep-alive pings is still
// unanswered (the event loop was busy finishing the build) Go aborts with "fatal error: all goroutines are
// asleep - deadlock!" and a goroutine dump on the terminal. Disposed, the service exits on its own.
// To see the old failure: keep the event loop busy for ~2 s inside process.exit after `remix build` (no test: it is a race).
import esbuild from "esbuild";
import fse from "fs-extra";
import { create } from "@remix-run/dev/dist/compiler/compiler.js";
import { createFileWatchCache } from "@remix-run/dev/dist/compiler/fileWatchCache.js";
import { logThrown } from "@remix-run/dev/dist/compiler/utils/log.js";
import { readConfig } from "@remix-run/dev/dist/config.js";
import { logger } from "@remix-run/dev/dist/tux/logger.js";
import { serverBundle } from "./server-bundle.mjs";

const mode = process.env.NODE_ENV === "development" ? "development" : "production";
const start = Date.now();
logger.info(`building... (NODE_ENV=${mode})`);
const config = await readConfig(process.cwd());
fse.emptyDirSync(config.assetsBuildDirectory);
const compiler = await create({ config, options: { mode, sourcemap: false }, fileWatchCache: createFileWatchCache(), logger });
try {
  await compiler.compile();
  await buildServers();
  logger.info(`built (${((Date.now() - start) / 1000).toFixed(1)}s)`);
} catch (thrown) {
  logThrown(thrown);
  process.exitCode = 1;
} finally {
  await compiler.dispose();
}

/** The web server and the worker as plain JavaScript (build/server.mjs, build/worker.mjs): app/scripts/server-bundle.mjs. */
async function buildServers() {
  await esbuild.build(serverBundle({ server: "app/server.ts", worker: "app/scripts/worker.ts" }));
}
