// `npm run audit:verify` as an inspector runs it, against a PostgreSQL database.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { createCommuneWithStaff, createDossierAt, createMovement } from "../support/factories.ts";

const run = promisify(execFile);
let db: TestDatabase;

// The command opens the database named by DATABASE_URL; an in-memory PGlite cannot be shared with it.
describe.runIf(process.env.TEST_DB === "postgres")("npm run audit:verify", () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    const staff = await createCommuneWithStaff();
    const movement = await createMovement(staff.commune.id);
    await createDossierAt(staff, movement.id, "council_passed");
  });
  afterAll(() => db?.destroy());

  async function verify() {
    return run("npx", ["tsx", "app/scripts/audit-verify.ts"], { env: { ...process.env, DATABASE_URL: db.url! } }).then(
      ({ stdout }) => ({ code: 0, output: stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
    );
  }

  test("says the trail is intact, then names the first broken row", async () => {
    const recorded = await prisma.auditEvent.count();
    expect(recorded).toBeGreaterThan(3);
    expect(await verify()).toEqual({ code: 0, output: expect.stringContaining(`Nhật ký toàn vẹn: ${recorded} bản ghi trong 1 chuỗi`) });

    const third = await prisma.auditEvent.findFirstOrThrow({ where: { seq: 3 } });
    await prisma.$transaction([
      prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`),
      prisma.$executeRaw`DELETE FROM "AuditEvent" WHERE id = ${third.id}`,
      prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`),
    ]);
    const broken = await verify();
    expect(broken.code).toBe(1);
    expect(broken.output).toContain(`Nhật ký KHÔNG toàn vẹn: chuỗi ${third.chainId}, bản ghi số 4`);
    expect(broken.output).toContain("thiếu bản ghi số 3 (gặp số 4)");
  }, 60_000);
});
