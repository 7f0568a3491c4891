// Managing the council: who may, what is checked, and that open sessions keep their copy.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { action, loader } from "~/routes/hoi-dong.tsx";
import { prisma } from "~/utils/db.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { createCommuneWithStaff, createUser, requestAs, type Staff } from "../support/factories.ts";

let db: TestDatabase;
let staff: Staff;
const context = { clientIp: "test" };

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createCommuneWithStaff();
});
afterAll(() => db.destroy());

async function post(userId: string, fields: Array<[string, string]>) {
  const request = await requestAs(userId, "/hoi-dong", { method: "POST", body: new URLSearchParams(fields) });
  return action({ request, params: {}, context }).catch((error: unknown) => error);
}

const valid = (members: Array<[string, string]>): Array<[string, string]> => [
  ["name", "Hội đồng Thi đua – Khen thưởng xã Thử Nghiệm"],
  ["termStart", "01/07/2021"],
  ["quorumNum", "2"],
  ["quorumDen", "3"],
  ["thresholdPercent", "70"],
  ["reminderHours", "24"],
  ...members.flatMap(([userId, position], i): Array<[string, string]> => [
    [`members[${i}].userId`, userId],
    [`members[${i}].position`, position],
  ]),
];

describe("the council page", () => {
  test("the secretary sets up the council; it is audited", async () => {
    const result = await post(
      staff.secretary.id,
      valid([
        [staff.chairman.id, "chair"],
        [staff.secretary.id, "standing_member"],
      ]),
    );
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).headers.get("Location")).toBe("/hoi-dong?da-luu=1");
    const council = await prisma.council.findFirstOrThrow({ where: { unitId: staff.commune.id }, include: { members: true } });
    expect(council).toMatchObject({ quorumNum: 2, quorumDen: 3, thresholdNum: 70, thresholdDen: 100 });
    expect(council.termStart.toISOString()).toBe("2021-06-30T17:00:00.000Z");
    expect(council.members).toHaveLength(2);
    expect(await prisma.auditEvent.count({ where: { action: "council.CREATE", entityId: council.id } })).toBe(1);
    const page = await loader({ request: await requestAs(staff.secretary.id, "/hoi-dong"), params: {}, context });
    expect(page.council?.termStart).toBe("01/07/2021");
  });

  test("bad input is explained field by field and nothing is saved", async () => {
    const before = await prisma.councilMember.count();
    const fields = valid([[staff.secretary.id, "member"]]).map(([k, v]): [string, string] =>
      k === "thresholdPercent" ? [k, "170"] : k === "termStart" ? [k, "31/02/2021"] : [k, v],
    );
    const result = (await post(staff.secretary.id, fields)) as { data: { error: Record<string, string[]> }; init: ResponseInit };
    expect(result.init.status).toBe(400);
    expect(result.data.error).toMatchObject({
      termStart: ["Ngày bắt đầu nhiệm kỳ phải có dạng ngày/tháng/năm, ví dụ 03/04/2023."],
      thresholdPercent: ["Tỷ lệ đồng ý không lớn hơn 100."],
    });
    // Rules across fields are checked once every field reads well.
    const noChair = (await post(staff.secretary.id, valid([[staff.secretary.id, "member"]]))) as {
      data: { error: Record<string, string[]> };
    };
    expect(noChair.data.error).toEqual({ members: ["Hội đồng có đúng một Chủ tịch Hội đồng."] });
    expect(await prisma.councilMember.count()).toBe(before);
  });

  test("a council member sees the council but may not change it; a user of another commune may not sit on it", async () => {
    const member = await createUser({ unitId: staff.commune.id, roles: [{ role: "council_member" }], fullName: "Thành Viên" });
    const view = await loader({ request: await requestAs(member.id, "/hoi-dong"), params: {}, context });
    expect(view.canEdit).toBe(false);
    const refused = await post(member.id, valid([[staff.chairman.id, "chair"]]));
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(403);

    const other = await createCommuneWithStaff("UBND xã Khác");
    const outsider = await post(
      staff.secretary.id,
      valid([
        [staff.chairman.id, "chair"],
        [other.official.id, "member"],
      ]),
    );
    expect((outsider as { data: { error: Record<string, string[]> } }).data.error[""]).toEqual([
      "Thành viên Hội đồng phải là cán bộ, công chức của xã.",
    ]);
  });
});
