// The dossier forms on the database: drafts, completion, the submit guard, unit scoping,
// the values kept across an expired session, and the dossier page's buttons and timeline.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CONFLICT_MESSAGE } from "~/models/dossier.server.ts";
import { action as reportAction, loader as reportLoader } from "~/routes/ho-so.$dossierId.bao-cao.tsx";
import { action as minutesAction } from "~/routes/ho-so.$dossierId.bien-ban.tsx";
import { action as proposalAction, loader as proposalLoader } from "~/routes/ho-so.$dossierId.to-trinh.tsx";
import { action as dossierAction, loader as dossierLoader } from "~/routes/ho-so.$dossierId.tsx";
import { loader as listLoader } from "~/routes/ho-so._index.tsx";
import { action as newDossierAction } from "~/routes/ho-so.moi.tsx";
import { readSessionId } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import {
  createCommune,
  createDraftDossier,
  createMovement,
  createUser,
  REPORT_FORM_TARGETS,
  requestAs,
  SAMPLE_FILES,
} from "../support/factories.ts";

let db: TestDatabase;
let units: Awaited<ReturnType<typeof createCommune>>;
let movement: Awaited<ReturnType<typeof createMovement>>;
let official: { id: string };
let otherOfficial: { id: string };
let secretary: { id: string };

const context = { clientIp: "203.0.113.9" };

beforeAll(async () => {
  db = await createTestDatabase();
  units = await createCommune();
  movement = await createMovement(units.commune.id, { targets: REPORT_FORM_TARGETS });
  official = await createUser({ unitId: units.justice.id, roles: [{ role: "official" }], fullName: "Đặng Thị Mai" });
  otherOfficial = await createUser({ unitId: units.land.id, roles: [{ role: "official" }], fullName: "Ngô Quốc Bảo" });
  secretary = await createUser({ unitId: units.commune.id, roles: [{ role: "secretary" }], fullName: "Trần Thị Thu Hà" });
});
afterAll(() => db.destroy());

/** What a form action sends back with data(…, { status }): Conform's reply, or a refusal's message. */
type DataResult = {
  type: "DataWithResponseInit";
  data: { message?: string; error: Record<string, string[]>; initialValue: Record<string, unknown> };
  init: ResponseInit | null;
};

/** Runs a loader or action; a thrown Response (redirect, 403, 404) is returned like a returned one. */
async function run(promise: Promise<unknown>): Promise<Response | DataResult> {
  try {
    return (await promise) as Response | DataResult;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

async function post(userId: string | null, path: string, fields: Record<string, string> | FormData, cookie?: string) {
  const body = fields instanceof FormData ? fields : new URLSearchParams(fields);
  const headers: Record<string, string> = fields instanceof FormData ? {} : { "Content-Type": "application/x-www-form-urlencoded" };
  const request = await requestAs(userId, path, { method: "POST", body, headers });
  if (cookie) request.headers.set("Cookie", [request.headers.get("Cookie"), cookie].filter(Boolean).join("; "));
  return request;
}

const statusOf = (result: Response | DataResult) => (result instanceof Response ? result.status : (result.init?.status ?? 200));

const PROPOSAL = {
  number: "12/TTr-TP",
  date: "20/11/2023",
  submittingUnit: "Bộ phận Tư pháp - Hộ tịch",
  addressee: "Chủ tịch UBND xã Thử Nghiệm",
  reasons: "Có thành tích xuất sắc trong cải cách hành chính.",
  "nominees[0].name": "Trần Văn Thành",
  "nominees[0].awardForm": "commune_chairman_certificate",
};

const MINUTES = {
  date: "18/11/2023",
  place: "Hội trường",
  chair: "Nguyễn Văn Chủ",
  secretary: "Lê Thị Ký",
  present: "5",
  total: "5",
  "votes[0].nominee": "Trần Văn Thành",
  "votes[0].agree": "5",
  "votes[0].total": "5",
  conclusion: "Thống nhất đề nghị.",
};

function reportFields(targets: Array<{ id: string; metric: string }>, figures: Record<string, string>) {
  const fields: Record<string, string> = {
    fullName: "Trần Văn Thành",
    birthDate: "01/05/1985",
    sex: "male",
    position: "Công chức Tư pháp - Hộ tịch",
    unitName: "Bộ phận Tư pháp - Hộ tịch",
    duties: "Tham mưu công tác tư pháp, hộ tịch.",
    solutions: "Số hóa hồ sơ hộ tịch.",
    headName: "Nguyễn Văn Trưởng",
    headTitle: "Trưởng bộ phận",
    confirmedOn: "20/11/2023",
  };
  for (const target of targets) {
    if (figures[target.metric] === "không phát sinh") fields[`figures.${target.id}.notApplicable`] = "on";
    else if (figures[target.metric] !== undefined) fields[`figures.${target.id}.value`] = figures[target.metric]!;
  }
  return fields;
}

const targetByMetric = (metric: string) => movement.targets.find((target) => target.metric === metric)!;

describe("creating a dossier", () => {
  test("an official creates one for their unit; not for another unit", async () => {
    const fields = {
      movementId: movement.id,
      unitId: units.justice.id,
      kind: "individual",
      subjectKind: "civil_servant",
      name: "Lê Văn Mới",
      position: "Công chức",
      awardForm: "commune_chairman_certificate",
    };
    const created = (await run(
      newDossierAction({ request: await post(official.id, "/ho-so/moi", fields), params: {}, context }),
    )) as Response;
    expect(created.status).toBe(302);
    const dossierId = created.headers.get("Location")!.replace("/ho-so/", "");
    expect(await prisma.dossier.findUnique({ where: { id: dossierId }, select: { state: true, unitId: true } })).toEqual({
      state: "draft",
      unitId: units.justice.id,
    });

    const refused = (await run(
      newDossierAction({ request: await post(official.id, "/ho-so/moi", { ...fields, unitId: units.land.id }), params: {}, context }),
    )) as DataResult;
    expect(statusOf(refused)).toBe(403);
    expect(refused.data.error[""]).toEqual(["Bạn chỉ được lập hồ sơ cho cá nhân, tập thể thuộc đơn vị của mình."]);

    const mismatched = (await run(
      newDossierAction({ request: await post(official.id, "/ho-so/moi", { ...fields, subjectKind: "hamlet" }), params: {}, context }),
    )) as DataResult;
    expect(statusOf(mismatched)).toBe(400);
    expect(mismatched.data.error.subjectKind).toHaveLength(1);
  });
});

describe("saving the documents", () => {
  let dossierId: string;
  beforeAll(async () => {
    dossierId = await createDraftDossier({ officialId: official.id, movementId: movement.id, unitId: units.justice.id });
  });

  test("«Lưu nháp» saves a half-filled proposal, not completed, with its audit row", async () => {
    const path = `/ho-so/${dossierId}/to-trinh`;
    const result = (await run(
      proposalAction({ request: await post(official.id, path, { intent: "draft", number: "12/TTr-TP" }), params: { dossierId }, context }),
    )) as Response;
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`${path}?da-luu=draft`);
    const document = await prisma.dossierDocument.findUniqueOrThrow({ where: { dossierId_kind: { dossierId, kind: "proposal" } } });
    expect(document.completedAt).toBeNull();
    expect(document.data).toEqual({ number: "12/TTr-TP" });
    const audit = await prisma.auditEvent.findFirst({ where: { entityId: dossierId, action: "dossier.document.SAVE" } });
    expect(audit).toMatchObject({ actorName: "Đặng Thị Mai", data: { document: "proposal", completed: false } });

    const page = await proposalLoader({ request: await requestAs(official.id, `${path}?da-luu=draft`), params: { dossierId }, context });
    expect(page.defaultValue).toMatchObject({ number: "12/TTr-TP" });
    expect(page.saved).toBe("draft");
  });

  test("«Hoàn thành» with errors returns them (400) and changes nothing", async () => {
    const path = `/ho-so/${dossierId}/to-trinh`;
    const before = await prisma.dossierDocument.findUniqueOrThrow({ where: { dossierId_kind: { dossierId, kind: "proposal" } } });
    const result = (await run(
      proposalAction({
        request: await post(official.id, path, { ...PROPOSAL, intent: "complete", date: "32/11/2023" }),
        params: { dossierId },
        context,
      }),
    )) as DataResult;
    expect(result.type).toBe("DataWithResponseInit");
    expect(statusOf(result)).toBe(400);
    expect(result.data.error.date).toEqual(["Ngày tờ trình phải có dạng ngày/tháng/năm, ví dụ 03/04/2023."]);
    // The values come back to the form.
    expect(result.data.initialValue).toMatchObject({ number: "12/TTr-TP", date: "32/11/2023" });
    const after = await prisma.dossierDocument.findUniqueOrThrow({ where: { dossierId_kind: { dossierId, kind: "proposal" } } });
    expect(after.updatedAt).toEqual(before.updatedAt);
  });

  test("a list row is added without JavaScript (Conform's intent button), nothing is saved", async () => {
    const path = `/ho-so/${dossierId}/to-trinh`;
    const result = (await run(
      proposalAction({
        request: await post(official.id, path, {
          ...PROPOSAL,
          __intent__: JSON.stringify({ type: "insert", payload: { name: "nominees" } }),
        }),
        params: { dossierId },
        context,
      }),
    )) as DataResult;
    expect(statusOf(result)).toBe(200);
    expect(result.data.initialValue.nominees).toHaveLength(2);
  });

  test("SUBMIT is refused while documents are missing, with the guard's message", async () => {
    const page = await dossierLoader({ request: await requestAs(official.id, `/ho-so/${dossierId}`), params: { dossierId }, context });
    expect(page.events.map((event) => event.type).sort()).toEqual(["SUBMIT", "WITHDRAW"]);
    const result = (await run(
      dossierAction({
        request: await post(official.id, `/ho-so/${dossierId}`, { intent: "event", type: "SUBMIT", version: String(page.version) }),
        params: { dossierId },
        context,
      }),
    )) as DataResult;
    expect(statusOf(result)).toBe(422);
    expect(result.data.message).toMatch(
      /^Hồ sơ chưa đầy đủ\. Còn thiếu hoặc chưa hợp lệ: Tờ trình đề nghị khen thưởng; Biên bản họp Hội đồng TĐKT của đơn vị; Báo cáo thành tích/,
    );
    expect(result.data.message).toContain("Báo cáo thành tích chưa có số liệu cho chỉ tiêu: Hồ sơ TTHC giải quyết đúng hạn");
    expect((await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } })).state).toBe("draft");
  });

  test("the minutes cannot be completed without the signed scan; with it they are", async () => {
    const path = `/ho-so/${dossierId}/bien-ban`;
    const without = (await run(
      minutesAction({ request: await post(official.id, path, { ...MINUTES, intent: "complete" }), params: { dossierId }, context }),
    )) as DataResult;
    expect(statusOf(without)).toBe(422);
    expect(without.data.error.scan).toEqual([
      "Vui lòng đính kèm bản scan biên bản họp có chữ ký (PDF, JPEG hoặc PNG) trước khi hoàn thành.",
    ]);
    expect(await prisma.dossierDocument.count({ where: { dossierId, kind: "unit_minutes" } })).toBe(0);

    const form = new FormData();
    for (const [name, value] of Object.entries({ ...MINUTES, intent: "complete" })) form.append(name, value);
    form.append("scan", new File([SAMPLE_FILES.pdf()], "biên bản có chữ ký.pdf", { type: "application/pdf" }));
    const saved = (await run(minutesAction({ request: await post(official.id, path, form), params: { dossierId }, context }))) as Response;
    expect(saved.status).toBe(302);
    const document = await prisma.dossierDocument.findUniqueOrThrow({ where: { dossierId_kind: { dossierId, kind: "unit_minutes" } } });
    expect(document.completedAt).not.toBeNull();
    expect(document.data).toMatchObject({ present: 5, votes: [{ agree: 5, total: 5 }] });
    expect(
      await prisma.attachment.findFirst({ where: { dossierId, kind: "unit_minutes_scan" }, select: { fileName: true, mimeType: true } }),
    ).toEqual({
      fileName: "biên bản có chữ ký.pdf",
      mimeType: "application/pdf",
    });
  });

  test("the report needs a figure per target; «99,6» is stored as a decimal and checked against «≥ 99%»", async () => {
    const path = `/ho-so/${dossierId}/bao-cao`;
    const page = await reportLoader({ request: await requestAs(official.id, path), params: { dossierId }, context });
    // The unit_head-only target does not apply to a civil servant.
    expect(page.targets.map((target) => target.label)).toEqual(["Hồ sơ TTHC giải quyết đúng hạn", "Văn bản QPPL đúng quy định (nếu có)"]);

    const empty = (await run(
      reportAction({
        request: await post(official.id, path, { ...reportFields(movement.targets, {}), intent: "complete" }),
        params: { dossierId },
        context,
      }),
    )) as DataResult;
    expect(statusOf(empty)).toBe(400);
    expect(empty.data.error.figures?.[0]).toMatch(/^Báo cáo phải nêu kết quả cụ thể, có số liệu dẫn chứng/);

    const fields = reportFields(movement.targets, { procedures_on_time_rate: "98,5", legal_documents_rate: "không phát sinh" });
    const saved = (await run(
      reportAction({ request: await post(official.id, path, { ...fields, intent: "complete" }), params: { dossierId }, context }),
    )) as Response;
    expect(saved.status).toBe(302);
    const figures = await prisma.achievementFigure.findMany({ where: { dossierId }, orderBy: { target: { position: "asc" } } });
    expect(figures.map((figure) => [figure.value?.toString() ?? null, figure.notApplicable])).toEqual([
      ["98.5", false],
      [null, true],
    ]);

    // Unmet does not block, but the dossier page flags it.
    const overview = await dossierLoader({ request: await requestAs(official.id, `/ho-so/${dossierId}`), params: { dossierId }, context });
    expect(overview.unmet).toBe(1);
    expect(overview.targets[0]).toMatchObject({ value: "98,5%", status: "unmet", requirement: "≥ 99%" });
    expect(overview.targets[1]).toMatchObject({ status: "not_applicable" });

    const fixed = reportFields(movement.targets, { procedures_on_time_rate: "99,6", legal_documents_rate: "không phát sinh" });
    await run(reportAction({ request: await post(official.id, path, { ...fixed, intent: "complete" }), params: { dossierId }, context }));
    const after = await dossierLoader({ request: await requestAs(official.id, `/ho-so/${dossierId}`), params: { dossierId }, context });
    expect(after.targets[0]).toMatchObject({ value: "99,6%", status: "met" });
    expect(after.unmet).toBe(0);
  });

  test("complete: SUBMIT goes through; then the official may no longer edit (403)", async () => {
    await run(
      proposalAction({
        request: await post(official.id, `/ho-so/${dossierId}/to-trinh`, { ...PROPOSAL, intent: "complete" }),
        params: { dossierId },
        context,
      }),
    );
    const page = await dossierLoader({ request: await requestAs(official.id, `/ho-so/${dossierId}`), params: { dossierId }, context });
    expect(page.documents.every((document) => document.complete)).toBe(true);
    const submitted = (await run(
      dossierAction({
        request: await post(official.id, `/ho-so/${dossierId}`, { intent: "event", type: "SUBMIT", version: String(page.version) }),
        params: { dossierId },
        context,
      }),
    )) as Response;
    expect(submitted.status).toBe(302);
    expect((await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } })).state).toBe("submitted");

    const edit = (await run(
      proposalAction({
        request: await post(official.id, `/ho-so/${dossierId}/to-trinh`, { ...PROPOSAL, intent: "draft" }),
        params: { dossierId },
        context,
      }),
    )) as DataResult;
    expect(statusOf(edit)).toBe(403);
    expect(edit.data.error[""]).toEqual([
      "Hồ sơ đang ở trạng thái «Đã nộp»: chỉ sửa được khi là bản nháp hoặc khi được trả lại để bổ sung.",
    ]);
    const form = await proposalLoader({
      request: await requestAs(official.id, `/ho-so/${dossierId}/to-trinh`),
      params: { dossierId },
      context,
    });
    expect(form.editable).toBe(false);
  });

  test("the secretary sees the buttons the machine allows; a reason is required; the official sees it", async () => {
    const page = await dossierLoader({ request: await requestAs(secretary.id, `/ho-so/${dossierId}`), params: { dossierId }, context });
    expect(page.events.map((event) => event.type).sort()).toEqual(["ACCEPT_SCREENING", "RETURN_FOR_SUPPLEMENT"]);
    expect(page.events.find((event) => event.type === "RETURN_FOR_SUPPLEMENT")?.reason).toBe("required");

    const send = async (fields: Record<string, string>) =>
      (await run(
        dossierAction({
          request: await post(secretary.id, `/ho-so/${dossierId}`, { intent: "event", ...fields }),
          params: { dossierId },
          context,
        }),
      )) as DataResult | Response;
    const noReason = (await send({ type: "RETURN_FOR_SUPPLEMENT", version: String(page.version), reason: " " })) as DataResult;
    expect(statusOf(noReason)).toBe(422);
    expect(noReason.data.message).toBe("Vui lòng ghi rõ lý do (bắt buộc khi «Trả lại để bổ sung»).");

    const stale = (await send({ type: "RETURN_FOR_SUPPLEMENT", version: String(page.version - 1), reason: "Thiếu số liệu" })) as DataResult;
    expect(statusOf(stale)).toBe(409);
    expect(stale.data.message).toBe(CONFLICT_MESSAGE);

    const returned = (await send({
      type: "RETURN_FOR_SUPPLEMENT",
      version: String(page.version),
      reason: "Bổ sung số liệu dịch vụ công trực tuyến.",
    })) as Response;
    expect(returned.status).toBe(302);

    const officialPage = await dossierLoader({
      request: await requestAs(official.id, `/ho-so/${dossierId}`),
      params: { dossierId },
      context,
    });
    expect(officialPage.state).toBe("needs_supplement");
    expect(officialPage.lastReason).toBe("Bổ sung số liệu dịch vụ công trực tuyến.");
    expect(officialPage.events.map((event) => event.type).sort()).toEqual(["RESUBMIT", "WITHDRAW"]);
    expect(officialPage.editable).toBe(true);
    const last = officialPage.timeline.at(-1)!;
    expect(last).toMatchObject({
      who: "Trần Thị Thu Hà",
      action: "Trả lại để bổ sung",
      from: "Đã nộp",
      to: "Cần bổ sung",
      reason: "Bổ sung số liệu dịch vụ công trực tuyến.",
    });
    expect(last.when).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(officialPage.timeline[0]).toMatchObject({ action: "Lập hồ sơ", to: "Nháp" });
  });
});

describe("unit scoping", () => {
  let dossierId: string;
  beforeAll(async () => {
    dossierId = await createDraftDossier({
      officialId: official.id,
      movementId: movement.id,
      unitId: units.justice.id,
      nominee: { name: "Phạm Thị Riêng" },
    });
  });

  test("another unit's official cannot read the dossier or its forms (404)", async () => {
    for (const [load, path] of [
      [dossierLoader, `/ho-so/${dossierId}`],
      [proposalLoader, `/ho-so/${dossierId}/to-trinh`],
      [reportLoader, `/ho-so/${dossierId}/bao-cao`],
    ] as const) {
      const result = await run(load({ request: await requestAs(otherOfficial.id, path), params: { dossierId }, context }));
      expect(statusOf(result)).toBe(404);
    }
    // A draft stays with its unit: the commune's secretary does not see it either.
    expect(
      statusOf(await run(dossierLoader({ request: await requestAs(secretary.id, `/ho-so/${dossierId}`), params: { dossierId }, context }))),
    ).toBe(404);
  });

  test("another unit's official cannot change it (404), nothing is written", async () => {
    const saves = await prisma.auditEvent.count({ where: { entityId: dossierId } });
    const save = await run(
      proposalAction({
        request: await post(otherOfficial.id, `/ho-so/${dossierId}/to-trinh`, { ...PROPOSAL, intent: "draft" }),
        params: { dossierId },
        context,
      }),
    );
    expect(statusOf(save)).toBe(404);
    const withdraw = await run(
      dossierAction({
        request: await post(otherOfficial.id, `/ho-so/${dossierId}`, { intent: "event", type: "WITHDRAW", version: "0" }),
        params: { dossierId },
        context,
      }),
    );
    expect(statusOf(withdraw)).toBe(404);
    expect(await prisma.dossierDocument.count({ where: { dossierId } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { entityId: dossierId } })).toBe(saves);
    expect((await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } })).state).toBe("draft");
  });

  test("the list shows an official their unit's dossiers only", async () => {
    const mine = await listLoader({ request: await requestAs(official.id, "/ho-so"), params: {}, context });
    const theirs = await listLoader({ request: await requestAs(otherOfficial.id, "/ho-so"), params: {}, context });
    expect(mine.dossiers.map((d) => d.nominee)).toContain("Phạm Thị Riêng");
    expect(theirs.dossiers.map((d) => d.nominee)).not.toContain("Phạm Thị Riêng");
    expect(mine.total).toBeGreaterThanOrEqual(2);
  });
});

describe("a session that expires mid-form", () => {
  let dossierId: string;
  beforeAll(async () => {
    dossierId = await createDraftDossier({
      officialId: official.id,
      movementId: movement.id,
      unitId: units.justice.id,
      nominee: { name: "Võ Thị Hết Hạn" },
    });
  });

  test("the values are kept, the user signs in, the form shows them again — to them only", async () => {
    const path = `/ho-so/${dossierId}/bao-cao`;
    const target = targetByMetric("procedures_on_time_rate");
    // The official's session ends while the form is open.
    const expiring = await post(official.id, path, {
      intent: "draft",
      fullName: "Võ Thị Hết Hạn",
      duties: "Một cửa",
      [`figures.${target.id}.value`]: "99,7",
    });
    await prisma.session.update({ where: { id: (await readSessionId(expiring))! }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    const posted = (await run(reportAction({ request: expiring, params: { dossierId }, context }))) as Response;
    expect(posted.status).toBe(302);
    expect(posted.headers.get("Location")).toBe(`/dang-nhap?redirectTo=${encodeURIComponent(path)}`);
    const draftCookie = posted.headers.get("Set-Cookie")!.split(";")[0]!;
    expect(draftCookie).toMatch(/^__form_draft=/);
    expect(await prisma.dossierDocument.count({ where: { dossierId } })).toBe(0);

    // After sign-in, the official of the unit gets the values back with a notice.
    const request = await requestAs(official.id, path);
    request.headers.set("Cookie", `${request.headers.get("Cookie")}; ${draftCookie}`);
    const page = await reportLoader({ request, params: { dossierId }, context });
    expect(page.restored).toBe(true);
    expect(page.defaultValue).toMatchObject({ fullName: "Võ Thị Hết Hạn", duties: "Một cửa", figures: { [target.id]: { value: "99,7" } } });

    // Somebody else signing in on that browser gets nothing.
    const stranger = await requestAs(otherOfficial.id, path);
    stranger.headers.set("Cookie", `${stranger.headers.get("Cookie")}; ${draftCookie}`);
    expect(statusOf(await run(reportLoader({ request: stranger, params: { dossierId }, context })))).toBe(404);
    const otherForm = await requestAs(official.id, `/ho-so/${dossierId}/to-trinh`);
    otherForm.headers.set("Cookie", `${otherForm.headers.get("Cookie")}; ${draftCookie}`);
    expect((await proposalLoader({ request: otherForm, params: { dossierId }, context })).restored).toBe(false);

    // Saving uses them up: the row is deleted and the cookie cleared.
    const saved = (await run(
      reportAction({
        request: await post(official.id, path, { intent: "draft", fullName: "Võ Thị Hết Hạn" }, draftCookie),
        params: { dossierId },
        context,
      }),
    )) as Response;
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Set-Cookie")).toMatch(/__form_draft=;.*Max-Age=0/);
    expect(await prisma.formDraft.count({ where: { dossierId } })).toBe(0);
  });

  test("without a session, or for a dossier the user may not edit, nothing is written and nothing tells the ids apart", async () => {
    const path = `/ho-so/${dossierId}/bao-cao`;
    const draftsBefore = await prisma.formDraft.count();
    const answers: Array<[number, string | null, string | null]> = [];
    const answer = async (request: Request, id: string) => {
      const response = (await run(reportAction({ request, params: { dossierId: id }, context }))) as Response;
      const location = response.headers.get("Location")?.replace(id, ":id") ?? null;
      answers.push([response.status, location, response.headers.get("Set-Cookie")]);
    };
    const fields = { intent: "draft", fullName: "Người Lạ", duties: "x".repeat(50_000) };
    // A stranger: an existing dossier and an id that does not exist are answered alike.
    await answer(await post(null, path, fields), dossierId);
    await answer(await post(null, "/ho-so/khong-co-ho-so-nay/bao-cao", fields), "khong-co-ho-so-nay");
    // An official of another unit whose session expired: not their dossier.
    const expired = await post(otherOfficial.id, path, fields);
    await prisma.session.update({ where: { id: (await readSessionId(expired))! }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    await answer(expired, dossierId);
    // A forged session cookie counts as none.
    await answer(await post(null, path, fields, "__session=forged"), dossierId);
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual([302, "/dang-nhap?redirectTo=%2Fho-so%2F:id%2Fbao-cao", null]);
    expect(await prisma.formDraft.count()).toBe(draftsBefore);
  });
});
