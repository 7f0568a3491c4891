// Writes bench/RESULTS.md from one run. The "Findings" section is written by people: it is carried over
// from the previous file as is; what this run detected by itself goes under "Detected in this run".
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { ExplainedQuery } from "./explain.ts";
import type { LoadResult } from "./load.ts";
import { formatBytes, type ProvinceFacts } from "./province.ts";
import type { WriteResults } from "./writes.ts";

export type SliceFigures = { perSecond: number; p50: number };
export type PageResult = { name: string; path: string; who: string; result: LoadResult; /** One per round. */ slices: SliceFigures[] };
export type PagePlans = { name: string; path: string; status: number; queries: ExplainedQuery[] };

export type BenchResults = {
  date: Date;
  command: string;
  seconds: number;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    platform: string;
    postgres: string;
    postgresSettings: Record<string, string>;
    loadBefore: number[];
    loadAfter: number[];
  };
  data: ProvinceFacts & { reused: boolean };
  servers: number;
  poolSize: number;
  concurrency: number;
  warmupSeconds: number;
  durationSeconds: number;
  rounds: number;
  baseline: LoadResult;
  /** /healthz in each round. */
  baselineSlices: SliceFigures[];
  pages: PageResult[];
  /** The pages' plans after the write path (or right after the load when it did not run). */
  plans: PagePlans[];
  /** The same right after the load's VACUUM ANALYZE, when the write path ran in between. */
  plansAfterVacuum: PagePlans[] | null;
  writes: WriteResults | null;
};

/** Tables whose sequential scan is a finding whatever its cost (the design target: 100,000+ dossiers). */
export const WATCHED_TABLES = ["Dossier", "AuditEvent"];
/** A sequential scan reading more rows than this is reported too. */
const SEQ_SCAN_ROWS = 2000;
/** Any scan of a watched table reading more rows than this is reported, index or not (it grows with the province). */
const BIG_SCAN_ROWS = 10_000;
/** A query running longer than this (EXPLAIN ANALYZE, warm cache) is reported. */
const SLOW_MS = 20;

const ms = (value: number) => (Number.isFinite(value) ? (value < 10 ? value.toFixed(1) : value.toFixed(0)) : "–");
const rate = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

export function seqScans(query: ExplainedQuery, rowsByTable: Map<string, number>) {
  return query.scans.filter(
    (scan) =>
      scan.node === "Seq Scan" &&
      scan.relation !== null &&
      (WATCHED_TABLES.includes(scan.relation) ||
        (rowsByTable.get(scan.relation) ?? 0) > SEQ_SCAN_ROWS ||
        scan.rows + scan.removed > SEQ_SCAN_ROWS),
  );
}

/** Scans of Dossier or AuditEvent that read more than BIG_SCAN_ROWS rows, whatever the access path. */
export function bigScans(query: ExplainedQuery) {
  return query.scans.filter(
    (scan) =>
      scan.relation !== null &&
      WATCHED_TABLES.includes(scan.relation) &&
      scan.node !== "Bitmap Index Scan" &&
      scan.rows + scan.removed > BIG_SCAN_ROWS,
  );
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Per round, /healthz req/s ÷ page req/s; the median and the range over the rounds. */
export function costOf(page: Pick<PageResult, "slices">, baselineSlices: SliceFigures[]) {
  const costs = page.slices.map((slice, round) => baselineSlices[round]!.perSecond / slice.perSecond);
  const latency = page.slices.map((slice, round) => slice.p50 / baselineSlices[round]!.p50);
  return { cost: median(costs), low: Math.min(...costs), high: Math.max(...costs), p50: median(latency) };
}

/** The same query in another pass over the pages (parameters such as "now" differ, the SQL does not). */
function counterpart(query: ExplainedQuery, page: PagePlans, other: PagePlans | undefined): ExplainedQuery | undefined {
  if (!other) return undefined;
  const occurrence = page.queries.filter((candidate) => candidate.sql === query.sql).indexOf(query);
  return other.queries.filter((candidate) => candidate.sql === query.sql)[occurrence];
}

function accessPaths(query: ExplainedQuery, rowsByTable: Map<string, number>): string {
  const flagged = new Set(seqScans(query, rowsByTable));
  const paths = query.scans
    .filter((scan) => scan.node !== "Bitmap Heap Scan")
    .map((scan) => {
      if (scan.node !== "Seq Scan") {
        const path = `${scan.node.replace(" Scan", "")} ${scan.index ?? scan.relation}`;
        return bigScans(query).includes(scan) ? `**${path} (${(scan.rows + scan.removed).toLocaleString("en")} rows)**` : path;
      }
      return flagged.has(scan)
        ? `**Seq Scan ${scan.relation} (${(scan.rows + scan.removed).toLocaleString("en")} rows)**`
        : `Seq Scan ${scan.relation} (small)`;
    });
  return [...new Set(paths)].join("; ") || "(no table)";
}

export function detectedFindings(results: BenchResults): string[] {
  const rowsByTable = new Map(results.data.tables.map((table) => [table.table, table.rows]));
  const lines: string[] = [];
  const passes: Array<[string, PagePlans[] | null]> = [
    [results.plansAfterVacuum ? "after the writes" : "right after VACUUM", results.plans],
    ["right after VACUUM", results.plansAfterVacuum],
  ];
  for (const [when, plans] of passes) {
    for (const page of plans ?? []) {
      for (const query of page.queries) {
        const scans = [...new Set([...seqScans(query, rowsByTable), ...bigScans(query)])];
        const slow = query.executionMs > SLOW_MS;
        if (scans.length === 0 && !slow) continue;
        const what = [
          ...scans.map(
            (scan) =>
              `${scan.node} on ${scan.relation} (${(scan.rows + scan.removed).toLocaleString("en")} rows read, ${scan.rows.toLocaleString("en")} kept)`,
          ),
          ...(slow ? [`${ms(query.executionMs)} ms`] : []),
        ].join(", ");
        lines.push(`- ${when}: \`${page.path}\` (${page.name}) — ${query.label}: ${what}.`);
      }
    }
  }
  for (const page of results.pages) {
    if (page.result.errors > 0) lines.push(`- \`${page.path}\`: ${page.result.errors} failed requests (${page.result.firstError}).`);
  }
  if (results.writes) {
    for (const run of results.writes.runs)
      if (run.failed > 0) lines.push(`- write path "${run.name}": ${run.failed} failed (${run.firstFailure}).`);
    if (results.writes.chainProblem) lines.push(`- audit chain after the writes: ${results.writes.chainProblem}.`);
  }
  return lines.length > 0
    ? lines
    : [`- Nothing: no sequential scan of a large table, no scan over ${BIG_SCAN_ROWS} rows, no query over ${SLOW_MS} ms, no failure.`];
}

const PLACEHOLDER_FINDINGS = "_(Written by whoever reads the run: which query is slow or scans, and the index or change proposed.)_";

/** The hand-written part of "## Findings" of an existing RESULTS.md (up to its "### Detected in this run"). */
export function keptFindings(file: string): string {
  if (!existsSync(file)) return PLACEHOLDER_FINDINGS;
  const text = readFileSync(file, "utf8");
  const start = text.indexOf("\n## Findings\n");
  if (start === -1) return PLACEHOLDER_FINDINGS;
  const body = text.slice(start + "\n## Findings\n".length);
  const ends = [body.indexOf("\n### Detected in this run"), body.indexOf("\n## ")].filter((index) => index !== -1);
  const kept = body.slice(0, ends.length > 0 ? Math.min(...ends) : undefined).trim();
  return kept || PLACEHOLDER_FINDINGS;
}

export function renderResults(results: BenchResults, findings: string): string {
  const { machine, data, baseline } = results;
  const rowsByTable = new Map(data.tables.map((table) => [table.table, table.rows]));
  const out: string[] = [];
  const line = (text = "") => out.push(text);

  line("# Benchmark results");
  line();
  line(
    `Run of ${results.date.toISOString().slice(0, 16).replace("T", " ")} UTC, ${Math.round(results.seconds)} s in all. ` +
      "Speed is given as ratios against `/healthz` (a bare route: `SELECT 1` through Prisma) measured in the same run, " +
      "on the same servers, with the same load; absolute numbers depend on the machine and on whatever else ran on it.",
  );
  line();
  line("Reproduce:");
  line();
  line("```sh");
  line(results.command);
  line("```");
  line();

  line("## Machine");
  line();
  line(`| | |`);
  line(`| --- | --- |`);
  line(`| CPU | ${machine.cpus} × ${machine.cpuModel} |`);
  line(`| memory | ${machine.memoryGb.toFixed(0)} GB |`);
  line(`| OS | ${machine.platform} |`);
  line(`| Node | ${machine.node} |`);
  line(`| PostgreSQL | ${machine.postgres} |`);
  line(
    `| PostgreSQL settings | ${Object.entries(machine.postgresSettings)
      .map(([key, value]) => `${key} ${value}`)
      .join(", ")} |`,
  );
  line(`| load average (1 min) before / after | ${machine.loadBefore[0]!.toFixed(2)} / ${machine.loadAfter[0]!.toFixed(2)} |`);
  line();
  line(
    `Everything runs on this one machine: PostgreSQL, ${results.servers} app servers (\`node --import tsx app/server.ts\`, NODE_ENV=production, ` +
      `JOBS=false, ${results.poolSize} database connections each) and the load generator (bench/load.ts, in the bench process).`,
  );
  line();

  line("## Data");
  line();
  line(
    `${data.reused ? "An existing generated database" : `Generated by bench/province.ts in ${data.seconds.toFixed(0)} s`}: 1 province, ${data.communes.toLocaleString("en")} communes, ` +
      `${data.units.toLocaleString("en")} units, ${data.users.toLocaleString("en")} users, **${data.dossiers.toLocaleString("en")} dossiers** ` +
      `(${data.overdue.toLocaleString("en")} overdue), one open movement per commune with 8 targets and its quotas; database ${formatBytes(data.databaseBytes)}. ` +
      `The measured commune (no. 1) has ${data.measuredCommuneDossiers.toLocaleString("en")} dossiers — more than a typical commune ` +
      `(~${Math.round((data.dossiers - data.measuredCommuneDossiers) / (data.communes - 1))}), so that its queues have deep pages.`,
  );
  line();
  line(
    `Dossiers by state: ${Object.entries(data.states)
      .map(([state, count]) => `${state} ${count.toLocaleString("en")}`)
      .join(", ")}.`,
  );
  line();
  line("| table | rows | size (with indexes) |");
  line("| --- | ---: | ---: |");
  for (const table of data.tables.slice(0, 12))
    line(`| ${table.table} | ${table.rows.toLocaleString("en")} | ${formatBytes(table.bytes)} |`);
  line();

  line("## Pages");
  line();
  line(
    `${results.concurrency} requests in flight, shared round-robin over the ${results.servers} servers. After one warm-up pass over every page, ` +
      `${results.rounds} rounds in which each page, \`/healthz\` included, runs ${results.warmupSeconds} s unmeasured then ` +
      `${(results.durationSeconds / results.rounds).toFixed(1)} s measured (${results.durationSeconds} s per page in all): other work on the machine ` +
      "falls on all pages alike. **cost** = `/healthz` req/s ÷ page req/s (how many health checks one page costs); **p50 ×** = page p50 ÷ " +
      "`/healthz` p50, both the median over the rounds of the ratio within each round. **queries** and **DB ms**: SQL statements the page sends " +
      "and their summed execution time (from the EXPLAIN section).",
  );
  line();
  line("| page | as | req/s | p50 ms | p99 ms | **cost** | cost by round | p50 × | queries | DB ms | errors | body |");
  line("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  const row = (name: string, who: string, page: Pick<PageResult, "result" | "slices">, plans?: PagePlans) => {
    const { result } = page;
    const cost = costOf(page, results.baselineSlices);
    line(
      `| ${name} | ${who} | ${rate(result.perSecond)} | ${ms(result.p50)} | ${ms(result.p99)} | **${cost.cost.toFixed(1)}** | ${cost.low.toFixed(1)}–${cost.high.toFixed(1)} | ` +
        `${cost.p50.toFixed(1)} | ${plans ? plans.queries.reduce((sum, query) => sum + query.times, 0) : 1} | ` +
        `${plans ? ms(plans.queries.reduce((sum, query) => sum + query.executionMs * query.times, 0)) : "–"} | ${result.errors} | ${formatBytes(result.bytes)} |`,
    );
  };
  row("`/healthz` (baseline)", "—", { result: baseline, slices: results.baselineSlices });
  results.pages.forEach((page, index) => row(`\`${page.path}\`<br>${page.name}`, page.who, page, results.plans[index]));
  line();
  line(
    `\`/healthz\` by round: ${results.baselineSlices.map((slice) => slice.perSecond.toFixed(0)).join(", ")} req/s ` +
      "(the spread is the noise of the machine during the run; each ratio is taken within its round, and the median of the rounds is shown).",
  );
  line();

  line("## Write path");
  line();
  if (!results.writes) {
    line("Not run (`--writes 0`).");
  } else {
    const [floor] = results.writes.runs;
    line(
      "Direct calls in the bench process on a pool of the servers' size. Each `sendDossierEvent` is one interactive transaction: " +
        "load the dossier, check the documents (guards), run the machine, `UPDATE … WHERE version = …`, append to the commune's hash-chained audit " +
        "trail under its row lock, enqueue notifications. **cost** = baseline ops/s ÷ ops/s.",
    );
    line();
    line("| operation | ops | concurrency | ops/s | p50 ms | p99 ms | cost | failed |");
    line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const run of results.writes.runs) {
      line(
        `| ${run.name} | ${run.operations} | ${run.concurrency} | ${rate(run.perSecond)} | ${ms(run.p50)} | ${ms(run.p99)} | ` +
          `${floor ? (floor.perSecond / run.perSecond).toFixed(1) : "–"} | ${run.failed} |`,
      );
    }
    line();
    const statements = Object.entries(results.writes.statements);
    if (statements.length > 0) {
      line(
        `Statements per call, in its one transaction: ${statements.map(([name, count]) => `${name} ${count}`).join(", ")} (the baseline: 1).`,
      );
      line();
    }
    line(
      `Afterwards ${results.writes.chainsChecked} audit chains (${results.writes.chainRows.toLocaleString("en")} rows, the measured commune's included) were re-verified ` +
        `with the app's \`auditHash\`: ${results.writes.chainProblem ?? "numbering without gaps, every hash links"}.`,
    );
  }
  line();

  line("## Queries (EXPLAIN ANALYZE)");
  line();
  line(
    "Each page was rendered once more in the bench process by the built app on a Prisma client that logs its SQL; every read was then run again " +
      "under `EXPLAIN (ANALYZE, BUFFERS)` with the same parameters (warm cache). Access paths in **bold** are sequential scans of a large table, " +
      `or scans of Dossier / AuditEvent reading over ${BIG_SCAN_ROWS.toLocaleString("en")} rows.` +
      (results.plansAfterVacuum
        ? " The plans are those after the write path (its transitions leave the tables as between two autovacuums in production); " +
          "the last column gives the plan of the same query right after the load's `VACUUM ANALYZE` when it differs."
        : ""),
  );
  line();
  results.plans.forEach((page, pageIndex) => {
    const fresh = results.plansAfterVacuum?.[pageIndex];
    const total = page.queries.reduce((sum, query) => sum + query.executionMs * query.times, 0);
    line(`### \`${page.path}\` — ${page.name}`);
    line();
    line(`HTTP ${page.status}; ${page.queries.reduce((sum, query) => sum + query.times, 0)} queries, ${ms(total)} ms of execution in all.`);
    line();
    line(`| # | query | ms | buffers hit/read | access paths |${fresh ? " right after VACUUM |" : ""}`);
    line(`| ---: | --- | ---: | ---: | --- |${fresh ? " --- |" : ""}`);
    page.queries.forEach((query, index) => {
      const paths = accessPaths(query, rowsByTable);
      const before = counterpart(query, page, fresh);
      const beforePaths = before ? accessPaths(before, rowsByTable) : null;
      const beforeCell = !fresh
        ? ""
        : !before
          ? " – |"
          : beforePaths === paths
            ? ` same, ${ms(before.executionMs)} ms |`
            : ` ${ms(before.executionMs)} ms: ${beforePaths} |`;
      line(
        `| ${index + 1} | ${query.label}${query.times > 1 ? ` (×${query.times})` : ""} | ${ms(query.executionMs)} | ${query.sharedHit}/${query.sharedRead} | ${paths} |${beforeCell}`,
      );
    });
    line();
    const notable = page.queries
      .map((query, index) => ({ query, index }))
      .filter(({ query }) => seqScans(query, rowsByTable).length > 0 || bigScans(query).length > 0 || query.executionMs > SLOW_MS / 4);
    for (const { query, index } of notable) {
      line(`<details><summary>#${index + 1} ${query.label} — SQL and plan</summary>`);
      line();
      line("```sql");
      line(query.sql);
      line(`-- parameters: ${JSON.stringify(query.params)}`);
      line("```");
      line("```");
      line(query.text);
      line("```");
      line("</details>");
      line();
    }
  });

  line("## Findings");
  line();
  line(findings);
  line();
  line("### Detected in this run");
  line();
  line(
    `Sequential scans of Dossier or AuditEvent or of any table over ${SEQ_SCAN_ROWS.toLocaleString("en")} rows, scans of Dossier or AuditEvent reading over ` +
      `${BIG_SCAN_ROWS.toLocaleString("en")} rows, queries over ${SLOW_MS} ms, failures (regenerated on every run):`,
  );
  line();
  for (const finding of detectedFindings(results)) line(finding);
  line();
  return out.join("\n");
}

export function writeResults(file: string, results: BenchResults): void {
  writeFileSync(file, renderResults(results, keptFindings(file)));
}
