// Tone-insensitive search at province scale: generates 100,000 dossiers with Vietnamese names on a fresh
// PostgreSQL database, runs the dossier list's own queries (app/models/dossier-lists.server.ts, through a
// Prisma client that logs its SQL) for a name typed without tone marks, and EXPLAINs them — with the trigram
// index, and once more with the index dropped inside a rolled-back transaction for comparison. Writes its
// section of bench/RESULTS.md between its markers, leaving the rest of the file alone.
//
//   npx tsx bench/search.ts [--dossiers 100000] [--communes 20] [--out bench/RESULTS.md]
import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { listVisibleDossiers } from "~/models/dossier-lists.server.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { openDatabase, useDatabase } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";
import { foldForSearch } from "~/utils/search.ts";
import { createPostgresDatabase } from "../test/support/database.ts";

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ""), process.argv[i + 1] ?? "");
const DOSSIERS = Number(args.get("dossiers") ?? 100_000);
const COMMUNES = Number(args.get("communes") ?? 20);
const OUT = args.get("out") ?? "bench/RESULTS.md";
const START = "<!-- bench/search.ts: start -->";
const END = "<!-- bench/search.ts: end -->";

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
const MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Quốc", "Thanh", "Đức", "Thu", "Xuân", "Hoài", "Gia"];
const GIVEN = [
  "An",
  "Bình",
  "Cường",
  "Dũng",
  "Đông",
  "Giang",
  "Hà",
  "Hải",
  "Hạnh",
  "Hoa",
  "Hùng",
  "Khánh",
  "Lan",
  "Long",
  "Mai",
  "Nam",
  "Ngân",
  "Nhân",
  "Phúc",
  "Phương",
  "Quang",
  "Sơn",
  "Tâm",
  "Thành",
  "Thảo",
  "Trang",
  "Trung",
  "Tuấn",
  "Uyên",
  "Việt",
  "Xuân",
  "Yến",
];

// A deterministic generator (mulberry32): the same data on every run.
let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;

async function generate(client: pg.Client) {
  const now = new Date();
  const province = randomUUID();
  await client.query(
    `INSERT INTO "OrgUnit" (id, code, name, kind, "ancestorIds", "updatedAt") VALUES ($1, 'p', 'Tỉnh Thử', 'province', '{}', now())`,
    [province],
  );
  const communes: Array<{ id: string; department: string; movement: string; user: string }> = [];
  for (let c = 0; c < COMMUNES; c++) {
    const commune = { id: randomUUID(), department: randomUUID(), movement: randomUUID(), user: randomUUID() };
    communes.push(commune);
    await client.query(
      `INSERT INTO "OrgUnit" (id, code, name, kind, "parentId", "ancestorIds", "updatedAt") VALUES
         ($1, $2, $3, 'commune', $4, ARRAY[$4], now()), ($5, $6, 'Bộ phận Tư pháp - Hộ tịch', 'department', $1, ARRAY[$4, $1], now())`,
      [commune.id, `c${c}`, `UBND xã Thử ${c}`, province, commune.department, `d${c}`],
    );
    await client.query(
      `INSERT INTO "User" (id, username, "fullName", "passwordHash", "unitId", "updatedAt") VALUES ($1, $2, 'Cán bộ', 'x', $3, now())`,
      [commune.user, `u${c}`, commune.department],
    );
    await client.query(
      `INSERT INTO "Movement" (id, "unitId", title, year, "legalBasis", "subjectKinds", "submissionDeadline", state, "updatedAt")
       VALUES ($1, $2, 'Phong trào thử', 2026, '{}', '{civil_servant}', $3, 'open', now())`,
      [commune.movement, commune.id, new Date(now.getTime() + 30 * 86_400_000)],
    );
    await client.query(
      `INSERT INTO "MovementAward" ("movementId", "nomineeKind", "awardForm", "updatedAt")
       VALUES ($1, 'individual', 'commune_chairman_certificate', now())`,
      [commune.movement],
    );
  }
  const states = ["submitted", "screened", "in_council_vote", "council_passed", "approved", "awarded", "needs_supplement", "draft"];
  const batch = 10_000;
  for (let start = 0; start < DOSSIERS; start += batch) {
    const rows = Array.from({ length: Math.min(batch, DOSSIERS - start) }, () => {
      const commune = pick(communes);
      const name = `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
      const updated = new Date(now.getTime() - Math.floor(random() * 365 * 86_400_000));
      return { id: randomUUID(), nominee: randomUUID(), name, search: foldForSearch(name), state: pick(states), commune, updated };
    });
    await client.query(
      `INSERT INTO "Nominee" (id, kind, "subjectKind", name, "unitId", "updatedAt")
       SELECT n, 'individual', 'civil_servant', nm, u, now() FROM unnest($1::text[], $2::text[], $3::text[]) AS t(n, nm, u)`,
      [rows.map((r) => r.nominee), rows.map((r) => r.name), rows.map((r) => r.commune.department)],
    );
    await client.query(
      `INSERT INTO "Dossier" (id, "movementId", "unitId", "nomineeId", kind, "awardForm", state, snapshot, "machineVersion", "createdById",
                              "searchName", "createdAt", "updatedAt")
       SELECT d, m, u, n, 'individual', 'commune_chairman_certificate', s::"DossierState", '{}', 1, c, sn, up, up
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
         AS t(d, m, u, n, s, c, sn, up)`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.commune.movement),
        rows.map((r) => r.commune.department),
        rows.map((r) => r.nominee),
        rows.map((r) => r.state),
        rows.map((r) => r.commune.user),
        rows.map((r) => r.search),
        rows.map((r) => r.updated),
      ],
    );
  }
  await client.query("ANALYZE");
  return communes;
}

type Logged = { sql: string; params: unknown[] };

/** Runs the list as the page does and returns its SQL, with the page's rows and total. */
async function listQueries(prisma: PrismaClient, log: Logged[], user: CurrentUser, q: string) {
  useDatabase({ ...openedForModels!, prisma });
  log.length = 0;
  const result = await listVisibleDossiers(
    user,
    {
      q,
      states: [],
      unitId: null,
      movementId: null,
      year: null,
      overdue: false,
      subjectKinds: [],
      targetId: null,
      targetStatus: null,
      sort: "cap-nhat",
    },
    1,
  );
  return { queries: [...log], total: result.total, shown: result.rows.length };
}

let openedForModels: ReturnType<typeof openDatabase> | null = null;

async function explain(client: pg.Client, query: Logged) {
  const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params);
  const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
  const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
  return { plan, ms, usesIndex: plan.includes("Dossier_searchName_idx"), seqScan: /Seq Scan on "Dossier"/.test(plan) };
}

async function main() {
  const started = Date.now();
  const database = await createPostgresDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  try {
    openedForModels = openDatabase({ url: database.url, poolSize: 2 });
    await migrate(openedForModels.sql);
    const communes = await generate(client);
    const generatedIn = (Date.now() - started) / 1000;

    const log: Logged[] = [];
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool), log: [{ emit: "event", level: "query" }] });
    prisma.$on("query", (event) => log.push({ sql: event.query, params: JSON.parse(event.params) as unknown[] }));

    const grants = (ids: string[]) => ids.map((unitId) => ({ role: "secretary" as const, unitId, unitName: "" }));
    const user = (ids: string[]): CurrentUser => ({
      id: "bench",
      username: "bench",
      fullName: "Bench",
      title: null,
      mustChangePassword: false,
      unitId: ids[0]!,
      unitName: "",
      grants: grants(ids),
    });
    const cases = [
      { who: "secretary of one commune", user: user([communes[0]!.id]), q: "nguyen van an" },
      { who: `secretary of all ${COMMUNES} communes`, user: user(communes.map((c) => c.id)), q: "nguyen van an" },
      { who: `secretary of all ${COMMUNES} communes`, user: user(communes.map((c) => c.id)), q: "dang thi hoa" },
      // A short, common word: the index narrows little, and the page is the newest 20 of thousands.
      { who: `secretary of all ${COMMUNES} communes`, user: user(communes.map((c) => c.id)), q: "thi" },
    ];
    const results = [];
    for (const c of cases) {
      const { queries, total, shown } = await listQueries(prisma, log, c.user, c.q);
      const count = queries.find((q) => /count\(/i.test(q.sql))!;
      const page = queries.find((q) => !/count\(/i.test(q.sql) && /"searchName"/.test(q.sql))!;
      const withIndex = { count: await explain(client, count), page: await explain(client, page) };
      // The same SQL without the trigram index, in a transaction rolled back afterwards.
      await client.query("BEGIN");
      await client.query('DROP INDEX "Dossier_searchName_idx"');
      const withoutIndex = { count: await explain(client, count), page: await explain(client, page) };
      await client.query("ROLLBACK");
      results.push({ ...c, total, shown, withIndex, withoutIndex, pagePlan: withIndex.page.plan });
    }
    await prisma.$disconnect();

    const version = (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version;
    const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 1 });
    const lines = [
      START,
      "## Tone-insensitive search (bench/search.ts)",
      "",
      `Run of ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on PostgreSQL ${version}: ${fmt(DOSSIERS)} dossiers in ${COMMUNES} communes ` +
        `with generated Vietnamese names (generated and analysed in ${fmt(generatedIn)} s). The dossier list's own queries ` +
        "(`listVisibleDossiers` with `?q=…`, captured from Prisma) under `EXPLAIN (ANALYZE, BUFFERS)`; then the same SQL with the trigram index " +
        "dropped in a transaction that is rolled back. Reproduce: `npx tsx bench/search.ts`.",
      "",
      "| list as | typed | found | count: ms (index used) | page of 20: ms (index used) | without the index: count ms / page ms |",
      "| --- | --- | ---: | ---: | ---: | ---: |",
      ...results.map(
        (r) =>
          `| ${r.who} | \`${r.q}\` | ${fmt(r.total)} | ${fmt(r.withIndex.count.ms)} (${r.withIndex.count.usesIndex ? "yes" : "no"}) | ` +
          `${fmt(r.withIndex.page.ms)} (${r.withIndex.page.usesIndex ? "yes" : "no"}) | ${fmt(r.withoutIndex.count.ms)} / ${fmt(r.withoutIndex.page.ms)} |`,
      ),
      "",
      "The plan of the page query for the widest scope:",
      "",
      "```",
      results[1]!.pagePlan,
      "```",
      END,
    ];
    const section = lines.join("\n");
    let text = "";
    try {
      text = readFileSync(OUT, "utf8");
    } catch {
      text = "# Benchmark results\n";
    }
    const next = text.includes(START) ? text.replace(new RegExp(`${START}[\\s\\S]*?${END}`), section) : `${text.trimEnd()}\n\n${section}\n`;
    writeFileSync(OUT, next);
    console.log(section);
  } finally {
    await client.end();
    await pool.end();
    await openedForModels?.close();
    useDatabase(undefined);
    await database.drop();
  }
}

await main();
