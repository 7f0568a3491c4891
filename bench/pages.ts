// The pages under load: every scenario (the two baselines, the signed-in shell, the real pages) gets one slice per
// round, in turn, so that whatever else runs on the machine falls on all of them alike. Ratios are taken within a
// round and their median reported (bench/report.ts).
import { gzipSync } from "node:zlib";
import { MIN_SLICE_REQUESTS, combineLoad, runLoad, type LoadResult, type LoadTarget } from "./load.ts";
import type { Server } from "./servers.ts";

export type Scenario = {
  name: string;
  path: string;
  who: string;
  cookie: string;
  /** healthz and bare are the baselines; shell is the bare page signed in (root loader, no page data). */
  kind: "healthz" | "bare" | "shell" | "page";
};

export type SliceFigures = { perSecond: number; p50: number; p95: number; requests: number };

export type ScenarioResult = Scenario & {
  result: LoadResult;
  /** One per round. */
  slices: SliceFigures[];
  /** The body of one answer, as sent and gzipped (what compression would save). */
  bodyBytes: number;
  gzipBytes: number;
  /** The Content-Encoding the server answered a browser-like request with (null: sent as is). */
  encoding: string | null;
};

/** Asks for what a browser accepts, so that the servers compress as they would for a user. */
const BROWSER_HEADERS = { "Accept-Encoding": "gzip, deflate" };

export type PageSettings = { concurrency: number; warmupSeconds: number; durationSeconds: number; rounds: number };

/** Every scenario answers 200 on every server; the body of the first answer is kept for its sizes. */
export async function checkPages(
  servers: Server[],
  scenarios: Scenario[],
): Promise<Map<Scenario, { bytes: number; gzip: number; encoding: string | null }>> {
  const sizes = new Map<Scenario, { bytes: number; gzip: number; encoding: string | null }>();
  for (const scenario of scenarios) {
    for (const server of servers) {
      const response = await fetch(`${server.url}${scenario.path}`, {
        headers: { ...BROWSER_HEADERS, ...(scenario.cookie ? { Cookie: scenario.cookie } : {}) },
        redirect: "manual",
      });
      const body = Buffer.from(await response.arrayBuffer());
      if (response.status !== 200)
        throw new Error(
          `${scenario.path} answered ${response.status} on ${server.url}:\n${body.toString("utf8").slice(0, 500)}\n${server.output()}`,
        );
      // fetch decompresses the body; the header still says how it travelled.
      const encoding = response.headers.get("content-encoding");
      if (!sizes.has(scenario)) sizes.set(scenario, { bytes: body.length, gzip: gzipSync(body).length, encoding });
    }
  }
  return sizes;
}

export async function measurePages(
  servers: Server[],
  scenarios: Scenario[],
  settings: PageSettings,
  log: (line: string) => void,
): Promise<ScenarioResult[]> {
  const sizes = await checkPages(servers, scenarios);
  const slice = {
    concurrency: settings.concurrency,
    warmupMs: settings.warmupSeconds * 1000,
    durationMs: (settings.durationSeconds * 1000) / settings.rounds,
  };
  const targetsOf = (scenario: Scenario): LoadTarget[] =>
    servers.map((server) => ({
      origin: server.url,
      path: scenario.path,
      headers: { ...BROWSER_HEADERS, ...(scenario.cookie ? { Cookie: scenario.cookie } : {}) },
    }));

  // Servers fresh from start-up are still compiling (V8, tsx, Prisma's query plans): one pass over everything first.
  log("Warming up the servers …");
  for (const scenario of scenarios)
    await runLoad(targetsOf(scenario), { ...slice, warmupMs: 0, durationMs: scenario.kind === "healthz" ? 3000 : 1000 });

  log(
    `Measuring ${scenarios.length} scenarios: ${settings.rounds} rounds × ${(slice.durationMs / 1000).toFixed(1)} s each ` +
      `(+${settings.warmupSeconds} s warm-up), ${settings.concurrency} requests in flight …`,
  );
  const slices: LoadResult[][] = scenarios.map(() => []);
  for (let round = 1; round <= settings.rounds; round++) {
    for (const [index, scenario] of scenarios.entries()) slices[index]!.push(await runLoad(targetsOf(scenario), slice));
    const figure = (kind: Scenario["kind"]) => {
      const index = scenarios.findIndex((scenario) => scenario.kind === kind);
      return index === -1 ? "–" : slices[index]![round - 1]!.perSecond.toFixed(0);
    };
    log(`  round ${round}: /healthz ${figure("healthz")} req/s, bare page ${figure("bare")} req/s`);
  }

  return scenarios.map((scenario, index) => {
    const result = combineLoad(slices[index]!);
    const starved = slices[index]!.map((s, round) => ({ s, round })).filter(({ s }) => s.requests < MIN_SLICE_REQUESTS);
    for (const { s, round } of starved)
      log(
        `  WARNING: ${scenario.path} (${scenario.who}) got ${s.requests} requests in round ${round + 1} (< ${MIN_SLICE_REQUESTS}): ` +
          `that round is left out of its ratios${starved.length === settings.rounds ? ", which are therefore invalid" : ""}.`,
      );
    log(
      `  ${`${scenario.path} ${scenario.who}`.padEnd(58)} ${result.perSecond.toFixed(0).padStart(6)} req/s  p50 ${result.p50.toFixed(1).padStart(6)} ms  ` +
        `p95 ${result.p95.toFixed(1).padStart(6)} ms` +
        (result.errors ? `  ${result.errors} errors (${result.firstError})` : ""),
    );
    const size = sizes.get(scenario)!;
    return {
      ...scenario,
      result,
      slices: slices[index]!.map((s) => ({ perSecond: s.perSecond, p50: s.p50, p95: s.p95, requests: s.requests })),
      bodyBytes: size.bytes,
      gzipBytes: size.gzip,
      encoding: size.encoding,
    };
  });
}
