// Writes bench/RESULTS.md from one run. The "Findings" section is written by people: it is carried over from the
// previous file as is; what this run detected by itself goes under "Detected in this run".
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { BallotResults } from "./ballots.ts";
import type { CertificateResults } from "./certificates.ts";
import type { ColdStartResults } from "./coldstart.ts";
import type { ExplainedQuery } from "./explain.ts";
import { MIN_SLICE_REQUESTS } from "./load.ts";
import type { ScenarioResult, SliceFigures } from "./pages.ts";
import type { PgliteResults } from "./pglite.ts";
import type { ProfileResults } from "./profile.ts";
import { formatBytes, type ProvinceFacts } from "./province.ts";
import { MIN_WRITE_SAMPLES, type WriteResults, type WriteRun } from "./writes.ts";

export type PagePlans = { name: string; path: string; status: number; queries: ExplainedQuery[] };

export type BenchResults = {
  date: Date;
  command: string;
  seconds: number;
  parts: string[];
  timings: Array<{ part: string; seconds: number }>;
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
  } | null;
  settings: {
    servers: number;
    poolSize: number;
    concurrency: number;
    warmupSeconds: number;
    durationSeconds: number;
    rounds: number;
    writeConcurrency: number;
  };
  data: (ProvinceFacts & { reused: boolean }) | null;
  small: { dossiers: number; communes: number; seconds: number } | null;
  pages: ScenarioResult[] | null;
  profile: ProfileResults | null;
  /** The pages' plans after the writes (or right after the load when nothing wrote). */
  plans: PagePlans[] | null;
  /** The same right after the load's VACUUM ANALYZE, when writes ran in between. */
  plansAfterVacuum: PagePlans[] | null;
  writes: WriteResults | null;
  ballots: BallotResults | null;
  pglite: PgliteResults | null;
  certificates: CertificateResults | null;
  coldStart: ColdStartResults | null;
};

/** Tables whose sequential scan is a finding whatever its cost (the design target: 100,000+ dossiers). */
export const WATCHED_TABLES = ["Dossier", "AuditEvent", "Notification"];
/** A sequential scan reading more rows than this is reported too. */
const SEQ_SCAN_ROWS = 2000;
/** Any scan of a watched table reading more rows than this is reported, index or not (it grows with the province). */
const BIG_SCAN_ROWS = 10_000;
/** A query running longer than this (EXPLAIN ANALYZE, warm cache) is reported. */
const SLOW_MS = 20;

const ms = (value: number) => (Number.isFinite(value) ? (value < 10 ? value.toFixed(1) : value.toFixed(0)) : "–");
const rate = (value: number) => (!Number.isFinite(value) ? "–" : value >= 100 ? value.toFixed(0) : value.toFixed(1));
const ratio = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : "–");
const pct = (value: number) => `${(value * 100).toFixed(value < 0.1 ? 1 : 0)} %`;
const seconds = (msValue: number | null) => (msValue === null ? "–" : `${(msValue / 1000).toFixed(1)} s`);
/** Inline code in a table cell (pipes escaped). */
const code = (text: string) => "`" + text.replace(/\|/g, "\\|") + "`";
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

const median = (values: number[]) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

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

/** Scans of a watched table that read more than BIG_SCAN_ROWS rows, whatever the access path. */
export function bigScans(query: ExplainedQuery) {
  return query.scans.filter(
    (scan) =>
      scan.relation !== null &&
      WATCHED_TABLES.includes(scan.relation) &&
      scan.node !== "Bitmap Index Scan" &&
      scan.rows + scan.removed > BIG_SCAN_ROWS,
  );
}

// ─── Ratios of the pages ────────────────────────────────────────────────────

export type PageRatios = {
  /** page req/s ÷ bare page req/s: the goal of issue 15 is ≥ 0.5 for list pages. */
  ofBare: number;
  ofBareLow: number;
  ofBareHigh: number;
  /** page p95 ÷ bare page p95. */
  p95OfBare: number;
  /** /healthz req/s ÷ page req/s: how many health checks one page costs. */
  healthzCost: number;
  /** Rounds in which the page or a baseline got fewer than MIN_SLICE_REQUESTS requests. */
  starvedRounds: number[];
  valid: boolean;
};

/** Per round, the page against both baselines of that round; the median over the rounds (and the range). */
export function pageRatios(page: { slices: SliceFigures[] }, bare: SliceFigures[] | null, healthz: SliceFigures[] | null): PageRatios {
  const rounds = page.slices.map((slice, round) => ({ slice, round, bare: bare?.[round], healthz: healthz?.[round] }));
  const starvedRounds = rounds
    .filter(
      ({ slice, bare: b, healthz: h }) =>
        slice.requests < MIN_SLICE_REQUESTS || (b && b.requests < MIN_SLICE_REQUESTS) || (h && h.requests < MIN_SLICE_REQUESTS),
    )
    .map(({ round }) => round + 1);
  const good = rounds.filter(({ round }) => !starvedRounds.includes(round + 1));
  const ofBare = good.filter(({ bare: b }) => b).map(({ slice, bare: b }) => slice.perSecond / b!.perSecond);
  return {
    ofBare: median(ofBare),
    ofBareLow: ofBare.length ? Math.min(...ofBare) : NaN,
    ofBareHigh: ofBare.length ? Math.max(...ofBare) : NaN,
    p95OfBare: median(good.filter(({ bare: b }) => b).map(({ slice, bare: b }) => slice.p95 / b!.p95)),
    healthzCost: median(good.filter(({ healthz: h }) => h).map(({ slice, healthz: h }) => h!.perSecond / slice.perSecond)),
    starvedRounds,
    valid: starvedRounds.length === 0,
  };
}

function baselineSlices(results: BenchResults, kind: "bare" | "healthz"): SliceFigures[] | null {
  return results.pages?.find((page) => page.kind === kind)?.slices ?? null;
}

/** The list pages of the goal "≥ 0.5× the bare Remix page". */
const LIST_PAGES = ["/", "/ho-so", "/tham-dinh", "/qua-han"];
const isListPage = (page: ScenarioResult) => page.kind === "page" && (LIST_PAGES.includes(page.path) || page.path.startsWith("/ho-so/c"));

// ─── Goals of issue 15 ──────────────────────────────────────────────────────

function goals(results: BenchResults): string[][] {
  const rows: string[][] = [];
  const bare = baselineSlices(results, "bare");
  const healthz = baselineSlices(results, "healthz");
  if (results.pages && bare) {
    const lists = results.pages.filter(isListPage).map((page) => ({ page, ratios: pageRatios(page, bare, healthz) }));
    const worst = lists.reduce((a, b) => (b.ratios.ofBare < a.ratios.ofBare ? b : a), lists[0]!);
    const shell = results.pages.find((page) => page.kind === "shell");
    rows.push([
      "List pages (`/`, `/ho-so`, `/tham-dinh`, `/qua-han`, a dossier) ≥ 0.5× the bare page (req/s)",
      `${ratio(Math.min(...lists.map((l) => l.ratios.ofBare)))}–${ratio(Math.max(...lists.map((l) => l.ratios.ofBare)))}× (worst: \`${worst.page.path}\` ${worst.page.who}); signed-in shell alone ${shell ? ratio(pageRatios(shell, bare, healthz).ofBare) : "–"}×`,
      lists.every((l) => l.ratios.ofBare >= 0.5) ? "met" : "**not met**",
    ]);
    const uncompressed = results.pages.filter((page) => page.kind === "page");
    const saved =
      uncompressed.reduce((sum, page) => sum + page.bodyBytes - page.gzipBytes, 0) /
      uncompressed.reduce((sum, page) => sum + page.bodyBytes, 0);
    const compressed = uncompressed.filter((page) => page.encoding);
    rows.push(
      compressed.length === uncompressed.length
        ? [
            "HTML compressed",
            `every page sent ${[...new Set(compressed.map((page) => page.encoding))].join(", ")}: ${pct(saved)} fewer bytes`,
            "met",
          ]
        : [
            "HTML compressed",
            `${uncompressed.length - compressed.length} of ${uncompressed.length} pages sent as is; gzip would save ${pct(saved)} of their bytes`,
            "**not met**",
          ],
    );
  }
  if (results.writes) {
    const find = (prefix: string) => results.writes!.runs.find((run) => run.name.startsWith(prefix));
    const submit = find("SUBMIT,");
    const approve = find("APPROVE,");
    rows.push([
      "SUBMIT and APPROVE p95 ≤ 20 ms",
      `SUBMIT p95 ${ms(submit?.p95 ?? NaN)} ms, APPROVE p95 ${ms(approve?.p95 ?? NaN)} ms (concurrency ${submit?.concurrency ?? "–"})`,
      submit && approve && submit.p95 <= 20 && approve.p95 <= 20 ? "met" : "**not met**",
    ]);
    const scaling = scalingRatios(results.writes);
    if (scaling.length > 0) {
      const worst = Math.max(...scaling.map((row) => row.p95));
      rows.push([
        "100k/1k ≤ 1.3 (same transitions, p95)",
        scaling.map((row) => `${row.name} ${ratio(row.p95)}`).join(", "),
        worst <= 1.3 ? "met" : "**not met**",
      ]);
    }
    if (results.writes.approvals) {
      const errors = results.writes.approvals.outcomes.filter((o) => o.outcome.startsWith("error")).reduce((sum, o) => sum + o.count, 0);
      rows.push([
        "No 500 under load: concurrent approvals",
        `${errors} of ${results.writes.approvals.calls} failed with an error; quota ${results.writes.approvals.held ? "held" : "EXCEEDED"}`,
        errors === 0 ? "met" : "**not met**",
      ]);
    }
  }
  if (results.ballots) {
    const b = results.ballots;
    rows.push([
      `Ballots ≥ 1,000/s with 0 lost and 0 duplicate at ${b.voters} voters`,
      `${rate(b.cast.perSecond)}/s (${ratio(b.cast.perSecond / b.baseline.perSecond)}× a bare INSERT), ${b.lost} lost, ${b.duplicates} duplicate`,
      b.cast.perSecond >= 1000 && b.lost === 0 && b.duplicates === 0 ? "met" : "**not met**",
    ]);
    rows.push([
      `No 500 under load: ${b.burst.operations} ballots at once`,
      `${b.burst.failed} failed${b.burst.failures[0] ? ` (${b.burst.failures[0].message})` : ""}`,
      b.burst.failed === 0 ? "met" : "**not met**",
    ]);
  }
  if (results.certificates) {
    const runs = results.certificates.runs;
    const last = runs[runs.length - 1]!;
    const growth = perCertificateGrowth(results.certificates);
    rows.push([
      `${last.certificates} certificates ≤ 30 s, peak RSS ≤ 250 MB, flat per certificate`,
      `${seconds(last.wallMs)}, peak ${mb(last.maxRssKb)}, ${growth === null ? "–" : `+${(growth / 1024).toFixed(2)} MB`} per certificate`,
      last.wallMs <= 30_000 && last.maxRssKb <= 250 * 1024 && growth !== null && growth < 100 ? "met" : "**not met**",
    ]);
  }
  if (results.coldStart) {
    const cold = median(results.coldStart.runs.filter((run) => run.kind === "cold").map((run) => run.firstPageMs));
    rows.push([
      "Cold start ≤ 10 s to the first page (embedded database)",
      `median ${seconds(cold)}`,
      cold <= 10_000 ? "met" : "**not met**",
    ]);
  }
  return rows;
}

/** Peak RSS growth per certificate between the two largest runs (KB). */
function perCertificateGrowth(certificates: CertificateResults): number | null {
  const runs = [...certificates.runs].sort((a, b) => a.certificates - b.certificates);
  if (runs.length < 2) return null;
  const [a, b] = runs.slice(-2) as [(typeof runs)[0], (typeof runs)[0]];
  return b.certificates === a.certificates ? null : (b.maxRssKb - a.maxRssKb) / (b.certificates - a.certificates);
}

function scalingRatios(writes: WriteResults) {
  const big = writes.scaling.find((sample) => sample.database === "province");
  const small = writes.scaling.find((sample) => sample.database === "small");
  if (!big || !small) return [];
  return big.runs.map((run, index) => {
    const other = small.runs[index]!;
    return {
      name: run.name.replace(/,.*/, ""),
      p50: run.p50 / other.p50,
      p95: run.p95 / other.p95,
      valid: run.operations >= MIN_WRITE_SAMPLES && other.operations >= MIN_WRITE_SAMPLES,
    };
  });
}

// ─── Findings ───────────────────────────────────────────────────────────────

export function detectedFindings(results: BenchResults): string[] {
  const rowsByTable = new Map((results.data?.tables ?? []).map((table) => [table.table, table.rows]));
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
  const bare = baselineSlices(results, "bare");
  const healthz = baselineSlices(results, "healthz");
  for (const page of results.pages ?? []) {
    if (page.result.errors > 0)
      lines.push(`- \`${page.path}\` (${page.who}): ${page.result.errors} failed requests (${page.result.firstError}).`);
    const ratios = pageRatios(page, bare, healthz);
    if (!ratios.valid)
      lines.push(
        `- \`${page.path}\` (${page.who}): fewer than ${MIN_SLICE_REQUESTS} requests in round ${ratios.starvedRounds.join(", ")} (its own or a baseline's): those rounds are left out of its ratios${ratios.starvedRounds.length === page.slices.length ? ", which are therefore invalid" : ""}.`,
      );
  }
  const writeRuns = [
    ...(results.writes
      ? [results.writes.baseline, results.writes.prismaBaseline, ...results.writes.runs, ...results.writes.scaling.flatMap((s) => s.runs)]
      : []),
    ...(results.ballots ? [results.ballots.baseline, results.ballots.cast, results.ballots.burst] : []),
    ...(results.pglite?.runs.map((r) => r.run) ?? []),
  ];
  for (const run of writeRuns) {
    if (run.failed > 0)
      lines.push(
        `- "${run.name}": ${run.failed} of ${run.operations} failed (${run.failures.map((f) => `${f.count}× ${f.message}`).join("; ")}).`,
      );
    if (run.operations < MIN_WRITE_SAMPLES)
      lines.push(`- "${run.name}": only ${run.operations} operations, its percentiles are not figures.`);
  }
  if (results.writes?.chainProblem) lines.push(`- audit chain after the writes: ${results.writes.chainProblem}.`);
  if (results.writes?.approvals && !results.writes.approvals.held)
    lines.push(`- the quota was exceeded: ${results.writes.approvals.check}.`);
  if (results.ballots && (results.ballots.lost || results.ballots.duplicates || results.ballots.wrongTallies || results.ballots.ghosts))
    lines.push(
      `- ballots: ${results.ballots.lost} lost, ${results.ballots.duplicates} duplicate, ${results.ballots.wrongTallies} wrong tallies, ${results.ballots.ghosts} failed but committed.`,
    );
  for (const run of results.coldStart?.runs ?? [])
    if (!run.barePageHidden) lines.push(`- ${run.kind} start: /bench-bare-page answered without BENCH_BARE_PAGE (it must be 404).`);
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

const queryCount = (plans: PagePlans | undefined) => (plans ? plans.queries.reduce((sum, query) => sum + query.times, 0) : null);
const queryMs = (plans: PagePlans | undefined) =>
  plans ? plans.queries.reduce((sum, query) => sum + query.executionMs * query.times, 0) : null;

// ─── The document ───────────────────────────────────────────────────────────

export function renderResults(results: BenchResults, findings: string): string {
  const { machine, data, settings } = results;
  const rowsByTable = new Map((data?.tables ?? []).map((table) => [table.table, table.rows]));
  const out: string[] = [];
  const line = (text = "") => out.push(text);
  const table = (head: string[], align: string[], rows: string[][]) => {
    line(`| ${head.join(" | ")} |`);
    line(`| ${align.join(" | ")} |`);
    for (const row of rows) line(`| ${row.join(" | ")} |`);
    line();
  };

  line("# Benchmark results");
  line();
  line(
    `Run of ${results.date.toISOString().slice(0, 16).replace("T", " ")} UTC, ${Math.round(results.seconds)} s in all` +
      `${results.parts.length < 8 ? ` (parts: ${results.parts.join(", ")})` : ""}. Every figure is a ratio against a baseline measured in the same run, ` +
      "on the same machine under the same load; the raw milliseconds are given for context only (they depend on the machine and on whatever else ran on it).",
  );
  line();
  line("```sh");
  line(results.command);
  line("```");
  line();
  line(`Time per part: ${results.timings.map((t) => `${t.part} ${t.seconds.toFixed(0)} s`).join(", ")}.`);
  line();

  const goalRows = goals(results);
  if (goalRows.length > 0) {
    line("## Goals of issue 15 in this run");
    line();
    table(["goal", "this run", ""], ["---", "---", "---"], goalRows);
  }

  if (machine) {
    line("## Machine");
    line();
    table(
      ["", ""],
      ["---", "---"],
      [
        ["CPU", `${machine.cpus} × ${machine.cpuModel}`],
        ["memory", `${machine.memoryGb.toFixed(0)} GB`],
        ["OS", machine.platform],
        ["Node", machine.node],
        ["PostgreSQL", machine.postgres],
        [
          "PostgreSQL settings",
          Object.entries(machine.postgresSettings)
            .map(([key, value]) => `${key} ${value}`)
            .join(", "),
        ],
        ["load average (1 min) before / after", `${machine.loadBefore[0]!.toFixed(2)} / ${machine.loadAfter[0]!.toFixed(2)}`],
      ],
    );
    line(
      `Everything runs on this one machine: PostgreSQL, ${settings.servers} app servers (\`node build/server.mjs\`, NODE_ENV=production, ` +
        `JOBS=false, ${settings.poolSize} database connections each), the load generator and the direct calls (in the bench process).`,
    );
    line();
  }

  if (data) {
    line("## Data");
    line();
    line(
      `${data.reused ? "An existing generated database" : `Generated by bench/province.ts in ${data.seconds.toFixed(0)} s`}: 1 province, ${data.communes.toLocaleString("en")} communes, ` +
        `${data.units.toLocaleString("en")} units, ${data.users.toLocaleString("en")} users, **${data.dossiers.toLocaleString("en")} dossiers** ` +
        `(${data.overdue.toLocaleString("en")} overdue), one open movement per commune with 8 targets and its quotas, three voting sessions per commune ` +
        "(two closed with their tallies, receipts and shuffled keyless ballots; one open with keyed ballots of about half the members), " +
        "one award decision per commune with its entries, Ed25519-signed certificates, proposals sent up, the notifications of every transition " +
        `and a sign-in session per user; database ${formatBytes(data.databaseBytes)}. ` +
        `The measured commune (no. 1) has ${data.measuredCommuneDossiers.toLocaleString("en")} dossiers — more than a typical commune ` +
        `(~${Math.round((data.dossiers - data.measuredCommuneDossiers) / Math.max(1, data.communes - 1))}), so that its queues have deep pages.`,
    );
    line();
    line(
      `Dossiers by state: ${Object.entries(data.states)
        .map(([state, count]) => `${state} ${count.toLocaleString("en")}`)
        .join(", ")}.`,
    );
    line();
    table(
      ["table", "rows", "size (with indexes)"],
      ["---", "---:", "---:"],
      data.tables.slice(0, 20).map((t) => [t.table, t.rows.toLocaleString("en"), formatBytes(t.bytes)]),
    );
    if (results.small)
      line(
        `The small database (scaling, PGlite): the same generator with ${results.small.communes} communes and ${results.small.dossiers.toLocaleString("en")} dossiers (${results.small.seconds.toFixed(0)} s).`,
      );
    line();
  }

  // Pages.
  if (results.pages) {
    const bare = baselineSlices(results, "bare");
    const healthz = baselineSlices(results, "healthz");
    line("## Pages");
    line();
    line(
      `${settings.concurrency} requests in flight, shared round-robin over the ${settings.servers} servers. After one warm-up pass over every scenario, ` +
        `${settings.rounds} rounds in which each scenario runs ${settings.warmupSeconds} s unmeasured then ${(settings.durationSeconds / settings.rounds).toFixed(1)} s measured ` +
        `(${settings.durationSeconds} s each in all): other work on the machine falls on all of them alike. Two baselines: the **bare page** ` +
        "(`/bench-bare-page`, served only with `BENCH_BARE_PAGE=true`: the root layout and a loader returning fixed data, no query, about the size of a list page) " +
        "and `/healthz` (a resource route: `SELECT 1` through Prisma, no React, no session). The **signed-in shell** is the bare page requested by a signed-in " +
        "secretary: the root loader (session, user, roles, unread count) and the navigation, no page data.",
    );
    line();
    line(
      "- **× bare** = page req/s ÷ bare page req/s, as a fraction (1 = as fast as the bare page; the goal for list pages is ≥ 0.5), median of the rounds and its range;",
    );
    line("- **p95 × bare** = page p95 ÷ bare page p95 (latency under the same load), median of the rounds;");
    line("- **× /healthz** = `/healthz` req/s ÷ page req/s: how many health checks one page costs (the figure of earlier runs);");
    line(
      `- a round in which the page or a baseline got fewer than ${MIN_SLICE_REQUESTS} requests is left out and the figure marked ⚠ (invalid when no round is left);`,
    );
    line(
      "- **queries** and **DB ms**: statements one request sends and their summed execution time (EXPLAIN section); **gzip**: the same body compressed.",
    );
    line();
    const rows = results.pages.map((page) => {
      const ratios = pageRatios(page, page.kind === "bare" ? null : bare, page.kind === "healthz" ? null : healthz);
      const plans = results.plans?.find((plan) => plan.name === page.name);
      const mark = ratios.valid ? "" : ratios.starvedRounds.length === page.slices.length ? " ⚠ invalid" : " ⚠";
      const name = page.kind === "page" ? `\`${page.path}\`<br>${page.name}` : `**${page.name}**`;
      return [
        name,
        page.who,
        rate(page.result.perSecond),
        ms(page.result.p50),
        ms(page.result.p95),
        page.kind === "bare" ? "**1**" : `**${ratio(ratios.ofBare)}**${mark}`,
        page.kind === "bare" ? "–" : `${ratio(ratios.ofBareLow)}–${ratio(ratios.ofBareHigh)}`,
        page.kind === "bare" ? "1" : ratio(ratios.p95OfBare, 1),
        page.kind === "healthz" ? "1" : `${ratio(ratios.healthzCost, 1)}${mark}`,
        String(queryCount(plans) ?? (page.kind === "healthz" ? 1 : page.kind === "bare" ? 0 : "–")),
        plans ? ms(queryMs(plans)!) : "–",
        formatBytes(page.bodyBytes),
        formatBytes(page.gzipBytes),
        String(page.result.errors),
      ];
    });
    table(
      [
        "page",
        "as",
        "req/s",
        "p50 ms",
        "p95 ms",
        "**× bare**",
        "range",
        "p95 × bare",
        "× /healthz",
        "queries",
        "DB ms",
        "body",
        "gzip",
        "errors",
      ],
      ["---", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"],
      rows,
    );
    const fmtRounds = (slices: SliceFigures[] | null) => (slices ? slices.map((slice) => slice.perSecond.toFixed(0)).join(", ") : "–");
    line(
      `By round: \`/healthz\` ${fmtRounds(healthz)} req/s; bare page ${fmtRounds(bare)} req/s (the spread is the noise of the machine during the run; ` +
        "each ratio is taken within its round).",
    );
    line();
  }

  // Profile.
  if (results.profile) {
    const p = results.profile;
    line("## Where a server's CPU goes");
    line();
    line(
      `One more app server, run with \`node --cpu-prof\` (sampling every 0.5 ms), took ${p.seconds} s of \`${p.page}\` as ${p.who} at ${settings.concurrency} requests in flight ` +
        `after a warm-up: ${rate(p.perSecond)} req/s on one server; it was busy in ${pct(p.busyShare)} of the samples. Each busy sample is attributed to the first ` +
        "library or app frame on its stack, from the top: Node's own frames (sockets, streams, buffers) count for the library that called them, and are shown again " +
        'as that library\'s "in Node internals" part (for the pg driver: mostly writing queries to the socket and reading answers).',
    );
    line();
    table(
      ["where", "share of busy CPU", "of which in Node internals"],
      ["---", "---:", "---:"],
      p.categories.map((c) => [c.category, pct(c.share), c.internalShare > 0.005 ? pct(c.internalShare) : "–"]),
    );
    const share = (...prefixes: string[]) =>
      p.categories.filter((c) => prefixes.some((prefix) => c.category.startsWith(prefix))).reduce((sum, c) => sum + c.share, 0);
    line(
      `In sum: **issuing queries** (Prisma client and pg driver) ${pct(share("Prisma client", "pg driver"))}, of which writing to and reading from the ` +
        `database socket ${pct(p.categories.find((c) => c.category.startsWith("pg driver"))?.internalShare ?? 0)}; **rendering** (React, Remix and its ` +
        `server runtime) ${pct(share("React rendering", "Remix server"))}; garbage collection ${pct(share("garbage collection"))}. ` +
        `The native socket writes alone (\`writev\` and kin, database and HTTP, including those Node runs later from its own queue, ` +
        `whose stack no longer shows the caller) take ${pct(p.socketWrites)}.`,
    );
    line();
    line("Functions with the most samples of their own:");
    line();
    table(
      ["function", "attributed to", "self"],
      ["---", "---", "---:"],
      p.top.map((t) => [code(t.name), t.category.replace(/ \(.*/, ""), pct(t.share)]),
    );
  }

  // Writes.
  const runRow = (run: WriteRun, floor: WriteRun | null) => {
    const few = run.operations < MIN_WRITE_SAMPLES;
    return [
      run.name,
      String(run.operations),
      String(run.concurrency),
      rate(run.perSecond),
      ms(run.p50),
      few ? `(${ms(run.p95)}, n<${MIN_WRITE_SAMPLES})` : ms(run.p95),
      ms(run.p99),
      floor ? ratio(floor.perSecond / run.perSecond, 1) : "–",
      String(run.failed),
    ];
  };
  if (results.writes) {
    const w = results.writes;
    line("## Write path");
    line();
    line(
      "Direct calls of `sendDossierEvent` in the bench process, on a pool of the servers' size. Each is one interactive transaction: " +
        "load the dossier, check the documents (guards), lock the movement for APPROVE (the quota), run the machine, `UPDATE … WHERE version = …`, " +
        "append to the commune's hash-chained audit trail under its row lock, enqueue notifications. One dossier per commune per run, so that the " +
        "chains do not queue (except the run in one commune). **ops/s** counts the calls that succeeded; **cost** = baseline ops/s ÷ ops/s " +
        "(the baseline: a bare optimistic-lock transaction).",
    );
    line();
    table(
      ["operation", "ops", "in flight", "ops/s", "p50 ms", "p95 ms", "p99 ms", "cost", "failed"],
      ["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"],
      [runRow(w.baseline, w.baseline), runRow(w.prismaBaseline, w.baseline), ...w.runs.map((run) => runRow(run, w.baseline))],
    );
    const statements = Object.entries(w.statements);
    if (statements.length > 0) {
      line(
        `Statements per call, in its one transaction: ${statements.map(([name, count]) => `${name} ${count}`).join(", ")} (the baseline: 1).`,
      );
      line();
    }
    const scaling = scalingRatios(w);
    if (scaling.length > 0) {
      const big = w.scaling.find((s) => s.database === "province")!;
      const small = w.scaling.find((s) => s.database === "small")!;
      line(
        `**Scaling**: the same three transitions, ${big.runs[0]!.operations} of each (one dossier per commune, ${big.runs[0]!.concurrency} in flight), ` +
          `on the province (${big.dossiers.toLocaleString("en")} dossiers) and on the small database (${small.dossiers.toLocaleString("en")} dossiers); ` +
          `in four chunks alternating province, small, small, province, province, small, small, province, so that a change in the machine's load falls on both; ` +
          `ratio = province ÷ small (1 = no slower with ${Math.round(big.dossiers / small.dossiers)} times the data).`,
      );
      line();
      table(
        ["transition", "p50 ms province / small", "p95 ms province / small", "p50 ratio", "**p95 ratio**"],
        ["---", "---:", "---:", "---:", "---:"],
        scaling.map((row, index) => [
          row.name,
          `${ms(big.runs[index]!.p50)} / ${ms(small.runs[index]!.p50)}`,
          `${ms(big.runs[index]!.p95)} / ${ms(small.runs[index]!.p95)}`,
          ratio(row.p50),
          `**${ratio(row.p95)}**${row.valid ? "" : " ⚠ few samples"}`,
        ]),
      );
    }
    if (w.approvals) {
      const a = w.approvals;
      line(
        `**${a.name}**, all sent at the same instant: they queue on the movement's row lock, each holding a pooled connection while it ` +
          `waits, and the others wait for a connection — Prisma gives up after 2 s ("Unable to start a transaction in the given time"). ` +
          `Half had their answer after ${ms(a.p50)} ms, the last after ${ms(a.max)} ms.`,
      );
      line();
      table(
        ["outcome", "calls"],
        ["---", "---:"],
        a.outcomes.map((o) => [o.outcome.replace(/\|/g, "\\|"), String(o.count)]),
      );
      line(`Afterwards: ${a.check} — the quota ${a.held ? "held" : "was **exceeded**"}.`);
      line();
    }
    line(
      `Afterwards ${w.chainsChecked} audit chains (${w.chainRows.toLocaleString("en")} rows, the measured commune's included) were re-verified ` +
        `with the app's \`auditHash\`: ${w.chainProblem ?? "numbering without gaps, every hash links"}.`,
    );
    line();
  }

  if (results.ballots) {
    const b = results.ballots;
    line("## Ballots");
    line();
    line(
      `${b.sessions} voting sessions opened through the app (\`openVotingSession\`, ${b.dossiersPerSession} dossiers each), ${b.voters} council members. ` +
        "Through the app's `castBallot` (one transaction: the session locked for sharing, membership and recusal checked, receipt and keyed ballot " +
        'written), in the bench process on a pool of the servers\' size; against one bare `INSERT INTO "Ballot"` per ballot by as many callers at once. ' +
        "**ballots/s** counts the ballots that were cast (a failed call is not one); **× INSERT** = ballots/s ÷ the bare INSERT's.",
    );
    line();
    table(
      ["run", "ballots", "in flight", "ballots/s", "p50 ms", "p95 ms", "**× INSERT**", "failed"],
      ["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:"],
      [b.baseline, b.cast, b.burst].map((run) => [
        run.name,
        String(run.operations),
        String(run.concurrency),
        rate(run.perSecond),
        ms(run.p50),
        ms(run.p95),
        `**${ratio(run.perSecond / b.baseline.perSecond)}**`,
        String(run.failed),
      ]),
    );
    const failures = [...b.cast.failures, ...b.burst.failures];
    if (failures.length > 0) {
      line("Failures:");
      line();
      table(
        ["run", "error", "calls"],
        ["---", "---", "---:"],
        [
          ...b.cast.failures.map((f) => [b.cast.name, f.message.replace(/\|/g, "\\|"), String(f.count)]),
          ...b.burst.failures.map((f) => [b.burst.name, f.message.replace(/\|/g, "\\|"), String(f.count)]),
        ],
      );
    }
    line(
      `Accounted afterwards from the tables: **${b.lost} lost** (a call that succeeded without its receipt, or fewer ballots than receipts on a dossier), ` +
        `**${b.duplicates} duplicate** (more ballots than receipts), ${b.wrongTallies} dossiers whose agree count differs from what the successful calls sent, ` +
        `${b.ghosts} calls reported failed that committed anyway.`,
    );
    line();
  }

  if (results.pglite) {
    const p = results.pglite;
    line("## PGlite against PostgreSQL");
    line();
    line(
      `The small database (${p.dossiers.toLocaleString("en")} dossiers) copied on the server and loaded into an embedded PGlite on disk ` +
        `(migrations and data in ${p.loadSeconds.toFixed(1)} s), then the same SUBMIT and ACCEPT_SCREENING calls on the same dossiers of each, ` +
        "through the app's `sendDossierEvent` in the bench process. **PGlite ÷ PostgreSQL** = PostgreSQL ops/s ÷ PGlite ops/s (how many times slower the embedded database is).",
    );
    line();
    const pairs = p.runs
      .filter((r) => r.database === "PostgreSQL")
      .map((r) => ({ server: r.run, embedded: p.runs.find((e) => e.database === "PGlite" && e.run.name === r.run.name)?.run }));
    table(
      ["transition", "PostgreSQL ops/s", "p50 / p95 ms", "PGlite ops/s", "p50 / p95 ms", "**PGlite ÷ PostgreSQL**", "failed"],
      ["---", "---:", "---:", "---:", "---:", "---:", "---:"],
      pairs.map(({ server, embedded }) => [
        server.name,
        rate(server.perSecond),
        `${ms(server.p50)} / ${ms(server.p95)}`,
        embedded ? rate(embedded.perSecond) : "–",
        embedded ? `${ms(embedded.p50)} / ${ms(embedded.p95)}` : "–",
        embedded ? `**${ratio(server.perSecond / embedded.perSecond, 1)}**` : "–",
        `${server.failed} / ${embedded?.failed ?? "–"}`,
      ]),
    );
  }

  if (results.certificates) {
    const c = results.certificates;
    const base = c.runs[0]!;
    const growth = perCertificateGrowth(c);
    line("## Certificates in one PDF");
    line();
    line(
      "A child process per run builds one PDF with `certificatesPdf` (what `/quyet-dinh/$id/giay-khen.pdf` calls; faces through `faceOf`, made up: " +
        "no generated decision has hundreds of awardees) and writes it to disk; `pdfinfo` checks its page count. **wall** = spawn to exit (module loading included); " +
        `**× 1** = against the run of 1 certificate; peak RSS is the child's maxRSS. Growth per certificate between the two largest runs: ` +
        `${growth === null ? "–" : `**${(growth / 1024).toFixed(2)} MB**`} of peak RSS.`,
    );
    line();
    table(
      ["certificates", "wall", "building", "× 1 (wall)", "peak RSS", "RSS once loaded", "PDF", "pages"],
      ["---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"],
      c.runs.map((run) => [
        String(run.certificates),
        seconds(run.wallMs),
        seconds(run.buildMs),
        ratio(run.wallMs / base.wallMs, 1),
        mb(run.maxRssKb),
        mb(run.rssBeforeKb),
        formatBytes(run.bytes),
        String(run.pages ?? "–"),
      ]),
    );
  }

  if (results.coldStart) {
    const runs = results.coldStart.runs;
    const cold = runs.filter((run) => run.kind === "cold");
    const warm = runs.filter((run) => run.kind === "warm");
    const noDemo = runs.find((run) => run.kind === "cold, no demo data");
    const medianOf = (list: typeof runs, pick: (run: (typeof runs)[0]) => number | null) =>
      median(list.map(pick).filter((v): v is number => v !== null));
    line("## Cold start");
    line();
    line(
      "The app as installed and built, an empty data folder, no `DATABASE_URL` (the embedded PGlite), the default environment (development: demo data " +
        "loaded, jobs on): `node build/server.mjs`, what `npm start` runs after its build. Timed from spawn to the first 200 of `/dang-nhap`; the " +
        "server's own lines mark when the database was ready (migrations and demo data done) and when it listened. Each cold start is followed by a warm " +
        "start on the same folder (its baseline: nothing to migrate or load); one cold start without demo data separates migrations from the demo seed.",
    );
    line();
    table(
      ["start", "runs", "database ready", "listening", "**first page**", "× warm"],
      ["---", "---:", "---:", "---:", "---:", "---:"],
      [
        ["cold (median)", cold],
        ["warm (median)", warm],
        ["cold, no demo data", noDemo ? [noDemo] : []],
      ]
        .filter(([, list]) => (list as typeof runs).length > 0)
        .map(([name, list]) => {
          const l = list as typeof runs;
          const first = medianOf(l, (run) => run.firstPageMs);
          return [
            name as string,
            String(l.length),
            seconds(medianOf(l, (run) => run.databaseReadyMs)),
            seconds(medianOf(l, (run) => run.listeningMs)),
            `**${seconds(first)}**`,
            ratio(first / medianOf(warm, (run) => run.firstPageMs), 1),
          ];
        }),
    );
    line(`Every run: ${runs.map((run) => `${run.kind} ${seconds(run.firstPageMs)}`).join(", ")}.`);
    line();
  }

  if (results.plans) {
    line("## Queries (EXPLAIN ANALYZE)");
    line();
    line(
      "Each page was rendered once more in the bench process by the built app, inside a request scope as the server opens one per request, on a Prisma " +
        "client that logs its SQL; every read was then run again under `EXPLAIN (ANALYZE, BUFFERS)` with the same parameters (warm cache). Access paths in " +
        `**bold** are sequential scans of a large table, or scans of ${WATCHED_TABLES.join(" / ")} reading over ${BIG_SCAN_ROWS.toLocaleString("en")} rows.` +
        (results.plansAfterVacuum
          ? " The plans are those after the writes (their transitions leave the tables as between two autovacuums in production); " +
            "the last column gives the plan of the same query right after the load's `VACUUM ANALYZE` when it differs."
          : ""),
    );
    line();
    results.plans.forEach((page, pageIndex) => {
      const fresh = results.plansAfterVacuum?.[pageIndex];
      line(`### \`${page.path}\` — ${page.name}`);
      line();
      line(`HTTP ${page.status}; ${queryCount(page)} queries, ${ms(queryMs(page)!)} ms of execution in all.`);
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
  }

  line("## Findings");
  line();
  line(findings);
  line();
  line("### Detected in this run");
  line();
  line(
    `Sequential scans of ${WATCHED_TABLES.join(", ")} or of any table over ${SEQ_SCAN_ROWS.toLocaleString("en")} rows, scans of those tables reading over ` +
      `${BIG_SCAN_ROWS.toLocaleString("en")} rows, queries over ${SLOW_MS} ms, starved slices, failures (regenerated on every run):`,
  );
  line();
  for (const finding of detectedFindings(results)) line(finding);
  line();
  return out.join("\n");
}

export function writeResults(file: string, results: BenchResults): void {
  writeFileSync(file, renderResults(results, keptFindings(file)));
}
