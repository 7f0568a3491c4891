// The write path, by direct calls of the app's sendDossierEvent in this process on a pool of the servers' size:
// SUBMIT, ACCEPT_SCREENING and APPROVE on dossiers of many communes, against the floor of a bare optimistic-lock
// transaction (BEGIN; UPDATE … WHERE version = …; COMMIT) measured in the same run with the same pool and
// concurrency; a sample of the same three transitions repeated on the small database (the 100k/1k scaling);
// SUBMITs queued on one commune's audit chain; and a burst of concurrent approvals in one movement, counted by
// outcome (approved, refused by the quota, failed and how).
import pg from "pg";
import type { Actor } from "#machines/index.ts";
import { GENESIS_HASH, auditHash } from "~/models/audit.server.ts";
import { sendDossierEvent, type DossierCommand, type SendResult } from "~/models/dossier.server.ts";
import { useDatabase, type Database } from "~/utils/db.server.ts";
import type { capturingDatabase } from "./explain.ts";
import { MIN_P99_SAMPLES, percentile, runConcurrently } from "./load.ts";
import { ids } from "./province.ts";

/** Below this many operations a run's p95 is not reported as a figure (it is a single sample or two). */
export const MIN_WRITE_SAMPLES = 20;

export type WriteRun = {
  name: string;
  operations: number;
  concurrency: number;
  /** Operations that succeeded, per second. */
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  failed: number;
  /** Failures grouped by their message (ids blanked), most frequent first. */
  failures: Array<{ message: string; count: number }>;
};

export type Burst = {
  name: string;
  calls: number;
  seconds: number;
  /** Milliseconds until the median and the slowest call answered (Prisma gives up waiting for a connection after 2 s). */
  p50: number;
  max: number;
  /** Outcomes grouped: "approved", "refused: …" (an answer of the app), "error: …" (an exception, a 500 for a user). */
  outcomes: Array<{ outcome: string; count: number }>;
  /** The invariant checked afterwards, and whether it held. */
  check: string;
  held: boolean;
};

export type ScalingSample = { database: string; dossiers: number; communes: number; runs: WriteRun[] };

export type WriteResults = {
  baseline: WriteRun;
  prismaBaseline: WriteRun;
  runs: WriteRun[];
  /** SQL statements one call sends inside its transaction (BEGIN and COMMIT not counted). */
  statements: Record<string, number>;
  scaling: ScalingSample[];
  approvals: Burst | null;
  chainsChecked: number;
  chainRows: number;
  chainProblem: string | null;
};

/** Runs one SQL statement: a pg client's or the embedded database's. */
export type Query = <T>(sql: string, params: unknown[]) => Promise<T[]>;
export const pgQuery =
  (client: pg.Client): Query =>
  async <T>(sql: string, params: unknown[]) =>
    (await client.query(sql, params)).rows as T[];

type Draft = { id: string; version: number; unitId: string; communeId: string; official: string; officialName: string };
type Passed = { id: string; version: number; communeId: string; chairman: string; chairmanName: string };
export type Accepting = Draft & { secretary: string; secretaryName: string };

/** Drafts whose documents, signed scan and figures are complete (SUBMIT goes through), with who submits and screens them. */
export async function readyDrafts(query: Query, communeId?: string, limit = 1_000_000): Promise<Accepting[]> {
  return query<Accepting>(
    `SELECT d.id, d.version, d."unitId", m."unitId" AS "communeId",
            o."userId" AS official, ou."fullName" AS "officialName", s."userId" AS secretary, su."fullName" AS "secretaryName"
       FROM "Dossier" d
       JOIN "Movement" m ON m.id = d."movementId"
       JOIN "RoleAssignment" o ON o."unitId" = d."unitId" AND o.role = 'official'
       JOIN "User" ou ON ou.id = o."userId"
       JOIN "RoleAssignment" s ON s."unitId" = m."unitId" AND s.role = 'secretary'
       JOIN "User" su ON su.id = s."userId"
      WHERE d.state = 'draft' AND ($1::text IS NULL OR m."unitId" = $1)
        AND (SELECT count(*) FROM "DossierDocument" dd WHERE dd."dossierId" = d.id AND dd."completedAt" IS NOT NULL) = 3
      ORDER BY m."unitId", d.id LIMIT $2`,
    [communeId ?? null, limit],
  );
}

/** Dossiers the council passed, with the chairman who approves them. */
async function passedDossiers(client: pg.Client, communeId?: string, limit = 1_000_000): Promise<Passed[]> {
  const { rows } = await client.query<Passed>(
    `SELECT d.id, d.version, m."unitId" AS "communeId", c."userId" AS chairman, cu."fullName" AS "chairmanName"
       FROM "Dossier" d
       JOIN "Movement" m ON m.id = d."movementId"
       JOIN "RoleAssignment" c ON c."unitId" = m."unitId" AND c.role = 'chairman'
       JOIN "User" cu ON cu.id = c."userId"
      WHERE d.state = 'council_passed' AND ($1::text IS NULL OR m."unitId" = $1)
      ORDER BY m."unitId", d.id LIMIT $2`,
    [communeId ?? null, limit],
  );
  return rows;
}

const actor = (userId: string, name: string, role: "official" | "secretary" | "chairman", unitId: string): Actor => ({
  userId,
  name,
  grants: [{ role, unitId }],
  delegatedMovementIds: [],
});

export const submit = (row: Draft) =>
  sendDossierEvent({
    dossierId: row.id,
    actor: actor(row.official, row.officialName, "official", row.unitId),
    command: { type: "SUBMIT" },
    expectedVersion: row.version,
  });
export const accept = (row: Accepting) =>
  sendDossierEvent({
    dossierId: row.id,
    actor: actor(row.secretary, row.secretaryName, "secretary", row.communeId),
    command: { type: "ACCEPT_SCREENING" } satisfies DossierCommand,
    expectedVersion: row.version + 1,
  });
const approve = (row: Passed) =>
  sendDossierEvent({
    dossierId: row.id,
    actor: actor(row.chairman, row.chairmanName, "chairman", row.communeId),
    command: { type: "APPROVE" },
    expectedVersion: row.version,
  });

/** An error or refusal as one line, ids blanked, so that alike failures group. */
export function failureText(failure: unknown): string {
  const text =
    failure && typeof failure === "object" && "ok" in failure
      ? `${(failure as unknown as { status: number }).status} ${(failure as unknown as { message: string }).message}`
      : failure instanceof Error
        ? `${failure.constructor.name}: ${failure.message}`
        : String(failure);
  const line =
    text
      .split("\n")
      .map((part) => part.trim())
      .filter(Boolean)
      .find((part) => !/^Invalid `.*` invocation/.test(part)) ?? text;
  return line
    .replace(/\bc[0-9a-z]{24}\b/g, "…")
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "…")
    .slice(0, 160);
}

export function groupCounts(texts: string[]): Array<{ message: string; count: number }> {
  const counts = new Map<string, number>();
  for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
  return [...counts].map(([message, count]) => ({ message, count })).sort((a, b) => b.count - a.count);
}

export function summary(
  name: string,
  concurrency: number,
  run: Awaited<ReturnType<typeof runConcurrently<unknown, SendResult | void | unknown>>>,
): WriteRun {
  const refused = run.results.filter((result) => Boolean(result && typeof result === "object" && "ok" in result && !result.ok));
  const failures = [...refused, ...run.failures].map(failureText);
  return {
    name,
    operations: run.latencies.length,
    concurrency,
    // Throughput counts what succeeded: a refusal or an error is not work done.
    perSecond: (run.latencies.length - failures.length) / run.seconds,
    p50: percentile(run.latencies, 50),
    p95: percentile(run.latencies, 95),
    p99: run.latencies.length >= MIN_P99_SAMPLES ? percentile(run.latencies, 99) : NaN,
    failed: failures.length,
    failures: groupCounts(failures),
  };
}

function logRun(log: (line: string) => void, run: WriteRun) {
  log(
    `  ${run.name.padEnd(62)} ${run.perSecond.toFixed(0).padStart(6)}/s  p50 ${run.p50.toFixed(1)} ms  p95 ${run.p95.toFixed(1)} ms  failed ${run.failed}` +
      (run.failures[0] ? ` (${run.failures[0].message})` : ""),
  );
}

/** The communes (commune 1 excluded: its pages are measured) with a ready draft and a passed dossier. */
function communesWithBoth(drafts: Accepting[], passed: Passed[]): string[] {
  const withPassed = new Set(passed.map((row) => row.communeId));
  return [...new Set(drafts.map((row) => row.communeId))].filter((id) => id !== ids.commune(1) && withPassed.has(id)).sort();
}

type RawRun = Awaited<ReturnType<typeof runConcurrently<unknown, SendResult>>>;

/** SUBMIT, then ACCEPT_SCREENING of the same dossiers, then APPROVE: one dossier per commune of `communes`. */
async function transitionRaw(communes: string[], drafts: Accepting[], passed: Passed[], concurrency: number): Promise<RawRun[]> {
  const wanted = new Set(communes);
  const firstOf = <T extends { communeId: string }>(rows: T[]) => {
    const seen = new Set<string>();
    return rows.filter((row) => wanted.has(row.communeId) && !seen.has(row.communeId) && seen.add(row.communeId));
  };
  const toSubmit = firstOf(drafts);
  return [
    await runConcurrently(toSubmit, concurrency, submit),
    await runConcurrently(toSubmit, concurrency, accept),
    await runConcurrently(firstOf(passed), concurrency, approve),
  ];
}

/** Two runs of the same operation as one (their latencies together, their times added). */
function mergeRuns(a: RawRun, b: RawRun): RawRun {
  return {
    seconds: a.seconds + b.seconds,
    latencies: [...a.latencies, ...b.latencies].sort((x, y) => x - y),
    results: [...a.results, ...b.results],
    failures: [...a.failures, ...b.failures],
  };
}

const TRANSITIONS = ["SUBMIT", "ACCEPT_SCREENING", "APPROVE"] as const;

export async function measureWrites({
  db,
  url,
  small,
  operations,
  concurrency,
  poolSize,
  scalingSample,
  approvalsBurst,
  capture,
  log,
}: {
  db: Database;
  url: string;
  /** The small database (same generator, ~1,000 dossiers) for the scaling sample; null skips it. */
  small: { db: Database; url: string; dossiers: number; communes: number } | null;
  operations: number;
  concurrency: number;
  poolSize: number;
  /** Communes in the scaling sample (one dossier each per transition). */
  scalingSample: number;
  /** Concurrent approvals in one movement (0 skips the burst). */
  approvalsBurst: number;
  /** A logging client, to count the statements of one call. */
  capture?: ReturnType<typeof capturingDatabase>;
  log: (line: string) => void;
}): Promise<WriteResults> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const smallClient = small ? new pg.Client({ connectionString: small.url }) : null;
  await smallClient?.connect();
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const runs: WriteRun[] = [];
  try {
    const drafts = await readyDrafts(pgQuery(client));
    const passed = await passedDossiers(client);
    const both = communesWithBoth(drafts, passed);
    const smallDrafts = smallClient ? await readyDrafts(pgQuery(smallClient)) : [];
    const smallPassed = smallClient ? await passedDossiers(smallClient) : [];
    const smallBoth = communesWithBoth(smallDrafts, smallPassed);

    // Communes: a few for warming up, the scaling sample (the same count on both databases), the rest for the main runs.
    const WARMUP = Math.min(20, Math.floor(both.length / 5));
    const SMALL_WARMUP = 5;
    const sampleSize = small
      ? Math.max(0, Math.min(scalingSample, Math.floor((both.length - WARMUP) / 2), smallBoth.length - SMALL_WARMUP))
      : 0;
    const warmupCommunes = both.slice(0, WARMUP);
    const sampleCommunes = both.slice(WARMUP, WARMUP + sampleSize);
    const mainCommunes = new Set(both.slice(WARMUP + sampleSize));
    const mainDrafts = drafts.filter(
      (row) => mainCommunes.has(row.communeId) || (!both.includes(row.communeId) && row.communeId !== ids.commune(1)),
    );
    // Spread over the communes: the k-th ready draft of every commune before the (k+1)-th of any.
    const rank = new Map<string, number>();
    const spread = mainDrafts
      .map((row) => ({ row, k: rank.set(row.communeId, (rank.get(row.communeId) ?? 0) + 1).get(row.communeId)! }))
      .sort((a, b) => a.k - b.k || (a.row.communeId < b.row.communeId ? -1 : 1))
      .map(({ row }) => row)
      .slice(0, operations);
    const approvals = passed.filter((row, index) => mainCommunes.has(row.communeId) && passed[index - 1]?.communeId !== row.communeId);
    const approveRows = approvals.slice(0, operations);
    log(
      `  ${spread.length} SUBMIT/ACCEPT in ${new Set(spread.map((row) => row.communeId)).size} communes, ${approveRows.length} APPROVE (one per commune), ` +
        `scaling sample ${sampleSize} communes, concurrency ${concurrency}, pool ${poolSize}`,
    );

    // One call of each on a logging client: how many statements a transition sends.
    const statements: Record<string, number> = {};
    const [probeCommune, ...warmupRest] = warmupCommunes;
    if (capture && probeCommune) {
      const draft = drafts.find((row) => row.communeId === probeCommune)!;
      const pass = passed.find((row) => row.communeId === probeCommune)!;
      useDatabase(capture.db);
      try {
        capture.take();
        for (const [name, call] of [
          ["SUBMIT", () => submit(draft)],
          ["ACCEPT_SCREENING", () => accept(draft)],
          ["APPROVE", () => approve(pass)],
        ] as const) {
          const result = await call();
          if (!result.ok) throw new Error(`${name} refused: ${result.message}`);
          statements[name] = capture.take().filter((query) => !/^\s*(BEGIN|COMMIT|ROLLBACK)\b/i.test(query.sql)).length;
        }
      } finally {
        useDatabase(db);
      }
    }
    // Warm-up (JIT, prepared statements, pool): not measured.
    await transitionRaw(warmupRest, drafts, passed, concurrency);

    // The floor: the optimistic-lock UPDATE alone, in its own transaction, on other dossiers (screened ones).
    const { rows: others } = await client.query<{ id: string; version: number }>(
      `SELECT id, version FROM "Dossier" WHERE state = 'screened' ORDER BY id LIMIT $1`,
      [Math.max(operations, 200)],
    );
    const bare = await runConcurrently(others, concurrency, async (row) => {
      const connection = await pool.connect();
      try {
        await connection.query("BEGIN");
        const result = await connection.query(
          `UPDATE "Dossier" SET version = version + 1, "updatedAt" = now() WHERE id = $1 AND version = $2`,
          [row.id, row.version],
        );
        await connection.query("COMMIT");
        if (result.rowCount !== 1) throw new Error("version moved");
      } catch (error) {
        await connection.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        connection.release();
      }
    });
    const baseline = summary("baseline: BEGIN; UPDATE … WHERE version = $2; COMMIT (pg)", concurrency, bare);
    const prismaBaseline = summary(
      "same UPDATE in prisma.$transaction (interactive)",
      concurrency,
      await runConcurrently(others, concurrency, (row) =>
        db.prisma.$transaction(async (tx) => {
          const count =
            await tx.$executeRaw`UPDATE "Dossier" SET version = version + 1, "updatedAt" = now() WHERE id = ${row.id} AND version = ${row.version + 1}`;
          if (count !== 1) throw new Error("version moved");
        }),
      ),
    );
    logRun(log, baseline);
    logRun(log, prismaBaseline);

    const spreadCommunes = new Set(spread.map((row) => row.communeId)).size;
    runs.push(summary(`SUBMIT, ${spreadCommunes} communes`, concurrency, await runConcurrently(spread, concurrency, submit)));
    runs.push(summary(`ACCEPT_SCREENING, ${spreadCommunes} communes`, concurrency, await runConcurrently(spread, concurrency, accept)));
    runs.push(summary(`APPROVE, ${approveRows.length} communes`, concurrency, await runConcurrently(approveRows, concurrency, approve)));
    // All in one commune: every transition appends to the commune's audit chain under its row lock, so they queue.
    const one = await readyDrafts(pgQuery(client), ids.commune(1), Math.min(200, operations));
    if (one.length > 0) runs.push(summary(`SUBMIT, all in 1 commune`, concurrency, await runConcurrently(one, concurrency, submit)));
    for (const run of runs) logRun(log, run);

    // The same transitions, same count and concurrency, one dossier per commune, on both databases.
    const scaling: ScalingSample[] = [];
    if (small && sampleSize > 0) {
      const [dossiers, communes] = (
        await client.query<{ d: string; c: string }>(
          `SELECT (SELECT count(*) FROM "Dossier") AS d, (SELECT count(*) FROM "OrgUnit" WHERE kind = 'commune') AS c`,
        )
      ).rows.map((row): [number, number] => [Number(row.d), Number(row.c)])[0]!;
      // In chunks, alternating A B B A A B B A (A the province, B the small database), so that a change in the
      // machine's load during the sample falls on both databases alike.
      const CHUNKS = 4;
      const size = Math.ceil(sampleSize / CHUNKS);
      const smallSample = smallBoth.slice(SMALL_WARMUP, SMALL_WARMUP + sampleSize);
      const onSmall = async <T>(work: () => Promise<T>) => {
        useDatabase(small.db);
        try {
          return await work();
        } finally {
          useDatabase(db);
        }
      };
      await onSmall(() => transitionRaw(smallBoth.slice(0, SMALL_WARMUP), smallDrafts, smallPassed, concurrency)); // warm-up
      const runsA: RawRun[][] = [];
      const runsB: RawRun[][] = [];
      for (let chunk = 0; chunk < CHUNKS; chunk++) {
        const a = () => transitionRaw(sampleCommunes.slice(chunk * size, (chunk + 1) * size), drafts, passed, concurrency);
        const b = () =>
          onSmall(() => transitionRaw(smallSample.slice(chunk * size, (chunk + 1) * size), smallDrafts, smallPassed, concurrency));
        if (chunk % 2 === 0) {
          runsA.push(await a());
          runsB.push(await b());
        } else {
          runsB.push(await b());
          runsA.push(await a());
        }
      }
      const merged = (chunks: RawRun[][]) =>
        TRANSITIONS.map((name, index) =>
          summary(`${name}, ${sampleSize} communes`, concurrency, chunks.map((runs) => runs[index]!).reduce(mergeRuns)),
        );
      scaling.push({ database: "province", dossiers, communes, runs: merged(runsA) });
      scaling.push({ database: "small", dossiers: small.dossiers, communes: small.communes, runs: merged(runsB) });
      for (const sample of scaling)
        for (const run of sample.runs) logRun(log, { ...run, name: `${run.name} (${sample.dossiers} dossiers)` });
    }

    const approvalBurst = approvalsBurst > 0 ? await approvalsInOneMovement(client, approvalsBurst, log) : null;

    // The chains the writes appended to must still verify: numbering without gaps, every hash linking.
    const touched = [...new Set([ids.commune(1), ...spread.slice(0, 20).map((row) => row.communeId)])];
    const check = await checkChains(client, touched);
    return { baseline, prismaBaseline, runs, statements, scaling, approvals: approvalBurst, chainsChecked: touched.length, ...check };
  } finally {
    await pool.end();
    await client.end();
    await smallClient?.end();
  }
}

/**
 * `count` approvals of passed dossiers of the measured commune's movement, all sent at once: they queue on the
 * movement's row lock (the quota), each holding a pooled connection while it waits. Counted by outcome; afterwards
 * the quota must hold (never more approved than the movement allows, per kind).
 */
async function approvalsInOneMovement(client: pg.Client, count: number, log: (line: string) => void): Promise<Burst> {
  const rows = await passedDossiers(client, ids.commune(1), count);
  const started = performance.now();
  const latencies: number[] = [];
  const settled = await Promise.allSettled(rows.map((row) => approve(row).finally(() => latencies.push(performance.now() - started))));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const outcomes = groupCounts(
    settled.map((result) =>
      result.status === "rejected"
        ? `error: ${failureText(result.reason)}`
        : result.value.ok
          ? "approved"
          : `refused: ${failureText(result.value)}`,
    ),
  ).map(({ message, count: n }) => ({ outcome: message, count: n }));
  const { rows: quota } = await client.query<{ kind: string; taken: string; max: number }>(
    `SELECT q."nomineeKind"::text AS kind, q."maxAwards" AS max,
            (SELECT count(*) FROM "Dossier" d WHERE d."movementId" = q."movementId" AND d.kind = q."nomineeKind"
                AND d.state IN ('approved', 'awarded', 'forwarded')) AS taken
       FROM "MovementQuota" q WHERE q."movementId" = $1 ORDER BY 1`,
    [ids.movement(1)],
  );
  const held = quota.every((row) => Number(row.taken) <= row.max);
  const burst: Burst = {
    name: `${rows.length} concurrent APPROVE in one movement (quota ${quota.map((row) => `${row.kind} ${row.max}`).join(", ")})`,
    calls: rows.length,
    seconds,
    p50: percentile(latencies, 50),
    max: latencies[latencies.length - 1] ?? NaN,
    outcomes,
    check: `places taken afterwards: ${quota.map((row) => `${row.kind} ${row.taken}/${row.max}`).join(", ")}`,
    held,
  };
  log(`  ${burst.name}: ${outcomes.map((o) => `${o.count} ${o.outcome}`).join("; ")}; quota ${held ? "held" : "EXCEEDED"}`);
  return burst;
}

async function checkChains(client: pg.Client, chainIds: string[]): Promise<{ chainRows: number; chainProblem: string | null }> {
  let chainRows = 0;
  for (const chainId of chainIds) {
    const { rows } = await client.query(
      `SELECT id, "chainId", seq, to_char("createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, "actorId", "actorName", action, "entityType", "entityId",
              "fromState", "toState", reason, data, "prevHash", hash
         FROM "AuditEvent" WHERE "chainId" = $1 ORDER BY seq`,
      [chainId],
    );
    let prevHash = GENESIS_HASH;
    for (const [index, row] of rows.entries()) {
      const problem = (text: string) => ({ chainRows, chainProblem: `chain ${chainId}, seq ${row.seq}: ${text}` });
      if (row.seq !== index + 1) return problem(`expected seq ${index + 1}`);
      if (row.prevHash !== prevHash) return problem("prevHash does not link");
      const hash = auditHash({ ...row, createdAt: new Date(row.at), data: row.data });
      if (hash !== row.hash) return problem("hash does not match the content");
      prevHash = row.hash;
      chainRows++;
    }
    const head = await client.query<{ seq: number; lastHash: string }>(`SELECT seq, "lastHash" FROM "AuditChain" WHERE id = $1`, [chainId]);
    if (head.rows[0]?.seq !== rows.length || head.rows[0]?.lastHash !== prevHash) {
      return { chainRows, chainProblem: `chain ${chainId}: head does not match its last row` };
    }
  }
  return { chainRows, chainProblem: null };
}
