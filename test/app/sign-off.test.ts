// The chairman's sign-off: the queue (scoped in the query), approve / reject through the workflow
// with the page's version, and delegation — a vice-chairman signs "KT. CHỦ TỊCH" only with one.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { awardDecisionPdf } from "~/documents/decision.server.ts";
import { decisionDocument, loadDecision, signAwardDecision } from "~/models/award-decision.server.ts";
import { createDelegation, revokeDelegation } from "~/models/delegation.server.ts";
import { CONFLICT_MESSAGE, actorFor, sendDossierEvent } from "~/models/dossier.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import {
  approvedDossiers,
  createCommuneWithStaff,
  createCouncil,
  createDossierAt,
  createMovement,
  createViceChairman,
  currentUser,
  isoDay,
  requestAs,
  type Staff,
} from "../support/factories.ts";
import { pdfInk, pdfText } from "../support/pdf.ts";

let db: TestDatabase;
let staff: Staff;
let vice: Awaited<ReturnType<typeof createViceChairman>>;

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createCommuneWithStaff("UBND xã Tam Phước");
  vice = await createViceChairman(staff);
});
afterAll(() => db.destroy());

const context = { clientIp: "test" };
const DAY = 24 * 3600_000;

async function loadQueue(userId: string) {
  const { loader } = await import("~/routes/phe-duyet._index.tsx");
  return loader({ request: await requestAs(userId, "/phe-duyet"), params: {}, context });
}

type ActionData = { init: { status: number }; data: { ok: false; target: string; message: string } };
async function post(userId: string, fields: Record<string, string>) {
  const { action } = await import("~/routes/phe-duyet._index.tsx");
  const request = await requestAs(userId, "/phe-duyet", { method: "POST", body: new URLSearchParams(fields) });
  return (await action({ request, params: {}, context }).catch((thrown: unknown) => thrown)) as Response | ActionData;
}

describe("the queue", () => {
  test("shows the commune's council-passed dossiers with the remaining quota and the figures against the targets; nobody else's", async () => {
    const movement = await createMovement(staff.commune.id, { quota: 5 });
    await approvedDossiers(staff, movement.id, 2);
    const waiting = await createDossierAt(staff, movement.id, "council_passed", { name: "Chờ phê duyệt" });
    const other = await createCommuneWithStaff("UBND xã Khác");
    const otherMovement = await createMovement(other.commune.id);
    const otherDossier = await createDossierAt(other, otherMovement.id, "council_passed", { name: "Xã khác" });

    const queue = await loadQueue(staff.chairman.id);
    const group = queue.movements.find((m) => m.id === movement.id)!;
    expect(group.quotas).toEqual([{ kind: "individual", label: "cá nhân", max: 5, used: 2, left: 3 }]);
    expect(group.undecidedApproved).toBe(2);
    const row = group.dossiers.find((d) => d.id === waiting)!;
    expect(row.nominee.name).toBe("Chờ phê duyệt");
    expect(row.targets.map((t) => [t.label, t.result, t.statusLabel])).toEqual([
      ["Hồ sơ TTHC giải quyết đúng hạn", "99,6%", "Đạt"],
      ["Hồ sơ dịch vụ công trực tuyến được giải quyết", "99,6%", "Đạt"],
    ]);
    expect(JSON.stringify(queue)).not.toContain(otherDossier);

    // A secretary or an official is not let in; a vice-chairman without delegation sees nothing.
    await expect(loadQueue(staff.secretary.id)).rejects.toMatchObject({ status: 403 });
    expect((await loadQueue(vice.id)).movements.some((m) => m.id === movement.id)).toBe(false);
  });

  test("the council's tallies and the minutes link come from the closed session", async () => {
    const { castBallot, closeVotingSession, openVotingSession, secretaryCloser } = await import("~/models/voting.server.ts");
    const council = await createCouncil(staff, 5);
    const movement = await createMovement(staff.commune.id);
    const dossierId = await createDossierAt(staff, movement.id, "screened", { name: "Có biên bản" });
    const opened = await openVotingSession(await currentUser(staff.secretary.id), {
      movementId: movement.id,
      dossierIds: [dossierId],
      closesAt: new Date(Date.now() + DAY),
    });
    if (!opened.ok) throw new Error(opened.message);
    for (const userId of council.memberIds)
      await castBallot(
        { id: userId },
        { sessionId: opened.sessionId, dossierId, choice: userId === staff.secretary.id ? "disagree" : "agree" },
      );
    const closed = await closeVotingSession(await secretaryCloser(await currentUser(staff.secretary.id)), opened.sessionId);
    if (!closed.ok) throw new Error(closed.message);

    const row = (await loadQueue(staff.chairman.id)).movements.find((m) => m.id === movement.id)!.dossiers[0]!;
    expect(row.council).toMatchObject({
      sessionId: opened.sessionId,
      entitled: 5,
      voted: 5,
      agree: 4,
      disagree: 1,
      passed: true,
      share: "80%",
    });
  });
});

describe("approve and reject", () => {
  test("approve with the page's version; a stale page gets the conflict message; reject needs a reason", async () => {
    const movement = await createMovement(staff.commune.id);
    const [a, b] = [
      await createDossierAt(staff, movement.id, "council_passed", { name: "A" }),
      await createDossierAt(staff, movement.id, "council_passed", { name: "B" }),
    ];
    const version = (await prisma.dossier.findUniqueOrThrow({ where: { id: a } })).version;

    const approved = await post(staff.chairman.id, { intent: "approve", dossierId: a, version: String(version) });
    expect(approved).toBeInstanceOf(Response);
    expect((approved as Response).headers.get("Location")).toBe("/phe-duyet?xong=phe-duyet");
    expect((await prisma.dossier.findUniqueOrThrow({ where: { id: a } })).state).toBe("approved");

    const stale = (await post(staff.chairman.id, { intent: "approve", dossierId: a, version: String(version) })) as ActionData;
    expect(stale.init.status).toBe(409);
    expect(stale.data).toEqual({ ok: false, target: a, message: CONFLICT_MESSAGE });

    const bVersion = String((await prisma.dossier.findUniqueOrThrow({ where: { id: b } })).version);
    const noReason = (await post(staff.chairman.id, { intent: "reject", dossierId: b, version: bVersion, reason: "  " })) as ActionData;
    expect(noReason.init.status).toBe(400);
    expect(noReason.data.message).toBe("Vui lòng ghi rõ lý do không phê duyệt.");
    const rejected = await post(staff.chairman.id, {
      intent: "reject",
      dossierId: b,
      version: bVersion,
      reason: "Chỉ tiêu chưa thuyết phục",
    });
    expect((rejected as Response).headers.get("Location")).toBe("/phe-duyet?xong=khong-phe-duyet");
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: b, action: "dossier.REJECT" } });
    expect(audit).toMatchObject({ reason: "Chỉ tiêu chưa thuyết phục", fromState: "council_passed", toState: "rejected" });
  });

  test("the sixth approval under a quota of 5 shows the guard's message as is", async () => {
    const movement = await createMovement(staff.commune.id, { quota: 5 });
    await approvedDossiers(staff, movement.id, 5);
    const sixth = await createDossierAt(staff, movement.id, "council_passed", { name: "Thứ sáu" });
    const version = String((await prisma.dossier.findUniqueOrThrow({ where: { id: sixth } })).version);
    const refused = (await post(staff.chairman.id, { intent: "approve", dossierId: sixth, version })) as ActionData;
    expect(refused.init.status).toBe(422);
    expect(refused.data.message).toBe("Đã đủ số lượng khen thưởng của phong trào (không quá 05 cá nhân); không thể phê duyệt thêm.");
    const group = (await loadQueue(staff.chairman.id)).movements.find((m) => m.id === movement.id)!;
    expect(group.quotas[0]).toMatchObject({ left: 0, max: 5 });
  });

  test("a dossier of another commune is forbidden, checked before the workflow", async () => {
    const other = await createCommuneWithStaff("UBND xã Láng Giềng");
    const dossierId = await createDossierAt(other, (await createMovement(other.commune.id)).id, "council_passed");
    const result = await post(staff.chairman.id, { intent: "approve", dossierId, version: "4" });
    expect((result as Response).status).toBe(403);
    expect((await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } })).state).toBe("council_passed");
  });
});

describe("delegation (KT. CHỦ TỊCH)", () => {
  test("a vice-chairman is refused without a delegation, allowed with one, and the decision reads KT. CHỦ TỊCH / PHÓ CHỦ TỊCH and their name", async () => {
    const movement = await createMovement(staff.commune.id);
    const dossierId = await createDossierAt(staff, movement.id, "council_passed", { name: "Ủy quyền ký" });
    const viceUser = await currentUser(vice.id);

    const refused = await sendDossierEvent({ dossierId, actor: await actorFor(viceUser), command: { type: "APPROVE" } });
    expect(refused).toEqual({
      ok: false,
      status: 422,
      message:
        "Bạn không có quyền «Phê duyệt». Chỉ Chủ tịch UBND xã hoặc Phó Chủ tịch UBND xã được ủy quyền của đơn vị tổ chức phong trào mới được thực hiện.",
    });

    // Only the chairman delegates, only to a vice-chairman of the commune, and it is audited.
    expect(
      await createDelegation(viceUser, {
        delegateId: vice.id,
        movementId: movement.id,
        validFrom: isoDay(new Date()),
        validTo: isoDay(new Date()),
      }),
    ).toMatchObject({ ok: false, status: 403 });
    const chairman = await currentUser(staff.chairman.id);
    expect(
      await createDelegation(chairman, {
        delegateId: staff.secretary.id,
        movementId: movement.id,
        validFrom: isoDay(new Date()),
        validTo: isoDay(new Date(Date.now() + 7 * DAY)),
      }),
    ).toMatchObject({
      ok: false,
      message: "Người được ủy quyền phải là Phó Chủ tịch UBND của xã.",
    });
    // A delegation for another movement, or one that starts tomorrow, does not count today.
    const elsewhere = await createMovement(staff.commune.id);
    expect(
      (
        await createDelegation(chairman, {
          delegateId: vice.id,
          movementId: elsewhere.id,
          validFrom: isoDay(new Date()),
          validTo: isoDay(new Date(Date.now() + 7 * DAY)),
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await createDelegation(chairman, {
          delegateId: vice.id,
          movementId: movement.id,
          validFrom: isoDay(new Date(Date.now() + DAY)),
          validTo: isoDay(new Date(Date.now() + 7 * DAY)),
        })
      ).ok,
    ).toBe(true);
    expect((await actorFor(viceUser)).delegatedMovementIds).toEqual([elsewhere.id]);
    expect((await sendDossierEvent({ dossierId, actor: await actorFor(viceUser), command: { type: "APPROVE" } })).ok).toBe(false);

    const created = await createDelegation(chairman, {
      delegateId: vice.id,
      movementId: movement.id,
      validFrom: isoDay(new Date()),
      validTo: isoDay(new Date(Date.now() + 7 * DAY)),
      note: "Chủ tịch đi công tác",
    });
    if (!created.ok) throw new Error(created.message);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "Delegation", entityId: created.delegationId } });
    expect(audit).toMatchObject({ action: "delegation.CREATE", actorName: "Nguyễn Văn Hùng" });
    expect((await actorFor(viceUser)).delegatedMovementIds!.sort()).toEqual([elsewhere.id, movement.id].sort());

    // Now the vice-chairman's queue has the dossier, approving works, and so does signing.
    expect((await loadQueue(vice.id)).movements.some((m) => m.id === movement.id)).toBe(true);
    const version = String((await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } })).version);
    expect(await post(vice.id, { intent: "approve", dossierId, version })).toBeInstanceOf(Response);
    const signed = await signAwardDecision(viceUser, movement.id, new Date());
    if (!signed.ok) throw new Error(signed.message);
    const decision = await prisma.awardDecision.findUniqueOrThrow({ where: { id: signed.decisionId } });
    expect(decision).toMatchObject({
      signerName: "Bùi Ngọc Nhân",
      signerTitle: "PHÓ CHỦ TỊCH",
      onBehalf: true,
      delegationId: created.delegationId,
    });

    const pdf = await awardDecisionPdf(decisionDocument((await loadDecision(viceUser, signed.decisionId))!));
    const text = pdfText(pdf);
    expect(text).toContain("KT. CHỦ TỊCH PHÓ CHỦ TỊCH Bùi Ngọc Nhân");
    expect(text).toContain("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TAM PHƯỚC");
    expect(pdfInk(pdf)).toBeGreaterThan(0.01);
  });

  test("a revoked or expired delegation no longer lets the vice-chairman sign", async () => {
    const movement = await createMovement(staff.commune.id);
    await approvedDossiers(staff, movement.id, 1);
    const chairman = await currentUser(staff.chairman.id);
    const viceUser = await currentUser(vice.id);
    const created = await createDelegation(chairman, {
      delegateId: vice.id,
      movementId: movement.id,
      validFrom: isoDay(new Date()),
      validTo: isoDay(new Date(Date.now() + DAY)),
    });
    if (!created.ok) throw new Error(created.message);
    expect(await revokeDelegation(chairman, created.delegationId)).toEqual({ ok: true });
    expect(await prisma.auditEvent.count({ where: { entityId: created.delegationId, action: "delegation.REVOKE" } })).toBe(1);
    expect(await signAwardDecision(viceUser, movement.id)).toMatchObject({
      ok: false,
      status: 403,
      message: expect.stringMatching(/^Bạn không có quyền ký quyết định khen thưởng/),
    });

    // Expired: a delegation of last week is past its last day.
    await prisma.delegation.create({
      data: {
        unitId: staff.commune.id,
        delegatorId: staff.chairman.id,
        delegateId: vice.id,
        movementId: movement.id,
        validFrom: new Date(Date.now() - 9 * DAY),
        validTo: new Date(Date.now() - 2 * DAY),
      },
    });
    expect((await signAwardDecision(viceUser, movement.id)).ok).toBe(false);
    expect(
      await createDelegation(chairman, {
        delegateId: vice.id,
        movementId: movement.id,
        validFrom: isoDay(new Date(Date.now() - 9 * DAY)),
        validTo: isoDay(new Date(Date.now() - 2 * DAY)),
      }),
    ).toMatchObject({
      ok: false,
      message: "Thời hạn ủy quyền đã qua; vui lòng chọn ngày kết thúc từ hôm nay trở đi.",
    });
  });

  test("the delegation page: the chairman records one through the form, field errors in Vietnamese", async () => {
    const { action, loader } = await import("~/routes/uy-quyen.tsx");
    const movement = await createMovement(staff.commune.id);
    const send = async (fields: Record<string, string>) =>
      action({
        request: await requestAs(staff.chairman.id, "/uy-quyen", { method: "POST", body: new URLSearchParams(fields) }),
        params: {},
        context,
      }).catch((thrown: unknown) => thrown);
    const bad = (await send({ delegateId: vice.id, movementId: movement.id, validFrom: "31/02/2026", validTo: "" })) as {
      init: { status: number };
      data: { error: Record<string, string[]> };
    };
    expect(bad.init.status).toBe(400);
    expect(bad.data.error.validFrom).toEqual(["Ngày bắt đầu phải có dạng ngày/tháng/năm, ví dụ 03/04/2023."]);
    expect(bad.data.error.validTo).toEqual(["Vui lòng nhập ngày kết thúc."]);
    const today = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Asia/Ho_Chi_Minh",
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
    }).format(new Date());
    const ok = await send({ delegateId: vice.id, movementId: movement.id, validFrom: today, validTo: today });
    expect((ok as Response).headers.get("Location")).toBe("/uy-quyen?xong=uy-quyen");
    const page = await loader({ request: await requestAs(vice.id, "/uy-quyen"), params: {}, context });
    expect(page.isChairman).toBe(false);
    expect(page.delegations.find((d) => d.movementId === movement.id)).toMatchObject({
      delegate: "Bùi Ngọc Nhân",
      status: "Đang hiệu lực",
    });
  });
});
