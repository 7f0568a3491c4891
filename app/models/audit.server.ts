// The audit trail (nhật ký): append-only rows, hash-chained per commune (docs/decisions/003-audit-hash-chain.md).
import { createHash } from "node:crypto";
import type { Prisma, PrismaClient } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";

type Tx = Prisma.TransactionClient;

export const GENESIS_HASH = "0".repeat(64);

export type AuditEntry = {
  /** The commune whose chain the row joins. */
  chainId: string;
  actorId: string | null;
  actorName: string;
  /** "dossier.SUBMIT", "movement.LAUNCH" … */
  action: string;
  entityType: string;
  entityId: string;
  fromState?: string | null;
  toState?: string | null;
  reason?: string | null;
  data?: Prisma.InputJsonValue | null;
};

type HashedFields = Required<Omit<AuditEntry, "data">> & { data: unknown; seq: number; createdAt: Date; prevHash: string };

/** JSON with sorted keys: PostgreSQL's jsonb does not keep key order, the hash must not depend on it. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

export function auditHash(row: HashedFields): string {
  const content = canonical({
    chainId: row.chainId,
    seq: row.seq,
    createdAt: row.createdAt.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    fromState: row.fromState,
    toState: row.toState,
    reason: row.reason,
    data: row.data ?? null,
  });
  return createHash("sha256").update(row.prevHash).update(content).digest("hex");
}

/**
 * Appends one row to the commune's chain, inside the caller's transaction: the chain head is
 * locked until the transaction ends, so rows of one commune are numbered without gaps or forks.
 */
export async function appendAudit(tx: Tx, entry: AuditEntry, createdAt = new Date()) {
  await tx.$executeRaw`INSERT INTO "AuditChain" (id, seq, "lastHash", "updatedAt") VALUES (${entry.chainId}, 0, ${GENESIS_HASH}, now()) ON CONFLICT (id) DO NOTHING`;
  const [head] = await tx.$queryRaw<Array<{ seq: number; lastHash: string }>>`
    SELECT seq, "lastHash" FROM "AuditChain" WHERE id = ${entry.chainId} FOR UPDATE`;
  const fields: HashedFields = {
    chainId: entry.chainId,
    actorId: entry.actorId,
    actorName: entry.actorName,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    fromState: entry.fromState ?? null,
    toState: entry.toState ?? null,
    reason: entry.reason ?? null,
    data: entry.data ?? null,
    seq: head!.seq + 1,
    createdAt,
    prevHash: head!.lastHash,
  };
  const hash = auditHash(fields);
  await tx.auditChain.update({ where: { id: entry.chainId }, data: { seq: fields.seq, lastHash: hash } });
  return tx.auditEvent.create({
    data: { ...fields, data: entry.data ?? undefined, hash },
  });
}

export type AuditBreak = { chainId: string; seq: number; eventId: string | null; problem: string };
export type AuditReport = { chains: number; events: number; firstBreak: AuditBreak | null };

/** Walks every chain in order and reports the first row whose link or content does not match. */
export async function verifyAuditTrail(db: PrismaClient | Tx, { pageSize = 1000 } = {}): Promise<AuditReport> {
  const chains = await db.auditChain.findMany({ orderBy: { id: "asc" }, select: { id: true, seq: true, lastHash: true } });
  let events = 0;
  for (const chain of chains) {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    for (;;) {
      const page = await db.auditEvent.findMany({
        where: { chainId: chain.id, seq: { gte: expectedSeq } },
        orderBy: { seq: "asc" },
        take: pageSize,
      });
      for (const row of page) {
        const broken = (problem: string): AuditReport => ({
          chains: chains.length,
          events,
          firstBreak: { chainId: chain.id, seq: row.seq, eventId: row.id, problem },
        });
        if (row.seq !== expectedSeq) return broken(`thiếu bản ghi số ${expectedSeq} (gặp số ${row.seq})`);
        if (row.prevHash !== prevHash) return broken("liên kết với bản ghi trước không khớp");
        const recomputed = auditHash({ ...row, data: row.data });
        if (recomputed !== row.hash) return broken("nội dung bản ghi đã bị thay đổi");
        prevHash = row.hash;
        expectedSeq++;
        events++;
      }
      if (page.length < pageSize) break;
    }
    if (chain.seq !== expectedSeq - 1 || chain.lastHash !== prevHash) {
      return {
        chains: chains.length,
        events,
        firstBreak: { chainId: chain.id, seq: expectedSeq, eventId: null, problem: "thiếu bản ghi ở cuối chuỗi" },
      };
    }
  }
  return { chains: chains.length, events, firstBreak: null };
}

/** The timeline of one entity, oldest first. */
/** The timeline of one dossier, oldest first (the caller has checked the user may see the dossier). */
export function dossierTimeline(dossierId: string) {
  return prisma.auditEvent.findMany({
    where: { entityType: "Dossier", entityId: dossierId },
    orderBy: [{ createdAt: "asc" }, { seq: "asc" }],
    select: { id: true, createdAt: true, actorName: true, action: true, fromState: true, toState: true, reason: true },
  });
}
