import { afterAll, beforeAll, expect, test } from "vitest";
import { prepareDatabase } from "~/utils/startup.server.ts";
import { DEMO_USERS, seedDemoData } from "../../prisma/seed.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.destroy());

async function counts() {
  const p = db.prisma;
  return {
    units: await p.orgUnit.count(),
    users: await p.user.count(),
    roles: await p.roleAssignment.count(),
    movements: await p.movement.count(),
    targets: await p.target.count(),
    quotas: await p.movementQuota.count(),
  };
}

test("the demo commune is the one of the 2023 plan", async () => {
  await seedDemoData(db.prisma);
  const commune = await db.prisma.orgUnit.findUniqueOrThrow({
    where: { code: "xa-tam-phuoc" },
    include: { parent: { include: { parent: true } }, children: true },
  });
  expect(commune.name).toBe("UBND xã Tam Phước");
  expect(commune.parent?.name).toBe("UBND huyện Long Điền");
  expect(commune.parent?.endedAt?.toISOString()).toBe("2025-06-30T17:00:00.000Z"); // 01/07/2025 00:00 in Vietnam
  expect(commune.parent?.parent?.name).toBe("UBND tỉnh Bà Rịa - Vũng Tàu");
  expect(commune.children.filter((unit) => unit.kind === "hamlet")).toHaveLength(6);
  expect(commune.children.some((unit) => unit.name === "Văn phòng UBND xã")).toBe(true);

  const movement = await db.prisma.movement.findFirstOrThrow({
    include: { targets: { orderBy: { position: "asc" } }, quotas: true, awards: { orderBy: { nomineeKind: "asc" } } },
  });
  expect(movement.title).toBe("Nâng cao trách nhiệm người đứng đầu trong thực hiện các nhiệm vụ cải cách hành chính");
  expect(movement.year).toBe(2023);
  // "Hình thức khen thưởng: Giấy khen của Chủ tịch UBND xã", for the individuals and the khu phố it covers; no title.
  expect(movement.awards.map(({ nomineeKind, awardForm, title }) => ({ nomineeKind, awardForm, title }))).toEqual([
    { nomineeKind: "individual", awardForm: "commune_chairman_certificate", title: null },
    { nomineeKind: "collective", awardForm: "commune_chairman_certificate", title: null },
  ]);
  expect(movement.quotas).toMatchObject([{ nomineeKind: "individual", maxAwards: 5 }]);
  const requirement = (metric: string) => {
    const target = movement.targets.find((t) => t.metric === metric)!;
    return `${target.comparator} ${target.threshold.toString()} ${target.unit}`;
  };
  expect(requirement("admin_orders_on_time_rate")).toBe("gte 95 %");
  expect(requirement("coordination_on_time_rate")).toBe("gte 100 %");
  expect(requirement("legal_documents_compliant_rate")).toBe("gte 100 %");
  expect(requirement("procedures_on_time_rate")).toBe("gte 99 %");
  expect(requirement("procedure_time_reduction_rate")).toBe("gte 35 %");
  expect(requirement("rules_compliance_rate")).toBe("gte 100 %");
  expect(requirement("online_services_rate")).toBe("gte 80 %");

  // One demo user per role, the vice-chairman signing "KT. CHỦ TỊCH" as in the plan.
  const roles = await db.prisma.roleAssignment.findMany({ select: { role: true } });
  expect(new Set(roles.map((r) => r.role))).toEqual(
    new Set(["official", "secretary", "council_member", "chairman", "vice_chairman", "admin"]),
  );
  const vice = await db.prisma.user.findUniqueOrThrow({ where: { username: "phochutich" } });
  expect(vice.fullName).toBe("Bùi Ngọc Nhân");
  const members = await db.prisma.roleAssignment.count({ where: { role: "council_member" } });
  expect(members).toBeGreaterThanOrEqual(5);
  expect(members).toBeLessThanOrEqual(9);
  expect(await db.prisma.user.count()).toBe(DEMO_USERS.length);
});

test("seeding again changes nothing", async () => {
  const before = await counts();
  const firstIds = await db.prisma.user.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  await seedDemoData(db.prisma);
  expect(await counts()).toEqual(before);
  expect(await db.prisma.user.findMany({ select: { id: true }, orderBy: { id: "asc" } })).toEqual(firstIds);
});

test("start-up loads the demo data only into an empty database", async () => {
  const result = await prepareDatabase(db, { demoData: true });
  expect(result.seeded).toBe(false);
  expect(result.migrations.applied).toEqual([]);
});
