// After a voting session closes, its ballots have been rewritten without keys and its salt erased
// (docs/decisions/006-secret-ballot.md). The versions of those rows from before the close — each ballot
// with its key, the session with its salt, the ballots withdrawn by a recusal — stay in the tables' files as
// dead tuples until PostgreSQL reuses the space. This rewrites the two tables so that they are gone.
import { prisma } from "~/utils/db.server.ts";

/** Tables whose old row versions could link a ballot to its voter: the ballots and the sessions' salts. */
const TABLES_WITH_VOTER_LINKS = ["Ballot", "VotingSession"] as const;

/** How long a close waits for transactions that began before it (they keep the old versions alive). */
const HORIZON_WAIT_MS = 5_000;

/** The first transaction id not yet assigned, and the oldest one still running (in the whole cluster). */
async function snapshot(): Promise<{ next: bigint; oldestRunning: bigint }> {
  const [row] = await prisma.$queryRaw<Array<{ next: string; oldest: string }>>`
    SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next, pg_snapshot_xmin(pg_current_snapshot())::text AS oldest`;
  return { next: BigInt(row!.next), oldestRunning: BigInt(row!.oldest) };
}

/**
 * `VACUUM FULL` writes each table anew with only the rows some transaction may still see, and drops the
 * old file — on PostgreSQL and on PGlite (the same engine) alike. A version deleted by the closing
 * transaction is still "visible" to a transaction that began before that one committed, so this first
 * waits (up to 5 s) until every such transaction has ended. It cannot run inside a transaction, so it
 * follows the closing one; it holds each small table exclusively for the time of the copy (a ballot cast
 * meanwhile waits). Reported, not thrown: the session is closed and counted either way, and the next
 * close erases what this one could not. Returns whether the old versions are surely gone.
 */
export async function eraseOldBallotVersions({ waitMs = HORIZON_WAIT_MS } = {}): Promise<boolean> {
  try {
    const { next } = await snapshot();
    const deadline = Date.now() + waitMs;
    let clear = (await snapshot()).oldestRunning >= next;
    while (!clear && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      clear = (await snapshot()).oldestRunning >= next;
    }
    for (const table of TABLES_WITH_VOTER_LINKS) await prisma.$executeRawUnsafe(`VACUUM FULL "${table}"`);
    if (!clear) {
      console.warn(
        "Cảnh báo: một giao dịch cơ sở dữ liệu bắt đầu trước khi đóng phiên bỏ phiếu vẫn đang chạy; các phiên bản cũ của phiếu bầu sẽ được xoá ở lần đóng phiên sau.",
      );
    }
    return clear;
  } catch (error) {
    console.warn(`Cảnh báo: chưa xoá được các phiên bản cũ của phiếu bầu (${String(error)}).`);
    return false;
  }
}
