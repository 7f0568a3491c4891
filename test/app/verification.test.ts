// The public verification page (/xac-minh/<serial>, no sign-in): valid, revoked, and a row edited
// directly in the database, which no longer matches the Ed25519 signature made at issuance.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { issueCertificates, revokeCertificate } from "~/models/certificate.server.ts";
import { prisma } from "~/utils/db.server.ts";
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

let db: TestDatabase;
let staff: Staff;

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createCommuneWithStaff("UBND xã Tam Phước");
});
afterAll(() => db.destroy());

async function issued(name: string) {
  const movement = await createMovement(staff.commune.id);
  await approvedDossiers(staff, movement.id, 1, [name]);
  const { decisionId, number } = await signAsChairman(staff, movement.id, new Date("2026-11-20T03:00:00Z"));
  const result = await issueCertificates(await currentUser(staff.chairman.id), decisionId);
  if (!result.ok) throw new Error(result.message);
  return { ...result.issued[0]!, number };
}

/** The page as an anonymous visitor loads it. */
async function visit(serial: string) {
  const { loader } = await import("~/routes/xac-minh.$serial.tsx");
  return loader({ request: await requestAs(null, `/xac-minh/${serial}`), params: { serial }, context: { clientIp: "test" } });
}

describe("public verification", () => {
  test("a genuine certificate shows as «Hợp lệ» with awardee, award, decision and issuing unit — without signing in", async () => {
    const { serial, number } = await issued("Trần Văn Thành");
    const page = await visit(serial);
    expect(page).toMatchObject({
      status: "valid",
      problem: null,
      serial,
      recipient: "Ông/Bà Trần Văn Thành",
      awardForm: "Giấy khen của Chủ tịch Ủy ban nhân dân xã Tam Phước",
      issuer: "Ủy ban nhân dân xã Tam Phước",
      decision: `Quyết định số ${number} ngày 20/11/2026`,
      signer: "Chủ tịch Nguyễn Văn Hùng",
      revokedAt: null,
    });
    expect(page.achievement).toMatch(/^Đã có thành tích xuất sắc trong phong trào thi đua “Nâng cao trách nhiệm/);
    // Typed in lower case with spaces, the form finds it.
    const { loader: form } = await import("~/routes/xac-minh._index.tsx");
    const redirect = await form({
      request: await requestAs(null, `/xac-minh?so=${encodeURIComponent(` ${serial.toLowerCase()} `)}`),
      params: {},
      context: { clientIp: "test" },
    });
    expect(redirect).toBeInstanceOf(Response);
    expect((redirect as Response).headers.get("Location")).toBe(`/xac-minh/${serial}`);
  });

  test("a revoked certificate shows «Đã thu hồi» with the date and the reason; revoking needs the chairman and a reason, and is audited", async () => {
    const { serial, certificateId } = await issued("Nguyễn Thị Hoa");
    expect(await revokeCertificate(await currentUser(staff.secretary.id), certificateId, "Sai thông tin")).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await revokeCertificate(await currentUser(staff.chairman.id), certificateId, "  ")).toEqual({
      ok: false,
      status: 422,
      message: "Vui lòng ghi rõ lý do thu hồi Giấy khen.",
    });
    const when = new Date("2026-11-25T02:00:00Z");
    expect(
      await revokeCertificate(await currentUser(staff.chairman.id), certificateId, "Phát hiện kê khai thành tích không trung thực", when),
    ).toEqual({ ok: true });
    expect(await revokeCertificate(await currentUser(staff.chairman.id), certificateId, "Lần hai")).toMatchObject({
      ok: false,
      status: 409,
    });

    const page = await visit(serial);
    expect(page).toMatchObject({
      status: "revoked",
      revokedAt: "25/11/2026",
      revokedReason: "Phát hiện kê khai thành tích không trung thực",
    });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "Certificate", entityId: certificateId } });
    expect(audit).toMatchObject({
      action: "certificate.REVOKE",
      reason: "Phát hiện kê khai thành tích không trung thực",
      actorName: "Nguyễn Văn Hùng",
    });

    // Through the route: the reason is required, the chairman is sent back to the decision.
    const { action } = await import("~/routes/giay-khen.$certificateId.thu-hoi.tsx");
    const post = async (reason: string) =>
      action({
        request: await requestAs(staff.chairman.id, `/giay-khen/${certificateId}/thu-hoi`, {
          method: "POST",
          body: new URLSearchParams({ reason }),
        }),
        params: { certificateId },
        context: { clientIp: "test" },
      });
    const empty = (await post("")) as unknown as { init: { status: number }; data: { error: Record<string, string[]> } };
    expect(empty.init.status).toBe(400);
    expect(empty.data.error.reason).toEqual(["Vui lòng ghi rõ lý do thu hồi Giấy khen."]);
  });

  test("a row edited directly in the database shows «Không hợp lệ» and says the data does not match the signed record", async () => {
    const { serial, certificateId } = await issued("Lê Minh Tâm");
    expect((await visit(serial)).status).toBe("valid");
    await prisma.$executeRaw`UPDATE "Certificate" SET "recipientName" = 'Lê Minh Tâm Giả' WHERE id = ${certificateId}`;
    const page = await visit(serial);
    expect(page.status).toBe("invalid");
    expect(page.problem).toBe(
      "Dữ liệu của Giấy khen trong hệ thống không khớp với bản ghi đã được ký số khi cấp (có thể đã bị sửa đổi trái phép). Vui lòng liên hệ Ủy ban nhân dân nơi cấp để được xác minh.",
    );
    // Changing the decision date (or any signed column) is caught the same way.
    await prisma.$executeRaw`UPDATE "Certificate" SET "recipientName" = 'Lê Minh Tâm', "decisionDate" = "decisionDate" - interval '1 day' WHERE id = ${certificateId}`;
    expect((await visit(serial)).status).toBe("invalid");
  });

  test("clearing a revocation in the database does not make the certificate valid again", async () => {
    const { serial, certificateId } = await issued("Phạm Văn Xóa");
    await revokeCertificate(await currentUser(staff.chairman.id), certificateId, "Trùng hồ sơ");
    await prisma.$executeRaw`UPDATE "Certificate" SET "revokedAt" = NULL, "revokedReason" = NULL, "revocationSignature" = NULL WHERE id = ${certificateId}`;
    expect(await visit(serial)).toMatchObject({
      status: "invalid",
      problem: expect.stringMatching(/^Nhật ký của hệ thống ghi nhận Giấy khen này đã bị thu hồi/),
    });

    const { serial: other, certificateId: otherId } = await issued("Đỗ Văn Lý Do");
    await revokeCertificate(await currentUser(staff.chairman.id), otherId, "Lý do thật");
    await prisma.$executeRaw`UPDATE "Certificate" SET "revokedReason" = 'Lý do khác' WHERE id = ${otherId}`;
    expect(await visit(other)).toMatchObject({
      status: "invalid",
      problem: expect.stringMatching(/^Thông tin thu hồi của Giấy khen không khớp/),
    });
  });

  test("an unknown serial is a 404 with a Vietnamese message", async () => {
    const error = await visit("TP-2026-99999-XXXX").catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(404);
    expect(await (error as Response).text()).toBe(
      "Không tìm thấy Giấy khen có số hiệu «TP-2026-99999-XXXX». Vui lòng kiểm tra lại số hiệu in trên Giấy khen.",
    );
  });

  test("certificate rows are never deleted", async () => {
    const { certificateId } = await issued("Võ Thị Lưu");
    await expect(prisma.certificate.delete({ where: { id: certificateId } })).rejects.toThrow();
    expect(await prisma.certificate.count({ where: { id: certificateId } })).toBe(1);
  });
});
