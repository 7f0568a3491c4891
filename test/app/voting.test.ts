// The council's online secret ballot on a real database.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { closeDueSessions, remindMembers } from "~/jobs/voting.server.ts";
import { verifyAuditTrail } from "~/models/audit.server.ts";
import { eraseOldBallotVersions } from "~/models/ballot-history.server.ts";
import { setUnitHead } from "~/models/unit-admin.server.ts";
import {
  castBallot,
  closeVotingSession,
  declareRecusal,
  openVotingSession,
  secretaryCloser,
  votingSessionChoices,
} from "~/models/voting.server.ts";
import { action as ballotAction } from "~/routes/bo-phieu.$sessionId.tsx";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import {
  completeDocuments,
  createCommuneWithStaff,
  createCouncil,
  createDossierAt,
  createMovement,
  createUser,
  requestAs,
  currentUser,
  type Staff,
} from "../support/factories.ts";

let db: TestDatabase;
let staff: Staff;
let council: Awaited<ReturnType<typeof createCouncil>>;
let movementId: string;

const HOUR = 3600_000;

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createCommuneWithStaff();
  council = await createCouncil(staff, 7);
  movementId = (await createMovement(staff.commune.id, { quota: null })).id;
});
afterAll(() => db.destroy());

async function screened(count: number, name = "Ứng viên") {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await createDossierAt(staff, movementId, "screened", { name: `${name} ${i + 1}` }));
  return ids;
}

async function open(dossierIds: string[], closesAt = new Date(Date.now() + 48 * HOUR)) {
  const result = await openVotingSession(await currentUser(staff.secretary.id), { movementId, dossierIds, closesAt });
  if (!result.ok) throw new Error(result.message);
  return result.sessionId;
}

async function vote(sessionId: string, dossierId: string, agree: number, disagree: number, voters = council.memberIds) {
  const results = await Promise.all(
    voters
      .slice(0, agree + disagree)
      .map((userId, i) => castBallot({ id: userId }, { sessionId, dossierId, choice: i < agree ? "agree" : "disagree" })),
  );
  for (const result of results) expect(result).toEqual({ ok: true });
}

async function close(sessionId: string) {
  const result = await closeVotingSession(await secretaryCloser(await currentUser(staff.secretary.id)), sessionId);
  if (!result.ok) throw new Error(result.message);
  return result;
}

async function stateOf(dossierId: string) {
  return (await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } })).state;
}

describe("opening", () => {
  test("puts screened dossiers to the vote and copies the council's rules and members onto the session", async () => {
    const [a] = await screened(1);
    const sessionId = await open([a!]);
    expect(await stateOf(a!)).toBe("in_council_vote");
    const session = await prisma.votingSession.findUniqueOrThrow({ where: { id: sessionId }, include: { members: true } });
    expect(session).toMatchObject({ quorumNum: 2, quorumDen: 3, thresholdNum: 70, thresholdDen: 100, state: "open" });
    expect(session.members).toHaveLength(7);
    const opened = await prisma.notification.findMany({
      where: { kind: "vote_opened", payload: { path: ["sessionId"], equals: sessionId } },
    });
    expect(opened.map((n) => n.recipientId).sort()).toEqual([...council.memberIds].sort());

    // A later change of the council's settings never changes this session's result.
    await prisma.council.update({ where: { id: council.council.id }, data: { thresholdNum: 100 } });
    await vote(sessionId, a!, 5, 2); // 5/7 = 71.4 % ≥ 70 % of the old rule, < 100 % of the new one
    const closed = await close(sessionId);
    expect(closed.tallies[0]).toMatchObject({ members: 7, voted: 7, agree: 5, disagree: 2, passed: true });
    expect(await stateOf(a!)).toBe("council_passed");
    await prisma.council.update({ where: { id: council.council.id }, data: { thresholdNum: 70 } });
  });

  test("a dossier not screened cannot be put to the vote, and nothing is opened", async () => {
    const draft = await createDossierAt(staff, movementId, "draft", { name: "Chưa nộp" });
    const before = await prisma.votingSession.count();
    const result = await openVotingSession(await currentUser(staff.secretary.id), {
      movementId,
      dossierIds: [draft],
      closesAt: new Date(Date.now() + HOUR),
    });
    expect(result).toEqual({
      ok: false,
      status: 409,
      message: "Có hồ sơ không còn ở trạng thái «Đã thẩm định». Vui lòng tải lại trang và chọn lại.",
    });
    expect(await prisma.votingSession.count()).toBe(before);
  });
});

describe("counting (7 members, quorum 2/3, approval ≥ 70 % of the members entitled to vote)", () => {
  test("5 agree of 7 passes (71.4 %), 4 agree does not (57.1 %); 4 voters of 7 is no quorum", async () => {
    const [five, four, fewVoters] = await screened(3, "Ngưỡng");
    const sessionId = await open([five!, four!, fewVoters!]);
    await vote(sessionId, five!, 5, 2);
    await vote(sessionId, four!, 4, 3);
    await vote(sessionId, fewVoters!, 4, 0); // all agree, but 4 × 3 = 12 < 7 × 2 = 14
    const { tallies } = await close(sessionId);
    expect(tallies.map((t) => [t.agree, t.voted, t.members, t.passed])).toEqual([
      [5, 7, 7, true],
      [4, 7, 7, false],
      [4, 4, 7, false],
    ]);
    expect(await stateOf(five!)).toBe("council_passed");
    expect(await stateOf(four!)).toBe("council_failed");
    expect(await stateOf(fewVoters!)).toBe("council_failed");
  });

  test("a recused member is out of the denominator: the nominee among the members cannot vote", async () => {
    const nomineeMember = council.others[1]!; // a member of the council is nominated
    const official = await currentUser(staff.official.id);
    const { createDossier } = await import("~/models/dossier.server.ts");
    const created = await createDossier(official, {
      movementId,
      unitId: staff.justice.id,
      nominee: { kind: "individual", subjectKind: "civil_servant", personId: nomineeMember.personId },
    });
    if (!created.ok) throw new Error(created.message);
    await completeDocuments(created.dossierId, staff.official.id);
    const { actorFor, sendDossierEvent } = await import("~/models/dossier.server.ts");
    await sendDossierEvent({ dossierId: created.dossierId, actor: await actorFor(official), command: { type: "SUBMIT" } });
    await sendDossierEvent({
      dossierId: created.dossierId,
      actor: await actorFor(await currentUser(staff.secretary.id)),
      command: { type: "ACCEPT_SCREENING" },
    });

    const sessionId = await open([created.dossierId]);
    const refused = await castBallot({ id: nomineeMember.id }, { sessionId, dossierId: created.dossierId, choice: "agree" });
    expect(refused).toEqual({
      ok: false,
      status: 422,
      message: "Bạn không tham gia biểu quyết hồ sơ này (là người được đề nghị khen thưởng).",
    });

    // 4 agree of the 6 entitled: 4 × 3 = 12 ≥ 6 × 2 (quorum), but 400 < 6 × 70 = 420 → fails;
    // a member who declares a conflict after voting takes the ballot back and leaves the denominator too.
    const voters = council.memberIds.filter((id) => id !== nomineeMember.id);
    await vote(sessionId, created.dossierId, 5, 0, voters);
    const declarer = await currentUser(voters[4]!);
    expect(
      await declareRecusal(declarer, { sessionId, dossierId: created.dossierId, reason: "Là người thân của người được đề nghị" }),
    ).toEqual({ ok: true });
    const { tallies } = await close(sessionId);
    // 5 entitled, 4 voted, 4 agree: quorum 12 ≥ 10, approval 400 ≥ 350 → passes.
    expect(tallies[0]).toMatchObject({ members: 5, voted: 4, agree: 4, passed: true });
    const recusals = await prisma.recusal.findMany({ where: { sessionId }, orderBy: { declared: "asc" } });
    expect(recusals.map((r) => [r.userId, r.reason, r.declared])).toEqual([
      [nomineeMember.id, "Là người được đề nghị khen thưởng", false],
      [declarer.id, "Là người thân của người được đề nghị", true],
    ]);
  });
});

describe("one ballot each, secret, until the session closes", () => {
  test(
    "200 concurrent ballots from 9 members across 20 dossiers: exactly one per member per dossier, none lost",
    async () => {
      // A council of 9 for this test.
      const big = await createCommuneWithStaff("UBND xã Chín Thành Viên");
      const nine = await createCouncil(big, 9);
      const bigMovement = await createMovement(big.commune.id);
      const dossierIds: string[] = [];
      for (let i = 0; i < 20; i++) dossierIds.push(await createDossierAt(big, bigMovement.id, "screened", { name: `Hồ sơ ${i + 1}` }));
      const opened = await openVotingSession(await currentUser(big.secretary.id), {
        movementId: bigMovement.id,
        dossierIds,
        closesAt: new Date(Date.now() + HOUR),
      });
      if (!opened.ok) throw new Error(opened.message);

      const casts = nine.memberIds.flatMap((userId) => dossierIds.map((dossierId) => ({ userId, dossierId })));
      const extra = casts.slice(0, 20); // 20 members change their mind at the same time
      const all = [...casts, ...extra].map((c, i) =>
        castBallot({ id: c.userId }, { sessionId: opened.sessionId, dossierId: c.dossierId, choice: i % 3 === 0 ? "disagree" : "agree" }),
      );
      expect(all).toHaveLength(200);
      const results = await Promise.all(all);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(await prisma.ballotReceipt.count({ where: { sessionId: opened.sessionId } })).toBe(180);
      expect(await prisma.ballot.count({ where: { sessionId: opened.sessionId } })).toBe(180);
      const perDossier = await prisma.ballot.groupBy({ by: ["dossierId"], where: { sessionId: opened.sessionId }, _count: { _all: true } });
      expect(perDossier.every((row) => row._count._all === 9)).toBe(true);
      // A guard against a hung race, not a measure: 200 ballots take turns on PGlite's one connection.
    },
    10 * 60_000,
  );

  test("a non-member cannot vote; a ballot after closing is refused", async () => {
    const [a] = await screened(1, "Quyền bỏ phiếu");
    const sessionId = await open([a!]);
    const outsider = await createUser({ unitId: staff.commune.id, roles: [{ role: "council_member" }], fullName: "Người Ngoài" });
    expect(await castBallot({ id: outsider.id }, { sessionId, dossierId: a!, choice: "agree" })).toEqual({
      ok: false,
      status: 403,
      message: "Bạn không phải thành viên Hội đồng của phiên bỏ phiếu này.",
    });
    await close(sessionId);
    expect(await castBallot({ id: council.memberIds[0]! }, { sessionId, dossierId: a!, choice: "agree" })).toEqual({
      ok: false,
      status: 422,
      message: "Phiên bỏ phiếu đã kết thúc; không thể bỏ phiếu hoặc thay đổi phiếu.",
    });
  });

  test("a server that saw the session open still refuses once another server closed it or its time has passed", async () => {
    const [a] = await screened(1, "Máy chủ khác");
    const sessionId = await open([a!]);
    const [first, second] = council.memberIds;
    // This process now knows the session's salt (the usual ballot is one statement).
    expect(await castBallot({ id: first! }, { sessionId, dossierId: a!, choice: "agree" })).toEqual({ ok: true });

    // The deadline, as the database says, has passed: the ballot is refused and nothing is written.
    await prisma.votingSession.update({ where: { id: sessionId }, data: { closesAt: new Date(Date.now() - 1000) } });
    expect(await castBallot({ id: second! }, { sessionId, dossierId: a!, choice: "agree" })).toEqual({
      ok: false,
      status: 422,
      message: "Đã hết thời gian bỏ phiếu của phiên này.",
    });

    // Closed elsewhere (state and salt as closing leaves them), without this process knowing.
    await prisma.votingSession.update({
      where: { id: sessionId },
      data: { closesAt: new Date(Date.now() + HOUR), state: "closed", ballotSalt: null },
    });
    expect(await castBallot({ id: second! }, { sessionId, dossierId: a!, choice: "agree" })).toEqual({
      ok: false,
      status: 422,
      message: "Phiên bỏ phiếu đã kết thúc; không thể bỏ phiếu hoặc thay đổi phiếu.",
    });
    expect(await prisma.ballotReceipt.count({ where: { sessionId } })).toBe(1);
  });

  test("the tables never link a ballot to its voter: no voter column, no time, and after closing no key either", async () => {
    const columns = await db.sql.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'Ballot' ORDER BY column_name`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(["choice", "dossierId", "id", "key", "sessionId"]);
    const [a] = await screened(1, "Bí mật");
    const sessionId = await open([a!]);
    await vote(sessionId, a!, 3, 2);
    const whileOpen = await prisma.ballot.findMany({ where: { sessionId } });
    // Keys are HMACs, not user ids.
    for (const ballot of whileOpen) for (const userId of council.memberIds) expect(ballot.key).not.toContain(userId);
    await close(sessionId);
    const session = await prisma.votingSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session.ballotSalt).toBeNull();
    const afterClose = await prisma.ballot.findMany({ where: { sessionId } });
    expect(afterClose).toHaveLength(5);
    expect(afterClose.every((ballot) => ballot.key.startsWith("closed-"))).toBe(true);
    expect(afterClose.every((ballot) => !whileOpen.some((before) => before.id === ballot.id))).toBe(true);
  });

  test("after closing no old version of a ballot (its key) or of the session (its salt) is left in the tables' files", async () => {
    const [a] = await screened(1, "Phiên bản cũ");
    const sessionId = await open([a!]);
    await vote(sessionId, a!, 4, 1);
    await vote(sessionId, a!, 1, 4); // every member changes their mind: dead versions with the same keys
    const keys = (await prisma.ballot.findMany({ where: { sessionId }, select: { key: true } })).map((b) => b.key);
    const { ballotSalt } = await prisma.votingSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(keys).toHaveLength(5);
    const filenode = async (table: string) =>
      (await db.sql.query<{ node: string }>(`SELECT pg_relation_filenode('"${table}"')::text AS node`))[0]!.node;
    const before = { ballot: await filenode("Ballot"), session: await filenode("VotingSession") };

    /** Every byte of a table's pages, live and dead tuples alike (pageinspect, on the PostgreSQL server). */
    const pages = async (table: string) => {
      const [{ blocks }] = (await db.sql.query<{ blocks: number }>(
        `SELECT (pg_relation_size('"${table}"') / current_setting('block_size')::int)::int AS blocks`,
      )) as [{ blocks: number }];
      const chunks: Buffer[] = [];
      for (let block = 0; block < blocks; block++) {
        const [row] = await db.sql.query<{ page: Uint8Array }>(`SELECT get_raw_page('"${table}"', ${block}) AS page`);
        chunks.push(Buffer.from(row!.page));
      }
      return Buffer.concat(chunks).toString("latin1");
    };
    const server = db.kind === "postgres";
    if (server) {
      await db.sql.exec("CREATE EXTENSION IF NOT EXISTS pageinspect");
      // The check sees what it looks for: while open, the keys and the salt are in the pages.
      const ballotPages = await pages("Ballot");
      expect(keys.every((key) => ballotPages.includes(key))).toBe(true);
      expect((await pages("VotingSession")).includes(ballotSalt!)).toBe(true);
    }

    await close(sessionId);
    // Both tables were written anew (VACUUM FULL), on PGlite as on PostgreSQL.
    expect(await filenode("Ballot")).not.toBe(before.ballot);
    expect(await filenode("VotingSession")).not.toBe(before.session);
    if (server) {
      // A transaction elsewhere on the server that began before the close keeps the old versions alive
      // (the close waits 5 s for it): erase again until none is left, as the next close would.
      let ballotPages = await pages("Ballot");
      for (let i = 0; i < 20 && keys.some((key) => ballotPages.includes(key)); i++) {
        await eraseOldBallotVersions({ waitMs: 10_000 });
        ballotPages = await pages("Ballot");
      }
      expect(keys.filter((key) => ballotPages.includes(key))).toEqual([]);
      expect((await pages("VotingSession")).includes(ballotSalt!)).toBe(false);
    }
  }, 300_000);

  test("closing twice is harmless", async () => {
    const [a] = await screened(1, "Đóng hai lần");
    const sessionId = await open([a!]);
    await vote(sessionId, a!, 6, 1);
    const first = await close(sessionId);
    const audit = await prisma.auditEvent.count();
    const second = await close(sessionId);
    expect(first.alreadyClosed).toBe(false);
    expect(second).toEqual({ ok: true, alreadyClosed: true, tallies: [] });
    expect(await prisma.auditEvent.count()).toBe(audit);
    expect(await stateOf(a!)).toBe("council_passed");
    expect((await verifyAuditTrail(prisma)).firstBreak).toBeNull();
  });
});

describe("what people can see", () => {
  test("while open nobody sees counts or choices; the secretary sees who has not voted; an outsider sees nothing", async () => {
    const { loader } = await import("~/routes/bo-phieu.$sessionId.tsx");
    const [a] = await screened(1, "Xem phiếu");
    const sessionId = await open([a!]);
    await vote(sessionId, a!, 2, 1);
    const load = async (userId: string) =>
      loader({ request: await requestAs(userId, `/bo-phieu/${sessionId}`), params: { sessionId }, context: { clientIp: "test" } });

    const forSecretary = await load(staff.secretary.id);
    expect(forSecretary.dossiers[0]!.result).toBeNull();
    expect(forSecretary.members.map((m) => m.votedOn)).toEqual([1, 1, 1, 0, 0, 0, 0]); // chair, standing member, vice-chair voted
    const forMember = await load(council.memberIds[0]!);
    expect(forMember.dossiers[0]).toMatchObject({ iVoted: true, result: null });
    expect(forMember.members.every((m) => m.votedOn === null)).toBe(true);
    for (const view of [forSecretary, forMember]) expect(JSON.stringify(view)).not.toMatch(/"choice"|"agree":\s*[1-9]/);

    const admin = await createUser({ unitId: staff.commune.id, roles: [{ role: "admin" }], fullName: "Quản Trị" });
    await expect(load(admin.id)).rejects.toMatchObject({ status: 404 });

    await close(sessionId);
    const after = await load(council.memberIds[5]!);
    expect(after.dossiers[0]!.result).toMatchObject({ members: 7, voted: 3, agree: 2, disagree: 1, passed: false, quorumMet: false });
  });

  test("the minutes PDF reads back with the tallies and the Vietnamese names, and its first page renders", async () => {
    const { loadMinutes } = await import("~/models/council-minutes.server.ts");
    const { councilMinutesPdf } = await import("~/documents/council-minutes.server.ts");
    const { pdfInk, pdfText } = await import("../support/pdf.ts");
    const [a, b] = await screened(2, "Biên bản");
    const sessionId = await open([a!, b!]);
    await vote(sessionId, a!, 5, 2);
    await vote(sessionId, b!, 4, 3);
    await close(sessionId);
    const minutes = await loadMinutes(sessionId, [staff.commune.id]);
    const pdf = await councilMinutesPdf(minutes!);
    const text = pdfText(pdf);
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(text).toContain("BIÊN BẢN");
    expect(text).toContain("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG");
    expect(text).toContain("Chủ trì: Nguyễn Văn Hùng – Chủ tịch Hội đồng.");
    expect(text).toContain("Thư ký: Trần Thị Thu Hà – Ủy viên thường trực (Thư ký).");
    for (const name of ["Lê Văn Phúc", "Phạm Thị Lan", "Võ Minh Tuấn", "Huỳnh Văn Sáu", "Trương Thị Ánh"]) expect(text).toContain(name);
    // Issued, returned, valid, agree, disagree, share: online every member entitled holds a ballot, every one cast is valid.
    expect(text).toMatch(/Biên bản 1 .* 7 7 7 5 2 71,4% Đạt/);
    expect(text).toMatch(/Biên bản 2 .* 7 7 7 4 3 57,1% Không đạt/);
    const { minutesNumber } = await prisma.votingSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(minutesNumber).toMatch(/^\d{2}\/BB-HĐTĐKT$/);
    expect(text).toContain(`Số: ${minutesNumber}`);
    expect(text).toContain("III. NỘI DUNG CUỘC HỌP");
    expect(text).toContain("1. Thư ký Hội đồng báo cáo danh sách 02 hồ sơ đề nghị khen thưởng đã được thẩm định: Biên bản 1; Biên bản 2.");
    expect(text).toContain("Hình thức biểu quyết: bỏ phiếu kín trực tuyến trên phần mềm Thi đua – Khen thưởng.");
    expect(text).toContain("CHỦ TỊCH HỘI ĐỒNG");
    expect(pdfInk(pdf)).toBeGreaterThan(0.005);
    expect(await loadMinutes(sessionId, ["another-commune"])).toBeNull();
  });

  test("the minutes' signatures never stand alone on a page: they keep the closing lines above them, whatever the length", async () => {
    const { loadMinutes } = await import("~/models/council-minutes.server.ts");
    const { councilMinutesPdf } = await import("~/documents/council-minutes.server.ts");
    const { pdfPageTexts } = await import("../support/pdf.ts");
    const [a] = await screened(1, "Trang ký");
    const sessionId = await open([a!]);
    await vote(sessionId, a!, 6, 1);
    await close(sessionId);
    const minutes = (await loadMinutes(sessionId, [staff.commune.id]))!;
    const pagesOfSignatures = new Set<number>();
    // More dossiers in the results table push the closing lines and the signatures down across the page break.
    for (let count = 1; count <= 16; count++) {
      const pages = pdfPageTexts(
        await councilMinutesPdf({ ...minutes, dossiers: Array.from({ length: count }, () => minutes.dossiers[0]!) }),
      );
      const page = pages.findIndex((text) => text.includes("CHỦ TỊCH HỘI ĐỒNG"));
      expect(pages.filter((text) => text.includes("CHỦ TỊCH HỘI ĐỒNG"))).toHaveLength(1);
      const text = pages[page]!;
      expect(text, `${count} dossiers`).toMatch(/Phiên họp kết thúc lúc/);
      expect(text.indexOf("thông qua.")).toBeGreaterThan(-1);
      expect(text.indexOf("thông qua.")).toBeLessThan(text.indexOf("THƯ KÝ"));
      expect(text).toContain("Trần Thị Thu Hà");
      pagesOfSignatures.add(page);
    }
    expect(pagesOfSignatures.size).toBeGreaterThan(1); // the range crossed a page break
  }, 120_000);
});

describe("jobs", () => {
  test("members who have not voted are reminded once; the session closes by itself at its time", async () => {
    const [a, b] = await screened(2, "Tự động");
    const closesAt = new Date(Date.now() + 30 * 24 * HOUR); // later than every other session of this file
    const sessionId = await open([a!, b!], closesAt);
    await vote(sessionId, a!, 7, 0);
    await vote(sessionId, b!, 3, 0); // the first three voted on both
    const reminders = () =>
      prisma.notification.findMany({ where: { kind: "vote_reminder", payload: { path: ["sessionId"], equals: sessionId } } });
    const sessionState = async () => (await prisma.votingSession.findUniqueOrThrow({ where: { id: sessionId } })).state;

    await remindMembers(new Date(closesAt.getTime() - 25 * HOUR)); // more than 24 h before: too early
    expect(await reminders()).toHaveLength(0);
    await remindMembers(new Date(closesAt.getTime() - 23 * HOUR));
    expect((await reminders()).map((r) => r.recipientId).sort()).toEqual(council.memberIds.slice(3).sort());
    await remindMembers(new Date(closesAt.getTime() - HOUR)); // once only
    expect(await reminders()).toHaveLength(4);

    await closeDueSessions(new Date(closesAt.getTime() - 1000));
    expect(await sessionState()).toBe("open");
    await closeDueSessions(new Date(closesAt.getTime() + 1000));
    expect(await sessionState()).toBe("closed");
    expect(await stateOf(a!)).toBe("council_passed");
    expect(await stateOf(b!)).toBe("council_failed"); // 3 of 7: no quorum
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "dossier.CLOSE_VOTE", entityId: a! } });
    expect(audit.actorName).toBe("Hệ thống (tác vụ tự động)");
  });
});

// Last in the file: these set the head of the justice department, which every dossier above is nominated from.
describe("recusal that cannot be forgotten: from the register's links", () => {
  const headReason = "Là người đứng đầu đơn vị của người được đề nghị";
  let admin: CurrentUser;
  beforeAll(async () => {
    admin = await currentUser((await createUser({ unitId: staff.commune.id, roles: [{ role: "admin" }], fullName: "Quản Trị Xã" })).id);
  });
  afterEach(async () => {
    expect(await setUnitHead(admin, staff.justice.id, null)).toEqual({ ok: true });
  });

  test("the head of the nominee's unit is recused when the session opens; his crafted POST is refused; the minutes say why", async () => {
    const head = council.others[2]!;
    expect(await setUnitHead(admin, staff.justice.id, head.personId)).toEqual({ ok: true });
    const [dossierId] = await screened(1, "Người của bộ phận");
    const sessionId = await open([dossierId!]);
    expect(await prisma.recusal.findMany({ where: { sessionId }, select: { userId: true, reason: true, declared: true } })).toEqual([
      { userId: head.id, reason: headReason, declared: false },
    ]);

    // The ballot page's action, posted by hand with the dossier's id: refused, nothing recorded.
    const crafted = (await ballotAction({
      request: await requestAs(head.id, `/bo-phieu/${sessionId}`, {
        method: "POST",
        body: new URLSearchParams({ intent: "vote", dossierId: dossierId!, choice: "agree" }),
      }),
      params: { sessionId },
      context: { clientIp: "test" },
    })) as unknown as { data: { message: string }; init: ResponseInit };
    expect(crafted.init.status).toBe(422);
    expect(crafted.data.message).toBe("Bạn không tham gia biểu quyết hồ sơ này (là người đứng đầu đơn vị của người được đề nghị).");
    expect(await prisma.ballotReceipt.count({ where: { sessionId, userId: head.id } })).toBe(0);

    // The six who may vote: 5 agree → 500 ≥ 6 × 70 = 420 passes; the threshold is on 6, not 7.
    await vote(
      sessionId,
      dossierId!,
      5,
      1,
      council.memberIds.filter((id) => id !== head.id),
    );
    const { tallies } = await close(sessionId);
    expect(tallies[0]).toMatchObject({ members: 6, voted: 6, agree: 5, passed: true });

    const { attendance, loadMinutes } = await import("~/models/council-minutes.server.ts");
    const minutes = (await loadMinutes(sessionId, [staff.commune.id]))!;
    const line = attendance(minutes).find((member) => member.userId === head.id)!;
    expect(line.status).toBe(`Không tham gia biểu quyết (hồ sơ của Người của bộ phận 1: ${headReason.toLowerCase()})`);
    expect(attendance(minutes).filter((member) => member.status === "Đã bỏ phiếu")).toHaveLength(6);
    const { councilMinutesPdf } = await import("~/documents/council-minutes.server.ts");
    const { pdfText } = await import("../support/pdf.ts");
    const pdf = await councilMinutesPdf(minutes);
    const text = pdfText(pdf);
    // The row as laid out on the page: issued, returned, valid, agree, disagree, share, conclusion.
    expect(pdfText(pdf, { layout: true })).toMatch(/Người của bộ[^\n]*\s6\s+6\s+6\s+5\s+1\s+83,3%\s+Đạt/);
    // The attendance table: present, and not voting on that dossier with the reason — never "Đã bỏ phiếu".
    expect(line.presence).toBe("—");
    expect(text).toContain("Không tham gia biểu quyết (hồ sơ của Người của bộ phận 1:");
    expect(text).toContain(`Hồ sơ của Người của bộ phận 1: không tham gia biểu quyết: ${head.fullName} (${headReason.toLowerCase()}).`);
  });

  test("a link made while the session is open recuses at once and withdraws the ballot already cast", async () => {
    const member = council.others[3]!;
    const [dossierId] = await screened(1, "Giữa phiên");
    const sessionId = await open([dossierId!]);
    expect(await prisma.recusal.count({ where: { sessionId } })).toBe(0);
    expect(await castBallot({ id: member.id }, { sessionId, dossierId: dossierId!, choice: "agree" })).toEqual({ ok: true });

    // The admin records the member as the head of the nominee's unit while the vote runs.
    expect(await setUnitHead(admin, staff.justice.id, member.personId)).toEqual({ ok: true });
    expect(await prisma.recusal.findMany({ where: { sessionId }, select: { userId: true, reason: true } })).toEqual([
      { userId: member.id, reason: headReason },
    ]);
    expect(await prisma.ballotReceipt.count({ where: { sessionId, userId: member.id } })).toBe(0);
    expect(await prisma.ballot.count({ where: { sessionId } })).toBe(0);
    expect(await castBallot({ id: member.id }, { sessionId, dossierId: dossierId!, choice: "agree" })).toMatchObject({
      ok: false,
      status: 422,
    });

    await vote(
      sessionId,
      dossierId!,
      6,
      0,
      council.memberIds.filter((id) => id !== member.id),
    );
    const { tallies } = await close(sessionId);
    expect(tallies[0]).toMatchObject({ members: 6, voted: 6, agree: 6, passed: true });
  });

  test("a member whose name is that of a nominee linked to no account is flagged to the secretary before the session opens", async () => {
    const namesake = council.others[4]!; // "Trương Thị Ánh"
    const official = await currentUser(staff.official.id);
    const { createDossier } = await import("~/models/dossier.server.ts");
    // Typed without tone marks, as a new person: no link to the member's account.
    const created = await createDossier(official, {
      movementId,
      unitId: staff.justice.id,
      nominee: { kind: "individual", subjectKind: "civil_servant", name: "Truong Thi Anh" },
    });
    if (!created.ok) throw new Error(created.message);
    await completeDocuments(created.dossierId, staff.official.id);
    const { actorFor, sendDossierEvent } = await import("~/models/dossier.server.ts");
    await sendDossierEvent({ dossierId: created.dossierId, actor: await actorFor(official), command: { type: "SUBMIT" } });
    await sendDossierEvent({
      dossierId: created.dossierId,
      actor: await actorFor(await currentUser(staff.secretary.id)),
      command: { type: "ACCEPT_SCREENING" },
    });

    const choices = await votingSessionChoices(await currentUser(staff.secretary.id), movementId);
    expect(choices.nameMatches.filter((m) => m.dossierId === created.dossierId)).toEqual([
      { dossierId: created.dossierId, nomineeName: "Truong Thi Anh", memberName: namesake.fullName },
    ]);
    // The nominee of the same name who IS linked (through the person's account) is recused, not flagged.
    expect(choices.nameMatches.some((m) => m.memberName === council.others[1]!.fullName)).toBe(false);
  });
});
