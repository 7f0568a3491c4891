// Certificates (Giấy khen): issued per awardee of a decision in the same transaction as the dossier's
// move to `awarded`; the PDF read back with pdftotext, rendered with pdftoppm, its QR code decoded.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { calibrationPdf, certificatesPdf } from "~/documents/certificate.server.ts";
import { verifyAuditTrail } from "~/models/audit.server.ts";
import {
  certificatePayload,
  decisionCertificates,
  faceOf,
  issueCertificates,
  reissueCertificate,
  revokeCertificate,
  savePrintOffsets,
} from "~/models/certificate.server.ts";
import type { AwardTitle } from "~/generated/prisma/enums.ts";
import { signPayload } from "~/utils/signing.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { env } from "~/utils/env.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import {
  approvedDossiers,
  createCommuneWithStaff,
  createMovement,
  currentUser,
  requestAs,
  signAsChairman,
  type Staff,
} from "../support/factories.ts";
import { pdfInk, pdfPageCount, pdfText } from "../support/pdf.ts";
import { decodeQr, redShare } from "../support/qr.ts";

let db: TestDatabase;
let staff: Staff;

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createCommuneWithStaff("UBND xã Tam Phước");
  await prisma.orgUnit.update({ where: { id: staff.commune.id }, data: { placeName: "Tam Phước" } });
});
afterAll(() => db.destroy());

/** A signed decision for `names`, the first one reported as a woman in her achievement report. */
async function decisionFor(
  names: string[],
  { quota = 5, femaleFirst = true, title }: { quota?: number | null; femaleFirst?: boolean; title?: AwardTitle } = {},
) {
  const movement = await createMovement(staff.commune.id, { quota: quota as number, titles: { individual: title } });
  const dossierIds = await approvedDossiers(staff, movement.id, names.length, names);
  if (femaleFirst)
    await prisma.dossierDocument.update({
      where: { dossierId_kind: { dossierId: dossierIds[0]!, kind: "achievement_report" } },
      data: { data: { sex: "female", position: "Công chức Tư pháp - Hộ tịch", unitName: "Bộ phận Tư pháp - Hộ tịch" } },
    });
  const signed = await signAsChairman(staff, movement.id, new Date("2026-11-20T03:00:00Z"));
  return { movement, dossierIds, ...signed };
}

describe("issuing", () => {
  test("one certificate per awardee, the dossier awarded in the same transaction, gap-free golden book numbers, audited", async () => {
    const { decisionId, dossierIds } = await decisionFor(["Nguyễn Thị Hoa", "Trần Văn Thành"]);
    const chairman = await currentUser(staff.chairman.id);
    const result = await issueCertificates(chairman, decisionId);
    if (!result.ok) throw new Error(result.message);
    expect(result.issued.map((i) => i.dossierId)).toEqual(dossierIds);

    const rows = await prisma.certificate.findMany({ where: { decisionId }, orderBy: { goldenBookNumber: "asc" } });
    expect(rows).toHaveLength(2);
    const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(new Date()));
    for (const row of rows) expect(row.serial).toMatch(new RegExp(`^TP-${year}-\\d{5}-[0-9A-HJKMNP-TV-Z]{4}$`));
    const numbers = rows.map((r) => Number(r.goldenBookNumber.split("/")[0]));
    expect(numbers[1]).toBe(numbers[0]! + 1);
    expect(rows[0]).toMatchObject({
      honorific: "Bà",
      recipientName: "Nguyễn Thị Hoa",
      recipientDetail: "Công chức Tư pháp - Hộ tịch, Bộ phận Tư pháp - Hộ tịch",
    });
    // No sex in the achievement report (the product has no sex field on Nominee): "Ông/Bà".
    expect(rows[1]).toMatchObject({ honorific: "Ông/Bà", recipientName: "Trần Văn Thành" });

    for (const dossierId of dossierIds) {
      const dossier = await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId }, select: { state: true } });
      expect(dossier.state).toBe("awarded");
      const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: dossierId, action: "dossier.ISSUE_CERTIFICATE" } });
      expect(audit).toMatchObject({ fromState: "approved", toState: "awarded", actorName: "Nguyễn Văn Hùng" });
    }
    expect((await verifyAuditTrail(prisma)).firstBreak).toBeNull();

    // A second click issues nothing more.
    expect(await issueCertificates(chairman, decisionId)).toMatchObject({ ok: false, status: 409 });
    expect(await prisma.certificate.count({ where: { decisionId } })).toBe(2);
  });

  test("the secretary cannot issue, nor a chairman of another commune", async () => {
    const { decisionId } = await decisionFor(["Lê Minh Tâm"]);
    expect((await issueCertificates(await currentUser(staff.secretary.id), decisionId)).ok).toBe(false);
    const other = await createCommuneWithStaff("UBND xã Bên Cạnh");
    expect(await issueCertificates(await currentUser(other.chairman.id), decisionId)).toMatchObject({ ok: false, status: 404 });
    expect(await prisma.certificate.count({ where: { decisionId } })).toBe(0);
  });
});

describe("the PDF", () => {
  test("A4 landscape with the exact strings, red issuer and title, and a QR code that decodes to the verification URL", async () => {
    const { decisionId, number } = await decisionFor(["Nguyễn Thị Hoa"]);
    const chairman = await currentUser(staff.chairman.id);
    const issued = await issueCertificates(chairman, decisionId);
    if (!issued.ok) throw new Error(issued.message);
    const serial = issued.issued[0]!.serial;

    const { loader } = await import("~/routes/giay-khen.$certificateId.ban-in[.]pdf.tsx");
    const certificateId = issued.issued[0]!.certificateId;
    const response = await loader({
      request: await requestAs(staff.chairman.id, `/giay-khen/${certificateId}/ban-in.pdf`),
      params: { certificateId },
      context: { clientIp: "test" },
    });
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    const pdf = new Uint8Array(await response.arrayBuffer());

    const text = pdfText(pdf);
    const row = await prisma.certificate.findUniqueOrThrow({ where: { serial } });
    for (const expected of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TAM PHƯỚC",
      "TẶNG",
      "GIẤY KHEN",
      "Bà Nguyễn Thị Hoa",
      "Công chức Tư pháp - Hộ tịch, Bộ phận Tư pháp - Hộ tịch",
      "Đã có thành tích xuất sắc trong phong trào thi đua “Nâng cao trách nhiệm người đứng đầu trong thực hiện các nhiệm vụ cải cách hành chính” năm 2023",
      `Quyết định số ${number}, ngày 20 tháng 11 năm 2026`,
      `Số sổ vàng: ${row.goldenBookNumber}`,
      "Tam Phước, ngày 20 tháng 11 năm 2026",
      "Nguyễn Văn Hùng",
      `Số hiệu: ${serial}`,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("KT. CHỦ TỊCH");
    const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(execFileSync("pdfinfo", ["-"], { input: pdf, encoding: "utf8" }))!;
    expect(Math.round(Number(size[1]))).toBe(842); // 297 mm wide: landscape
    expect(Math.round(Number(size[2]))).toBe(595);
    expect(pdfInk(pdf)).toBeGreaterThan(0.02);
    expect(redShare(pdf)).toBeGreaterThan(0.005); // issuer, "GIẤY KHEN" and the frame in red
    expect(decodeQr(pdf)).toBe(`${env().APP_URL}/xac-minh/${serial}`);
  });

  test("on pre-printed blanks only the fields print, shifted by the unit's offsets; the calibration page marks them", async () => {
    const { decisionId } = await decisionFor(["Phạm Văn Phôi"], { femaleFirst: false });
    const chairman = await currentUser(staff.chairman.id);
    expect((await issueCertificates(chairman, decisionId)).ok).toBe(true);
    const found = await decisionCertificates(chairman, decisionId);
    const face = faceOf(found!.certificates[0]!);

    const blank = await certificatesPdf([face], { mode: "blank", offsets: { x: 0, y: 0 } });
    const text = pdfText(blank);
    expect(text).toContain("Ông/Bà Phạm Văn Phôi");
    expect(text).toContain("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TAM PHƯỚC");
    expect(text).not.toContain("GIẤY KHEN");
    expect(text).not.toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(decodeQr(blank)).toBe(face.verifyUrl);

    // The offsets saved for the unit move every field: the name's line moves 10 mm right and 5 mm down.
    expect(await savePrintOffsets(chairman, staff.commune.id, { x: 10, y: 5 })).toEqual({ ok: true });
    expect(await savePrintOffsets(await currentUser(staff.official.id), staff.commune.id, { x: 1, y: 1 })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await savePrintOffsets(chairman, staff.commune.id, { x: 45, y: 0 })).toMatchObject({ ok: false, status: 422 });
    const { loader } = await import("~/routes/quyet-dinh.$decisionId.giay-khen[.]pdf.tsx");
    const response = await loader({
      request: await requestAs(staff.secretary.id, `/quyet-dinh/${decisionId}/giay-khen.pdf?che-do=phoi`),
      params: { decisionId },
      context: { clientIp: "test" },
    });
    const shifted = new Uint8Array(await response.arrayBuffer());
    const position = (pdf: Uint8Array) => {
      const bbox = execFileSync("pdftotext", ["-bbox", "-", "-"], { input: pdf, encoding: "utf8" });
      const word = /<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>Phôi<\/word>/.exec(bbox)!;
      return { x: Number(word[1]), y: Number(word[2]) };
    };
    const before = position(blank);
    const after = position(shifted);
    expect(after.x - before.x).toBeCloseTo((10 * 72) / 25.4, 0);
    expect(after.y - before.y).toBeCloseTo((5 * 72) / 25.4, 0);
    expect(decodeQr(shifted)).toBe(face.verifyUrl);

    const calibration = await calibrationPdf({ x: 10, y: 5 }, "UBND xã Tam Phước");
    const calibrationText = pdfText(calibration);
    expect(calibrationText).toContain("TRANG THỬ CANH CHỈNH IN PHÔI GIẤY KHEN");
    expect(calibrationText).toContain("Độ lệch chung đang dùng: ngang +10 mm, dọc +5 mm");
    expect(calibrationText).toContain("Họ và tên (tên tập thể) (158,5; 101)");
    expect(pdfInk(calibration)).toBeGreaterThan(0.005);
    await savePrintOffsets(chairman, staff.commune.id, { x: 0, y: 0 });
  });

  test("a batch of 100 certificates of one decision builds into ONE PDF of 100 pages", async () => {
    const names = Array.from({ length: 100 }, (_, i) => `Người được khen ${i + 1}`);
    const { decisionId } = await decisionFor(names, { quota: null });
    const chairman = await currentUser(staff.chairman.id);
    const issued = await issueCertificates(chairman, decisionId);
    if (!issued.ok) throw new Error(issued.message);
    expect(issued.issued).toHaveLength(100);

    const { loader } = await import("~/routes/quyet-dinh.$decisionId.giay-khen[.]pdf.tsx");
    const response = await loader({
      request: await requestAs(staff.chairman.id, `/quyet-dinh/${decisionId}/giay-khen.pdf`),
      params: { decisionId },
      context: { clientIp: "test" },
    });
    const pdf = new Uint8Array(await response.arrayBuffer());
    expect(pdfPageCount(pdf)).toBe(100);
    const text = pdfText(pdf);
    expect(text).toContain("Người được khen 1 ");
    expect(text).toContain("Người được khen 100");
    // The fonts are embedded once for the whole batch (each face subset to its characters): a page more costs
    // far less than the fonts of a single certificate.
    const single = await certificatesPdf([faceOf((await decisionCertificates(chairman, decisionId))!.certificates[0]!)]);
    const fontFiles = (bytes: Uint8Array) =>
      Buffer.from(bytes)
        .toString("latin1")
        .match(/\/FontFile2/g)?.length ?? 0;
    expect(fontFiles(pdf)).toBe(fontFiles(single));
    expect(fontFiles(pdf)).toBeLessThanOrEqual(3); // bold, regular, italic: the bold italic face is not used
    expect((pdf.byteLength - single.byteLength) / 99).toBeLessThan(single.byteLength / 4);
    expect(decodeQr(pdf, { page: 100 })).toBe(`${env().APP_URL}/xac-minh/${issued.issued[99]!.serial}`);
  }, 240_000);
});

describe("the print view", () => {
  test("lists one A4 landscape sheet per certificate in force, with its QR code", async () => {
    const { decisionId } = await decisionFor(["Võ Thị Bản In", "Đỗ Văn Bản In"]);
    const chairman = await currentUser(staff.chairman.id);
    expect((await issueCertificates(chairman, decisionId)).ok).toBe(true);
    const { loader } = await import("~/routes/quyet-dinh.$decisionId_.in.tsx");
    const view = await loader({
      request: await requestAs(staff.secretary.id, `/quyet-dinh/${decisionId}/in`),
      params: { decisionId },
      context: { clientIp: "test" },
    });
    expect(view.sheets.map((s) => s.recipient)).toEqual(["Bà Võ Thị Bản In", "Ông/Bà Đỗ Văn Bản In"]);
    expect(view.sheets[0]!.qr).toMatch(/^<svg[^>]+viewBox/);
    expect(view.blank).toBe(false);
    const outsider = await createCommuneWithStaff("UBND xã Ngoài");
    await expect(
      loader({
        request: await requestAs(outsider.chairman.id, `/quyet-dinh/${decisionId}/in`),
        params: { decisionId },
        context: { clientIp: "test" },
      }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe("a title (danh hiệu thi đua) conferred with the Giấy khen", () => {
  const context = { clientIp: "test" };
  const visit = async (serial: string) => {
    const { loader } = await import("~/routes/xac-minh.$serial.tsx");
    return loader({ request: await requestAs(null, `/xac-minh/${serial}`), params: { serial }, context });
  };
  const printed = async (certificateId: string, query = "") => {
    const { loader } = await import("~/routes/giay-khen.$certificateId.ban-in[.]pdf.tsx");
    const response = await loader({
      request: await requestAs(staff.chairman.id, `/giay-khen/${certificateId}/ban-in.pdf${query}`),
      params: { certificateId },
      context,
    });
    return pdfText(new Uint8Array(await response.arrayBuffer()));
  };

  test("the certificate copies it beside the form, signs it (payload version 3), prints it and the public page shows it", async () => {
    const { decisionId } = await decisionFor(["Lý Thị Tiên Tiến"], { title: "advanced_worker" });
    const issued = await issueCertificates(await currentUser(staff.chairman.id), decisionId);
    if (!issued.ok) throw new Error(issued.message);
    const { certificateId, serial } = issued.issued[0]!;
    const row = await prisma.certificate.findUniqueOrThrow({ where: { id: certificateId } });
    expect([row.awardTitle, row.awardForm]).toEqual(["Lao động tiên tiến", "Giấy khen của Chủ tịch Ủy ban nhân dân xã Tam Phước"]);
    expect(certificatePayload(row)).toMatchObject({ version: 3, awardTitle: "Lao động tiên tiến" });

    // On plain paper and on a blank (in the achievement's place): the title, then the achievement.
    for (const query of ["", "?che-do=phoi"]) {
      const text = await printed(certificateId, query);
      expect(text).toContain("Bà Lý Thị Tiên Tiến");
      expect(text).toContain(
        "Đạt danh hiệu “Lao động tiên tiến”. Đã có thành tích xuất sắc trong phong trào thi đua “Nâng cao trách nhiệm người đứng đầu",
      );
    }
    expect(await printed(certificateId)).toContain("GIẤY KHEN");
    const { loader: printView } = await import("~/routes/quyet-dinh.$decisionId_.in.tsx");
    const view = await printView({
      request: await requestAs(staff.secretary.id, `/quyet-dinh/${decisionId}/in`),
      params: { decisionId },
      context,
    });
    expect(view.sheets[0]!.achievement).toMatch(/^Đạt danh hiệu “Lao động tiên tiến”\. Đã có thành tích xuất sắc/);

    expect(await visit(serial)).toMatchObject({
      status: "valid",
      awardTitle: "Lao động tiên tiến",
      awardForm: "Giấy khen của Chủ tịch Ủy ban nhân dân xã Tam Phước",
    });
    // The title is signed: changed or cleared in the database, the page says «Không hợp lệ».
    await prisma.$executeRaw`UPDATE "Certificate" SET "awardTitle" = 'Chiến sĩ thi đua cơ sở' WHERE id = ${certificateId}`;
    expect((await visit(serial)).status).toBe("invalid");
    await prisma.$executeRaw`UPDATE "Certificate" SET "awardTitle" = NULL WHERE id = ${certificateId}`;
    expect((await visit(serial)).status).toBe("invalid");
    await prisma.$executeRaw`UPDATE "Certificate" SET "awardTitle" = 'Lao động tiên tiến' WHERE id = ${certificateId}`;
    expect((await visit(serial)).status).toBe("valid");

    // A reissue keeps the title, signed with the replaced serial (both fields in the payload).
    const chairman = await currentUser(staff.chairman.id);
    expect(await revokeCertificate(chairman, certificateId, "Sai họ tên")).toEqual({ ok: true });
    const reissued = await reissueCertificate(chairman, certificateId, {
      reason: "Sai họ tên",
      honorific: "Bà",
      recipientName: "Lý Thị Tiên",
      recipientDetail: row.recipientDetail ?? undefined,
    });
    if (!reissued.ok) throw new Error(reissued.message);
    const again = await prisma.certificate.findUniqueOrThrow({ where: { id: reissued.certificateId } });
    expect(again.awardTitle).toBe("Lao động tiên tiến");
    expect(certificatePayload({ ...again, replacesSerial: serial })).toMatchObject({ version: 3, replacesSerial: serial });
    expect(await visit(again.serial)).toMatchObject({ status: "valid", awardTitle: "Lao động tiên tiến", replaces: serial });
  });

  test("without a title nothing changes: the payload stays version 1, and a certificate signed before titles still verifies", async () => {
    const { decisionId } = await decisionFor(["Mạc Văn Cũ"], { femaleFirst: false });
    const issued = await issueCertificates(await currentUser(staff.chairman.id), decisionId);
    if (!issued.ok) throw new Error(issued.message);
    const { certificateId, serial } = issued.issued[0]!;
    const row = await prisma.certificate.findUniqueOrThrow({ where: { id: certificateId } });
    expect(row.awardTitle).toBeNull();
    expect(certificatePayload(row)).not.toHaveProperty("awardTitle");
    expect(await printed(certificateId)).not.toContain("danh hiệu");
    expect(await visit(serial)).toMatchObject({ status: "valid", awardTitle: null });

    // Re-signed with the payload exactly as the code before titles built it (version 1, no title key):
    // that is what every certificate issued before this change carries, and it verifies.
    const before = {
      type: "giay-khen",
      version: 1,
      serial: row.serial,
      dossierId: row.dossierId,
      decisionId: row.decisionId,
      unitId: row.unitId,
      goldenBookNumber: row.goldenBookNumber,
      honorific: row.honorific,
      recipientName: row.recipientName,
      recipientDetail: row.recipientDetail,
      achievement: row.achievement,
      awardForm: row.awardForm,
      issuerName: row.issuerName,
      place: row.place,
      decisionNumber: row.decisionNumber,
      decisionDate: row.decisionDate.toISOString(),
      signerTitle: row.signerTitle,
      signerName: row.signerName,
      onBehalf: row.onBehalf,
      issuedAt: row.issuedAt.toISOString(),
    };
    const { signature } = signPayload(before);
    await prisma.$executeRaw`UPDATE "Certificate" SET signature = ${signature} WHERE id = ${certificateId}`;
    expect((await visit(serial)).status).toBe("valid");
    // A title added to such a row in the database is not what was signed.
    await prisma.$executeRaw`UPDATE "Certificate" SET "awardTitle" = 'Lao động tiên tiến' WHERE id = ${certificateId}`;
    expect((await visit(serial)).status).toBe("invalid");
  });
});
