// Demo data: the commune of seeds/001 — UBND xã Tam Phước and its 2023 movement
// "Nâng cao trách nhiệm người đứng đầu trong thực hiện các nhiệm vụ cải cách hành chính".
// Idempotent: every row is upserted by a natural key.
import type { Gender, PersonKind, Prisma, PrismaClient, Role, SubjectKind } from "~/generated/prisma/client.ts";
import { upsertUnit } from "~/models/org-unit.server.ts";
import { hashPassword } from "~/utils/auth.server.ts";
import { foldForSearch } from "~/utils/search.ts";

type Tx = Prisma.TransactionClient;

export const DEMO_PASSWORD = "Demo@2023";

export const DEMO_USERS = [
  {
    username: "chutich",
    gender: "male",
    kind: "cadre",
    fullName: "Nguyễn Văn Hùng",
    title: "Chủ tịch UBND xã",
    unit: "xa-tam-phuoc",
    roles: ["chairman", "council_member"],
  },
  {
    username: "phochutich",
    gender: "male",
    kind: "cadre",
    fullName: "Bùi Ngọc Nhân",
    title: "Phó Chủ tịch UBND xã",
    unit: "xa-tam-phuoc",
    roles: ["vice_chairman", "council_member"],
  },
  {
    username: "vanphong",
    gender: "female",
    kind: "civil_servant",
    fullName: "Trần Thị Thu Hà",
    title: "Công chức Văn phòng - Thống kê",
    unit: "xa-tam-phuoc-van-phong",
    roles: ["secretary", "council_member"],
  },
  {
    username: "hoidong.mttq",
    gender: "male",
    kind: "cadre",
    fullName: "Lê Văn Phúc",
    title: "Chủ tịch Ủy ban MTTQ Việt Nam xã",
    unit: "xa-tam-phuoc-mttq",
    roles: ["council_member"],
  },
  {
    username: "hoidong.phunu",
    gender: "female",
    kind: "cadre",
    fullName: "Phạm Thị Lan",
    title: "Chủ tịch Hội Liên hiệp Phụ nữ xã",
    unit: "xa-tam-phuoc-mttq",
    roles: ["council_member"],
  },
  {
    username: "hoidong.doan",
    gender: "male",
    kind: "cadre",
    fullName: "Võ Minh Tuấn",
    title: "Bí thư Đoàn Thanh niên xã",
    unit: "xa-tam-phuoc-mttq",
    roles: ["council_member"],
  },
  {
    username: "hoidong.nongdan",
    gender: "male",
    kind: "cadre",
    fullName: "Huỳnh Văn Sáu",
    title: "Chủ tịch Hội Nông dân xã",
    unit: "xa-tam-phuoc-mttq",
    roles: ["council_member"],
  },
  {
    username: "canbo.tuphap",
    gender: "female",
    kind: "civil_servant",
    fullName: "Đặng Thị Mai",
    title: "Công chức Tư pháp - Hộ tịch",
    unit: "xa-tam-phuoc-tu-phap",
    roles: ["official"],
  },
  {
    username: "canbo.diachinh",
    gender: "male",
    kind: "civil_servant",
    fullName: "Ngô Quốc Bảo",
    title: "Công chức Địa chính - Xây dựng",
    unit: "xa-tam-phuoc-dia-chinh",
    roles: ["official"],
  },
  {
    username: "quantri",
    gender: "male",
    kind: "civil_servant",
    fullName: "Lý Thanh Sơn",
    title: "Quản trị hệ thống",
    unit: "xa-tam-phuoc-van-phong",
    roles: ["admin"],
  },
] as const satisfies ReadonlyArray<{
  username: string;
  gender: Gender;
  kind: PersonKind;
  fullName: string;
  title: string;
  unit: string;
  roles: readonly Role[];
}>;

/** People of the commune's register without an account: the demo nominees, a worker and two households. */
export const DEMO_PEOPLE: ReadonlyArray<{
  fullName: string;
  kind: PersonKind;
  gender: Gender;
  birthDate?: string;
  position: string | null;
  unit: string;
  priorAwards?: Array<{ decisionNumber: string; decidedOn: string; form: string; issuer: string }>;
}> = [
  {
    fullName: "Nguyễn Thị Hồng Nhung",
    kind: "civil_servant",
    gender: "female",
    birthDate: "1988-03-14",
    position: "Công chức Tư pháp - Hộ tịch",
    unit: "xa-tam-phuoc-tu-phap",
    priorAwards: [
      {
        decisionNumber: "21/QĐ-UBND",
        decidedOn: "2022-01-15",
        form: "Giấy khen của Chủ tịch UBND xã",
        issuer: "Chủ tịch UBND xã Tam Phước",
      },
    ],
  },
  {
    fullName: "Lâm Văn Tài",
    kind: "civil_servant",
    gender: "male",
    birthDate: "1979-09-02",
    position: "Phụ trách Bộ phận Địa chính - Xây dựng",
    unit: "xa-tam-phuoc-dia-chinh",
  },
  {
    fullName: "Trịnh Thị Kim Oanh",
    kind: "part_time_worker",
    gender: "female",
    birthDate: "1994-12-20",
    position: "Người hoạt động không chuyên trách, Bộ phận Một cửa",
    unit: "xa-tam-phuoc-mot-cua",
  },
  {
    fullName: "Võ Thành Danh",
    kind: "civil_servant",
    gender: "male",
    birthDate: "1990-06-08",
    position: "Công chức Văn hóa - Xã hội",
    unit: "xa-tam-phuoc-van-hoa",
  },
  { fullName: "Nguyễn Văn Tám", kind: "worker", gender: "male", position: "Nhân viên bảo vệ", unit: "xa-tam-phuoc-van-phong" },
  { fullName: "Hộ ông Phan Văn Lợi", kind: "household", gender: "male", position: null, unit: "xa-tam-phuoc-ap-1" },
  { fullName: "Hộ bà Đoàn Thị Mười", kind: "household", gender: "female", position: null, unit: "xa-tam-phuoc-ap-2" },
];

/** Heads of units (người đứng đầu), by unit code → a demo user's username or a demo person's name. */
const DEMO_HEADS: Record<string, string> = {
  "xa-tam-phuoc": "chutich",
  "xa-tam-phuoc-mttq": "hoidong.mttq",
  "xa-tam-phuoc-tu-phap": "canbo.tuphap",
  "xa-tam-phuoc-dia-chinh": "Lâm Văn Tài",
};

const PLAN_TITLE = "Nâng cao trách nhiệm người đứng đầu trong thực hiện các nhiệm vụ cải cách hành chính";

// Section II.4 of the plan, "Chỉ tiêu thi đua cụ thể".
const TARGETS: Array<{
  area: string;
  label: string;
  metric: string;
  comparator: "gte" | "lte" | "eq";
  threshold: number;
  unit: string;
  optional?: boolean;
  appliesTo?: SubjectKind[];
}> = [
  {
    area: "Về công tác chỉ đạo, điều hành",
    label: "Thực hiện mệnh lệnh hành chính cấp trên đúng hạn, đảm bảo chất lượng",
    metric: "admin_orders_on_time_rate",
    comparator: "gte",
    threshold: 95,
    unit: "%",
  },
  {
    area: "Về công tác chỉ đạo, điều hành",
    label: "Văn bản phối hợp thực hiện nhiệm vụ đúng hạn và có chất lượng",
    metric: "coordination_on_time_rate",
    comparator: "gte",
    threshold: 100,
    unit: "%",
  },
  {
    area: "Về cải cách thể chế",
    label: "Văn bản quy phạm pháp luật đảm bảo thời gian, chất lượng, đúng quy định (nếu có)",
    metric: "legal_documents_compliant_rate",
    comparator: "gte",
    threshold: 100,
    unit: "%",
    optional: true,
  },
  {
    area: "Về cải cách TTHC và thực hiện cơ chế Một cửa",
    label: "Hồ sơ TTHC giải quyết đúng hạn",
    metric: "procedures_on_time_rate",
    comparator: "gte",
    threshold: 99,
    unit: "%",
  },
  {
    area: "Về cải cách TTHC và thực hiện cơ chế Một cửa",
    label: "Rút ngắn thời gian giải quyết TTHC so với thời gian quy định (35% – 40%)",
    metric: "procedure_time_reduction_rate",
    comparator: "gte",
    threshold: 35,
    unit: "%",
  },
  {
    area: "Về cải cách chế độ công vụ",
    label: "Cán bộ, công chức chấp hành nghiêm nội quy, quy chế của cơ quan",
    metric: "rules_compliance_rate",
    comparator: "gte",
    threshold: 100,
    unit: "%",
  },
  {
    area: "Về cải cách chế độ công vụ",
    label: "Cán bộ, công chức thuộc quyền quản lý bị xử lý kỷ luật",
    metric: "disciplined_staff",
    comparator: "eq",
    threshold: 0,
    unit: "người",
    appliesTo: ["unit_head"],
  },
  {
    area: "Về xây dựng và phát triển Chính quyền điện tử, chính quyền số",
    label: "Hồ sơ dịch vụ công trực tuyến được giải quyết",
    metric: "online_services_rate",
    comparator: "gte",
    threshold: 80,
    unit: "%",
  },
];

async function seedUnits(tx: Tx) {
  const city = await upsertUnit(tx, {
    code: "tp-ho-chi-minh",
    name: "UBND Thành phố Hồ Chí Minh",
    kind: "province",
    placeName: "Thành phố Hồ Chí Minh",
  });
  const province = await upsertUnit(tx, {
    code: "tinh-ba-ria-vung-tau",
    name: "UBND tỉnh Bà Rịa - Vũng Tàu",
    kind: "province",
    placeName: "Bà Rịa - Vũng Tàu",
    // Nghị quyết 202/2025/QH15: merged into Thành phố Hồ Chí Minh from 01/07/2025.
    endedAt: new Date("2025-06-30T17:00:00Z"),
    mergedIntoId: city.id,
  });
  const district = await upsertUnit(tx, {
    code: "huyen-long-dien",
    name: "UBND huyện Long Điền",
    kind: "district",
    placeName: "Long Điền",
    parentId: province.id,
    // Luật 72/2025/QH15: no district level from 01/07/2025.
    endedAt: new Date("2025-06-30T17:00:00Z"),
  });
  const commune = await upsertUnit(tx, {
    code: "xa-tam-phuoc",
    name: "UBND xã Tam Phước",
    kind: "commune",
    placeName: "Tam Phước",
    parentId: district.id,
  });
  const below = [
    { code: "xa-tam-phuoc-van-phong", name: "Văn phòng UBND xã", kind: "office" },
    { code: "xa-tam-phuoc-tu-phap", name: "Bộ phận Tư pháp - Hộ tịch", kind: "department" },
    { code: "xa-tam-phuoc-dia-chinh", name: "Bộ phận Địa chính - Xây dựng - Đô thị và Môi trường", kind: "department" },
    { code: "xa-tam-phuoc-van-hoa", name: "Bộ phận Văn hóa - Xã hội", kind: "department" },
    { code: "xa-tam-phuoc-tai-chinh", name: "Bộ phận Tài chính - Kế toán", kind: "department" },
    { code: "xa-tam-phuoc-mot-cua", name: "Bộ phận Tiếp nhận và Trả kết quả (Một cửa)", kind: "department" },
    { code: "xa-tam-phuoc-mttq", name: "Ủy ban MTTQ Việt Nam xã và các đoàn thể", kind: "organisation" },
    ...["Phước Lâm", "Phước Thạnh", "Phước Hưng", "Phước Trung", "Phước Tân", "Phước Lập"].map((name, index) => ({
      code: `xa-tam-phuoc-ap-${index + 1}`,
      name: `Ấp ${name}`,
      kind: "hamlet" as const,
    })),
  ] as const;
  for (const unit of below) await upsertUnit(tx, { ...unit, parentId: commune.id });
  return commune;
}

async function seedUsers(tx: Tx) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const units = new Map((await tx.orgUnit.findMany({ select: { id: true, code: true } })).map((u) => [u.code, u.id]));
  const commune = units.get("xa-tam-phuoc")!;
  for (const demo of DEMO_USERS) {
    const data = {
      fullName: demo.fullName,
      title: demo.title,
      unitId: units.get(demo.unit)!,
      email: `${demo.username}@tamphuoc.example.vn`,
    };
    const user = await tx.user.upsert({
      where: { username: demo.username },
      create: { ...data, username: demo.username, passwordHash, searchName: foldForSearch(`${demo.fullName} ${demo.username}`) },
      update: data,
    });
    // Every account belongs to a person of the commune's register.
    const person = {
      fullName: demo.fullName,
      searchName: foldForSearch(demo.fullName),
      kind: demo.kind,
      gender: demo.gender,
      position: demo.title,
      unitId: data.unitId,
    };
    await tx.person.upsert({ where: { userId: user.id }, create: { ...person, userId: user.id }, update: person });
    for (const role of demo.roles) {
      // Officials act for their own department; everybody else for the commune.
      const unitId = role === "official" ? data.unitId : commune;
      await tx.roleAssignment.upsert({
        where: { userId_role_unitId: { userId: user.id, role, unitId } },
        create: { userId: user.id, role, unitId },
        update: {},
      });
    }
  }
}

/** The register's people without an account, their earlier awards, and the heads of units. */
async function seedPeople(tx: Tx) {
  const units = new Map((await tx.orgUnit.findMany({ select: { id: true, code: true } })).map((u) => [u.code, u.id]));
  const admin = await tx.user.findUniqueOrThrow({ where: { username: "quantri" }, select: { id: true } });
  const ids = new Map<string, string>();
  for (const demo of DEMO_PEOPLE) {
    const unitId = units.get(demo.unit)!;
    const data = {
      fullName: demo.fullName,
      searchName: foldForSearch(demo.fullName),
      kind: demo.kind,
      gender: demo.gender,
      birthDate: demo.birthDate ? new Date(`${demo.birthDate}T00:00:00Z`) : null,
      position: demo.position,
      unitId,
    };
    const existing = await tx.person.findFirst({ where: { fullName: demo.fullName, unitId, userId: null }, select: { id: true } });
    const person = existing ? await tx.person.update({ where: { id: existing.id }, data }) : await tx.person.create({ data });
    ids.set(demo.fullName, person.id);
    for (const award of demo.priorAwards ?? []) {
      const known = await tx.priorAward.count({ where: { personId: person.id, decisionNumber: award.decisionNumber } });
      if (!known) {
        await tx.priorAward.create({
          data: { ...award, decidedOn: new Date(`${award.decidedOn}T00:00:00Z`), personId: person.id, createdById: admin.id },
        });
      }
    }
  }
  for (const [code, who] of Object.entries(DEMO_HEADS)) {
    const headPersonId =
      ids.get(who) ?? (await tx.person.findFirstOrThrow({ where: { user: { username: who } }, select: { id: true } })).id;
    await tx.orgUnit.update({ where: { code }, data: { headPersonId } });
  }
}

/** The commune's council, as the plan's "Thành viên Hội đồng TĐKT xã": chaired by the chairman. */
async function seedCouncil(tx: Tx, communeId: string) {
  if (await tx.council.count({ where: { unitId: communeId } })) return;
  const users = new Map((await tx.user.findMany({ select: { id: true, username: true, title: true } })).map((u) => [u.username, u]));
  const seats: Array<[string, "chair" | "vice_chair" | "standing_member" | "member"]> = [
    ["chutich", "chair"],
    ["phochutich", "vice_chair"],
    ["vanphong", "standing_member"],
    ["hoidong.mttq", "member"],
    ["hoidong.phunu", "member"],
    ["hoidong.doan", "member"],
    ["hoidong.nongdan", "member"],
  ];
  await tx.council.create({
    data: {
      unitId: communeId,
      name: "Hội đồng Thi đua – Khen thưởng xã Tam Phước",
      termStart: new Date("2021-06-30T17:00:00Z"),
      members: {
        create: seats.map(([username, position]) => ({ userId: users.get(username)!.id, position, title: users.get(username)!.title })),
      },
    },
  });
}

async function seedMovement(tx: Tx, communeId: string, now: Date) {
  const existing = await tx.movement.findFirst({ where: { unitId: communeId, year: 2023, title: PLAN_TITLE }, select: { id: true } });
  const data = {
    unitId: communeId,
    title: PLAN_TITLE,
    year: 2023,
    legalBasis: [
      "Thực hiện Kế hoạch số 3294/KH-UBND ngày 03/4/2023 của UBND huyện Long Điền về việc phát động phong trào thi đua “Nâng cao trách nhiệm người đứng đầu trong thực hiện các nhiệm vụ cải cách hành chính” năm 2023 trên địa bàn huyện Long Điền.",
    ],
    scope: "Phong trào được triển khai tại UBND xã Tam Phước.",
    subjectKinds: ["unit_head", "civil_servant", "part_time_worker", "hamlet"] as SubjectKind[],
    // The plan sets no date; the demo keeps nominations open for 60 days from seeding so it can be tried.
    submissionDeadline: new Date(now.getTime() + 60 * 24 * 60 * 60 * 1000),
    state: "open" as const,
  };
  const movement = existing
    ? await tx.movement.update({ where: { id: existing.id }, data: { ...data, submissionDeadline: undefined } })
    : await tx.movement.create({ data });
  await tx.movementQuota.upsert({
    where: { movementId_nomineeKind: { movementId: movement.id, nomineeKind: "individual" } },
    create: { movementId: movement.id, nomineeKind: "individual", maxAwards: 5 },
    update: { maxAwards: 5 },
  });
  // "Hình thức khen thưởng: Giấy khen của Chủ tịch UBND xã": the plan confers no title (danh hiệu), on individuals or khu phố.
  for (const nomineeKind of ["individual", "collective"] as const) {
    const award = { awardForm: "commune_chairman_certificate" as const, title: null };
    await tx.movementAward.upsert({
      where: { movementId_nomineeKind: { movementId: movement.id, nomineeKind } },
      create: { movementId: movement.id, nomineeKind, ...award },
      update: award,
    });
  }
  for (const [position, target] of TARGETS.entries()) {
    const data = { ...target, position: position + 1, appliesTo: target.appliesTo ?? [], optional: target.optional ?? false };
    await tx.target.upsert({
      where: { movementId_metric: { movementId: movement.id, metric: target.metric } },
      create: { ...data, movementId: movement.id },
      update: data,
    });
  }
  return movement;
}

// Any number: taken inside the seed transaction so two app servers starting on one empty database seed once.
const SEED_LOCK = 7_113_050;

export async function seedDemoData(prisma: PrismaClient, { onlyIfEmpty = false, now = new Date() } = {}): Promise<boolean> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK})`;
      if (onlyIfEmpty && (await tx.orgUnit.count()) > 0) return false;
      const commune = await seedUnits(tx);
      await seedUsers(tx);
      await seedPeople(tx);
      await seedCouncil(tx, commune.id);
      await seedMovement(tx, commune.id, now);
      return true;
    },
    { timeout: 60_000 },
  );
}
