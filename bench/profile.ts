// Where a server's CPU goes under load: one more app server runs with `node --cpu-prof`, takes the load of one page
// (after a warm-up), then stops; the samples taken while the page was measured are attributed to the first library
// or app frame above them (Node's own frames — sockets, streams, buffers — count for the library that called them,
// and are shown as its "in Node internals" part).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runLoad } from "./load.ts";
import { startServer } from "./servers.ts";

export type ProfileCategory = { category: string; share: number; internalShare: number };
export type ProfileResults = {
  page: string;
  who: string;
  seconds: number;
  requests: number;
  perSecond: number;
  /** Share of the busy samples (idle excluded) in the measured window. */
  busyShare: number;
  categories: ProfileCategory[];
  /** Samples in the native socket writes (writev, write*String), whoever called them: database and HTTP alike. */
  socketWrites: number;
  /** The functions with the most samples of their own. */
  top: Array<{ name: string; category: string; share: number }>;
};

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

const CATEGORIES: Array<[string, RegExp]> = [
  ["pg driver (pg, pg-protocol, adapter-pg)", /\/node_modules\/(pg|pg-protocol|pg-pool|pg-types|pgpass|@prisma\/adapter-pg)\//],
  ["Prisma client (query compiler, result mapping)", /\/node_modules\/(@prisma|\.prisma)\/|\/app\/generated\/prisma\//],
  [
    "React rendering (react-dom, Remix and React Router components)",
    /\/node_modules\/(react-dom|react|scheduler|@remix-run\/react|react-router|react-router-dom)\//,
  ],
  [
    "Remix server (route matching, loaders, single-fetch data)",
    /\/node_modules\/(@remix-run\/(router|server-runtime|node|express)|turbo-stream|cookie-signature|cookie|set-cookie-parser)\//,
  ],
  [
    "Express and HTTP middleware",
    /\/node_modules\/(express|send|finalhandler|serve-static|body-parser|on-finished|qs|router|etag|fresh|mime|content-type|accepts|negotiator|type-is|raw-body|iconv-lite|depd|debug|parseurl|forwarded|proxy-addr|encodeurl|escape-html)\//,
  ],
  ["tsx (module loading)", /\/node_modules\/(tsx|esbuild|get-tsconfig)\//],
  ["app code (build/index.js: loaders, components)", /\/build\/index\.js|\/app\//],
];

function categoryOf(frame: CallFrame): string | null {
  const { url, functionName } = frame;
  if (functionName === "(garbage collector)") return "garbage collection";
  if (functionName === "(program)") return "V8 and native code (unattributed)";
  if (functionName === "(idle)") return "(idle)";
  if (!url || url.startsWith("node:")) return null;
  for (const [category, pattern] of CATEGORIES) if (pattern.test(url)) return category;
  const library = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
  return library ? `library: ${library}` : "other code";
}

export function attribute(
  profile: CpuProfile,
  fromMs: number,
  toMs: number,
): Omit<ProfileResults, "page" | "who" | "seconds" | "requests" | "perSecond"> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const categoryOfNode = new Map<number, { category: string; internal: boolean }>();
  const resolve = (id: number) => {
    const cached = categoryOfNode.get(id);
    if (cached) return cached;
    let current: number | undefined = id;
    let category: string | null = null;
    while (current !== undefined && category === null) {
      category = categoryOf(byId.get(current)!.callFrame);
      current = parent.get(current);
    }
    const result = {
      category: category ?? "Node internals (HTTP server, streams, timers)",
      internal: categoryOf(byId.get(id)!.callFrame) === null,
    };
    categoryOfNode.set(id, result);
    return result;
  };
  const totals = new Map<string, { samples: number; internal: number }>();
  const self = new Map<number, number>();
  let time = 0;
  let busy = 0;
  let all = 0;
  for (const [index, id] of profile.samples.entries()) {
    time += profile.timeDeltas[index]! / 1000;
    if (time < fromMs || time > toMs) continue;
    all++;
    const { category, internal } = resolve(id);
    if (category === "(idle)") continue;
    busy++;
    const total = totals.get(category) ?? { samples: 0, internal: 0 };
    total.samples++;
    if (internal) total.internal++;
    totals.set(category, total);
    self.set(id, (self.get(id) ?? 0) + 1);
  }
  const everything = [...totals]
    .map(([category, total]) => ({ category, share: total.samples / busy, internalShare: total.internal / busy }))
    .sort((a, b) => b.share - a.share);
  // Libraries under 1 % each are summed into one line.
  const small = everything.filter((c) => c.category.startsWith("library: ") && c.share < 0.01);
  const categories = everything.filter((c) => !small.includes(c));
  if (small.length > 0)
    categories.push({
      category: `other libraries, each under 1 % (${small.map((c) => c.category.slice(9)).join(", ")})`,
      share: small.reduce((sum, c) => sum + c.share, 0),
      internalShare: small.reduce((sum, c) => sum + c.internalShare, 0),
    });
  const selfByName = new Map<string, { samples: number; category: string }>();
  for (const [id, samples] of self) {
    const frame = byId.get(id)!.callFrame;
    const file = frame.url.replace(/^.*\/node_modules\//, "").replace(/^file:\/\/.*\/(build|app)\//, "$1/");
    const name = `${frame.functionName || "(anonymous)"} ${file ? `(${file}:${frame.lineNumber + 1})` : ""}`.trim();
    const category = resolve(id).category;
    const key = `${name}\u0000${category}`;
    const entry = selfByName.get(key) ?? { samples: 0, category };
    entry.samples += samples;
    selfByName.set(key, entry);
  }
  const top = [...selfByName]
    .map(([key, entry]) => ({ name: key.split("\u0000")[0]!, category: entry.category, share: entry.samples / busy }))
    .sort((a, b) => b.share - a.share)
    .slice(0, 12);
  const SOCKET_WRITES = new Set(["writev", "writeBuffer", "writeUtf8String", "writeLatin1String", "writeAsciiString", "writeUcs2String"]);
  const socketWrites =
    [...self].filter(([id]) => SOCKET_WRITES.has(byId.get(id)!.callFrame.functionName)).reduce((sum, [, n]) => sum + n, 0) / busy;
  return { busyShare: all ? busy / all : 0, categories, socketWrites, top };
}

export async function profilePage({
  env,
  page,
  who,
  cookie,
  seconds,
  concurrency,
  log,
}: {
  env: Record<string, string>;
  page: string;
  who: string;
  cookie: string;
  seconds: number;
  concurrency: number;
  log: (line: string) => void;
}): Promise<ProfileResults> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tdkt-bench-prof-"));
  const server = await startServer(env, { nodeArgs: ["--cpu-prof", "--cpu-prof-dir", dir, "--cpu-prof-interval", "500"] });
  try {
    const targets = [{ origin: server.url, path: page, headers: { Cookie: cookie } }];
    await runLoad(targets, { concurrency, warmupMs: 0, durationMs: 3000 });
    const from = performance.now() - server.startedAt;
    const load = await runLoad(targets, { concurrency, warmupMs: 0, durationMs: seconds * 1000 });
    const to = performance.now() - server.startedAt;
    await server.stop();
    const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
    if (!file) throw new Error(`no CPU profile written:\n${server.output()}`);
    const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
    const attributed = attribute(profile, from, to);
    log(
      `  ${page} as ${who}: ${load.perSecond.toFixed(0)} req/s on one server; busy ${(attributed.busyShare * 100).toFixed(0)} % of the samples: ` +
        attributed.categories
          .slice(0, 5)
          .map((c) => `${c.category.replace(/ \(.*/, "")} ${(c.share * 100).toFixed(0)} %`)
          .join(", "),
    );
    return { page, who, seconds, requests: load.requests, perSecond: load.perSecond, ...attributed };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
