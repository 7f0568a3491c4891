// The movement dashboard against a movement seeded here through the real workflow, every number counted
// again from the seed table below (not by the app's code), and every link's list checked to hold that number.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { movementDashboard } from "~/models/dashboard.server.ts";
import { actorFor, createDossier, sendDossierEvent } from "~/models/dossier.server.ts";
import { castBallot, closeVotingSession, openVotingSession, secretaryCloser } from "~/models/voting.server.ts";
import { loader as dossiersLoader } from "~/routes/ho-so._index.tsx";
import { loader as dashboardLoader } from "~/routes/phong-trao.$movementId.tong-quan.tsx";
import { loader as dashboardXlsx } from "~/routes/phong-trao.$movementId.tong-quan[.]xlsx.tsx";
import { prisma } from "~/utils/db.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import {
  approvedDossiers,
  completeDocuments,
  createCommuneWithStaff,
  createCouncil,
  createDossierAt,
  createMovement,
  currentUser,
  requestAs,
} from "../support/factories.ts";

let db: TestDatabase;
let staff: Awaited<ReturnType<typeof createCommuneWithStaff>>;
let movementId: string;
const context = { clientIp: "test" };

// The seed: who, in which unit, where their dossier ends, their figures for T1 (≥ 99 %) and T2 (≥ 80 %).
type Seed = { name: string; unit: "justice" | "land"; state: string; t1: number | null; t2: number | null };
const SEED: Seed[] = [
  { name: "Nguyễn Văn An", unit: "justice", state: "draft", t1: null, t2: null },
  { name: "Trần Thị Bình", unit: "justice", state: "submitted", t1: 98, t2: 85 },
  { name: "Lê Văn Cường", unit: "justice", state: "screened", t1: 100, t2: 70 },
  { name: "Phạm Thị Dung", unit: "justice", state: "council_passed", t1: 99, t2: 80 },
  { name: "Hoàng Văn Em", unit: "justice", state: "council_failed", t1: 99.6, t2: null },
  { name: "Võ Thị Giang", unit: "justice", state: "approved", t1: 99.6, t2: 99.6 },
  { name: "Đỗ Văn Hải", unit: "justice", state: "approved", t1: 99.6, t2: 99.6 },
  { name: "Bùi Thị Khánh", unit: "land", state: "submitted", t1: 95, t2: 90 },
  { name: "Ngô Văn Long", unit: "land", state: "needs_supplement", t1: 99.6, t2: 99.6 },
];
const SEEN = SEED.filter((s) => s.state !== "draft"); // the secretary never sees a unit's drafts
const count = (rows: Seed[], test: (s: Seed) => boolean) => rows.filter(test).length;
const ids: Record<string, string> = {};
let sessionId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createCommuneWithStaff("UBND xã Tam Phước");
  const { others } = await createCouncil(staff, 5);
  const movement = await createMovement(staff.commune.id, { quota: 3 });
  movementId = movement.id;
  const [t1, t2] = movement.targets;

  for (const seed of SEED.filter((s) => s.unit === "justice" && ["draft", "submitted", "screened"].includes(s.state))) {
    // Bình was submitted on Monday 02/03/2026 and never screened: overdue.
    const now = seed.state === "submitted" ? new Date("2026-03-02T02:00:00Z") : new Date();
    ids[seed.name] = await createDossierAt(staff, movementId, seed.state as "draft", { name: seed.name, now });
  }
  for (const seed of SEED.filter((s) => s.state === "council_passed" || s.state === "council_failed")) {
    ids[seed.name] = await createDossierAt(staff, movementId, "screened", { name: seed.name });
  }
  const approved = await approvedDossiers(staff, movementId, 2, ["Võ Thị Giang", "Đỗ Văn Hải"]);
  ids["Võ Thị Giang"] = approved[0]!;
  ids["Đỗ Văn Hải"] = approved[1]!;

  const land = await currentUser(staff.otherOfficial.id);
  const secretary = await currentUser(staff.secretary.id);
  for (const seed of SEED.filter((s) => s.unit === "land")) {
    const created = await createDossier(land, {
      movementId,
      unitId: staff.land.id,
      nominee: { kind: "individual", subjectKind: "civil_servant", name: seed.name },
    });
    if (!created.ok) throw new Error(created.message);
    ids[seed.name] = created.dossierId;
    await completeDocuments(created.dossierId, land.id);
    const submitted = await sendDossierEvent({ dossierId: created.dossierId, actor: await actorFor(land), command: { type: "SUBMIT" } });
    if (!submitted.ok) throw new Error(submitted.message);
    if (seed.state === "needs_supplement") {
      const returned = await sendDossierEvent({
        dossierId: created.dossierId,
        actor: await actorFor(secretary),
        command: { type: "RETURN_FOR_SUPPLEMENT", reason: "Thiếu bản scan biên bản có chữ ký." },
      });
      if (!returned.ok) throw new Error(returned.message);
    }
  }

  // The council: 5 members; 4 vote (agree on Dung, disagree on Em), one does not vote at all.
  const opened = await openVotingSession(secretary, {
    movementId,
    dossierIds: [ids["Phạm Thị Dung"]!, ids["Hoàng Văn Em"]!],
    closesAt: new Date(Date.now() + 86_400_000),
  });
  if (!opened.ok) throw new Error(opened.message);
  sessionId = opened.sessionId;
  for (const voter of [staff.chairman.id, staff.secretary.id, others[0]!.id, others[1]!.id]) {
    for (const [name, choice] of [
      ["Phạm Thị Dung", "agree"],
      ["Hoàng Văn Em", "disagree"],
    ] as const) {
      const cast = await castBallot({ id: voter }, { sessionId, dossierId: ids[name]!, choice });
      if (!cast.ok) throw new Error(cast.message);
    }
  }
  const closed = await closeVotingSession(await secretaryCloser(secretary), sessionId);
  if (!closed.ok) throw new Error(closed.message);

  // The figures of the seed table, replacing the ones the workflow helpers filled in.
  for (const seed of SEED) {
    for (const [target, value] of [
      [t1!, seed.t1],
      [t2!, seed.t2],
    ] as const) {
      await prisma.achievementFigure.deleteMany({ where: { dossierId: ids[seed.name]!, targetId: target.id } });
      if (value !== null) await prisma.achievementFigure.create({ data: { dossierId: ids[seed.name]!, targetId: target.id, value } });
    }
  }
});
afterAll(() => db.destroy());

type Page = Awaited<ReturnType<typeof dashboardLoader>>;
async function dashboardAs(userId: string): Promise<Page> {
  return dashboardLoader({ request: await requestAs(userId, `/phong-trao/${movementId}/tong-quan`), params: { movementId }, context });
}
async function listTotal(userId: string, href: string): Promise<number> {
  const page = (await dossiersLoader({ request: await requestAs(userId, href), params: {}, context })) as { total: number };
  return page.total;
}

describe("the movement dashboard", () => {
  test("dossiers by state and by unit, as counted from the seed", async () => {
    const page = await dashboardAs(staff.secretary.id);
    expect(page.total.value).toBe(SEEN.length);
    const byState = Object.fromEntries(page.byState.map((bar) => [bar.label, bar.value]));
    expect(byState).toMatchObject({
      "Đã nộp": count(SEEN, (s) => s.state === "submitted"),
      "Cần bổ sung": count(SEEN, (s) => s.state === "needs_supplement"),
      "Đã thẩm định": count(SEEN, (s) => s.state === "screened"),
      "Hội đồng thông qua": count(SEEN, (s) => s.state === "council_passed"),
      "Hội đồng không thông qua": count(SEEN, (s) => s.state === "council_failed"),
      "Đã phê duyệt": count(SEEN, (s) => s.state === "approved"),
    });
    expect(page.byState.find((bar) => bar.label === "Nháp")).toBeUndefined();

    const unit = (name: string) => page.byUnit.find((row) => row.label === name)!;
    const justice = SEEN.filter((s) => s.unit === "justice");
    expect(unit("Bộ phận Tư pháp - Hộ tịch").segments.map((s) => [s.label, s.value])).toEqual([
      ["Đang xét", count(justice, (s) => ["submitted", "screened", "council_passed", "needs_supplement"].includes(s.state))],
      ["Được khen thưởng", count(justice, (s) => s.state === "approved")],
      ["Không đạt", count(justice, (s) => s.state === "council_failed")],
      ["Nháp, đã rút", 0],
    ]);
    expect(unit("Bộ phận Địa chính - Xây dựng").segments.reduce((sum, s) => sum + s.value, 0)).toBe(count(SEEN, (s) => s.unit === "land"));
  });

  test("awards against the quota of 3 individuals, and per subject kind", async () => {
    const page = await dashboardAs(staff.chairman.id);
    const awarded = count(SEEN, (s) => s.state === "approved");
    expect(page.quota).toEqual([expect.objectContaining({ label: "Cá nhân", max: 3, awarded, proposed: SEEN.length, left: 3 - awarded })]);
    expect(page.bySubject.find((row) => row.label === "Cán bộ, công chức chuyên môn")).toMatchObject({ proposed: SEEN.length, awarded });
  });

  test("each target: how many met it, and the spread of the figures", async () => {
    const page = await dashboardAs(staff.secretary.id);
    const [t1, t2] = page.targets;
    const judge = (key: "t1" | "t2", threshold: number) => ({
      met: count(SEEN, (s) => s[key] !== null && s[key]! >= threshold),
      unmet: count(SEEN, (s) => s[key] !== null && s[key]! < threshold),
      missing: count(SEEN, (s) => s[key] === null),
    });
    const statuses = (target: typeof t1) => Object.fromEntries(target!.statuses.map((s) => [s.status, s.value]));
    expect(statuses(t1)).toMatchObject(judge("t1", 99));
    expect(statuses(t2)).toMatchObject(judge("t2", 80));
    const values = SEEN.map((s) => s.t1!).sort((a, b) => a - b);
    expect(t1!.spread).toMatchObject({
      count: values.length,
      min: values[0],
      max: values.at(-1),
      median: (values[values.length / 2 - 1]! + values[values.length / 2]!) / 2,
    });
    expect(t1!.spread!.bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(values.length);
    expect(t2!.spread!.count).toBe(count(SEEN, (s) => s.t2 !== null));
  });

  test("overdue dossiers in working days, and the council's participation", async () => {
    const user = await currentUser(staff.secretary.id);
    // March 2026 has no public holiday: the working days late are the weekdays after the due day.
    const now = new Date("2026-03-20T03:00:00Z");
    const data = (await movementDashboard(user, movementId, now))!;
    expect(data.overdue.map((row) => row.name)).toEqual(["Trần Thị Bình"]);
    const due = data.overdue[0]!.dueAt;
    let weekdays = 0;
    const day = (date: Date) => new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    for (let d = new Date(due.getTime() + 86_400_000); day(d) <= day(now); d = new Date(d.getTime() + 86_400_000)) {
      const weekday = new Date(`${day(d)}T00:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6) weekdays++;
    }
    expect(weekdays).toBeGreaterThan(0);
    expect(data.overdue[0]!.workingDaysLate).toBe(weekdays);

    const page = await dashboardAs(staff.secretary.id);
    expect(page.sessions).toEqual([
      expect.objectContaining({ members: 5, voters: 4, participation: "80%", dossiers: 2, ballots: 8, ballotsDue: 10, passed: 1 }),
    ]);
  });

  test("every number links to the list behind it, and that list holds exactly that many dossiers", async () => {
    const page = await dashboardAs(staff.secretary.id);
    const links: Array<[string, number]> = [
      [page.total.href, page.total.value],
      ...page.byState.map((bar): [string, number] => [bar.href, bar.value]),
      ...page.byUnit.flatMap((row) => row.segments.map((s): [string, number] => [s.href!, s.value])),
      ...page.quota.flatMap((row): Array<[string, number]> => [
        [row.awardedHref, row.awarded],
        [row.proposedHref, row.proposed],
      ]),
      ...page.targets.flatMap((target) => [
        [target.applicableHref, target.applicable] as [string, number],
        ...target.statuses.map((s): [string, number] => [s.href, s.value]),
      ]),
      [page.overdue.href, page.overdue.count],
    ];
    expect(links.length).toBeGreaterThan(20);
    for (const [href, value] of links) {
      const url = new URL(href, "http://localhost");
      expect([url.pathname, url.searchParams.get("phong-trao")]).toEqual(["/ho-so", movementId]);
      expect([href, await listTotal(staff.secretary.id, href)]).toEqual([href, value]);
    }
  });

  test("only the commune's secretary and leaders see it; the numbers download as .xlsx", async () => {
    const refused = await dashboardAs(staff.official.id).catch((error: unknown) => error);
    expect((refused as Response).status).toBe(403);
    const other = await createCommuneWithStaff("UBND xã Khác");
    const hidden = await dashboardAs(other.secretary.id).catch((error: unknown) => error);
    expect((hidden as Response).status).toBe(404);

    const response = (await dashboardXlsx({
      request: await requestAs(staff.secretary.id, `/phong-trao/${movementId}/tong-quan.xlsx`),
      params: { movementId },
      context,
    })) as Response;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.arrayBuffer()) as never);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "Theo trạng thái",
      "Theo đơn vị",
      "Số lượng khen thưởng",
      "Chỉ tiêu",
      "Quá hạn",
      "Phiên họp Hội đồng",
    ]);
    const targets = workbook.getWorksheet("Chỉ tiêu")!;
    const header = targets.getRows(1, 10)!.find((row) => row.getCell(1).value === "Chỉ tiêu")!;
    const first = targets.getRow(header.number + 1);
    expect(first.getCell(4).value).toBe(count(SEEN, (s) => s.t1 !== null && s.t1 >= 99));
    expect(first.getCell(8).value).toBe(Math.min(...SEEN.map((s) => s.t1!)));
  });
});
