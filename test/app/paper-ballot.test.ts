// Paper ballots at a council meeting: the same rules decide as online; the secretary counts, the chair confirms.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, afterAll, describe, expect, test } from "vitest";
import { deliverOutbox } from "~/jobs/outbox.server.ts";
import { closeDueSessions } from "~/jobs/voting.server.ts";
import { verifyAuditTrail } from "~/models/audit.server.ts";
import { loadMinutes } from "~/models/council-minutes.server.ts";
import { ballotSheets, confirmPaperCounts, recordAttendance, recordPaperCounts, type DossierCount } from "~/models/paper-ballot.server.ts";
import { castBallot, closeVotingSession, openVotingSession, secretaryCloser } from "~/models/voting.server.ts";
import { councilMinutesPdf } from "~/documents/council-minutes.server.ts";
import { ballotSheetsPdf } from "~/documents/ballot-sheets.server.ts";
import { action as countAction } from "~/routes/bo-phieu.$sessionId_.kiem-phieu.tsx";
import { prisma } from "~/utils/db.server.ts";
import { env } from "~/utils/env.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import {
  createCommuneWithStaff,
  createCouncil,
  createDossierAt,
  createMovement,
  currentUser,
  requestAs,
  screenedDossierOfPerson,
  type Staff,
} from "../support/factories.ts";
import { pdfPageTexts, pdfText } from "../support/pdf.ts";
import { startSmtpServer, type ReceivedMail } from "../support/smtp.ts";

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

const movementTitle = async () => (await prisma.movement.findUniqueOrThrow({ where: { id: movementId } })).title;

async function screened(count: number, name: string) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await createDossierAt(staff, movementId, "screened", { name: `${name} ${i + 1}` }));
  return ids;
}

async function open(dossierIds: string[], mode: "online" | "paper") {
  const result = await openVotingSession(await currentUser(staff.secretary.id), {
    movementId,
    dossierIds,
    closesAt: new Date(Date.now() + 2 * HOUR),
    mode,
    place: mode === "paper" ? "Hội trường Ủy ban nhân dân xã" : undefined,
  });
  if (!result.ok) throw new Error(result.message);
  return result.sessionId;
}

/** One dossier's vote as figures: who was there, who voted what (online: ballots; paper: the same counted sheets). */
type Case = { label: string; present: number; agree: number; disagree: number; invalid?: number; recuse?: boolean };

const CASES: Case[] = [
  { label: "5 đồng ý / 7", present: 7, agree: 5, disagree: 2 },
  { label: "4 đồng ý / 7", present: 7, agree: 4, disagree: 3 },
  { label: "4 thành viên tham gia / 7", present: 4, agree: 4, disagree: 0 },
  { label: "5 có mặt, 1 phiếu không hợp lệ", present: 5, agree: 4, disagree: 0, invalid: 1 },
  { label: "người được đề nghị là thành viên", present: 7, agree: 5, disagree: 1, recuse: true },
];

/** The members who vote on a case's dossier: the first `present` of those who may. */
function votersOf(c: Case, recused: string | null) {
  return council.memberIds.filter((id) => id !== recused).slice(0, c.present - (recused ? 1 : 0));
}

async function dossierFor(c: Case, tag: string) {
  if (!c.recuse) return { dossierId: (await screened(1, `${c.label} ${tag}`))[0]!, recused: null };
  const member = council.others[tag === "trực tuyến" ? 1 : 3]!;
  return { dossierId: await screenedDossierOfPerson(staff, movementId, member.personId), recused: member.id };
}

async function runOnline(c: Case) {
  const { dossierId, recused } = await dossierFor(c, "trực tuyến");
  const sessionId = await open([dossierId], "online");
  // An invalid paper sheet is, online, a member who returned nothing valid: he did not cast a ballot.
  const voters = votersOf(c, recused).slice(0, c.agree + c.disagree);
  for (const [i, id] of voters.entries()) {
    expect(await castBallot({ id }, { sessionId, dossierId, choice: i < c.agree ? "agree" : "disagree" })).toEqual({ ok: true });
  }
  const closed = await closeVotingSession(await secretaryCloser(await currentUser(staff.secretary.id)), sessionId);
  if (!closed.ok) throw new Error(closed.message);
  return { dossierId, tally: closed.tallies[0]! };
}

async function runPaper(c: Case) {
  const { dossierId, recused } = await dossierFor(c, "phiếu giấy");
  const sessionId = await open([dossierId], "paper");
  const secretary = await currentUser(staff.secretary.id);
  const present = council.memberIds.filter((id) => id === recused || votersOf(c, recused).includes(id));
  expect(await recordAttendance(secretary, { sessionId, presentIds: present })).toEqual({ ok: true });
  const sheets = votersOf(c, recused).length;
  const valid = c.agree + c.disagree;
  const counts: DossierCount[] = [
    { dossierId, issued: sheets, returned: valid + (c.invalid ?? 0), valid, agree: c.agree, disagree: c.disagree },
  ];
  expect(await recordPaperCounts(secretary, { sessionId, counts })).toEqual({ ok: true });
  const confirmed = await confirmPaperCounts(await currentUser(staff.chairman.id), sessionId);
  if (!confirmed.ok) throw new Error(confirmed.message);
  return { dossierId, sessionId, tally: confirmed.tallies[0]! };
}

async function stateOf(dossierId: string) {
  return (await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } })).state;
}

describe("paper ballots reach the results online ballots reach (quorum 2/3, approval ≥ 70 % of the members entitled)", () => {
  for (const c of CASES) {
    test(c.label, async () => {
      const online = await runOnline(c);
      const paper = await runPaper(c);
      const figures = (t: typeof online.tally) => ({ members: t.members, agree: t.agree, disagree: t.disagree, passed: t.passed });
      expect(figures(paper.tally)).toEqual(figures(online.tally));
      expect(await stateOf(paper.dossierId)).toBe(await stateOf(online.dossierId));
    });
  }

  test("the expected outcomes, stated once: 5/7 passes, 4/7 fails, 4 of 7 is no quorum, a recused nominee leaves the denominator", async () => {
    const outcomes = await prisma.sessionDossier.findMany({
      where: { session: { mode: "paper", state: "closed" } },
      orderBy: { createdAt: "asc" },
      select: { entitled: true, voted: true, agree: true, passed: true },
    });
    expect(outcomes.slice(0, CASES.length).map((o) => [o.entitled, o.voted, o.agree, o.passed])).toEqual([
      [7, 7, 5, true],
      [7, 7, 4, false],
      [7, 4, 4, false],
      [7, 5, 4, false], // 5 returned: quorum met (15 ≥ 14); 4 agree < 4.9
      [6, 6, 5, true], // 6 entitled: 500 ≥ 420
    ]);
  });
});

describe("the secretary counts, the chair confirms", () => {
  test("nothing closes before the chairman confirms; the job and the secretary's close button leave a paper session alone", async () => {
    const [a, b] = await screened(2, "Xác nhận");
    const sessionId = await open([a!, b!], "paper");
    const secretary = await currentUser(staff.secretary.id);
    const chairman = await currentUser(staff.chairman.id);
    // No online ballot in a paper session.
    expect((await castBallot({ id: council.memberIds[2]! }, { sessionId, dossierId: a!, choice: "agree" })).ok).toBe(false);
    expect(await confirmPaperCounts(chairman, sessionId)).toEqual({
      ok: false,
      status: 409,
      message: "Thư ký chưa nhập kết quả kiểm phiếu.",
    });
    expect(await recordPaperCounts(secretary, { sessionId, counts: [] })).toEqual({
      ok: false,
      status: 422,
      message: "Vui lòng điểm danh thành viên có mặt trước khi nhập kết quả kiểm phiếu.",
    });
    expect(await recordAttendance(secretary, { sessionId, presentIds: council.memberIds.slice(0, 6) })).toEqual({ ok: true });
    const counts = [
      { dossierId: a!, issued: 6, returned: 6, valid: 6, agree: 6, disagree: 0 },
      { dossierId: b!, issued: 6, returned: 6, valid: 6, agree: 3, disagree: 3 },
    ];
    // More sheets than members present: refused in Vietnamese, nothing written.
    expect(
      await recordPaperCounts(secretary, {
        sessionId,
        counts: [{ ...counts[0]!, issued: 7, returned: 7, valid: 7, agree: 7 }, counts[1]!],
      }),
    ).toEqual({
      ok: false,
      status: 422,
      message: "Hồ sơ của Xác nhận 1: Số phiếu phát ra (7) nhiều hơn số thành viên có mặt được biểu quyết hồ sơ này (6).",
    });
    expect(await recordPaperCounts(secretary, { sessionId, counts })).toEqual({ ok: true });

    // The secretary is not the chair: she cannot confirm; the system's closing time passes without closing it.
    expect((await confirmPaperCounts(secretary, sessionId)).ok).toBe(false);
    const closedBySecretary = await closeVotingSession(await secretaryCloser(secretary), sessionId);
    expect(closedBySecretary).toEqual({
      ok: false,
      status: 409,
      message: "Phiên bỏ phiếu giấy kết thúc khi Chủ tịch Hội đồng xác nhận kết quả kiểm phiếu.",
    });
    await closeDueSessions(new Date(Date.now() + 3 * HOUR));
    expect((await prisma.votingSession.findUniqueOrThrow({ where: { id: sessionId } })).state).toBe("open");
    expect(await stateOf(a!)).toBe("in_council_vote");

    const confirmed = await confirmPaperCounts(chairman, sessionId);
    expect(confirmed.ok).toBe(true);
    expect(await stateOf(a!)).toBe("council_passed");
    expect(await stateOf(b!)).toBe("council_failed");
    const session = await prisma.votingSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session.state).toBe("closed");
    expect(session.minutesNumber).toMatch(/^\d{2}\/BB-HĐTĐKT$/);
    // Confirmed once: a second confirmation and a late correction are refused.
    expect((await confirmPaperCounts(chairman, sessionId)).ok).toBe(false);
    expect(await recordPaperCounts(secretary, { sessionId, counts })).toMatchObject({ ok: false, status: 409 });

    const actions = await prisma.auditEvent.findMany({ where: { entityId: sessionId }, orderBy: { seq: "asc" }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual([
      "session.OPEN",
      "session.ATTENDANCE",
      "session.COUNT",
      "session.NUMBER_MINUTES",
      "session.CLOSE",
    ]);
    expect((await verifyAuditTrail(prisma)).firstBreak).toBeNull();

    // The minutes say the ballot was on paper, with the counted figures and their number.
    const minutes = (await loadMinutes(sessionId, [staff.commune.id]))!;
    const text = pdfText(await councilMinutesPdf(minutes));
    expect(text).toContain(`Số: ${session.minutesNumber}`);
    expect(text).toContain("Hình thức biểu quyết: bỏ phiếu kín bằng phiếu giấy tại cuộc họp");
    expect(text).toContain("Địa điểm: Hội trường Ủy ban nhân dân xã.");
    expect(text).toMatch(/Xác nhận 1 .* 6 6 6 6 0 85,7% Đạt/);
    expect(text).toMatch(/Xác nhận 2 .* 6 6 6 3 3 42,9% Không đạt/);
    expect(text).toMatch(/Trương Thị Ánh Ủy viên Vắng mặt Không bỏ phiếu/);
    expect(text).toContain("kết quả kiểm phiếu bầu giấy đã được Chủ tịch Hội đồng xác nhận");
  });

  test("the count form refuses impossible figures in Vietnamese and writes nothing; works as a plain form post", async () => {
    const [a] = await screened(1, "Nhập liệu");
    const sessionId = await open([a!], "paper");
    const post = async (userId: string, fields: Record<string, string> | URLSearchParams) =>
      (await countAction({
        request: await requestAs(userId, `/bo-phieu/${sessionId}/kiem-phieu`, { method: "POST", body: new URLSearchParams(fields) }),
        params: { sessionId },
        context: { clientIp: "test" },
      })) as unknown as Response | { data: { reply?: { error?: Record<string, string[]> }; message?: string }; init: ResponseInit };
    const attendance = new URLSearchParams({ intent: "attendance" });
    for (const id of council.memberIds) attendance.append("presentIds", id);
    expect(await post(staff.secretary.id, attendance)).toBeInstanceOf(Response);
    expect((await prisma.sessionMember.findMany({ where: { sessionId } })).every((m) => m.present === true)).toBe(true);

    const row = (values: Partial<Record<"issued" | "returned" | "valid" | "agree" | "disagree", string>>) => ({
      intent: "count",
      "counts[0].dossierId": a!,
      "counts[0].issued": "7",
      "counts[0].returned": "7",
      "counts[0].valid": "7",
      "counts[0].agree": "5",
      "counts[0].disagree": "2",
      ...Object.fromEntries(Object.entries(values).map(([k, v]) => [`counts[0].${k}`, v])),
    });
    const refusals: Array<[Partial<Record<string, string>>, string, string]> = [
      [{ agree: "6", disagree: "2" }, "counts[0].agree", "Tổng số phiếu đồng ý và không đồng ý (8) nhiều hơn số phiếu hợp lệ (7)."],
      [{ returned: "8" }, "counts[0].returned", "Số phiếu thu về (8) nhiều hơn số phiếu phát ra (7)."],
      [
        { valid: "6", agree: "5", disagree: "2" },
        "counts[0].agree",
        "Tổng số phiếu đồng ý và không đồng ý (7) nhiều hơn số phiếu hợp lệ (6).",
      ],
      [{ issued: "bảy" }, "counts[0].issued", "Số phiếu phát ra phải là số nguyên không âm (ví dụ: 7)."],
      [{ disagree: "" }, "counts[0].disagree", "Vui lòng nhập số phiếu không đồng ý."],
    ];
    for (const [values, field, message] of refusals) {
      const answer = await post(staff.secretary.id, row(values) as Record<string, string>);
      expect(answer).not.toBeInstanceOf(Response);
      const refused = answer as { data: { reply: { error: Record<string, string[]> } }; init: ResponseInit };
      expect(refused.init.status).toBe(400);
      expect(refused.data.reply.error[field]).toEqual([message]);
    }
    // 8 sheets for 7 members present passes the form but not the model: the message names the dossier.
    const tooMany = (await post(staff.secretary.id, row({ issued: "8", returned: "7" }))) as {
      data: { reply: { error: Record<string, string[]> } };
      init: ResponseInit;
    };
    expect(tooMany.init.status).toBe(422);
    expect(tooMany.data.reply.error[""]).toEqual([
      "Hồ sơ của Nhập liệu 1: Số phiếu phát ra (8) nhiều hơn số thành viên có mặt được biểu quyết hồ sơ này (7).",
    ]);
    expect((await prisma.votingSession.findUniqueOrThrow({ where: { id: sessionId } })).countedAt).toBeNull();

    // A council member who is neither secretary nor chair is told nothing about the session.
    await expect(post(council.others[3]!.id, row({}))).rejects.toMatchObject({ status: 404 });
    expect(await post(staff.secretary.id, row({}))).toBeInstanceOf(Response);
    const saved = await prisma.sessionDossier.findFirstOrThrow({ where: { sessionId } });
    expect([saved.issued, saved.voted, saved.valid, saved.agree, saved.disagree]).toEqual([7, 7, 7, 5, 2]);
  });
});

describe("the chairman is told that a count awaits confirmation", () => {
  test("entering the count writes the chairman's email in the same transaction; a refused count writes none; a correction says so", async () => {
    const smtp = await startSmtpServer();
    const mailDir = mkdtempSync(path.join(tmpdir(), "tdkt-paper-count-"));
    const mail = { smtpUrl: smtp.url, from: "Thi đua – Khen thưởng <no-reply@tamphuoc.example.vn>", mailDir, production: false };
    try {
      const [a, b] = await screened(2, "Thư báo");
      const sessionId = await open([a!, b!], "paper");
      const secretary = await currentUser(staff.secretary.id);
      expect(await recordAttendance(secretary, { sessionId, presentIds: council.memberIds.slice(0, 6) })).toEqual({ ok: true });
      const waiting = () =>
        prisma.notification.findMany({
          where: { kind: "paper_count_entered", payload: { path: ["sessionId"], equals: sessionId } },
          orderBy: { createdAt: "asc" },
        });
      const counts = [
        { dossierId: a!, issued: 6, returned: 6, valid: 6, agree: 5, disagree: 1 },
        { dossierId: b!, issued: 6, returned: 5, valid: 5, agree: 2, disagree: 3 },
      ];
      // Refused (more sheets than members present): the transaction writes nothing, so nobody is told.
      expect((await recordPaperCounts(secretary, { sessionId, counts: [{ ...counts[0]!, issued: 7 }, counts[1]!] })).ok).toBe(false);
      expect(await waiting()).toEqual([]);

      // Entered through the page's plain form post.
      const fields = new URLSearchParams({ intent: "count" });
      counts.forEach((count, i) => {
        for (const [key, value] of Object.entries(count)) fields.append(`counts[${i}].${key}`, String(value));
      });
      const response = await countAction({
        request: await requestAs(staff.secretary.id, `/bo-phieu/${sessionId}/kiem-phieu`, { method: "POST", body: fields }),
        params: { sessionId },
        context: { clientIp: "test" },
      });
      expect(response).toBeInstanceOf(Response);
      const [row] = await waiting();
      expect(await waiting()).toHaveLength(1);
      expect(row).toMatchObject({ recipientId: staff.chairman.id, status: "pending" });
      // Same transaction as the entry: the row and the count were written at the same instant.
      const session = await prisma.votingSession.findUniqueOrThrow({ where: { id: sessionId } });
      expect((row!.payload as { countedAt: string }).countedAt).toBe(session.countedAt!.toISOString());

      await deliverOutbox({ appUrl: env().APP_URL, mail });
      // Earlier tests of this file left counts of their own sessions in the outbox: only this session's count matters here.
      const aboutThisSession = (m: ReceivedMail) =>
        m.subject.includes("chờ xác nhận") && m.text.includes(`/bo-phieu/${sessionId}/kiem-phieu`);
      const chairman = await prisma.user.findUniqueOrThrow({ where: { id: staff.chairman.id }, select: { email: true } });
      const first = smtp.to(chairman.email!).filter(aboutThisSession);
      expect(first).toHaveLength(1);
      expect(first[0]!.subject).toBe(`Kết quả kiểm phiếu chờ xác nhận: phong trào «${await movementTitle()}»`);
      expect(first[0]!.text).toContain(`${staff.secretary.fullName} đã nhập kết quả kiểm phiếu bầu giấy`);
      expect(first[0]!.text).toContain("- Thư báo 1; Phiếu phát ra: 6; Phiếu thu vào: 6; Phiếu hợp lệ: 6; Đồng ý: 5; Không đồng ý: 1");
      expect(first[0]!.text).toContain("- Thư báo 2; Phiếu phát ra: 6; Phiếu thu vào: 5; Phiếu hợp lệ: 5; Đồng ý: 2; Không đồng ý: 3");
      expect(first[0]!.text).toContain(`${env().APP_URL}/bo-phieu/${sessionId}/kiem-phieu`);
      // Only the chairman: the secretary who counted is not asked to confirm.
      expect(smtp.to((await prisma.user.findUniqueOrThrow({ where: { id: staff.secretary.id } })).email!).filter(aboutThisSession)).toEqual(
        [],
      );

      // A correction before confirmation tells the chairman again, saying it is one.
      expect(await recordPaperCounts(secretary, { sessionId, counts: [counts[0]!, { ...counts[1]!, agree: 3, disagree: 2 }] })).toEqual({
        ok: true,
      });
      await deliverOutbox({ appUrl: env().APP_URL, mail });
      const corrected = smtp
        .to(chairman.email!)
        .filter((m) => aboutThisSession(m) && m.subject.startsWith("Kết quả kiểm phiếu được nhập lại chờ xác nhận"));
      expect(corrected).toHaveLength(1);
      expect(corrected[0]!.text).toContain("Đồng ý: 3; Không đồng ý: 2");

      // Confirmed: the session closes and nothing more awaits the chairman.
      expect((await confirmPaperCounts(await currentUser(staff.chairman.id), sessionId)).ok).toBe(true);
      expect(await waiting()).toHaveLength(2);
    } finally {
      await smtp.stop();
      rmSync(mailDir, { recursive: true, force: true });
    }
  });
});

describe("the ballot sheets", () => {
  test("one identical sheet per member present who may vote; a recused member gets no sheet with that dossier; no names", async () => {
    const nomineeMember = council.others[2]!;
    const own = await screenedDossierOfPerson(staff, movementId, nomineeMember.personId);
    const [x, y] = await screened(2, "Phiếu in");
    const sessionId = await open([x!, own, y!], "paper");
    const secretary = await currentUser(staff.secretary.id);
    expect(await ballotSheets(secretary, sessionId)).toEqual({
      ok: false,
      status: 409,
      message: "Vui lòng điểm danh thành viên có mặt trước khi in phiếu bầu.",
    });
    const absent = council.others[4]!.id;
    expect(await recordAttendance(secretary, { sessionId, presentIds: council.memberIds.filter((id) => id !== absent) })).toEqual({
      ok: true,
    });
    const result = await ballotSheets(secretary, sessionId);
    if (!result.ok) throw new Error(result.message);
    const pages = pdfPageTexts(await ballotSheetsPdf(result.sheets));
    const cover = pages[0]!;
    const sheets = pages.slice(1);
    const nomineeName = (await prisma.dossier.findUniqueOrThrow({ where: { id: own }, include: { nominee: true } })).nominee.name;
    // 6 present: 6 sheets with the two other dossiers; 5 (all but the nominee) with his own dossier.
    expect(sheets).toHaveLength(11);
    expect(cover).toContain("HƯỚNG DẪN PHÁT PHIẾU BẦU");
    expect(cover.replace(/\s+/g, " ")).toContain("Mẫu A (06 tờ, 02 hồ sơ)");
    expect(cover.replace(/\s+/g, " ")).toContain("Mẫu B (05 tờ, 01 hồ sơ)");
    for (const sheet of sheets) {
      expect(sheet).toContain("PHIẾU BẦU");
      expect(sheet).toContain("Đồng ý");
      expect(sheet).toContain("Không đồng ý");
      expect(sheet).toContain("Không ghi tên người bỏ phiếu.");
      for (const id of council.memberIds) {
        const name = (await prisma.user.findUniqueOrThrow({ where: { id } })).fullName;
        if (name !== nomineeName) expect(sheet).not.toContain(name);
      }
    }
    const withOwn = sheets.filter((s) => s.includes(nomineeName));
    const withOthers = sheets.filter((s) => s.includes("Phiếu in 1"));
    expect(withOwn).toHaveLength(5);
    expect(withOthers).toHaveLength(6);
    expect(withOthers.every((s) => s.includes("Phiếu in 2") && !s.includes(nomineeName))).toBe(true);
    expect(new Set(withOthers).size).toBe(1); // identical sheets: none tells who filled it in
    expect(new Set(withOwn).size).toBe(1);
  });
});
