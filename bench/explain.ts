// The SQL behind the pages: each page is rendered once in this process by the built app (build/index.js),
// on a Prisma client that logs its queries, inside a request scope as app/server.ts opens one per request (so
// what the app reads once per request is counted once); each query is then run again under
// EXPLAIN (ANALYZE, BUFFERS) with the same parameters, and its plan is read for sequential scans.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import pg from "pg";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { openDatabase, useDatabase, type Database } from "~/utils/db.server.ts";
import { withRequestScope } from "~/utils/request-scope.server.ts";

export type LoggedQuery = { sql: string; params: unknown[] };

/** A database like the app's, whose Prisma client records every query it sends. */
export function capturingDatabase(url: string): { db: Database; take(): LoggedQuery[] } {
  const base = openDatabase({ url, poolSize: 4 });
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), log: [{ emit: "event", level: "query" }] });
  let queries: LoggedQuery[] = [];
  prisma.$on("query", (event) => {
    queries.push({ sql: event.query, params: parseParams(event.params) });
  });
  const db: Database = {
    ...base,
    prisma,
    async close() {
      await prisma.$disconnect();
      await pool.end();
      await base.close();
    },
  };
  return {
    db,
    take() {
      const taken = queries;
      queries = [];
      return taken;
    },
  };
}

function parseParams(params: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(params);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

export type PageRender = { status: number; bytes: number; queries: LoggedQuery[] };

/** Renders pages in this process with the built app, as the servers do. */
export async function pageRenderer(capture: ReturnType<typeof capturingDatabase>) {
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const handle = createRequestHandler(build, "production");
  return async (pathAndQuery: string, cookie?: string): Promise<PageRender> => {
    const previous = (globalThis as Record<symbol, unknown>)[Symbol.for("thi-dua-khen-thuong.database")] as Database | undefined;
    useDatabase(capture.db);
    try {
      capture.take();
      const { response, body } = await withRequestScope(
        async () => {
          const answer = await handle(new Request(`http://127.0.0.1${pathAndQuery}`, { headers: cookie ? { Cookie: cookie } : {} }));
          return { response: answer, body: await answer.text() };
          // A GET, as the server marks it: what was read at its start (the user's unread count) still holds.
        },
        { readOnly: true },
      );
      return { status: response.status, bytes: Buffer.byteLength(body), queries: capture.take() };
    } finally {
      useDatabase(previous);
    }
  };
}

export type ScanNode = { node: string; relation: string | null; index: string | null; rows: number; removed: number };

export type ExplainedQuery = {
  sql: string;
  params: unknown[];
  /** How many times the page sent this exact query. */
  times: number;
  label: string;
  executionMs: number;
  planningMs: number;
  sharedHit: number;
  sharedRead: number;
  scans: ScanNode[];
  text: string;
};

const SCAN_NODES = new Set(["Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan", "Bitmap Index Scan"]);

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };

function collectScans(node: PlanNode, into: ScanNode[]) {
  const type = String(node["Node Type"]);
  if (SCAN_NODES.has(type)) {
    into.push({
      node: type,
      relation: (node["Relation Name"] as string | undefined) ?? null,
      index: (node["Index Name"] as string | undefined) ?? null,
      rows: Number(node["Actual Rows"] ?? 0) * Number(node["Actual Loops"] ?? 1),
      removed: Number(node["Rows Removed by Filter"] ?? 0) * Number(node["Actual Loops"] ?? 1),
    });
  }
  for (const child of node.Plans ?? []) collectScans(child, into);
}

/** "count Dossier", "select Movement + relation counts, order by", "select Dossier, lateral, order by, offset 1160", from the SQL Prisma wrote. */
export function labelOf(sql: string, params: unknown[] = []): string {
  const table = /FROM\s+(?:"public"\.)?"(\w+)"/i.exec(sql)?.[1] ?? "?";
  const counting = /^\s*SELECT\s+COUNT\(/i.test(sql);
  const parts = [`${counting ? "count" : "select"} ${table}${/_aggr_count_/.test(sql) ? " + relation counts" : ""}`];
  if (/GROUP BY/i.test(sql) && !/_aggr_count_/.test(sql)) parts.push("group by");
  if (/LATERAL/i.test(sql)) parts.push("lateral");
  if (/ORDER BY/i.test(sql)) parts.push("order by");
  const offset = /OFFSET\s+(?:\$(\d+)|(\d+))/i.exec(sql);
  const skipped = offset ? Number(offset[1] ? params[Number(offset[1]) - 1] : offset[2]) : 0;
  if (skipped > 0) parts.push(`offset ${skipped}`);
  return parts.join(", ");
}

/** EXPLAIN (ANALYZE, BUFFERS) of every distinct read a page sent. */
export async function explainQueries(client: pg.Client, queries: LoggedQuery[]): Promise<ExplainedQuery[]> {
  const distinct = new Map<string, { query: LoggedQuery; times: number }>();
  for (const query of queries) {
    if (!/^\s*(SELECT|WITH)\b/i.test(query.sql)) continue;
    const key = `${query.sql}\u0000${JSON.stringify(query.params)}`;
    const seen = distinct.get(key);
    if (seen) seen.times++;
    else distinct.set(key, { query, times: 1 });
  }
  const explained: ExplainedQuery[] = [];
  for (const { query, times } of distinct.values()) {
    const json = await client.query<{ "QUERY PLAN": Array<{ Plan: PlanNode; "Execution Time": number; "Planning Time": number }> }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query.sql}`,
      query.params,
    );
    const top = json.rows[0]!["QUERY PLAN"][0]!;
    const text = await client.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) ${query.sql}`,
      query.params,
    );
    const scans: ScanNode[] = [];
    collectScans(top.Plan, scans);
    explained.push({
      sql: query.sql,
      params: query.params,
      times,
      label: labelOf(query.sql, query.params),
      executionMs: top["Execution Time"],
      planningMs: top["Planning Time"],
      sharedHit: Number(top.Plan["Shared Hit Blocks"] ?? 0),
      sharedRead: Number(top.Plan["Shared Read Blocks"] ?? 0),
      scans,
      text: text.rows.map((row) => row["QUERY PLAN"]).join("\n"),
    });
  }
  return explained;
}
