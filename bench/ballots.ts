// Council ballots under load, through the app's own castBallot (app/models/voting.server.ts) in this process on a
// pool of the servers' size. The secretaries of enough communes open a session each through the app
// (openVotingSession, 10 screened dossiers), so that `voters` council members vote at once; then:
//  1. the floor: one INSERT per ballot into "Ballot" (autocommit, pg) by the same number of concurrent callers;
//  2. every member votes on the first half of the agenda, all members at once (`voters` calls in flight);
//  3. `burst` ballots on the second half, all sent at the same instant.
// Afterwards every ballot is accounted for: a receipt for every call that succeeded, as many ballots as receipts per
// dossier (no lost ballot, no duplicate), and the agree counts equal to what the successful calls sent.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { castBallot, openVotingSession } from "~/models/voting.server.ts";
import { currentUserById } from "~/utils/auth.server.ts";
import { MIN_P99_SAMPLES, percentile, runConcurrently } from "./load.ts";
import { ids } from "./province.ts";
import { failureText, groupCounts, summary, type WriteRun } from "./writes.ts";

export type BallotResults = {
  sessions: number;
  voters: number;
  dossiersPerSession: number;
  baseline: WriteRun;
  cast: WriteRun;
  burst: WriteRun & { outcomes: Array<{ outcome: string; count: number }> };
  /** Ballot calls that succeeded without a receipt, or dossiers with fewer ballots than receipts. */
  lost: number;
  /** Ballots beyond the receipts of their dossier. */
  duplicates: number;
  /** Dossiers whose agree count differs from what the successful calls sent. */
  wrongTallies: number;
  /** Failed calls that nonetheless left a receipt (committed, reported as failed). */
  ghosts: number;
};

type Vote = { sessionId: string; dossierId: string; userId: string; choice: "agree" | "disagree" };

export async function measureBallots({
  url,
  voters,
  burst,
  poolSize,
  log,
}: {
  url: string;
  voters: number;
  burst: number;
  poolSize: number;
  log: (line: string) => void;
}): Promise<BallotResults> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  try {
    const PER_SESSION = 10;
    const sessionsNeeded = Math.ceil(voters / 3);
    // Communes with 10 screened dossiers, the measured one (pages) and the first ones (write path) left alone.
    const { rows: communes } = await client.query<{ communeId: string; secretary: string; movementId: string; dossiers: string[] }>(
      `SELECT m."unitId" AS "communeId", s."userId" AS secretary, m.id AS "movementId", (array_agg(d.id ORDER BY d.id))[1:${PER_SESSION}] AS dossiers
         FROM "Dossier" d JOIN "Movement" m ON m.id = d."movementId"
         JOIN "RoleAssignment" s ON s."unitId" = m."unitId" AND s.role = 'secretary'
        WHERE d.state = 'screened' AND m."unitId" <> $1
        GROUP BY m."unitId", s."userId", m.id HAVING count(*) >= ${PER_SESSION}
        ORDER BY m."unitId" DESC LIMIT $2`,
      [ids.commune(1), sessionsNeeded],
    );
    if (communes.length < sessionsNeeded) throw new Error(`only ${communes.length} communes with ${PER_SESSION} screened dossiers`);

    const sessions: Array<{ sessionId: string; members: string[]; dossiers: string[] }> = [];
    for (const commune of communes) {
      const secretary = await currentUserById(commune.secretary);
      const opened = await openVotingSession(secretary!, {
        movementId: commune.movementId,
        dossierIds: commune.dossiers,
        closesAt: new Date(Date.now() + 86_400_000),
      });
      if (!opened.ok) throw new Error(`openVotingSession: ${opened.message}`);
      const { rows: members } = await client.query<{ userId: string }>(
        `SELECT "userId" FROM "SessionMember" WHERE "sessionId" = $1 ORDER BY "userId"`,
        [opened.sessionId],
      );
      sessions.push({ sessionId: opened.sessionId, members: members.map((row) => row.userId), dossiers: commune.dossiers });
    }
    const memberVotes = sessions.flatMap((session) =>
      session.members.map((userId) => ({ userId, votes: (half: 0 | 1) => votesOf(session, userId, half) })),
    );
    const voterCount = memberVotes.length;
    log(`  ${sessions.length} sessions opened through the app, ${voterCount} voters, ${PER_SESSION} dossiers each`);

    // 1. The floor: a bare INSERT per ballot, as many callers at once as voters (rows removed afterwards).
    const firstHalf = memberVotes.map((member) => member.votes(0));
    const baseline = await perVoter(
      `baseline: INSERT INTO "Ballot" (autocommit, pg), ${voterCount} callers at once`,
      firstHalf,
      async (vote) => {
        await pool.query(`INSERT INTO "Ballot" (id, "sessionId", "dossierId", key, choice) VALUES ($1, $2, $3, $4, $5::"BallotChoice")`, [
          randomUUID(),
          vote.sessionId,
          vote.dossierId,
          `raw-${vote.userId}-${vote.dossierId}`,
          vote.choice,
        ]);
        return { ok: true };
      },
    );
    await client.query(`DELETE FROM "Ballot" WHERE "sessionId" = ANY($1) AND key LIKE 'raw-%'`, [sessions.map((s) => s.sessionId)]);

    // 2. Every member votes on the first half, all members at once.
    const succeeded: Vote[] = [];
    const failedVotes: Vote[] = [];
    const cast = await perVoter(`castBallot, ${voterCount} voters at once (${PER_SESSION / 2} ballots each)`, firstHalf, async (vote) => {
      try {
        const result = await castBallot({ id: vote.userId }, vote);
        (result.ok ? succeeded : failedVotes).push(vote);
        return result;
      } catch (error) {
        failedVotes.push(vote);
        throw error;
      }
    });

    // 3. A burst: `burst` ballots on the second half, sent at the same instant.
    const burstVotes = memberVotes.flatMap((member) => member.votes(1)).slice(0, burst);
    const burstRun = await runConcurrently(burstVotes, burstVotes.length, async (vote) => {
      try {
        const result = await castBallot({ id: vote.userId }, vote);
        (result.ok ? succeeded : failedVotes).push(vote);
        return result;
      } catch (error) {
        failedVotes.push(vote);
        throw error;
      }
    });
    const burstSummary = summary(`castBallot, ${burstVotes.length} sent at once`, burstVotes.length, burstRun);
    const burstOutcomes = [
      { outcome: "counted", count: burstVotes.length - burstSummary.failed },
      ...burstSummary.failures.map((failure) => ({ outcome: failure.message, count: failure.count })),
    ];

    // Accounting.
    const sessionIds = sessions.map((s) => s.sessionId);
    const { rows: receipts } = await client.query<{ sessionId: string; dossierId: string; userId: string }>(
      `SELECT "sessionId", "dossierId", "userId" FROM "BallotReceipt" WHERE "sessionId" = ANY($1)`,
      [sessionIds],
    );
    const { rows: ballots } = await client.query<{ sessionId: string; dossierId: string; n: string; agree: string }>(
      `SELECT "sessionId", "dossierId", count(*) AS n, count(*) FILTER (WHERE choice = 'agree') AS agree
         FROM "Ballot" WHERE "sessionId" = ANY($1) GROUP BY 1, 2`,
      [sessionIds],
    );
    const key = (vote: { sessionId: string; dossierId: string; userId?: string }) =>
      `${vote.sessionId}/${vote.dossierId}/${vote.userId ?? ""}`;
    const receiptKeys = new Set(receipts.map(key));
    let lost = succeeded.filter((vote) => !receiptKeys.has(key(vote))).length;
    const ghosts = failedVotes.filter((vote) => receiptKeys.has(key(vote))).length;
    const receiptsPerDossier = new Map<string, number>();
    for (const receipt of receipts) {
      const dossierKey = key({ ...receipt, userId: undefined });
      receiptsPerDossier.set(dossierKey, (receiptsPerDossier.get(dossierKey) ?? 0) + 1);
    }
    const expectedAgree = new Map<string, number>();
    for (const vote of succeeded) {
      const dossierKey = key({ ...vote, userId: undefined });
      if (vote.choice === "agree") expectedAgree.set(dossierKey, (expectedAgree.get(dossierKey) ?? 0) + 1);
    }
    let duplicates = 0;
    let wrongTallies = 0;
    const seen = new Set<string>();
    for (const row of ballots) {
      const dossierKey = key({ ...row, userId: undefined });
      seen.add(dossierKey);
      const expected = receiptsPerDossier.get(dossierKey) ?? 0;
      if (Number(row.n) > expected) duplicates += Number(row.n) - expected;
      if (Number(row.n) < expected) lost += expected - Number(row.n);
      if (Number(row.agree) !== (expectedAgree.get(dossierKey) ?? 0)) wrongTallies++;
    }
    for (const [dossierKey, expected] of receiptsPerDossier) if (!seen.has(dossierKey)) lost += expected;

    const results: BallotResults = {
      sessions: sessions.length,
      voters: voterCount,
      dossiersPerSession: PER_SESSION,
      baseline,
      cast,
      burst: { ...burstSummary, outcomes: burstOutcomes },
      lost,
      duplicates,
      wrongTallies,
      ghosts,
    };
    for (const run of [baseline, cast, burstSummary])
      log(
        `  ${run.name.padEnd(62)} ${run.perSecond.toFixed(0).padStart(6)}/s  p50 ${run.p50.toFixed(1)} ms  p95 ${run.p95.toFixed(1)} ms  failed ${run.failed}` +
          (run.failures[0] ? ` (${run.failures[0].message})` : ""),
      );
    log(`  accounted: ${lost} lost, ${duplicates} duplicate, ${wrongTallies} wrong tallies, ${ghosts} failed-but-committed`);
    return results;
  } finally {
    await pool.end();
    await client.end();
  }
}

/** A member's ballots on the first or second half of the session's agenda, with a choice that varies. */
function votesOf(session: { sessionId: string; dossiers: string[] }, userId: string, half: 0 | 1): Vote[] {
  const size = session.dossiers.length / 2;
  return session.dossiers.slice(half * size, (half + 1) * size).map((dossierId, index) => ({
    sessionId: session.sessionId,
    dossierId,
    userId,
    choice: (index + userId.charCodeAt(userId.length - 1)) % 4 === 0 ? "disagree" : "agree",
  }));
}

/** Each voter (one concurrent caller) casts their ballots in turn; latencies and failures per ballot. */
async function perVoter(name: string, voters: Vote[][], cast: (vote: Vote) => Promise<{ ok: boolean }>): Promise<WriteRun> {
  const latencies: number[] = [];
  const failures: string[] = [];
  const run = await runConcurrently(voters, voters.length, async (votes) => {
    for (const vote of votes) {
      const begin = performance.now();
      try {
        const result = await cast(vote);
        if (!result.ok) failures.push(failureText(result));
      } catch (error) {
        failures.push(failureText(error));
      }
      latencies.push(performance.now() - begin);
    }
  });
  latencies.sort((a, b) => a - b);
  return {
    name,
    operations: latencies.length,
    concurrency: voters.length,
    perSecond: (latencies.length - failures.length) / run.seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: latencies.length >= MIN_P99_SAMPLES ? percentile(latencies, 99) : NaN,
    failed: failures.length,
    failures: groupCounts(failures),
  };
}
