// The decision's digital signature (PAdES) and the unit's document settings, on a real database:
// signed and stored in the signing transaction, served byte for byte, verified by poppler's pdfsig
// and by the public verification page, and caught when one byte is changed; the unit's certificate
// uploaded through its page; the legal basis edited per unit and printed in the next decision.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { issueCertificates } from "~/models/certificate.server.ts";
import { defaultDecisionLegalBasis } from "~/models/document-settings.server.ts";
import { verifyAuditTrail } from "~/models/audit.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { formatDate } from "~/utils/format.ts";
import { generateTestPkcs12, readPkcs12, summarizeCertificate, verifyPdfSignature } from "~/utils/pdf-signature.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import {
  approvedDossiers,
  createCommuneWithStaff,
  createMovement,
  createUser,
  currentUser,
  requestAs,
  signAsChairman,
} from "../support/factories.ts";
import { pdfSignatures, pdfText } from "../support/pdf.ts";
import { createHash } from "node:crypto";

let db: TestDatabase;
let staff: Awaited<ReturnType<typeof createCommuneWithStaff>>;
const context = { clientIp: "test" };
const SIGNED_AT = new Date("2026-11-20T03:00:00Z");

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createCommuneWithStaff("UBND xã Tam Phước");
  await prisma.orgUnit.update({ where: { id: staff.commune.id }, data: { placeName: "Tam Phước" } });
});
afterAll(() => db.destroy());

async function signedDecision(names = ["Trần Văn Thành"], commune = staff) {
  const movement = await createMovement(commune.commune.id);
  await approvedDossiers(commune, movement.id, names.length, names);
  return signAsChairman(commune, movement.id, SIGNED_AT);
}

/** The decision PDF as the chairman downloads it. */
async function download(decisionId: string, userId = staff.chairman.id) {
  const { loader } = await import("~/routes/quyet-dinh.$decisionId.quyet-dinh[.]pdf.tsx");
  const response = await loader({
    request: await requestAs(userId, `/quyet-dinh/${decisionId}/quyet-dinh.pdf`),
    params: { decisionId },
    context,
  });
  return new Uint8Array(await response.arrayBuffer());
}

async function verificationPage(serial: string) {
  const { loader } = await import("~/routes/xac-minh.$serial.tsx");
  return loader({ request: await requestAs(null, `/xac-minh/${serial}`), params: { serial }, context });
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("the signed decision", () => {
  test("is signed and stored with the decision, served as stored, valid for pdfsig, with the visible signature block", async () => {
    const { decisionId, number } = await signedDecision(["Trần Văn Thành", "Nguyễn Thị Hoa"]);
    const stored = await prisma.decisionPdf.findUniqueOrThrow({ where: { decisionId } });
    const pdf = await download(decisionId);
    expect(Buffer.from(pdf).equals(Buffer.from(stored.bytes))).toBe(true);
    expect(await download(decisionId, staff.secretary.id)).toEqual(pdf); // the same bytes every time, for everyone

    const report = pdfSignatures(pdf);
    expect(report).toContain("Signature Type: ETSI.CAdES.detached");
    expect(report).toContain("Signature Validation: Signature is Valid.");
    expect(report).toContain("Total document signed");
    expect(report).toContain("Signer Certificate Common Name: Ủy ban nhân dân xã Tam Phước (chứng thư thử nghiệm)");
    expect(report).toContain("Signing Time: Nov 20 2026 03:00:00");
    expect(report).toMatch(/Certificate Validation: Certificate issuer is unknown/); // a self-made test certificate

    const text = pdfText(pdf);
    expect(text).toContain(`Số: ${number}`);
    expect(text).toContain("Ký bởi: Nguyễn Văn Hùng Cơ quan: Ủy ban nhân dân xã Tam Phước Thời gian ký: 20/11/2026 10:00:00 +07:00");
    expect(text).toContain("CHỦ TỊCH Ký bởi: Nguyễn Văn Hùng");
    expect(text).toContain("Nguyễn Thị Hoa");
    expect(pdf.byteLength).toBeLessThan(150 * 1024);

    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityType: "AwardDecision", entityId: decisionId, action: "decision.SIGN" },
    });
    expect(audit.data).toMatchObject({ pdfSha256: sha256(pdf) });
    expect(stored.sha256).toBe(sha256(pdf));
    expect(await verifyPdfSignature(pdf)).toMatchObject({ valid: true, certificate: { selfSigned: true } });
    expect((await verifyAuditTrail(prisma)).firstBreak).toBeNull();
  });

  test("one byte changed in the stored file: pdfsig reports a digest mismatch, and the verification page says invalid", async () => {
    const { decisionId } = await signedDecision(["Lê Minh Tâm"]);
    const issued = await issueCertificates(await currentUser(staff.chairman.id), decisionId);
    if (!issued.ok) throw new Error(issued.message);
    const serial = issued.issued[0]!.serial;
    expect((await verificationPage(serial)).decisionSignature).toMatchObject({
      state: "valid",
      text: expect.stringMatching(
        /^Đã ký số bởi Ủy ban nhân dân xã Tam Phước \(chứng thư thử nghiệm\) lúc 20\/11\/2026 10:00; tệp quyết định không bị thay đổi sau khi ký\./,
      ),
    });

    // One bit of one byte inside the first stream of the file, well within the signed byte ranges.
    const original = await download(decisionId);
    const tampered = Buffer.from(original);
    const at = tampered.indexOf("endstream") - 40;
    tampered[at] = tampered[at]! ^ 0x01;
    await prisma.$executeRaw`UPDATE "DecisionPdf" SET bytes = ${tampered} WHERE "decisionId" = ${decisionId}`;

    const served = await download(decisionId);
    expect(Buffer.from(served).equals(tampered)).toBe(true);
    expect(pdfSignatures(served)).toContain("Signature Validation: Digest Mismatch.");
    expect(await verifyPdfSignature(served)).toMatchObject({
      valid: false,
      problem: "Nội dung tệp đã bị thay đổi sau khi ký (mã băm không khớp).",
    });
    const page = await verificationPage(serial);
    expect(page.decisionSignature).toEqual({
      state: "invalid",
      text: "Chữ ký số không hợp lệ: Nội dung tệp đã bị thay đổi sau khi ký (mã băm không khớp).",
    });
    expect(page.status).toBe("valid"); // the certificate itself is still genuine

    // Another validly signed file in its place is caught by the hash in the audit trail.
    const other = await signedDecision(["Phạm Văn Khác"]);
    const otherBytes = await download(other.decisionId);
    await prisma.$executeRaw`UPDATE "DecisionPdf" SET bytes = ${Buffer.from(otherBytes)} WHERE "decisionId" = ${decisionId}`;
    expect((await verificationPage(serial)).decisionSignature).toEqual({
      state: "invalid",
      text: "Chữ ký số không hợp lệ: Tệp quyết định trong hệ thống khác với tệp đã được ký số khi ban hành (theo nhật ký hệ thống).",
    });
  });

  test("when the unit's certificate cannot be used, nothing is signed: no decision, no number used", async () => {
    const commune = await createCommuneWithStaff("UBND xã Không Khóa");
    const first = await signedDecision(["Người Thứ Nhất"], commune);
    expect(first.number).toBe("01/QĐ-UBND");
    // The passphrase sealed under another server key (or altered): it no longer opens.
    await prisma.signingCredential.update({ where: { unitId: commune.commune.id }, data: { encryptedPassphrase: "v1.AAAA.AAAA.AAAA" } });
    const movement = await createMovement(commune.commune.id);
    await approvedDossiers(commune, movement.id, 1, ["Người Thứ Hai"]);
    const { signAwardDecision } = await import("~/models/award-decision.server.ts");
    expect(await signAwardDecision(await currentUser(commune.chairman.id), movement.id, SIGNED_AT)).toEqual({
      ok: false,
      status: 409,
      message: "Không giải mã được mật khẩu của chứng thư số (khóa của máy chủ đã thay đổi); vui lòng tải lên lại tệp chứng thư số.",
    });
    expect(await prisma.awardDecision.count({ where: { movementId: movement.id } })).toBe(0);
    const counter = await prisma.documentCounter.findFirstOrThrow({ where: { unitId: commune.commune.id, series: "QĐ-UBND" } });
    expect(counter.last).toBe(1);
  });
});

describe("the unit's certificate page", () => {
  async function upload(userId: string, fields: { file?: Uint8Array; fileName?: string; passphrase?: string }) {
    const form = new FormData();
    form.set("unitId", staff.commune.id);
    if (fields.file)
      form.set("file", new File([Buffer.from(fields.file)], fields.fileName ?? "chung-thu.p12", { type: "application/x-pkcs12" }));
    form.set("passphrase", fields.passphrase ?? "");
    const { action } = await import("~/routes/cai-dat.chu-ky-so.tsx");
    return action({ request: await requestAs(userId, "/cai-dat/chu-ky-so", { method: "POST", body: form }), params: {}, context }).catch(
      (thrown: unknown) => thrown,
    );
  }
  const errorsOf = (reply: unknown) => (reply as { data: { error: Record<string, string[]> } }).data.error;

  test("the chairman uploads a PKCS#12: refused with a clear message when wrong, then used for the next decision", async () => {
    const p12 = generateTestPkcs12("Ủy ban nhân dân xã Tam Phước", "Ủy ban nhân dân xã Tam Phước", "mật-khẩu đúng");
    expect(errorsOf(await upload(staff.chairman.id, { passphrase: "x" })).file).toEqual([
      "Vui lòng chọn tệp chứng thư số (.p12 hoặc .pfx).",
    ]);
    expect(errorsOf(await upload(staff.chairman.id, { file: p12, passphrase: "sai" }))[""]).toEqual([
      "Không mở được tệp chứng thư số: mật khẩu không đúng.",
    ]);
    expect(
      errorsOf(await upload(staff.chairman.id, { file: new TextEncoder().encode("không phải chứng thư"), passphrase: "x" }))[""],
    ).toEqual(["Tệp tải lên không phải tệp chứng thư số PKCS#12 (.p12 hoặc .pfx) hợp lệ."]);
    const expired = generateTestPkcs12("Chứng thư cũ", "Ủy ban nhân dân xã Tam Phước", "cu", new Date("2010-01-01T00:00:00Z"));
    const expiredOn = formatDate(summarizeCertificate(readPkcs12(expired, "cu").certificate).notAfter);
    expect(expiredOn).toMatch(/\/2019$/);
    expect(errorsOf(await upload(staff.chairman.id, { file: expired, passphrase: "cu" }))[""]).toEqual([
      `Chứng thư số đã hết hạn ngày ${expiredOn}.`,
    ]);
    const secretary = (await upload(staff.secretary.id, { file: p12, passphrase: "mật-khẩu đúng" })) as Response;
    expect(secretary.status).toBe(403);

    const done = (await upload(staff.chairman.id, { file: p12, passphrase: "mật-khẩu đúng" })) as Response;
    expect(done.headers.get("Location")).toBe(`/cai-dat/chu-ky-so?don-vi=${staff.commune.id}&xong=1`);
    const row = await prisma.signingCredential.findUniqueOrThrow({ where: { unitId: staff.commune.id } });
    expect(row).toMatchObject({
      generated: false,
      uploadedById: staff.chairman.id,
      subject: "CN=Ủy ban nhân dân xã Tam Phước, O=Ủy ban nhân dân xã Tam Phước, C=VN",
    });
    expect(row.encryptedPassphrase).not.toContain("mật-khẩu");
    expect(await prisma.auditEvent.count({ where: { action: "signing_credential.UPLOAD", entityId: staff.commune.id } })).toBe(1);

    const { loader } = await import("~/routes/cai-dat.chu-ky-so.tsx");
    const page = await loader({ request: await requestAs(staff.chairman.id, "/cai-dat/chu-ky-so"), params: {}, context });
    expect(page.current).toMatchObject({ generated: false, expired: false, issuer: row.issuer });

    const { decisionId } = await signedDecision(["Võ Thị Chứng Thư"]);
    const report = pdfSignatures(await download(decisionId));
    expect(report).toContain("Signer Certificate Common Name: Ủy ban nhân dân xã Tam Phước\n");
    expect(report).toContain("Signature Validation: Signature is Valid.");
  });

  test("an administrator of the unit may upload; an official may not open the page", async () => {
    const admin = await createUser({ unitId: staff.commune.id, roles: [{ role: "admin" }], fullName: "Lý Thanh Sơn" });
    const p12 = generateTestPkcs12("UBND xã Tam Phước (quản trị)", "Ủy ban nhân dân xã Tam Phước", "");
    expect(((await upload(admin.id, { file: p12 })) as Response).status).toBe(302);
    const { loader } = await import("~/routes/cai-dat.chu-ky-so.tsx");
    const refused = await loader({ request: await requestAs(staff.official.id, "/cai-dat/chu-ky-so"), params: {}, context }).catch(
      (thrown: unknown) => thrown,
    );
    expect((refused as Response).status).toBe(403);
  });
});

describe("the legal basis of the unit's decisions", () => {
  async function save(userId: string, fields: Record<string, string>) {
    const { action } = await import("~/routes/cai-dat.quyet-dinh.tsx");
    return action({
      request: await requestAs(userId, "/cai-dat/quyet-dinh", {
        method: "POST",
        body: new URLSearchParams({ unitId: staff.commune.id, ...fields }),
      }),
      params: {},
      context,
    }).catch((thrown: unknown) => thrown);
  }

  test("defaults cite the laws and decrees by number and date; the office edits them; the next decision prints them; reset restores", async () => {
    const { loader } = await import("~/routes/cai-dat.quyet-dinh.tsx");
    const before = await loader({ request: await requestAs(staff.secretary.id, "/cai-dat/quyet-dinh"), params: {}, context });
    expect(before.custom).toBe(false);
    expect(before.legalBasis.split("\n")).toEqual([
      "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;",
      "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
      "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng;",
    ]);
    expect(before.proposedBy).toBe("Văn phòng Ủy ban nhân dân xã (Thường trực Hội đồng Thi đua - Khen thưởng xã)");

    const bad = await save(staff.secretary.id, {
      intent: "save",
      legalBasis: "Căn cứ Luật A;\nLuật B không có chữ căn cứ",
      proposedBy: "Văn phòng",
    });
    expect((bad as { data: { error: Record<string, string[]> } }).data.error.legalBasis).toEqual(["Dòng 2 phải bắt đầu bằng «Căn cứ»."]);
    expect(((await save(staff.official.id, { intent: "save", legalBasis: "Căn cứ Luật A", proposedBy: "X" })) as Response).status).toBe(
      403,
    );

    const lines = [
      "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025",
      "",
      "  căn cứ Quyết định số 12/2025/QĐ-UBND ngày 01 tháng 8 năm 2025 của Ủy ban nhân dân Thành phố ban hành Quy chế công tác thi đua, khen thưởng.",
    ];
    const saved = (await save(staff.secretary.id, {
      intent: "save",
      legalBasis: lines.join("\r\n"),
      proposedBy: "Công chức Văn hóa - Xã hội.",
    })) as Response;
    expect(saved.headers.get("Location")).toBe(`/cai-dat/quyet-dinh?don-vi=${staff.commune.id}&xong=save`);

    const { decisionId } = await signedDecision(["Đặng Văn Căn Cứ"]);
    const decision = await prisma.awardDecision.findUniqueOrThrow({ where: { id: decisionId } });
    expect(decision.legalBasis[0]).toBe("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;");
    expect(decision.legalBasis[1]).toBe(
      "Căn cứ Quyết định số 12/2025/QĐ-UBND ngày 01 tháng 8 năm 2025 của Ủy ban nhân dân Thành phố ban hành Quy chế công tác thi đua, khen thưởng;",
    );
    expect(decision.legalBasis.at(-1)).toBe("Theo đề nghị của Công chức Văn hóa - Xã hội.");
    const text = pdfText(await download(decisionId));
    expect(text).toContain("Căn cứ Quyết định số 12/2025/QĐ-UBND ngày 01 tháng 8 năm 2025");
    expect(text).toContain("Theo đề nghị của Công chức Văn hóa - Xã hội.");
    expect(await prisma.auditEvent.count({ where: { action: "document_settings.UPDATE", entityId: staff.commune.id } })).toBe(1);

    const reset = (await save(staff.chairman.id, { intent: "reset" })) as Response;
    expect(reset.headers.get("Location")).toBe(`/cai-dat/quyet-dinh?don-vi=${staff.commune.id}&xong=reset`);
    const after = await loader({ request: await requestAs(staff.secretary.id, "/cai-dat/quyet-dinh"), params: {}, context });
    expect(after).toMatchObject({ custom: false, legalBasis: defaultDecisionLegalBasis(new Date()).join("\n") });
  });
});
