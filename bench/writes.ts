// The write path: concurrent sendDossierEvent calls (SUBMIT, then ACCEPT_SCREENING) on dossiers of many
// communes, against the floor of a bare optimistic-lock transaction (BEGIN; UPDATE … WHERE version = …; COMMIT)
// measured in the same run with the same pool size and concurrency.
import pg from "pg";
import type { Actor } from "#machines/index.ts";
import { GENESIS_HASH, auditHash } from "~/models/audit.server.ts";
import { sendDossierEvent, type DossierCommand, type SendResult } from "~/models/dossier.server.ts";
import { useDatabase, type Database } from "~/utils/db.server.ts";
import type { capturingDatabase } from "./explain.ts";
import { percentile, runConcurrently } from "./load.ts";
import { ids } from "./province.ts";

export type WriteRun = {
  name: string;
  operations: number;
  concurrency: number;
  perSecond: number;
  p50: number;
  p99: number;
  failed: number;
  firstFailure: string | null;
};

export type WriteResults = {
  runs: WriteRun[];
  /** SQL statements one call sends inside its transaction (BEGIN and COMMIT not counted). */
  statements: Record<string, number>;
  chainsChecked: number;
  chainRows: number;
  chainProblem: string | null;
};

type Row = {
  id: string;
  version: number;
  unitId: string;
  communeId: string;
  official: string;
  officialName: string;
  secretary: string;
  secretaryName: string;
};

/** Drafts whose documents, signed scan and figures are complete: SUBMIT goes through. At most `perCommune` from each commune. */
async function readyDrafts(
  client: pg.Client,
  { limit, perCommune, communeId }: { limit: number; perCommune: number; communeId?: string },
): Promise<Row[]> {
  const { rows } = await client.query<Row>(
    `SELECT id, version, "unitId", "communeId", official, "officialName", secretary, "secretaryName" FROM (
       SELECT d.id, d.version, d."unitId", m."unitId" AS "communeId",
              o."userId" AS official, ou."fullName" AS "officialName", s."userId" AS secretary, su."fullName" AS "secretaryName",
              row_number() OVER (PARTITION BY m."unitId" ORDER BY d.id) AS k
         FROM "Dossier" d
         JOIN "Movement" m ON m.id = d."movementId"
         JOIN "RoleAssignment" o ON o."unitId" = d."unitId" AND o.role = 'official'
         JOIN "User" ou ON ou.id = o."userId"
         JOIN "RoleAssignment" s ON s."unitId" = m."unitId" AND s.role = 'secretary'
         JOIN "User" su ON su.id = s."userId"
        WHERE d.state = 'draft' AND ($3::text IS NULL OR m."unitId" = $3)
          AND (SELECT count(*) FROM "DossierDocument" dd WHERE dd."dossierId" = d.id AND dd."completedAt" IS NOT NULL) = 3
     ) AS ready
     WHERE k <= $2 ORDER BY k, "communeId" LIMIT $1`,
    [limit, perCommune, communeId ?? null],
  );
  return rows;
}

const actor = (userId: string, name: string, role: "official" | "secretary", unitId: string): Actor => ({
  userId,
  name,
  grants: [{ role, unitId }],
  delegatedMovementIds: [],
});

function summary(
  name: string,
  concurrency: number,
  run: Awaited<ReturnType<typeof runConcurrently<unknown, SendResult | void>>>,
): WriteRun {
  const refused = run.results.filter((result): result is Extract<SendResult, { ok: false }> => Boolean(result && !result.ok));
  const failures = [...refused.map((result) => `${result.status} ${result.message}`), ...run.failures.map((error) => String(error))];
  return {
    name,
    operations: run.latencies.length,
    concurrency,
    perSecond: run.latencies.length / run.seconds,
    p50: percentile(run.latencies, 50),
    p99: percentile(run.latencies, 99),
    failed: failures.length,
    firstFailure: failures[0] ?? null,
  };
}

export async function measureWrites({
  db,
  url,
  operations,
  concurrency,
  poolSize,
  capture,
  log,
}: {
  db: Database;
  url: string;
  operations: number;
  concurrency: number;
  poolSize: number;
  /** A logging client, to count the statements of one call. */
  capture?: ReturnType<typeof capturingDatabase>;
  log: (line: string) => void;
}): Promise<WriteResults> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const runs: WriteRun[] = [];
  try {
    const communes = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Movement"`)).rows[0]!.n);
    const perCommune = Math.ceil((operations + 100) / communes) + 1;
    // Commune 1 is kept for the one-commune run below.
    const all = (await readyDrafts(client, { limit: operations + 100 + perCommune * 2, perCommune })).filter(
      (row) => row.communeId !== ids.commune(1),
    );
    if (all.length < operations + 40) throw new Error(`only ${all.length} ready drafts for ${operations} writes`);
    const warmup = all.slice(operations, operations + 40);
    const rows = all.slice(0, operations);
    const spread = new Set(rows.map((row) => row.communeId)).size;
    log(`  ${rows.length} dossiers in ${spread} communes, concurrency ${concurrency}, pool ${poolSize}`);

    const submit = (row: Row) =>
      sendDossierEvent({
        dossierId: row.id,
        actor: actor(row.official, row.officialName, "official", row.unitId),
        command: { type: "SUBMIT" },
        expectedVersion: row.version,
      });
    const accept = (row: Row) =>
      sendDossierEvent({
        dossierId: row.id,
        actor: actor(row.secretary, row.secretaryName, "secretary", row.communeId),
        command: { type: "ACCEPT_SCREENING" } satisfies DossierCommand,
        expectedVersion: row.version + 1,
      });

    // One call of each on a logging client: how many statements a transition sends.
    const statements: Record<string, number> = {};
    if (capture) {
      const [first] = warmup.splice(0, 1);
      useDatabase(capture.db);
      try {
        capture.take();
        for (const [name, call] of [
          ["SUBMIT", submit],
          ["ACCEPT_SCREENING", accept],
        ] as const) {
          const result = await call(first!);
          if (!result.ok) throw new Error(`${name} refused: ${result.message}`);
          statements[name] = capture.take().filter((query) => !/^\s*(BEGIN|COMMIT|ROLLBACK)\b/i.test(query.sql)).length;
        }
      } finally {
        useDatabase(db);
      }
    }

    // Warm-up (JIT, prepared statements, pool): not measured.
    await runConcurrently(warmup, concurrency, submit);
    await runConcurrently(warmup, concurrency, accept);

    // The floor: the optimistic-lock UPDATE alone, in its own transaction, on other dossiers (screened ones).
    const { rows: others } = await client.query<{ id: string; version: number }>(
      `SELECT id, version FROM "Dossier" WHERE state = 'screened' ORDER BY id LIMIT $1`,
      [operations],
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
    runs.push(summary("baseline: BEGIN; UPDATE … WHERE version = $2; COMMIT (pg)", concurrency, bare));
    const viaPrisma = await runConcurrently(others, concurrency, (row) =>
      db.prisma.$transaction(async (tx) => {
        const count =
          await tx.$executeRaw`UPDATE "Dossier" SET version = version + 1, "updatedAt" = now() WHERE id = ${row.id} AND version = ${row.version + 1}`;
        if (count !== 1) throw new Error("version moved");
      }),
    );
    runs.push(summary("same UPDATE in prisma.$transaction (interactive)", concurrency, viaPrisma));

    runs.push(summary(`sendDossierEvent SUBMIT, ${spread} communes`, concurrency, await runConcurrently(rows, concurrency, submit)));
    runs.push(
      summary(`sendDossierEvent ACCEPT_SCREENING, ${spread} communes`, concurrency, await runConcurrently(rows, concurrency, accept)),
    );

    // All in one commune: every transition appends to the commune's audit chain under its row lock, so they queue.
    const one = await readyDrafts(client, { limit: Math.min(200, operations), perCommune: 100_000, communeId: ids.commune(1) });
    if (one.length > 0) {
      runs.push(summary(`sendDossierEvent SUBMIT, all in 1 commune`, concurrency, await runConcurrently(one, concurrency, submit)));
    }
    for (const run of runs)
      log(
        `  ${run.name.padEnd(60)} ${run.perSecond.toFixed(0).padStart(6)}/s  p50 ${run.p50.toFixed(1)} ms  p99 ${run.p99.toFixed(1)} ms  failed ${run.failed}`,
      );

    // The chains the writes appended to must still verify: numbering without gaps, every hash linking.
    const touched = [...new Set([ids.commune(1), ...rows.slice(0, 20).map((row) => row.communeId)])];
    const check = await checkChains(client, touched);
    return { runs, statements, chainsChecked: touched.length, ...check };
  } finally {
    await pool.end();
    await client.end();
  }
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
