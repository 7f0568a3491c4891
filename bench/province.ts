// Province-scale data for the benchmarks: one province, ~1,000 communes and 100,000+ dossiers in a
// fresh PostgreSQL database, migrated with the project's own migrations and filled with set-based SQL
// (INSERT … SELECT generate_series), not row by row. Run alone: `npx tsx bench/province.ts --keep`.
import { createHash, randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import pg from "pg";
import {
  DOSSIER_MACHINE_VERSION,
  DOSSIER_STATES,
  allowedDossierEvents,
  dossierMachine,
  initialDossierSnapshot,
  type DossierInput,
  type DossierState,
} from "#machines/index.ts";
import { GENESIS_HASH, auditHash } from "~/models/audit.server.ts";
import { hashPassword } from "~/utils/auth.server.ts";
import { openDatabase } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";
import { decisionsAndCertificates, notificationsAndSignIns, votingSessions } from "./outcomes.ts";
import { addWorkingDays } from "~/utils/working-days.ts";

export const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Password of every generated user (one bcrypt hash shared by all of them). */
export const BENCH_PASSWORD = "Demo@2023";

export type ProvinceOptions = {
  /** Communes in the province (each with an office, 3 departments, 4 hamlets, the Fatherland Front). */
  communes: number;
  /** Dossiers in the whole province. */
  dossiers: number;
  /**
   * Dossiers of commune no. 1, the one whose pages are measured. Larger than a typical commune on
   * purpose, so that its queues have deep pages; the others share the rest evenly.
   */
  measuredCommuneDossiers: number;
  log?: (line: string) => void;
};

export type TableFacts = { table: string; rows: number; bytes: number };

export type ProvinceFacts = {
  communes: number;
  units: number;
  users: number;
  dossiers: number;
  measuredCommuneDossiers: number;
  states: Record<string, number>;
  overdue: number;
  tables: TableFacts[];
  databaseBytes: number;
  seconds: number;
  steps: Array<{ step: string; seconds: number }>;
};

export type Province = { name: string; url: string; facts: ProvinceFacts; drop(): Promise<void> };

// ─── Ids: deterministic, cuid-sized, so any step can name any row without a lookup ──

/** Same function as pg_temp.bid in SQL. */
export function benchId(kind: string, n: number): string {
  return `c${md5(`${kind}${n}`).slice(0, 24)}`;
}
function md5(text: string): string {
  return createHash("md5").update(text).digest("hex");
}

/** Ids of commune `c` and of the people in it (see the users step). */
export const ids = {
  province: () => benchId("u", 0),
  commune: (c: number) => benchId("u", c * 10),
  /** 1 office, 2–4 departments, 5–8 hamlets, 9 Fatherland Front. */
  unit: (c: number, slot: number) => benchId("u", c * 10 + slot),
  chairman: (c: number) => benchId("s", c * 10),
  secretary: (c: number) => benchId("s", c * 10 + 1),
  councilMember: (c: number) => benchId("s", c * 10 + 2),
  /** The official of unit slot 2–8. */
  official: (c: number, slot: number) => benchId("s", c * 10 + slot + 1),
  movement: (c: number) => benchId("m", c),
  dossier: (n: number) => benchId("d", n),
};

// ─── What the communes' movements look like (the targets of the Tam Phước plan, seeds/001) ──

const TARGETS = [
  {
    position: 1,
    area: "Về công tác chỉ đạo, điều hành",
    label: "Thực hiện mệnh lệnh hành chính cấp trên đúng hạn, đảm bảo chất lượng",
    metric: "admin_orders_on_time_rate",
    comparator: "gte",
    threshold: 95,
    unit: "%",
    appliesTo: [],
    optional: false,
  },
  {
    position: 2,
    area: "Về công tác chỉ đạo, điều hành",
    label: "Văn bản phối hợp thực hiện nhiệm vụ đúng hạn và có chất lượng",
    metric: "coordination_on_time_rate",
    comparator: "gte",
    threshold: 100,
    unit: "%",
    appliesTo: [],
    optional: false,
  },
  {
    position: 3,
    area: "Về cải cách thể chế",
    label: "Văn bản quy phạm pháp luật đảm bảo thời gian, chất lượng, đúng quy định (nếu có)",
    metric: "legal_documents_compliant_rate",
    comparator: "gte",
    threshold: 100,
    unit: "%",
    appliesTo: [],
    optional: true,
  },
  {
    position: 4,
    area: "Về cải cách TTHC và thực hiện cơ chế Một cửa",
    label: "Hồ sơ TTHC giải quyết đúng hạn",
    metric: "procedures_on_time_rate",
    comparator: "gte",
    threshold: 99,
    unit: "%",
    appliesTo: [],
    optional: false,
  },
  {
    position: 5,
    area: "Về cải cách TTHC và thực hiện cơ chế Một cửa",
    label: "Rút ngắn thời gian giải quyết TTHC so với thời gian quy định (35% – 40%)",
    metric: "procedure_time_reduction_rate",
    comparator: "gte",
    threshold: 35,
    unit: "%",
    appliesTo: [],
    optional: false,
  },
  {
    position: 6,
    area: "Về cải cách chế độ công vụ",
    label: "Cán bộ, công chức chấp hành nghiêm nội quy, quy chế của cơ quan",
    metric: "rules_compliance_rate",
    comparator: "gte",
    threshold: 100,
    unit: "%",
    appliesTo: [],
    optional: false,
  },
  {
    position: 7,
    area: "Về cải cách chế độ công vụ",
    label: "Cán bộ, công chức thuộc quyền quản lý bị xử lý kỷ luật",
    metric: "disciplined_staff",
    comparator: "eq",
    threshold: 0,
    unit: "người",
    appliesTo: ["unit_head"],
    optional: false,
  },
  {
    position: 8,
    area: "Về xây dựng và phát triển Chính quyền điện tử, chính quyền số",
    label: "Hồ sơ dịch vụ công trực tuyến được giải quyết",
    metric: "online_services_rate",
    comparator: "gte",
    threshold: 80,
    unit: "%",
    appliesTo: [],
    optional: false,
  },
];

const MOVEMENT_TITLE = "Nâng cao trách nhiệm người đứng đầu trong thực hiện các nhiệm vụ cải cách hành chính";

/**
 * The audit rows that lead a dossier to each state, in order: [action, from, to, who, document].
 * Drafts keep CREATE plus as many document saves as they have documents.
 */
type Step = [
  action: string,
  from: DossierState | null,
  to: DossierState,
  actor: "official" | "secretary" | "chairman",
  document: string | null,
];
const PREPARED: Step[] = [
  ["dossier.CREATE", null, "draft", "official", null],
  ["dossier.document.SAVE", "draft", "draft", "official", "proposal"],
  ["dossier.document.SAVE", "draft", "draft", "official", "unit_minutes"],
  ["dossier.document.SAVE", "draft", "draft", "official", "achievement_report"],
];
const SUBMITTED: Step[] = [...PREPARED, ["dossier.SUBMIT", "draft", "submitted", "official", null]];
const SCREENED: Step[] = [...SUBMITTED, ["dossier.ACCEPT_SCREENING", "submitted", "screened", "secretary", null]];
const VOTING: Step[] = [...SCREENED, ["dossier.OPEN_VOTE", "screened", "in_council_vote", "secretary", null]];
const PASSED: Step[] = [...VOTING, ["dossier.CLOSE_VOTE", "in_council_vote", "council_passed", "secretary", null]];
const APPROVED: Step[] = [...PASSED, ["dossier.APPROVE", "council_passed", "approved", "chairman", null]];
const PATHS: Record<DossierState, Step[]> = {
  draft: PREPARED,
  submitted: SUBMITTED,
  needs_supplement: [...SUBMITTED, ["dossier.RETURN_FOR_SUPPLEMENT", "submitted", "needs_supplement", "secretary", null]],
  screened: SCREENED,
  in_council_vote: VOTING,
  council_passed: PASSED,
  council_failed: [...VOTING, ["dossier.CLOSE_VOTE", "in_council_vote", "council_failed", "secretary", null]],
  approved: APPROVED,
  rejected: [...PASSED, ["dossier.REJECT", "council_passed", "rejected", "chairman", null]],
  awarded: [...APPROVED, ["dossier.ISSUE_CERTIFICATE", "approved", "awarded", "chairman", null]],
  forwarded: [...APPROVED, ["dossier.FORWARD_UP", "approved", "forwarded", "chairman", null]],
  withdrawn: [...PREPARED.slice(0, 2), ["dossier.WITHDRAW", "draft", "withdrawn", "official", null]],
};

const RETURN_REASON = "Báo cáo thành tích chưa nêu số liệu dẫn chứng cho từng chỉ tiêu; đề nghị đơn vị bổ sung.";
const REJECT_REASON = "Thành tích chưa tiêu biểu so với các cá nhân, tập thể khác được đề nghị trong phong trào.";

/** XState's persisted snapshot for each state, from the machine itself, with placeholder ids. */
function snapshotTemplates(): Record<string, unknown> {
  const input: DossierInput = {
    dossierId: "-",
    movementId: "-",
    unitId: "-",
    movementUnitId: "-",
    nomineeKind: "individual",
    subjectKind: "civil_servant",
    awardForm: "commune_chairman_certificate",
  };
  const initial = initialDossierSnapshot(input);
  return Object.fromEntries(
    DOSSIER_STATES.map((state) => {
      const resolved = dossierMachine.resolveState({ value: state, context: initial.context });
      return [state, JSON.parse(JSON.stringify(dossierMachine.getPersistedSnapshot(resolved)))];
    }),
  );
}

/** Due instants by Vietnam calendar day of the transition, from the app's working-day calendar. */
function dueTable(now: Date): Array<{ day: string; due5: string; due12: string }> {
  const rows = [];
  for (let back = 200; back >= -2; back--) {
    const instant = new Date(now.getTime() - back * 86_400_000);
    const vnDay = new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    rows.push({ day: vnDay, due5: addWorkingDays(instant, 5).toISOString(), due12: addWorkingDays(instant, 12).toISOString() });
  }
  return rows;
}

// ─── The SQL ────────────────────────────────────────────────────────────────

const HELPERS = `
CREATE FUNCTION pg_temp.bid(k text, n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT 'c' || substr(md5(k || n::text), 1, 24) $$;
CREATE FUNCTION pg_temp.rnd(n bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE AS
  $$ SELECT (hashint8(n * 7919 + salt * 104729) & 2147483647)::float8 / 2147483648.0 $$;
CREATE FUNCTION pg_temp.pick(arr text[], r float8) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT arr[1 + floor(r * array_length(arr, 1))::int] $$;
CREATE FUNCTION pg_temp.person(n bigint, salt int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT pg_temp.pick(ARRAY['Nguyễn','Trần','Lê','Phạm','Hoàng','Huỳnh','Phan','Vũ','Võ','Đặng','Bùi','Đỗ','Hồ','Ngô','Dương','Lý'], pg_temp.rnd(n, salt))
    || ' ' || pg_temp.pick(ARRAY['Văn','Thị','Minh','Ngọc','Thanh','Quốc','Thu','Hữu','Đức','Hoài','Kim','Xuân'], pg_temp.rnd(n, salt + 1))
    || ' ' || pg_temp.pick(ARRAY['Hùng','Hà','Lan','Phúc','Tuấn','Sáu','Mai','Bảo','Nhân','Sơn','Hạnh','Dũng','Hương','Long','Trang','Khoa','Yến','Tâm','Thảo','Vinh','Lộc','Nga'], pg_temp.rnd(n, salt + 2))
$$;
CREATE FUNCTION pg_temp.slot_name(s int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT (ARRAY['Văn phòng HĐND và UBND xã','Bộ phận Tư pháp - Hộ tịch','Bộ phận Địa chính - Xây dựng - Đô thị và Môi trường',
    'Bộ phận Văn hóa - Xã hội','Ấp Phước Lâm','Ấp Phước Thạnh','Ấp Phước Hưng','Ấp Phước Tân','Ủy ban MTTQ Việt Nam xã và các đoàn thể'])[s]
$$;
CREATE FUNCTION pg_temp.vn_date(t timestamp) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT to_char(t + interval '7 hours', 'DD/MM/YYYY') $$;
CREATE FUNCTION pg_temp.iso(t timestamp) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;
-- Per commune three voting sessions (id 'v', c * 3 + slot): 0 the quota's first five (closed), 1 every other
-- dossier past the vote (closed), 2 the dossiers being voted on (open).
CREATE FUNCTION pg_temp.session_slot(k bigint, state text) RETURNS int LANGUAGE sql IMMUTABLE AS
  $$ SELECT CASE WHEN k <= 5 THEN 0 WHEN state = 'in_council_vote' THEN 2 ELSE 1 END $$;
`;

const COMMUNE_NAMES = [
  "Tam Phước",
  "Long Hải",
  "Phước Hưng",
  "An Ngãi",
  "Tam An",
  "Phước Tỉnh",
  "Long Điền",
  "An Nhứt",
  "Bình Châu",
  "Hòa Hiệp",
  "Xuyên Mộc",
  "Bông Trang",
  "Bưng Riềng",
  "Phước Thuận",
  "Hòa Hội",
  "Hòa Hưng",
  "Tân Lâm",
  "Bàu Lâm",
  "Xà Bang",
  "Kim Long",
  "Láng Lớn",
  "Quảng Thành",
  "Bình Ba",
  "Suối Nghệ",
  "Nghĩa Thành",
  "Ngãi Giao",
  "Long Phước",
  "Hòa Long",
  "Châu Pha",
  "Tóc Tiên",
  "Phú Mỹ",
  "Tân Hải",
  "Tân Phước",
  "Mỹ Xuân",
  "Hắc Dịch",
  "Sông Xoài",
  "Long Sơn",
  "Đất Đỏ",
  "Phước Long Thọ",
  "Lộc An",
];

/** Runs one step of the load and logs how long it took. */
async function step(steps: ProvinceFacts["steps"], log: (line: string) => void, name: string, work: () => Promise<unknown>) {
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  steps.push({ step: name, seconds });
  log(`  ${name.padEnd(44)} ${seconds.toFixed(1)} s`);
}

/** A statement with bind parameters (one per query), or a script of several without. */
type Statement = string | [sql: string, params: unknown[]];

/** A constant of this file as an SQL string literal. */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Creates, migrates and fills a new database; `drop()` removes it. */
export async function createProvince(options: ProvinceOptions): Promise<Province> {
  const { communes: N, dossiers: TOTAL, log = () => {} } = options;
  const L = Math.min(options.measuredCommuneDossiers, TOTAL);
  for (const [name, value] of Object.entries({ communes: N, dossiers: TOTAL, measuredCommuneDossiers: L })) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
  }
  if (N < 2) throw new Error("communes must be at least 2");

  const name = `tdkt_bench_${randomBytes(5).toString("hex")}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const drop = async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  };

  try {
    const facts = await fill(url.toString(), { N, TOTAL, L, log });
    return { name, url: url.toString(), facts, drop };
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
}

async function fill(
  url: string,
  { N, TOTAL, L, log }: { N: number; TOTAL: number; L: number; log: (line: string) => void },
): Promise<ProvinceFacts> {
  const started = performance.now();
  const steps: ProvinceFacts["steps"] = [];
  const now = new Date();
  now.setUTCMilliseconds(0);
  const T0 = `timestamp '${now.toISOString().replace("T", " ").replace("Z", "")}'`;

  // The schema comes from the project's migrations, applied by the app's own runner.
  const db = openDatabase({ url, poolSize: 1 });
  const migrationStart = performance.now();
  await migrate(db.sql);
  await db.close();
  steps.push({ step: "migrations", seconds: (performance.now() - migrationStart) / 1000 });
  log(`  ${"migrations".padEnd(44)} ${steps[0]!.seconds.toFixed(1)} s`);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Everything happens on this one connection: temp tables and settings are per session.
  const run = (name: string, ...statements: Statement[]) =>
    step(steps, log, name, async () => {
      for (const statement of statements)
        await (typeof statement === "string" ? client.query(statement) : client.query(statement[0], statement[1]));
    });
  try {
    await client.query(`SET TIME ZONE 'UTC'; SET synchronous_commit = off; SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'`);
    // Rows are consistent by construction: skip the per-row foreign-key and append-only triggers while loading.
    try {
      await client.query(`SET session_replication_role = replica`);
    } catch {
      log("  (not a superuser: loading with triggers on, slower)");
    }
    await client.query(HELPERS);
    await client.query(`CREATE FUNCTION pg_temp.t0() RETURNS timestamp LANGUAGE sql IMMUTABLE AS $$ SELECT ${T0} $$`);
    const passwordHash = await hashPassword(BENCH_PASSWORD);

    await run(
      "province, communes, units",
      `INSERT INTO "OrgUnit" (id, code, name, kind, "placeName", "parentId", "ancestorIds", "createdAt", "updatedAt")
       VALUES (pg_temp.bid('u', 0), 'bench-tinh', 'UBND tỉnh Đồng Nai', 'province', 'Đồng Nai', NULL, '{}', pg_temp.t0() - interval '3 years', pg_temp.t0());

       INSERT INTO "OrgUnit" (id, code, name, kind, "placeName", "parentId", "ancestorIds", "createdAt", "updatedAt")
       SELECT pg_temp.bid('u', c * 10), 'bench-xa-' || lpad(c::text, 4, '0'), 'UBND xã ' || place, 'commune', place,
              pg_temp.bid('u', 0), ARRAY[pg_temp.bid('u', 0)], pg_temp.t0() - interval '3 years', pg_temp.t0()
         FROM generate_series(1, ${N}) AS c,
              LATERAL (SELECT (${sqlTextArray(COMMUNE_NAMES)})[1 + (c - 1) % ${COMMUNE_NAMES.length}]
                              || CASE WHEN c > ${COMMUNE_NAMES.length} THEN ' ' || ((c - 1) / ${COMMUNE_NAMES.length} + 1) ELSE '' END AS place) AS p;

       INSERT INTO "OrgUnit" (id, code, name, kind, "parentId", "ancestorIds", "createdAt", "updatedAt")
       SELECT pg_temp.bid('u', c * 10 + s), 'bench-xa-' || lpad(c::text, 4, '0') || '-' || s, pg_temp.slot_name(s),
              (CASE WHEN s = 1 THEN 'office' WHEN s <= 4 THEN 'department' WHEN s <= 8 THEN 'hamlet' ELSE 'organisation' END)::"UnitKind",
              pg_temp.bid('u', c * 10), ARRAY[pg_temp.bid('u', 0), pg_temp.bid('u', c * 10)], pg_temp.t0() - interval '3 years', pg_temp.t0()
         FROM generate_series(1, ${N}) AS c, generate_series(1, 9) AS s`,
    );

    // Per commune: 0 chairman, 1 secretary (office), 2 council member (Fatherland Front), 3–9 one official per department and hamlet.
    await run(
      "users, roles, councils",
      `INSERT INTO "User" (id, username, "fullName", title, email, "passwordHash", "unitId", "createdAt", "updatedAt")
       SELECT pg_temp.bid('s', c * 10 + j), uname, pg_temp.person(c * 10 + j, 11), title, uname || '@bench.example.vn', ${literal(passwordHash)},
              pg_temp.bid('u', c * 10 + CASE j WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 9 ELSE j - 1 END),
              pg_temp.t0() - interval '2 years', pg_temp.t0()
         FROM generate_series(1, ${N}) AS c, generate_series(0, 9) AS j,
              LATERAL (SELECT 'x' || lpad(c::text, 4, '0') || '.' || CASE j WHEN 0 THEN 'chutich' WHEN 1 THEN 'vanphong' WHEN 2 THEN 'mttq' ELSE 'canbo' || (j - 1) END AS uname,
                              CASE j WHEN 0 THEN 'Chủ tịch UBND xã' WHEN 1 THEN 'Công chức Văn phòng - Thống kê' WHEN 2 THEN 'Chủ tịch Ủy ban MTTQ Việt Nam xã'
                                     ELSE CASE WHEN j <= 5 THEN 'Công chức ' ELSE 'Trưởng ' END || pg_temp.slot_name(j - 1) END AS title) AS u;

       INSERT INTO "RoleAssignment" (id, "userId", role, "unitId", "createdAt", "updatedAt")
       SELECT pg_temp.bid('r', c * 100 + r.i), pg_temp.bid('s', c * 10 + r.j), r.role::"Role",
              pg_temp.bid('u', c * 10 + r.slot), pg_temp.t0() - interval '2 years', pg_temp.t0()
         FROM generate_series(1, ${N}) AS c,
              (VALUES (1, 0, 'chairman', 0), (2, 0, 'council_member', 0), (3, 1, 'secretary', 0), (4, 1, 'council_member', 0), (5, 2, 'council_member', 0),
                      (6, 3, 'official', 2), (7, 4, 'official', 3), (8, 5, 'official', 4), (9, 6, 'official', 5), (10, 7, 'official', 6), (11, 8, 'official', 7), (12, 9, 'official', 8)
              ) AS r(i, j, role, slot);

       -- Every account is a person of the register; the chairman's person heads the commune (recusal).
       INSERT INTO "Person" (id, kind, "fullName", "searchName", position, "unitId", "userId", "createdAt", "updatedAt")
       SELECT 'p' || id, 'civil_servant', "fullName", lower("fullName"), title, "unitId", id, "createdAt", "updatedAt" FROM "User";

       UPDATE "OrgUnit" SET "headPersonId" = 'p' || pg_temp.bid('s', c * 10) FROM generate_series(1, ${N}) AS c WHERE id = pg_temp.bid('u', c * 10);

       INSERT INTO "Council" (id, "unitId", name, "termStart", "createdAt", "updatedAt")
       SELECT pg_temp.bid('k', c), pg_temp.bid('u', c * 10), 'Hội đồng Thi đua – Khen thưởng xã ' || u."placeName", pg_temp.t0() - interval '500 days', pg_temp.t0() - interval '500 days', pg_temp.t0()
         FROM generate_series(1, ${N}) AS c JOIN "OrgUnit" u ON u.id = pg_temp.bid('u', c * 10);

       INSERT INTO "CouncilMember" (id, "councilId", "userId", position, title, "createdAt", "updatedAt")
       SELECT pg_temp.bid('q', c * 10 + m.j), pg_temp.bid('k', c), pg_temp.bid('s', c * 10 + m.j), m.position::"CouncilPosition", m.title, pg_temp.t0() - interval '500 days', pg_temp.t0()
         FROM generate_series(1, ${N}) AS c,
              (VALUES (0, 'chair', 'Chủ tịch UBND xã'), (1, 'standing_member', 'Công chức Văn phòng - Thống kê'), (2, 'member', 'Chủ tịch Ủy ban MTTQ Việt Nam xã')) AS m(j, position, title)`,
    );

    await run(
      "movements, quotas, targets",
      `INSERT INTO "Movement" (id, "unitId", title, year, "planNumber", "legalBasis", scope, "subjectKinds", "submissionDeadline",
                               state, version, "createdAt", "updatedAt")
       SELECT pg_temp.bid('m', c), pg_temp.bid('u', c * 10), ${literal(MOVEMENT_TITLE)}, extract(year FROM pg_temp.t0() + interval '7 hours')::int,
              (c % 97 + 1) || '/KH-UBND',
              ARRAY['Thực hiện Kế hoạch số ' || (3000 + c) || '/KH-UBND của UBND tỉnh Đồng Nai về việc phát động phong trào thi đua “' || ${literal(MOVEMENT_TITLE)} || '”.'],
              'Phong trào được triển khai tại UBND xã ' || u."placeName" || '.',
              '{unit_head,civil_servant,part_time_worker,hamlet}'::"SubjectKind"[],
              pg_temp.t0() + interval '30 days', 'open', 1, pg_temp.t0() - interval '120 days', pg_temp.t0() - interval '119 days'
         FROM generate_series(1, ${N}) AS c JOIN "OrgUnit" u ON u.id = pg_temp.bid('u', c * 10);

       INSERT INTO "MovementQuota" ("movementId", "nomineeKind", "maxAwards", "createdAt", "updatedAt")
       SELECT pg_temp.bid('m', c), q.kind::"NomineeKind", q.max, pg_temp.t0() - interval '120 days', pg_temp.t0() - interval '120 days'
         FROM generate_series(1, ${N}) AS c, (VALUES ('individual', 5), ('collective', 2)) AS q(kind, max);

       INSERT INTO "MovementAward" ("movementId", "nomineeKind", "awardForm", "createdAt", "updatedAt")
       SELECT pg_temp.bid('m', c), k.kind::"NomineeKind", 'commune_chairman_certificate', pg_temp.t0() - interval '120 days', pg_temp.t0() - interval '120 days'
         FROM generate_series(1, ${N}) AS c, (VALUES ('individual'), ('collective')) AS k(kind);

       CREATE TEMP TABLE bench_target (position int, area text, label text, metric text, comparator text, threshold numeric, unit text, "appliesTo" text[], optional boolean)`,
      [
        `INSERT INTO bench_target SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS t(position int, area text, label text, metric text, comparator text, threshold numeric, unit text, "appliesTo" text[], optional boolean)`,
        [JSON.stringify(TARGETS)],
      ],
      `INSERT INTO "Target" (id, "movementId", position, area, label, metric, comparator, threshold, unit, "appliesTo", optional, "createdAt", "updatedAt")
       SELECT pg_temp.bid('t', c * 10 + t.position), pg_temp.bid('m', c), t.position, t.area, t.label, t.metric, t.comparator::"Comparator", t.threshold, t.unit,
              t."appliesTo"::"SubjectKind"[], t.optional, pg_temp.t0() - interval '120 days', pg_temp.t0() - interval '120 days'
         FROM generate_series(1, ${N}) AS c, bench_target t`,
    );

    // Which state each dossier is in, and when it got there. Per commune, the first five dossiers took
    // the quota's places (4 individuals, 1 collective: quotas 5 and 2 are never exceeded); the rest are spread.
    await run(
      "dossier plan (temp table)",
      `CREATE TEMP TABLE bench_path (state text, i int, action text, from_state text, to_state text, actor text, document text);
       CREATE TEMP TABLE bench_due (day date PRIMARY KEY, due5 timestamp(3), due12 timestamp(3))`,
      [
        `INSERT INTO bench_path SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS p(state text, i int, action text, from_state text, to_state text, actor text, document text)`,
        [
          JSON.stringify(
            Object.entries(PATHS).flatMap(([state, path]) =>
              path.map(([action, from, to, actor, document], index) => ({
                state,
                i: index + 1,
                action,
                from_state: from,
                to_state: to,
                actor,
                document,
              })),
            ),
          ),
        ],
      ],
      [
        `INSERT INTO bench_due SELECT day::date, due5::timestamptz AT TIME ZONE 'UTC', due12::timestamptz AT TIME ZONE 'UTC'
           FROM jsonb_to_recordset($1::jsonb) AS d(day text, due5 text, due12 text)`,
        [JSON.stringify(dueTable(now))],
      ],
      `CREATE TEMP TABLE bd AS
       WITH base AS (
         SELECT n, CASE WHEN n <= ${L} THEN 1 ELSE 2 + floor(pg_temp.rnd(n, 1) * ${N - 1})::int END AS c
           FROM generate_series(1, ${TOTAL}) AS n
       ), ranked AS (
         SELECT n, c, row_number() OVER (PARTITION BY c ORDER BY n) AS k FROM base
       ), typed AS (
         SELECT n, c, k, s, collective,
                CASE WHEN collective THEN 'hamlet'
                     WHEN pg_temp.rnd(n, 4) < 0.15 THEN 'unit_head'
                     WHEN s <= 4 THEN 'civil_servant' ELSE 'part_time_worker' END AS subject,
                CASE k WHEN 1 THEN 'awarded' WHEN 2 THEN 'awarded' WHEN 3 THEN 'approved' WHEN 4 THEN 'forwarded' WHEN 5 THEN 'awarded'
                       WHEN 6 THEN 'draft' WHEN 7 THEN 'council_passed' ELSE
                  CASE WHEN b < 0.24 THEN 'draft' WHEN b < 0.53 THEN 'submitted' WHEN b < 0.59 THEN 'needs_supplement' WHEN b < 0.74 THEN 'screened'
                       WHEN b < 0.80 THEN 'in_council_vote' WHEN b < 0.85 THEN 'council_passed' WHEN b < 0.91 THEN 'council_failed'
                       WHEN b < 0.96 THEN 'rejected' ELSE 'withdrawn' END END AS state
           FROM (SELECT n, c, k, pg_temp.rnd(n, 5) AS b,
                        CASE WHEN k = 5 THEN 5 + floor(pg_temp.rnd(n, 2) * 4)::int ELSE 2 + floor(pg_temp.rnd(n, 2) * 7)::int END AS s,
                        k = 5 OR (k > 5 AND pg_temp.rnd(n, 3) < 0.35 AND pg_temp.rnd(n, 2) >= 3.0 / 7) AS collective
                   FROM ranked) AS r
       ), timed AS (
         SELECT t.*,
                CASE t.state WHEN 'draft' THEN CASE WHEN k = 6 THEN 3 ELSE floor(pg_temp.rnd(n, 6) * 4)::int END WHEN 'withdrawn' THEN 1 ELSE 3 END AS docs,
                -- The quota's first five share one timeline: voted in one session, approved together, one decision, then
                -- certificates issued (or the proposal sent up) at the same instant; "approved" stops one step earlier.
                CASE WHEN k <= 5 THEN 1 + pg_temp.rnd(c, 17) * 40 + CASE WHEN k = 3 THEN 0.3 + pg_temp.rnd(c, 18) * 2.0 ELSE 0 END
                     ELSE CASE t.state WHEN 'submitted' THEN pg_temp.rnd(n, 7) ^ 2 * 14 WHEN 'screened' THEN pg_temp.rnd(n, 7) ^ 2 * 25
                             WHEN 'in_council_vote' THEN pg_temp.rnd(n, 7) * 18 WHEN 'council_passed' THEN pg_temp.rnd(n, 7) * 18
                             WHEN 'draft' THEN pg_temp.rnd(n, 7) * 30 ELSE pg_temp.rnd(n, 7) * 45 END END AS age,
                CASE WHEN k <= 5 THEN 0.3 + pg_temp.rnd(c, 18) * 2.0 ELSE 0.3 + pg_temp.rnd(n, 8) * 2.0 END AS gap
           FROM typed t
       )
       SELECT t.*, CASE WHEN t.state = 'draft' THEN 1 + t.docs ELSE pc.len END AS len,
              (pg_temp.t0() - t.age * interval '1 day')::timestamp(3) AS t_last,
              CASE WHEN t.collective THEN 'Ấp ' || split_part(pg_temp.slot_name(t.s), 'Ấp ', 2) ELSE pg_temp.person(t.n, 21) END AS nominee,
              CASE WHEN t.collective THEN 'Trưởng ấp: ' || pg_temp.person(t.n, 31)
                   WHEN t.subject = 'unit_head' THEN 'Trưởng ' || pg_temp.slot_name(t.s)
                   WHEN t.subject = 'civil_servant' THEN 'Công chức ' || pg_temp.slot_name(t.s)
                   ELSE 'Người hoạt động không chuyên trách, ' || pg_temp.slot_name(t.s) END AS position
         FROM timed t JOIN (SELECT state, count(*)::int AS len FROM bench_path GROUP BY state) pc ON pc.state = t.state;
       CREATE INDEX ON bd (n);
       ANALYZE bd;`,
    );

    await run(
      "nominees, dossiers (machine snapshots)",
      `INSERT INTO "Nominee" (id, kind, "subjectKind", name, position, "unitId", "createdAt", "updatedAt")
       SELECT pg_temp.bid('n', n), (CASE WHEN collective THEN 'collective' ELSE 'individual' END)::"NomineeKind", subject::"SubjectKind",
              nominee, position, pg_temp.bid('u', c * 10 + s), t_last - (len - 1) * gap * interval '1 day', t_last - (len - 1) * gap * interval '1 day'
         FROM bd`,
      [
        `INSERT INTO "Dossier" (id, "movementId", "unitId", "nomineeId", kind, "awardForm", state, snapshot, "machineVersion", version,
                              "dueAt", "overdueAt", "createdById", "createdAt", "updatedAt")
       SELECT pg_temp.bid('d', n), pg_temp.bid('m', c), pg_temp.bid('u', c * 10 + s), pg_temp.bid('n', n),
              (CASE WHEN collective THEN 'collective' ELSE 'individual' END)::"NomineeKind", 'commune_chairman_certificate', state::"DossierState",
              jsonb_set($1::jsonb -> state, '{context}', ($1::jsonb -> state -> 'context') || jsonb_build_object(
                'dossierId', pg_temp.bid('d', n), 'movementId', pg_temp.bid('m', c), 'unitId', pg_temp.bid('u', c * 10 + s),
                'movementUnitId', pg_temp.bid('u', c * 10), 'nomineeKind', CASE WHEN collective THEN 'collective' ELSE 'individual' END,
                'subjectKind', subject, 'awardForm', 'commune_chairman_certificate',
                'lastReason', CASE state WHEN 'needs_supplement' THEN $2::text WHEN 'rejected' THEN $3::text END)),
              ${DOSSIER_MACHINE_VERSION},
              len - 1 - LEAST(docs, 3),
              due, CASE WHEN due < pg_temp.t0() THEN due + interval '1 hour' END,
              pg_temp.bid('s', c * 10 + s + 1),
              t_last - (len - 1) * gap * interval '1 day', t_last
         FROM (SELECT bd.*, CASE state
                 WHEN 'submitted' THEN (SELECT due5 FROM bench_due WHERE day = (t_last + interval '7 hours')::date)
                 WHEN 'screened' THEN (SELECT due12 FROM bench_due WHERE day = (t_last + interval '7 hours')::date)
                 WHEN 'in_council_vote' THEN (SELECT due12 FROM bench_due WHERE day = (t_last - gap * interval '1 day' + interval '7 hours')::date)
                 WHEN 'council_passed' THEN (SELECT due12 FROM bench_due WHERE day = (t_last - 2 * gap * interval '1 day' + interval '7 hours')::date)
               END AS due FROM bd) AS d`,
        [JSON.stringify(snapshotTemplates()), RETURN_REASON, REJECT_REASON],
      ],
    );

    // Documents as the forms save them; a complete "Biên bản" comes with its signed scan; a complete report with a figure per target.
    await run(
      "documents, scans, figures",
      `INSERT INTO "DossierDocument" (id, "dossierId", kind, data, "completedAt", "updatedById", "createdAt", "updatedAt")
       SELECT pg_temp.bid('o', d.n * 10 + k.i), pg_temp.bid('d', d.n), k.kind::"DocumentKind",
              CASE k.kind
                WHEN 'proposal' THEN jsonb_build_object(
                  'number', (d.n % 89 + 1) || '/TTr-' || upper(left(md5(d.s::text), 3)), 'date', pg_temp.vn_date(at),
                  'submittingUnit', pg_temp.slot_name(d.s), 'addressee', 'Hội đồng Thi đua – Khen thưởng xã',
                  'reasons', 'Căn cứ kết quả thực hiện phong trào thi đua “' || ${literal(MOVEMENT_TITLE)} || '”; căn cứ biên bản họp xét khen thưởng của đơn vị, '
                             || pg_temp.slot_name(d.s) || ' đề nghị Chủ tịch UBND xã tặng Giấy khen cho cá nhân, tập thể có thành tích tiêu biểu.',
                  'nominees', jsonb_build_array(jsonb_build_object('name', d.nominee, 'position', d.position, 'awardForm', 'commune_chairman_certificate')))
                WHEN 'unit_minutes' THEN jsonb_build_object(
                  'date', pg_temp.vn_date(at), 'place', 'Phòng họp ' || pg_temp.slot_name(d.s), 'chair', pg_temp.person(d.c * 10 + d.s + 1, 11),
                  'secretary', pg_temp.person(d.n, 41), 'present', 5, 'total', 5,
                  'votes', jsonb_build_array(jsonb_build_object('nominee', d.nominee, 'agree', 5, 'total', 5)),
                  'conclusion', 'Thống nhất 100% đề nghị khen thưởng ' || d.nominee || '.')
                ELSE jsonb_build_object(
                  'nomineeName', d.nominee, 'position', d.position, 'unitName', pg_temp.slot_name(d.s),
                  'duties', 'Tham mưu, tổ chức thực hiện nhiệm vụ chuyên môn được giao; tiếp nhận và giải quyết hồ sơ thủ tục hành chính '
                            || 'theo cơ chế một cửa, một cửa liên thông; thực hiện chế độ báo cáo định kỳ và đột xuất theo quy định.',
                  'achievements', 'Trong năm, đã tiếp nhận và giải quyết ' || (200 + d.n % 700) || ' hồ sơ thủ tục hành chính, trong đó '
                            || (195 + d.n % 690) || ' hồ sơ giải quyết trước và đúng hạn; không có hồ sơ trễ hạn do lỗi chủ quan; '
                            || 'tỷ lệ hồ sơ dịch vụ công trực tuyến đạt ' || (80 + d.n % 20) || '%; tham gia đầy đủ các lớp bồi dưỡng chuyên môn.',
                  'confirmedBy', pg_temp.person(d.c * 10, 11))
              END,
              at, pg_temp.bid('s', d.c * 10 + d.s + 1), at, at
         FROM bd d
         JOIN (VALUES (1, 'proposal'), (2, 'unit_minutes'), (3, 'achievement_report')) AS k(i, kind) ON k.i <= d.docs
         CROSS JOIN LATERAL (SELECT d.t_last - (d.len - (k.i + 1)) * d.gap * interval '1 day' AS at) AS t;

       -- The bytes live in the database (decision 014): a few bytes of PDF stand for each scan.
       INSERT INTO "AttachmentContent" (sha256, bytes, size, "createdAt")
       SELECT md5('scan' || n) || md5('scan-b' || n), convert_to('%PDF-1.4 bench scan ' || n, 'UTF8'), 150000 + n % 350000, t_last
         FROM bd WHERE docs >= 2;

       INSERT INTO "Attachment" (id, "dossierId", kind, "fileName", "mimeType", size, sha256, "uploadedById", "createdAt", "updatedAt")
       SELECT pg_temp.bid('a', n), pg_temp.bid('d', n), 'unit_minutes_scan', 'bien-ban-hop-' || n || '.pdf', 'application/pdf',
              150000 + n % 350000, h, pg_temp.bid('s', c * 10 + s + 1), at, at
         FROM bd, LATERAL (SELECT md5('scan' || n) || md5('scan-b' || n) AS h, t_last - (len - 3) * gap * interval '1 day' AS at) AS x
        WHERE docs >= 2;

       INSERT INTO "AchievementFigure" ("dossierId", "targetId", value, "notApplicable", "createdAt", "updatedAt")
       SELECT pg_temp.bid('d', d.n), pg_temp.bid('t', d.c * 10 + t.position),
              CASE WHEN t.optional AND r < 0.4 THEN NULL
                   WHEN t.comparator = 'eq' THEN CASE WHEN r < 0.95 THEN 0 ELSE 1 END
                   WHEN r < 0.05 THEN t.threshold - 1 - round((r * 60)::numeric, 1)
                   ELSE LEAST(100, t.threshold + round(((r - 0.05) * (100 - t.threshold + 3))::numeric, 1)) END,
              t.optional AND r < 0.4, at, at
         FROM bd d
         CROSS JOIN bench_target t
         CROSS JOIN LATERAL (SELECT pg_temp.rnd(d.n * 10 + t.position, 9) AS r, d.t_last - (d.len - 4) * d.gap * interval '1 day' AS at) AS x
        WHERE d.docs = 3 AND (cardinality(t."appliesTo") = 0 OR d.subject = ANY (t."appliesTo"))`,
    );

    await votingSessions(client, run);
    await decisionsAndCertificates(client, run, log);

    await run(
      "audit trail (staging)",
      `CREATE TEMP TABLE be AS
       WITH events AS (
         SELECT pg_temp.bid('e', d.n * 100 + p.i) AS id, pg_temp.bid('u', d.c * 10) AS chain, d.c, d.n, p.i,
                (d.t_last - (d.len - p.i) * d.gap * interval '1 day')::timestamp(3) AS at,
                CASE p.actor WHEN 'official' THEN d.s + 1 WHEN 'secretary' THEN 1 ELSE 0 END AS j,
                p.action, 'Dossier' AS entity_type, pg_temp.bid('d', d.n) AS entity_id,
                CASE WHEN p.i = 1 THEN NULL ELSE p.from_state END AS from_state, p.to_state,
                CASE p.action WHEN 'dossier.RETURN_FOR_SUPPLEMENT' THEN ${literal(RETURN_REASON)} WHEN 'dossier.REJECT' THEN ${literal(REJECT_REASON)} END AS reason,
                CASE p.action
                  WHEN 'dossier.CREATE' THEN jsonb_build_object('nominee', d.nominee, 'kind', CASE WHEN d.collective THEN 'collective' ELSE 'individual' END)
                  WHEN 'dossier.document.SAVE' THEN jsonb_build_object('document', p.document, 'completed', true)
                    || CASE WHEN p.document = 'unit_minutes' THEN jsonb_build_object('scanAttachmentId', pg_temp.bid('a', d.n)) ELSE '{}'::jsonb END
                  WHEN 'dossier.SUBMIT' THEN '{"documents": {"missing": [], "missingTargets": []}}'::jsonb
                  WHEN 'dossier.ACCEPT_SCREENING' THEN '{"documents": {"missing": [], "missingTargets": []}}'::jsonb
                  WHEN 'dossier.OPEN_VOTE' THEN jsonb_build_object('sessionId', pg_temp.bid('v', d.c * 3 + pg_temp.session_slot(d.k, d.state)))
                  WHEN 'dossier.CLOSE_VOTE' THEN jsonb_build_object('tally', jsonb_build_object('members', 3, 'voted', 3,
                    'agree', CASE WHEN p.to_state = 'council_failed' THEN 1 ELSE 3 END,
                    'quorum', '{"num": 2, "den": 3}'::jsonb, 'threshold', '{"num": 70, "den": 100}'::jsonb))
                  WHEN 'dossier.APPROVE' THEN jsonb_build_object('quota', jsonb_build_object('limit', CASE WHEN d.collective THEN 2 ELSE 5 END,
                    'approvedBefore', CASE WHEN d.collective THEN 0 ELSE d.k - 1 END))
                  WHEN 'dossier.ISSUE_CERTIFICATE' THEN jsonb_build_object('certificateId', pg_temp.bid('g', d.n))
                  WHEN 'dossier.FORWARD_UP' THEN jsonb_build_object('toUnitId', pg_temp.bid('u', 0))
                END AS data
           FROM bd d JOIN bench_path p ON p.state = d.state AND p.i <= d.len
         UNION ALL
         SELECT pg_temp.bid('L', c), pg_temp.bid('u', c * 10), c, 0, 0, (pg_temp.t0() - interval '119 days')::timestamp(3), 1,
                'movement.LAUNCH', 'Movement', pg_temp.bid('m', c), 'draft', 'open', NULL, '{"version": 1}'::jsonb
           FROM generate_series(1, ${N}) AS c
         UNION ALL
         SELECT id, chain, c, n, i, at, j, action, entity_type, entity_id, from_state, to_state, reason, data FROM bx
       )
       SELECT e.id, e.chain, e.c, e.n, row_number() OVER (PARTITION BY e.chain ORDER BY e.at, e.n, e.i)::int AS seq, e.at,
              pg_temp.bid('s', e.c * 10 + e.j) AS actor_id, pg_temp.person(e.c * 10 + e.j, 11) AS actor_name,
              e.action, e.entity_type, e.entity_id, e.from_state, e.to_state, e.reason, e.data
         FROM events e;
       CREATE TEMP TABLE bh (id text, prev_hash text, hash text)`,
    );

    // The hash chain is sequential by nature: hashed here with the app's own auditHash, so that
    // `npm run audit:verify` accepts the generated trail and the app appends to it as usual.
    const heads = new Map<string, { seq: number; hash: string }>();
    await step(steps, log, "audit trail (hash chains, app's auditHash)", async () => {
      await client.query("BEGIN");
      await client.query(
        `DECLARE audit_rows NO SCROLL CURSOR FOR
         SELECT id, chain, seq, to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor_id, actor_name, action, entity_type, entity_id,
                from_state, to_state, reason, data
           FROM be ORDER BY chain, seq`,
      );
      let chain = "";
      let prevHash = GENESIS_HASH;
      for (;;) {
        const { rows } = await client.query<{
          id: string;
          chain: string;
          seq: number;
          at: string;
          actor_id: string;
          actor_name: string;
          action: string;
          entity_type: string;
          entity_id: string;
          from_state: string | null;
          to_state: string | null;
          reason: string | null;
          data: unknown;
        }>("FETCH 20000 FROM audit_rows");
        if (rows.length === 0) break;
        const idList: string[] = [];
        const prevList: string[] = [];
        const hashList: string[] = [];
        for (const row of rows) {
          if (row.chain !== chain) {
            chain = row.chain;
            prevHash = GENESIS_HASH;
          }
          const hash = auditHash({
            chainId: row.chain,
            seq: row.seq,
            createdAt: new Date(row.at),
            actorId: row.actor_id,
            actorName: row.actor_name,
            action: row.action,
            entityType: row.entity_type,
            entityId: row.entity_id,
            fromState: row.from_state,
            toState: row.to_state,
            reason: row.reason,
            data: row.data,
            prevHash,
          });
          idList.push(row.id);
          prevList.push(prevHash);
          hashList.push(hash);
          prevHash = hash;
          heads.set(chain, { seq: row.seq, hash });
        }
        await client.query(`INSERT INTO bh SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`, [idList, prevList, hashList]);
      }
      await client.query("CLOSE audit_rows");
      await client.query("COMMIT");
    });
    await run(
      "audit trail (insert)",
      `INSERT INTO "AuditEvent" (id, "chainId", seq, "createdAt", "actorId", "actorName", action, "entityType", "entityId",
                                 "fromState", "toState", reason, data, "prevHash", hash)
       SELECT be.id, be.chain, be.seq, be.at, be.actor_id, be.actor_name, be.action, be.entity_type, be.entity_id,
              be.from_state, be.to_state, be.reason, be.data, bh.prev_hash, bh.hash
         FROM be JOIN bh USING (id)
        ORDER BY be.at`,
      [
        `INSERT INTO "AuditChain" (id, seq, "lastHash", "createdAt", "updatedAt")
         SELECT *, pg_temp.t0() - interval '119 days', pg_temp.t0() FROM unnest($1::text[], $2::int[], $3::text[])`,
        [[...heads.keys()], [...heads.values()].map((head) => head.seq), [...heads.values()].map((head) => head.hash)],
      ],
    );

    await notificationsAndSignIns(run, MOVEMENT_TITLE);

    await client.query(`RESET session_replication_role; DROP TABLE be, bh, bd, bs, bx, bench_path, bench_due, bench_target`);
    await run("VACUUM ANALYZE", "VACUUM ANALYZE");
    await checkSnapshots(client);

    const count = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
    const stateRows = await client.query<{ state: string; n: string }>(
      `SELECT state::text, count(*) AS n FROM "Dossier" GROUP BY 1 ORDER BY 1`,
    );
    const tableRows = await client.query<{ table: string; rows: string; bytes: string }>(
      `SELECT c.relname AS table, c.reltuples::bigint AS rows, pg_total_relation_size(c.oid) AS bytes
         FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
        WHERE ns.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations' AND c.reltuples > 0
        ORDER BY pg_total_relation_size(c.oid) DESC`,
    );
    return {
      communes: N,
      units: await count(`SELECT count(*) AS n FROM "OrgUnit"`),
      users: await count(`SELECT count(*) AS n FROM "User"`),
      dossiers: await count(`SELECT count(*) AS n FROM "Dossier"`),
      measuredCommuneDossiers: L,
      states: Object.fromEntries(stateRows.rows.map((row) => [row.state, Number(row.n)])),
      overdue: await count(
        `SELECT count(*) AS n FROM "Dossier" WHERE state IN ('submitted', 'screened', 'in_council_vote', 'council_passed') AND "dueAt" < now() AT TIME ZONE 'UTC'`,
      ),
      tables: tableRows.rows.map((row) => ({ table: row.table, rows: Number(row.rows), bytes: Number(row.bytes) })),
      databaseBytes: await count(`SELECT pg_database_size(current_database()) AS n`),
      seconds: (performance.now() - started) / 1000,
      steps,
    };
  } finally {
    await client.end();
  }
}

/** Every state's stored snapshot loads in the machine (restore throws otherwise). */
async function checkSnapshots(client: pg.Client) {
  const { rows } = await client.query<{ state: string; snapshot: unknown; machineVersion: number }>(
    `SELECT DISTINCT ON (state) state::text, snapshot, "machineVersion" FROM "Dossier" ORDER BY state, id`,
  );
  for (const row of rows) {
    if (row.machineVersion !== DOSSIER_MACHINE_VERSION) throw new Error(`machineVersion ${row.machineVersion} of a ${row.state} dossier`);
    allowedDossierEvents(row.snapshot, { userId: "-", name: "-", grants: [] });
    if ((row.snapshot as { value?: unknown }).value !== row.state) throw new Error(`snapshot of a ${row.state} dossier says otherwise`);
  }
}

function sqlTextArray(values: string[]): string {
  return `ARRAY[${values.map(literal).join(",")}]`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(0)} MB`;
  return `${(bytes / 1024).toFixed(0)} kB`;
}

// ─── CLI: npx tsx bench/province.ts [--communes 1000] [--dossiers 100000] [--measured 5000] [--keep] ──

export function numberOption(args: string[], name: string, fallback: number): number {
  const index = args.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(args[index + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { useBenchSecrets } = await import("./secrets.ts");
  useBenchSecrets();
  const args = process.argv.slice(2);
  const province = await createProvince({
    communes: numberOption(args, "communes", 1000),
    dossiers: numberOption(args, "dossiers", 100_000),
    measuredCommuneDossiers: numberOption(args, "measured", 5000),
    log: (line) => console.log(line),
  });
  const { facts } = province;
  console.log(
    `${facts.dossiers} dossiers in ${facts.communes} communes, ${formatBytes(facts.databaseBytes)}, ${facts.seconds.toFixed(1)} s`,
  );
  console.log(JSON.stringify(facts.states));
  if (args.includes("--keep")) {
    console.log(`Kept: DATABASE_URL=${province.url}`);
    console.log(`Users: x0001.vanphong (secretary of the measured commune), x0001.canbo1 … — password ${BENCH_PASSWORD}`);
  } else {
    await province.drop();
    console.log("Dropped (pass --keep to keep it).");
  }
}
