// Reports for the level above, against a movement walked here through the real workflow (returns, a council
// session, approvals and a rejection, a decision, certificates, a revocation): the summary report as PDF (read
// back with pdftotext), Word and .xlsx; the statistics of awards over a period as page, PDF and .xlsx.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { issueCertificates, revokeCertificate } from "~/models/certificate.server.ts";
import { actorFor, sendDossierEvent, type DossierCommand } from "~/models/dossier.server.ts";
import { castBallot, closeVotingSession, openVotingSession, secretaryCloser } from "~/models/voting.server.ts";
import { loader as summaryDocx } from "~/routes/phong-trao.$movementId.bao-cao-tong-ket[.]docx.tsx";
import { loader as summaryPdf } from "~/routes/phong-trao.$movementId.bao-cao-tong-ket[.]pdf.tsx";
import { loader as summaryXlsx } from "~/routes/phong-trao.$movementId.bao-cao-tong-ket[.]xlsx.tsx";
import { loader as statisticsPage } from "~/routes/thong-ke._index.tsx";
import { loader as statisticsPdf } from "~/routes/thong-ke[.]pdf.tsx";
import { loader as statisticsXlsx } from "~/routes/thong-ke[.]xlsx.tsx";
import { prisma } from "~/utils/db.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import {
  approvedDossiers,
  createCommuneWithStaff,
  createCouncil,
  createDossierAt,
  createMovement,
  createUnit,
  currentUser,
  requestAs,
  signAsChairman,
} from "../support/factories.ts";
import { pdfText } from "../support/pdf.ts";

let db: TestDatabase;
let staff: Awaited<ReturnType<typeof createCommuneWithStaff>>;
let movementId: string;
let decisionNumber: string;
const context = { clientIp: "test" };
const DECIDED = new Date("2026-04-15T03:00:00Z");

// What happens to each nominee, and so what the report must count (written out, not computed by the app).
const EXPECTED = {
  received: 5, // A, B, C, D, E were submitted; F stays a draft
  returned: 2, // C (then resubmitted) and E
  councilPassed: 3, // A, B, D
  councilFailed: 1, // C
  approved: 2, // A, B
  rejected: 1, // D
  awarded: 2, // A, B
  revoked: 1, // B
};

async function send(userId: string | null, dossierId: string, command: DossierCommand) {
  const actor = await actorFor(await currentUser(userId!));
  const result = await sendDossierEvent({ dossierId, actor, command });
  if (!result.ok) throw new Error(`${command.type}: ${result.message}`);
}

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createCommuneWithStaff("UBND xã Tam Phước");
  const province = await createUnit({ name: "UBND Thành phố Hồ Chí Minh", kind: "province" });
  await prisma.orgUnit.update({ where: { id: staff.commune.id }, data: { parentId: province.id, placeName: "Tam Phước" } });
  const { others } = await createCouncil(staff, 5);
  const movement = await createMovement(staff.commune.id);
  movementId = movement.id;

  const a = await createDossierAt(staff, movementId, "screened", { name: "Nguyễn Thị Hoa" });
  const b = await createDossierAt(staff, movementId, "screened", { name: "Trần Văn Thành" });
  const c = await createDossierAt(staff, movementId, "submitted", { name: "Lê Văn Phát" });
  await send(staff.secretary.id, c, { type: "RETURN_FOR_SUPPLEMENT", reason: "Bổ sung số liệu chỉ tiêu." });
  await send(staff.official.id, c, { type: "RESUBMIT" });
  await send(staff.secretary.id, c, { type: "ACCEPT_SCREENING" });
  const d = await createDossierAt(staff, movementId, "screened", { name: "Phạm Thị Ngọc" });
  const e = await createDossierAt(staff, movementId, "submitted", { name: "Võ Văn Tâm" });
  await send(staff.secretary.id, e, { type: "RETURN_FOR_SUPPLEMENT", reason: "Thiếu biên bản." });
  await createDossierAt(staff, movementId, "draft", { name: "Đỗ Thị Nháp" });
  // C's first figure misses its target (≥ 99 %).
  await prisma.achievementFigure.updateMany({
    where: { dossierId: c, target: { metric: "procedures_on_time_rate" } },
    data: { value: 90 },
  });

  const secretary = await currentUser(staff.secretary.id);
  const opened = await openVotingSession(secretary, { movementId, dossierIds: [a, b, c, d], closesAt: new Date(Date.now() + 86_400_000) });
  if (!opened.ok) throw new Error(opened.message);
  for (const voter of [staff.chairman.id, staff.secretary.id, others[0]!.id, others[1]!.id]) {
    for (const [dossierId, choice] of [
      [a, "agree"],
      [b, "agree"],
      [c, "disagree"],
      [d, "agree"],
    ] as const) {
      const cast = await castBallot({ id: voter }, { sessionId: opened.sessionId, dossierId, choice });
      if (!cast.ok) throw new Error(cast.message);
    }
  }
  const closed = await closeVotingSession(await secretaryCloser(secretary), opened.sessionId);
  if (!closed.ok) throw new Error(closed.message);
  await send(staff.chairman.id, a, { type: "APPROVE" });
  await send(staff.chairman.id, b, { type: "APPROVE" });
  await send(staff.chairman.id, d, { type: "REJECT", reason: "Chưa tiêu biểu so với các đơn vị khác." });
  const signed = await signAsChairman(staff, movementId, DECIDED);
  decisionNumber = signed.number;
  const chairman = await currentUser(staff.chairman.id);
  const issued = await issueCertificates(chairman, signed.decisionId, { now: DECIDED });
  if (!issued.ok) throw new Error(issued.message);
  const thanh = issued.issued.find((i) => i.dossierId === b)!;
  const revoked = await revokeCertificate(chairman, thanh.certificateId, "Phát hiện kê khai sai.");
  if (!revoked.ok) throw new Error(revoked.message);

  // Another commune's award in the same period must not be counted.
  const other = await createCommuneWithStaff("UBND xã Long Hải");
  const otherMovement = await createMovement(other.commune.id);
  await approvedDossiers(other, otherMovement.id, 1, ["Người Xã Khác"]);
  await signAsChairman(other, otherMovement.id, DECIDED);
});
afterAll(() => db.destroy());

async function get(loader: (args: never) => unknown, userId: string, path: string, params: Record<string, string> = {}): Promise<Response> {
  return (await (loader as (args: unknown) => Promise<Response>)({ request: await requestAs(userId, path), params, context })) as Response;
}

describe("the movement's summary report", () => {
  test("the PDF reads back with the counts, the awardees and their decision, the targets, addressed to the level above", async () => {
    const response = await get(summaryPdf, staff.secretary.id, `/phong-trao/${movementId}/bao-cao-tong-ket.pdf`, { movementId });
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = pdfText(bytes);
    expect(text).toContain("BÁO CÁO");
    expect(text).toContain("Tổng kết phong trào thi đua “Nâng cao trách nhiệm người đứng đầu");
    expect(text).toContain("Kính gửi: UBND Thành phố Hồ Chí Minh.");
    const lines = pdfText(bytes, { layout: true });
    const row = (label: string) => Number(new RegExp(`${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s+(\\d+)`).exec(lines)?.[1]);
    expect(row("Hồ sơ đề nghị khen thưởng đã tiếp nhận")).toBe(EXPECTED.received);
    expect(row("Hồ sơ trả lại để bổ sung (ít nhất một lần)")).toBe(EXPECTED.returned);
    expect(row("Hồ sơ được Hội đồng Thi đua – Khen thưởng thông qua")).toBe(EXPECTED.councilPassed);
    expect(row("Hồ sơ Hội đồng Thi đua – Khen thưởng không thông qua")).toBe(EXPECTED.councilFailed);
    expect(row("Hồ sơ được Chủ tịch UBND phê duyệt khen thưởng")).toBe(EXPECTED.approved);
    expect(row("Hồ sơ không được phê duyệt")).toBe(EXPECTED.rejected);
    expect(row("Đã cấp Giấy khen")).toBe(EXPECTED.awarded);
    expect(row("Giấy khen đã bị thu hồi")).toBe(EXPECTED.revoked);
    for (const name of ["Nguyễn Thị Hoa", "Trần Văn Thành"]) expect(text).toContain(name);
    expect(text).not.toContain("Phạm Thị Ngọc");
    expect(text).toContain(decisionNumber);
    expect(text).toContain("(đã thu hồi)");
    expect(text).toContain("Hồ sơ TTHC giải quyết đúng hạn");
    expect(lines).toMatch(/Hồ sơ TTHC giải quyết đúng hạn\s+Từ 99%\s+5\s+4\s+1\s+80%/);
    expect(text).toContain("TM. ỦY BAN NHÂN DÂN");
    expect(text).toContain("Nguyễn Văn Hùng");
  });

  test("the Word file says the same", async () => {
    const response = await get(summaryDocx, staff.chairman.id, `/phong-trao/${movementId}/bao-cao-tong-ket.docx`, { movementId });
    expect(response.headers.get("Content-Type")).toContain("wordprocessingml");
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    expect(text).toContain("Kính gửi: UBND Thành phố Hồ Chí Minh.");
    expect(text).toContain("Hồ sơ đề nghị khen thưởng đã tiếp nhận 5");
    expect(text).toContain("Hồ sơ Hội đồng Thi đua – Khen thưởng không thông qua 1");
    expect(text).toContain("Nguyễn Thị Hoa");
    expect(text).toContain(decisionNumber);
  });

  test("the .xlsx holds the counts as numbers, the awardees with decision dates as dates, the targets", async () => {
    const response = await get(summaryXlsx, staff.secretary.id, `/phong-trao/${movementId}/bao-cao-tong-ket.xlsx`, { movementId });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.arrayBuffer()) as never);
    const counts = workbook.getWorksheet("Tổng hợp")!;
    const values = new Map<string, unknown>();
    counts.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get("Hồ sơ đề nghị khen thưởng đã tiếp nhận")).toBe(EXPECTED.received);
    expect(values.get("Hồ sơ trả lại để bổ sung (ít nhất một lần)")).toBe(EXPECTED.returned);
    expect(values.get("Hồ sơ được Hội đồng Thi đua – Khen thưởng thông qua")).toBe(EXPECTED.councilPassed);
    expect(values.get("Hồ sơ được Chủ tịch UBND phê duyệt khen thưởng")).toBe(EXPECTED.approved);
    expect(values.get("Đã cấp Giấy khen")).toBe(EXPECTED.awarded);
    const awardees = workbook.getWorksheet("Danh sách khen thưởng")!;
    const names: unknown[] = [];
    awardees.eachRow((row) => {
      if (row.getCell(6).value === decisionNumber) {
        names.push(row.getCell(2).value);
        expect((row.getCell(7).value as Date).toISOString()).toBe("2026-04-15T00:00:00.000Z");
      }
    });
    expect(names.sort()).toEqual(["Nguyễn Thị Hoa", "Trần Văn Thành"]);
  });

  test("only the commune's secretary and leaders draw it up", async () => {
    const refused = await get(summaryPdf, staff.official.id, `/phong-trao/${movementId}/bao-cao-tong-ket.pdf`, { movementId }).catch(
      (error: unknown) => error,
    );
    expect((refused as Response).status).toBe(403);
  });
});

describe("the statistics of awards over a period", () => {
  test("by award form and kind of recipient, revoked ones counted apart; outside the period nothing", async () => {
    const page = await statisticsPage({
      request: await requestAs(staff.secretary.id, `/thong-ke?don-vi=${staff.commune.id}&tu=2026-04-01&den=2026-04-30`),
      params: {},
      context,
    });
    expect(page.headers).toEqual([
      "Tổng số",
      "Tập thể",
      "Cá nhân: tổng số",
      "Trong đó: người đứng đầu",
      "Cán bộ, công chức chuyên môn",
      "Người hoạt động không chuyên trách",
      "Hộ gia đình",
    ]);
    expect(page.rows).toEqual([
      { label: "Giấy khen của Chủ tịch UBND xã", cells: [2, 0, 2, 0, 2, 0, 0] },
      { label: "Tổng cộng", cells: [2, 0, 2, 0, 2, 0, 0] },
      { label: "Trong đó: đã thu hồi", cells: [1, 0, 1, 0, 1, 0, 0] },
    ]);
    expect(page.movements).toHaveLength(1);
    const before = await statisticsPage({
      request: await requestAs(staff.secretary.id, `/thong-ke?don-vi=${staff.commune.id}&tu=2026-01-01&den=2026-04-14`),
      params: {},
      context,
    });
    expect(before.rows.find((row) => row.label === "Tổng cộng")!.cells[0]).toBe(0);
    // Days the wrong way round are swapped and said so; a malformed day is the whole year, said so.
    const swapped = await statisticsPage({
      request: await requestAs(staff.secretary.id, `/thong-ke?tu=2026-04-30&den=2026-04-01`),
      params: {},
      context,
    });
    expect(swapped.problem).toContain("đã đổi chỗ");
    expect(swapped.rows.find((row) => row.label === "Tổng cộng")!.cells[0]).toBe(2);
    const malformed = await statisticsPage({
      request: await requestAs(staff.secretary.id, `/thong-ke?tu=31/02/2026`),
      params: {},
      context,
    });
    expect(malformed.problem).toContain("không hợp lệ");
  });

  test("the PDF and the .xlsx of the statistics", async () => {
    const search = `?don-vi=${staff.commune.id}&tu=2026-01-01&den=2026-12-31`;
    const pdf = await get(statisticsPdf, staff.chairman.id, `/thong-ke.pdf${search}`);
    const lines = pdfText(new Uint8Array(await pdf.arrayBuffer()), { layout: true });
    expect(lines).toContain("BÁO CÁO THỐNG KÊ");
    expect(lines).toContain("từ ngày 01/01/2026 đến ngày 31/12/2026");
    expect(lines).toMatch(/Tổng cộng\s+2\s+0\s+2\s+0\s+2\s+0\s+0/);
    expect(lines).toMatch(/đã thu hồi\s+1\s+0\s+1\s+0\s+1\s+0\s+0/);

    const xlsx = await get(statisticsXlsx, staff.chairman.id, `/thong-ke.xlsx${search}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet("Theo hình thức")!;
    let total: unknown[] = [];
    sheet.eachRow((row) => {
      if (row.getCell(1).value === "Tổng cộng") total = (row.values as unknown[]).slice(2);
    });
    expect(total).toEqual([2, 0, 2, 0, 2, 0, 0]);
  });
});

describe("titles (danh hiệu thi đua) in the reports", () => {
  test("the statistics count the titles conferred, by title and kind of recipient, beside the forms; the summary names each award", async () => {
    const titled = await createCommuneWithStaff("UBND xã Danh Hiệu");
    const award = async (names: string[], title?: "advanced_worker" | "grassroots_emulation_fighter") => {
      const movement = await createMovement(titled.commune.id, { titles: { individual: title } });
      await approvedDossiers(titled, movement.id, names.length, names);
      await signAsChairman(titled, movement.id, DECIDED);
      return movement.id;
    };
    const workers = await award(["Lao Văn Một", "Lao Thị Hai"], "advanced_worker");
    await award(["Chiến Văn Ba"], "grassroots_emulation_fighter");
    await award(["Giấy Văn Bốn"]);
    const search = `?don-vi=${titled.commune.id}&tu=2026-04-01&den=2026-04-30`;

    const page = await statisticsPage({ request: await requestAs(titled.secretary.id, `/thong-ke${search}`), params: {}, context });
    expect(page.rows[0]).toEqual({ label: "Giấy khen của Chủ tịch UBND xã", cells: [4, 0, 4, 0, 4, 0, 0] });
    expect(page.titles).toEqual([
      { label: "Lao động tiên tiến", cells: [2, 0, 2, 0, 2, 0, 0] },
      { label: "Chiến sĩ thi đua cơ sở", cells: [1, 0, 1, 0, 1, 0, 0] },
    ]);

    const pdf = pdfText(new Uint8Array(await (await get(statisticsPdf, titled.chairman.id, `/thong-ke.pdf${search}`)).arrayBuffer()), {
      layout: true,
    });
    expect(pdf).toContain("II. SỐ LƯỢNG DANH HIỆU THI ĐUA");
    expect(pdf).toMatch(/1\s+Lao động tiên tiến\s+2\s+0\s+2\s+0\s+2\s+0\s+0/);
    expect(pdf).toMatch(/2\s+Chiến sĩ thi đua cơ sở\s+1\s+0\s+1\s+0\s+1\s+0\s+0/);
    expect(pdf).toContain("III. KHEN THƯỞNG THEO PHONG TRÀO THI ĐUA");

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await (await get(statisticsXlsx, titled.chairman.id, `/thong-ke.xlsx${search}`)).arrayBuffer()) as never);
    const byTitle = new Map<unknown, unknown[]>();
    workbook.getWorksheet("Theo danh hiệu")!.eachRow((row) => byTitle.set(row.getCell(1).value, (row.values as unknown[]).slice(2)));
    expect(byTitle.get("Lao động tiên tiến")).toEqual([2, 0, 2, 0, 2, 0, 0]);
    expect(byTitle.get("Chiến sĩ thi đua cơ sở")).toEqual([1, 0, 1, 0, 1, 0, 0]);

    // The summary report of the movement with the title: each awardee with the title and the form.
    const summary = await get(summaryPdf, titled.secretary.id, `/phong-trao/${workers}/bao-cao-tong-ket.pdf`, { movementId: workers });
    const summaryText = pdfText(new Uint8Array(await summary.clone().arrayBuffer()));
    expect(summaryText).toContain("Danh hiệu, hình thức khen thưởng");
    const laidOut = pdfText(new Uint8Array(await summary.clone().arrayBuffer()), { layout: true });
    for (const name of ["Lao Văn Một", "Lao Thị Hai"]) {
      // «Danh hiệu “Lao / động tiên tiến” và / Giấy khen của / Chủ tịch UBND xã», wrapped in its column.
      expect(laidOut).toMatch(
        new RegExp(`${name}\\s+Bộ phận Tư pháp -\\s+Danh hiệu “Lao\\s+01/QĐ-UBND[^\\n]*\\n\\s+Hộ tịch\\s+động tiên tiến” và`),
      );
    }
    expect(laidOut).toMatch(/Giấy khen của\s+15\/04\/2026[^\n]*\n\s+Chủ tịch UBND xã\n/);
    const xlsx = new ExcelJS.Workbook();
    await xlsx.xlsx.load(
      (await (
        await get(summaryXlsx, titled.secretary.id, `/phong-trao/${workers}/bao-cao-tong-ket.xlsx`, { movementId: workers })
      ).arrayBuffer()) as never,
    );
    const sheet = xlsx.getWorksheet("Danh sách khen thưởng")!;
    const header = sheet.getRows(1, 10)!.find((row) => row.getCell(1).value === "STT")!;
    const column = (title: string) => (header.values as unknown[]).indexOf(title);
    const awards: unknown[][] = [];
    sheet.eachRow((row) => {
      if (row.number > header.number)
        awards.push([
          row.getCell(2).value,
          row.getCell(column("Danh hiệu thi đua")).value,
          row.getCell(column("Hình thức khen thưởng")).value,
        ]);
    });
    expect(awards).toEqual([
      ["Lao Văn Một", "Lao động tiên tiến", "Giấy khen của Chủ tịch UBND xã"],
      ["Lao Thị Hai", "Lao động tiên tiến", "Giấy khen của Chủ tịch UBND xã"],
    ]);
  });

  test("a period without titles says so", async () => {
    const search = `?don-vi=${staff.commune.id}&tu=2026-01-01&den=2026-12-31`;
    const page = await statisticsPage({ request: await requestAs(staff.secretary.id, `/thong-ke${search}`), params: {}, context });
    expect(page.titles).toEqual([]);
    const pdf = pdfText(new Uint8Array(await (await get(statisticsPdf, staff.chairman.id, `/thong-ke.pdf${search}`)).arrayBuffer()));
    expect(pdf).toContain("II. SỐ LƯỢNG DANH HIỆU THI ĐUA Không có danh hiệu thi đua nào được tặng trong kỳ báo cáo.");
  });
});
