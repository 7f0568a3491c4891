// The award decision on a real database: gap-free numbers under concurrent signing, what it
// records, and its PDF in the official layout (read back with pdftotext and rendered with pdftoppm).
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { awardDecisionPdf } from "~/documents/decision.server.ts";
import { verifyAuditTrail } from "~/models/audit.server.ts";
import { DECISION_SERIES, decisionDocument, loadDecision, nextNumber, signAwardDecision } from "~/models/award-decision.server.ts";
import { loader as decisionPage } from "~/routes/quyet-dinh.$decisionId.tsx";
import { loader as decisionsXlsx } from "~/routes/quyet-dinh[.]xlsx.tsx";
import { prisma } from "~/utils/db.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { pdfInk, pdfPageCount, pdfPageTexts, pdfText } from "../support/pdf.ts";
import {
  approvedDossiers,
  createCommuneWithStaff,
  createDossierAt,
  createMovement,
  currentUser,
  requestAs,
  signAsChairman,
  type Staff,
} from "../support/factories.ts";

let db: TestDatabase;
let staff: Staff;

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createCommuneWithStaff("UBND xã Tam Phước");
});
afterAll(() => db.destroy());

const year = () => Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(new Date()));

describe("numbering", () => {
  // Twenty movements carried to approval, then twenty decisions (PDF and signature each) at once: minutes of CPU on a
  // loaded 2-core machine. The limit only guards against a hang, as for the other race tests (workflow.test.ts).
  test("20 concurrent signings in one commune get 01..20/QĐ-UBND: no gap, no duplicate", { timeout: 10 * 60_000 }, async () => {
    const commune = await createCommuneWithStaff("UBND xã Số Hiệu");
    const movementIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const movement = await createMovement(commune.commune.id);
      await approvedDossiers(commune, movement.id, 1, [`Người thứ ${i + 1}`]);
      movementIds.push(movement.id);
    }
    const chairman = await currentUser(commune.chairman.id);
    const results = await Promise.all(movementIds.map((movementId) => signAwardDecision(chairman, movementId)));
    for (const result of results) expect(result.ok, JSON.stringify(result)).toBe(true);

    const decisions = await prisma.awardDecision.findMany({ where: { unitId: commune.commune.id }, orderBy: { sequence: "asc" } });
    expect(decisions.map((d) => d.sequence)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(decisions.map((d) => d.number)).toEqual(Array.from({ length: 20 }, (_, i) => `${String(i + 1).padStart(2, "0")}/QĐ-UBND`));
    expect(new Set(decisions.map((d) => d.movementId)).size).toBe(20);
    const counter = await prisma.documentCounter.findUniqueOrThrow({
      where: { unitId_year_series: { unitId: commune.commune.id, year: year(), series: DECISION_SERIES } },
    });
    expect(counter.last).toBe(20);
  });

  test("a transaction that rolls back gives its number back", async () => {
    const commune = await createCommuneWithStaff("UBND xã Hoàn Số");
    await prisma
      .$transaction(async (tx) => {
        expect(await nextNumber(tx, commune.commune.id, year(), DECISION_SERIES)).toBe(1);
        throw new Error("rollback");
      })
      .catch(() => undefined);
    const movement = await createMovement(commune.commune.id);
    await approvedDossiers(commune, movement.id, 1);
    expect((await signAsChairman(commune, movement.id)).number).toBe("01/QĐ-UBND");
  });

  test("two signers of one movement: one decision, the other is told nothing is left", async () => {
    const movement = await createMovement(staff.commune.id);
    await approvedDossiers(staff, movement.id, 2);
    const chairman = await currentUser(staff.chairman.id);
    const results = await Promise.all([signAwardDecision(chairman, movement.id), signAwardDecision(chairman, movement.id)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({
      ok: false,
      status: 409,
      message: expect.stringMatching(/^Không còn hồ sơ nào đã phê duyệt/),
    });
    expect(await prisma.awardDecision.count({ where: { movementId: movement.id } })).toBe(1);
  });
});

describe("what a decision records", () => {
  test("the approved dossiers not yet decided, the legal basis, the signer; audited; dossiers already decided are left out", async () => {
    const movement = await createMovement(staff.commune.id);
    const first = await approvedDossiers(staff, movement.id, 2, ["Trần Văn Thành", "Nguyễn Thị Hoa"]);
    const notYet = await createDossierAt(staff, movement.id, "council_passed", { name: "Chưa phê duyệt" });
    const signed = await signAsChairman(staff, movement.id);

    const decision = await prisma.awardDecision.findUniqueOrThrow({
      where: { id: signed.decisionId },
      include: { entries: { orderBy: { position: "asc" } } },
    });
    expect(decision.entries.map((e) => e.dossierId)).toEqual(first);
    expect(decision.entries.map((e) => e.name)).toEqual(["Trần Văn Thành", "Nguyễn Thị Hoa"]);
    expect(decision).toMatchObject({ signerName: "Nguyễn Văn Hùng", signerTitle: "CHỦ TỊCH", onBehalf: false, delegationId: null });
    expect(decision.legalBasis).toEqual([
      "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;",
      "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
      "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng;",
      "Thực hiện Kế hoạch số 3294/KH-UBND ngày 03/4/2023 của UBND huyện Long Điền;",
      "Theo đề nghị của Văn phòng Ủy ban nhân dân xã (Thường trực Hội đồng Thi đua - Khen thưởng xã).",
    ]);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "AwardDecision", entityId: decision.id } });
    expect(audit).toMatchObject({ action: "decision.SIGN", actorName: "Nguyễn Văn Hùng" });
    expect((audit.data as { dossierIds: string[] }).dossierIds).toEqual(first);
    expect(await prisma.auditEvent.count({ where: { action: "decision.INCLUDE", entityId: { in: first } } })).toBe(2);
    expect((await verifyAuditTrail(prisma)).firstBreak).toBeNull();

    // The third dossier is approved later: the next decision has it alone.
    const chairman = await currentUser(staff.chairman.id);
    const { actorFor, sendDossierEvent } = await import("~/models/dossier.server.ts");
    expect((await sendDossierEvent({ dossierId: notYet, actor: await actorFor(chairman), command: { type: "APPROVE" } })).ok).toBe(true);
    const second = await signAsChairman(staff, movement.id);
    expect(await prisma.awardDecisionEntry.findMany({ where: { decisionId: second.decisionId }, select: { dossierId: true } })).toEqual([
      { dossierId: notYet },
    ]);
    expect(Number(second.number.split("/")[0])).toBe(Number(signed.number.split("/")[0]) + 1);
  });

  test("only the chairman (or a delegated vice-chairman) of the movement's commune signs", async () => {
    const movement = await createMovement(staff.commune.id);
    await approvedDossiers(staff, movement.id, 1);
    for (const userId of [staff.secretary.id, staff.official.id]) {
      const result = await signAwardDecision(await currentUser(userId), movement.id);
      expect(result.ok).toBe(false);
    }
    const other = await createCommuneWithStaff("UBND xã Khác");
    expect(await signAwardDecision(await currentUser(other.chairman.id), movement.id)).toEqual({
      ok: false,
      status: 404,
      message: "Không tìm thấy phong trào thi đua.",
    });
    expect(await prisma.awardDecision.count({ where: { movementId: movement.id } })).toBe(0);
  });
});

describe("the PDF", () => {
  test("official layout with the exact Vietnamese strings, prize money in Điều 2, and the attached list", async () => {
    const movement = await createMovement(staff.commune.id);
    await prisma.movement.update({ where: { id: movement.id }, data: { prizeAmount: 500000 } });
    await approvedDossiers(staff, movement.id, 3, ["Trần Văn Thành", "Nguyễn Thị Hoa", "Lê Minh Tâm"]);
    const signed = await signAsChairman(staff, movement.id, new Date("2026-11-20T03:00:00Z"));
    const decision = await loadDecision(await currentUser(staff.chairman.id), signed.decisionId);
    const pdf = await awardDecisionPdf(decisionDocument(decision!));
    const text = pdfText(pdf);
    for (const expected of [
      "ỦY BAN NHÂN DÂN",
      "XÃ TAM PHƯỚC",
      `Số: ${signed.number}`,
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Tam Phước, ngày 20 tháng 11 năm 2026",
      "QUYẾT ĐỊNH",
      "Về việc tặng Giấy khen cho các cá nhân đã có thành tích xuất sắc trong phong trào thi đua “Nâng cao trách nhiệm người đứng đầu trong thực hiện các nhiệm vụ cải cách hành chính” năm 2023",
      "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TAM PHƯỚC",
      "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;",
      "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
      "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền",
      "Theo đề nghị của Văn phòng Ủy ban nhân dân xã",
      "QUYẾT ĐỊNH:",
      "Điều 1. Tặng Giấy khen của Chủ tịch Ủy ban nhân dân xã Tam Phước cho 03 cá nhân đã có thành tích xuất sắc",
      "(có danh sách kèm theo).",
      "Điều 2. Kèm theo Giấy khen, mỗi cá nhân, tập thể có tên tại Điều 1 được tặng tiền thưởng 500.000 đồng (Năm trăm nghìn đồng).",
      "Tổng số tiền thưởng: 1.500.000 đồng (Một triệu năm trăm nghìn đồng)",
      "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân xã",
      "chịu trách nhiệm thi hành Quyết định này./.",
      "Nơi nhận: - Như Điều 3;",
      "- Lưu: VT, VP.",
      "CHỦ TỊCH Nguyễn Văn Hùng",
      "DANH SÁCH",
      "Cá nhân, tập thể được tặng Giấy khen của Chủ tịch Ủy ban nhân dân xã Tam Phước",
      `(Kèm theo Quyết định số ${signed.number} ngày 20/11/2026 của Chủ tịch Ủy ban nhân dân xã Tam Phước)`,
      "Trần Văn Thành",
      "Lê Minh Tâm",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("KT. CHỦ TỊCH");
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(2);
    expect(pdfInk(pdf)).toBeGreaterThan(0.01);
    // Without a prize, Điều 2 is the entry into force.
    const plain = decisionDocument({ ...decision!, prizeAmount: null });
    const plainText = pdfText(await awardDecisionPdf(plain));
    expect(plainText).toContain("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.");
    expect(plainText).not.toContain("tiền thưởng");
  });

  test("the signature block and Nơi nhận never stand alone: the last article shares their page, whatever the length above", async () => {
    const movement = await createMovement(staff.commune.id);
    await approvedDossiers(staff, movement.id, 1, ["Đặng Văn Ký"]);
    const signed = await signAsChairman(staff, movement.id);
    const document = decisionDocument((await loadDecision(await currentUser(staff.chairman.id), signed.decisionId))!);
    const pagesOfSignature = new Set<number>();
    // More "Căn cứ" lines push the last article and the signature down across the first page break.
    for (const extra of [0, 16, 24, 32, 40]) {
      const legalBasis = [
        ...Array.from(
          { length: extra },
          (_, i) => `Căn cứ Quyết định số ${i + 1}/QĐ-UBND của Ủy ban nhân dân tỉnh về công tác thi đua, khen thưởng;`,
        ),
        ...document.legalBasis,
      ];
      const pdf = await awardDecisionPdf({ ...document, legalBasis });
      const pages = pdfPageTexts(pdf);
      const page = pages.findIndex((text) => text.includes("Nơi nhận:"));
      expect(
        pages.filter((text) => text.includes("Nơi nhận:")),
        `${extra} more lines`,
      ).toHaveLength(1);
      const text = pages[page]!;
      expect(text, `${extra} more lines`).toContain("Điều 3.");
      expect(text.indexOf("chịu trách nhiệm thi hành")).toBeLessThan(text.indexOf("Nơi nhận:"));
      expect(text).toContain(staff.chairman.fullName);
      pagesOfSignature.add(page);
    }
    expect(pagesOfSignature.size).toBeGreaterThan(1); // the range crossed a page break
  }, 600_000);
});

describe("titles (danh hiệu thi đua) conferred with the Giấy khen", () => {
  test("each entry copies its kind's form and title; the decision, its list, its page and the .xlsx say both", async () => {
    const movement = await createMovement(staff.commune.id, { titles: { individual: "advanced_worker" } });
    await approvedDossiers(staff, movement.id, 2, ["Trương Văn Tiến", "Đoàn Thị Tiên"]);
    const signed = await signAsChairman(staff, movement.id, new Date("2026-11-20T03:00:00Z"));
    const entries = await prisma.awardDecisionEntry.findMany({ where: { decisionId: signed.decisionId }, orderBy: { position: "asc" } });
    expect(entries.map((e) => [e.name, e.awardForm, e.awardTitle])).toEqual([
      ["Trương Văn Tiến", "commune_chairman_certificate", "advanced_worker"],
      ["Đoàn Thị Tiên", "commune_chairman_certificate", "advanced_worker"],
    ]);
    const decision = (await loadDecision(await currentUser(staff.chairman.id), signed.decisionId))!;
    expect(decision.subject).toBe(
      "Về việc tặng danh hiệu “Lao động tiên tiến” và Giấy khen cho các cá nhân đã có thành tích xuất sắc trong phong trào thi đua “Nâng cao trách nhiệm người đứng đầu trong thực hiện các nhiệm vụ cải cách hành chính” năm 2023",
    );

    const pdf = await awardDecisionPdf(decisionDocument(decision));
    const text = pdfText(pdf);
    expect(text).toContain(
      "Điều 1. Tặng danh hiệu “Lao động tiên tiến” và Giấy khen của Chủ tịch Ủy ban nhân dân xã Tam Phước cho 02 cá nhân",
    );
    expect(text).toContain(
      "Cá nhân, tập thể được tặng danh hiệu “Lao động tiên tiến” và Giấy khen của Chủ tịch Ủy ban nhân dân xã Tam Phước",
    );
    // The attached list, as laid out: a title column and a form column, each row with both.
    const list = pdfPageTexts(pdf).find((page) => page.includes("DANH SÁCH"))!;
    // (Cells wrap: «Danh hiệu / thi đua», «Lao động / tiên tiến», «Giấy khen của / Chủ tịch UBND / xã».)
    expect(list).toMatch(/STT\s+Họ và tên\s+Chức vụ, đơn vị\s+Danh hiệu\s+Hình thức\n\s+công tác\s+thi đua\s+khen thưởng\n/);
    for (const name of ["Trương Văn Tiến", "Đoàn Thị Tiên"]) {
      expect(list).toMatch(
        new RegExp(`${name}\\s+Bộ phận Tư pháp - Hộ\\s+Lao động\\s+Giấy khen của\\n\\s+tịch\\s+tiên tiến\\s+Chủ tịch UBND`),
      );
    }

    // A decision mixing a title and the form alone names titles in general and says «Không» where there is none.
    const document = decisionDocument(decision);
    const mixed = await awardDecisionPdf({
      ...document,
      titlesPhrase: "danh hiệu thi đua và ",
      entries: [document.entries[0]!, { ...document.entries[1]!, awardTitle: null }],
    });
    expect(pdfText(mixed)).toContain("Điều 1. Tặng danh hiệu thi đua và Giấy khen của Chủ tịch Ủy ban nhân dân xã Tam Phước");
    expect(pdfPageTexts(mixed).find((page) => page.includes("DANH SÁCH"))).toMatch(
      /Đoàn Thị Tiên\s+Bộ phận Tư pháp - Hộ\s+Không\s+Giấy khen của\n/,
    );

    const page = await decisionPage({
      request: await requestAs(staff.chairman.id, `/quyet-dinh/${signed.decisionId}`),
      params: { decisionId: signed.decisionId },
      context: { clientIp: "test" },
    });
    expect(page.entries.map((e) => e.award)).toEqual([
      "Danh hiệu “Lao động tiên tiến” và Giấy khen của Chủ tịch UBND xã",
      "Danh hiệu “Lao động tiên tiến” và Giấy khen của Chủ tịch UBND xã",
    ]);
    expect(page.articles[0]!.text).toContain("Tặng danh hiệu “Lao động tiên tiến” và Giấy khen");

    const xlsx = (await decisionsXlsx({
      request: await requestAs(staff.chairman.id, `/quyet-dinh.xlsx`),
      params: {},
      context: { clientIp: "test" },
    })) as Response;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0]!;
    const header = sheet.getRows(1, 10)!.find((row) => row.getCell(1).value === "Số quyết định")!;
    const column = (title: string) => (header.values as unknown[]).indexOf(title);
    const rows: unknown[][] = [];
    sheet.eachRow((row) => {
      if (row.getCell(1).value === signed.number) {
        rows.push([row.getCell(column("Danh hiệu thi đua")).value, row.getCell(column("Hình thức khen thưởng")).value]);
      }
    });
    expect(rows).toEqual([
      ["Lao động tiên tiến", "Giấy khen của Chủ tịch UBND xã"],
      ["Lao động tiên tiến", "Giấy khen của Chủ tịch UBND xã"],
    ]);
  });

  test("a decision of the form alone has no title column and its entries no title", async () => {
    const movement = await createMovement(staff.commune.id);
    await approvedDossiers(staff, movement.id, 1, ["Hồ Văn Giản"]);
    const signed = await signAsChairman(staff, movement.id);
    const entry = await prisma.awardDecisionEntry.findFirstOrThrow({ where: { decisionId: signed.decisionId } });
    expect([entry.awardForm, entry.awardTitle]).toEqual(["commune_chairman_certificate", null]);
    const pdf = await awardDecisionPdf(decisionDocument((await loadDecision("all", signed.decisionId))!));
    const list = pdfPageTexts(pdf).find((page) => page.includes("DANH SÁCH"))!;
    expect(list).toMatch(/STT\s+Họ và tên\s+Chức vụ, đơn vị công tác\s+Hình thức khen\n\s+thưởng\n/);
    expect(list).toMatch(/Hồ Văn Giản\s+Bộ phận Tư pháp - Hộ tịch\s+Giấy khen của\n\s+Chủ tịch UBND/);
    expect(list).not.toContain("Danh hiệu");
    expect(pdfText(pdf)).not.toContain("danh hiệu");
  });
});
