// A small closed-loop load generator: a fixed number of connections, each sending its next request as
// soon as the previous answer has been read, spread round-robin over the app servers like a load balancer.
import http from "node:http";

export type LoadTarget = { origin: string; path: string; headers?: Record<string, string> };

export type LoadOptions = {
  /** Requests in flight at any time (connections), shared out over the servers. */
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  expectStatus?: number;
};

/**
 * A measured slice with fewer requests than this says nothing about its rate: the page (or the machine) was
 * starved during it. Its figures are reported as invalid, with a warning, instead of a ratio such as "Infinity".
 */
export const MIN_SLICE_REQUESTS = 30;
/** Percentiles above p95 need this many samples to mean anything; below it they are not reported. */
export const MIN_P99_SAMPLES = 100;

export type LoadResult = {
  requests: number;
  perSecond: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  /** Answers with another status than expected, or failed connections (during the measured window). */
  errors: number;
  firstError: string | null;
  /** Mean size of an answer's body. */
  bytes: number;
  /** Every measured latency, sorted (to combine runs). */
  latencies: number[];
  durationMs: number;
};

/** Latency percentile (nearest rank) of sorted milliseconds. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export async function runLoad(
  targets: LoadTarget[],
  { concurrency, warmupMs, durationMs, expectStatus = 200 }: LoadOptions,
): Promise<LoadResult> {
  if (targets.length === 0) throw new Error("no target");
  const agents = new Map(targets.map((target) => [target.origin, new http.Agent({ keepAlive: true, maxSockets: concurrency })]));
  const started = performance.now();
  const windowStart = started + warmupMs;
  const windowEnd = windowStart + durationMs;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let bytes = 0;

  const once = (target: LoadTarget) =>
    new Promise<{ status: number; bytes: number }>((resolve, reject) => {
      const request = http.request(
        `${target.origin}${target.path}`,
        { agent: agents.get(target.origin), headers: target.headers },
        (response) => {
          let size = 0;
          response.on("data", (chunk: Buffer) => (size += chunk.length));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, bytes: size }));
          response.on("error", reject);
        },
      );
      request.on("error", reject);
      request.end();
    });

  const worker = async (index: number) => {
    const target = targets[index % targets.length]!;
    while (performance.now() < windowEnd) {
      const begin = performance.now();
      let problem: string | null = null;
      let size = 0;
      try {
        const answer = await once(target);
        size = answer.bytes;
        if (answer.status !== expectStatus) problem = `${target.path}: HTTP ${answer.status}`;
      } catch (error) {
        problem = `${target.path}: ${(error as Error).message}`;
      }
      const end = performance.now();
      // Only requests wholly inside the window count: the warm-up and the tail are left out.
      if (begin >= windowStart && end <= windowEnd) {
        latencies.push(end - begin);
        bytes += size;
        if (problem) {
          errors++;
          firstError ??= problem;
        }
      }
      if (problem && begin < windowStart) firstError ??= problem;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, index) => worker(index)));
  for (const agent of agents.values()) agent.destroy();
  bytes = latencies.length ? bytes / latencies.length : 0;

  return summarise(latencies, durationMs, errors, firstError, bytes);
}

function summarise(latencies: number[], durationMs: number, errors: number, firstError: string | null, bytes: number): LoadResult {
  latencies.sort((a, b) => a - b);
  const total = latencies.reduce((sum, value) => sum + value, 0);
  return {
    requests: latencies.length,
    perSecond: latencies.length / (durationMs / 1000),
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p95: percentile(latencies, 95),
    p99: latencies.length >= MIN_P99_SAMPLES ? percentile(latencies, 99) : NaN,
    mean: latencies.length ? total / latencies.length : NaN,
    max: latencies.length ? latencies[latencies.length - 1]! : NaN,
    errors,
    firstError,
    bytes,
    latencies,
    durationMs,
  };
}

/** Several measured slices of one page as one result (rounds interleave the pages, so that noise is shared out). */
export function combineLoad(slices: LoadResult[]): LoadResult {
  const requests = slices.reduce((sum, slice) => sum + slice.requests, 0);
  return summarise(
    slices.flatMap((slice) => slice.latencies),
    slices.reduce((sum, slice) => sum + slice.durationMs, 0),
    slices.reduce((sum, slice) => sum + slice.errors, 0),
    slices.find((slice) => slice.firstError)?.firstError ?? null,
    requests ? slices.reduce((sum, slice) => sum + slice.bytes * slice.requests, 0) / requests : 0,
  );
}

/** Runs `task` over `items` with at most `concurrency` at a time; per item: milliseconds and the task's answer. */
export async function runConcurrently<T, R>(
  items: T[],
  concurrency: number,
  task: (item: T) => Promise<R>,
): Promise<{ seconds: number; latencies: number[]; results: R[]; failures: unknown[] }> {
  const latencies: number[] = [];
  const results: R[] = [];
  const failures: unknown[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        const begin = performance.now();
        try {
          results.push(await task(item));
        } catch (error) {
          failures.push(error);
        }
        latencies.push(performance.now() - begin);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { seconds: (performance.now() - started) / 1000, latencies, results, failures };
}
