// Cấp lại Giấy khen: a revoked certificate reissued under a new serial that names the one it replaces, with
// the name corrected; both verification pages link each other; the new PDF and QR carry the new serial.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { verifyAuditTrail } from "~/models/audit.server.ts";
import { createDelegation } from "~/models/delegation.server.ts";
import { issueCertificates, revokeCertificate, verifyCertificate } from "~/models/certificate.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { env } from "~/utils/env.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import {
  approvedDossiers,
  createCommuneWithStaff,
  createMovement,
  createViceChairman,
  currentUser,
  isoDay,
  requestAs,
  signAsChairman,
  type Staff,
} from "../support/factories.ts";
import { pdfText } from "../support/pdf.ts";
import { decodeQr } from "../support/qr.ts";

let db: TestDatabase;
let staff: Staff;

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createCommuneWithStaff("UBND xã Tam Phước");
  await prisma.orgUnit.update({ where: { id: staff.commune.id }, data: { placeName: "Tam Phước" } });
});
afterAll(() => db.destroy());

async function revokedCertificate(name: string) {
  const movement = await createMovement(staff.commune.id, { quota: 5 });
  await approvedDossiers(staff, movement.id, 1, [name]);
  const { decisionId } = await signAsChairman(staff, movement.id, new Date("2026-11-20T03:00:00Z"));
  const chairman = await currentUser(staff.chairman.id);
  const issued = await issueCertificates(chairman, decisionId);
  if (!issued.ok) throw new Error(issued.message);
  const { certificateId, serial } = issued.issued[0]!;
  expect(await revokeCertificate(chairman, certificateId, "Sai chính tả họ tên")).toEqual({ ok: true });
  return { movement, decisionId, certificateId, serial };
}

function post(userId: string, path: string, fields: Record<string, string>) {
  return requestAs(userId, path, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

const route = () => import("~/routes/giay-khen.$certificateId.cap-lai.tsx");

describe("reissuing a revoked certificate", () => {
  test("the chairman reissues with a corrected name: new serial, audited, both public pages link each other, new PDF and QR", async () => {
    const { decisionId, certificateId, serial } = await revokedCertificate("Nguyễn Văn Thàng");
    const { action, loader } = await route();
    const shown = await loader({
      request: await requestAs(staff.chairman.id, `/giay-khen/${certificateId}/cap-lai`),
      params: { certificateId },
      context: { clientIp: "test" },
    });
    expect(shown).toMatchObject({ serial, recipientName: "Nguyễn Văn Thàng", replacedBy: null });

    // No reason: refused with a Vietnamese message next to the field, nothing written.
    const refused = (await action({
      request: await post(staff.chairman.id, `/giay-khen/${certificateId}/cap-lai`, { reason: " ", recipientName: "Nguyễn Văn Thành" }),
      params: { certificateId },
      context: { clientIp: "test" },
    })) as unknown as { init: { status: number }; data: { error: Record<string, string[]> } };
    expect(refused.init.status).toBe(400);
    expect(refused.data.error.reason).toEqual(["Vui lòng nhập lý do cấp lại."]);
    const badName = (await action({
      request: await post(staff.chairman.id, `/giay-khen/${certificateId}/cap-lai`, { reason: "Sửa tên", recipientName: "<b>Thành</b>" }),
      params: { certificateId },
      context: { clientIp: "test" },
    })) as unknown as { init: { status: number }; data: { error: Record<string, string[]> } };
    expect(badName.init.status).toBe(400);
    expect(badName.data.error.recipientName?.[0]).toContain("không được chứa ký tự <, >");
    expect(await prisma.certificate.count({ where: { replacesId: certificateId } })).toBe(0);

    const response = (await action({
      request: await post(staff.chairman.id, `/giay-khen/${certificateId}/cap-lai`, {
        reason: "Giấy khen cũ in sai chính tả họ tên",
        honorific: "Ông",
        recipientName: "Nguyễn Văn Thành",
        recipientDetail: "Công chức Văn phòng - Thống kê",
      }),
      params: { certificateId },
      context: { clientIp: "test" },
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(new RegExp(`^/quyet-dinh/${decisionId}\\?xong=cap-lai&so=`));

    const fresh = await prisma.certificate.findFirstOrThrow({ where: { replacesId: certificateId } });
    expect(fresh.serial).not.toBe(serial);
    expect(fresh).toMatchObject({
      recipientName: "Nguyễn Văn Thành",
      honorific: "Ông",
      recipientDetail: "Công chức Văn phòng - Thống kê",
      reissueReason: "Giấy khen cũ in sai chính tả họ tên",
      signerTitle: "CHỦ TỊCH",
      onBehalf: false,
      revokedAt: null,
    });
    const dossier = await prisma.dossier.findUniqueOrThrow({
      where: { id: fresh.dossierId },
      select: { certificateId: true, state: true },
    });
    expect(dossier).toEqual({ certificateId: fresh.id, state: "awarded" });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "certificate.REISSUE", entityId: fresh.id } });
    expect(audit.reason).toBe("Giấy khen cũ in sai chính tả họ tên");
    expect(audit.data).toMatchObject({
      serial: fresh.serial,
      replacesSerial: serial,
      corrected: { recipientName: { from: "Nguyễn Văn Thàng", to: "Nguyễn Văn Thành" } },
    });
    expect((await verifyAuditTrail(prisma)).firstBreak).toBeNull();

    // The public pages: the old serial says it was replaced and links to the new one; the new one is valid and names the old.
    const verify = (await import("~/routes/xac-minh.$serial.tsx")).loader;
    const oldPage = await verify({
      request: new Request(`http://localhost/xac-minh/${serial}`),
      params: { serial },
      context: { clientIp: "test" },
    });
    expect(oldPage).toMatchObject({ status: "revoked", replacedBy: fresh.serial, replaces: null });
    const newPage = await verify({
      request: new Request(`http://localhost/xac-minh/${fresh.serial}`),
      params: { serial: fresh.serial },
      context: { clientIp: "test" },
    });
    expect(newPage).toMatchObject({
      status: "valid",
      replaces: serial,
      reissueReason: "Giấy khen cũ in sai chính tả họ tên",
      recipient: "Ông Nguyễn Văn Thành",
      replacedBy: null,
    });

    // The signed record covers the link: pointing the new row at another certificate breaks it.
    const other = await revokedCertificate("Lê Thị Khác");
    await prisma.certificate.update({ where: { id: fresh.id }, data: { replacesId: other.certificateId } });
    expect((await verifyCertificate(fresh.serial))?.status).toBe("invalid");
    await prisma.certificate.update({ where: { id: fresh.id }, data: { replacesId: certificateId } });
    expect((await verifyCertificate(fresh.serial))?.status).toBe("valid");

    // The new PDF, read back: the corrected name and the new serial; its QR code points to the new serial's page.
    const pdfLoader = (await import("~/routes/giay-khen.$certificateId.ban-in[.]pdf.tsx")).loader;
    const pdfResponse = await pdfLoader({
      request: await requestAs(staff.secretary.id, `/giay-khen/${fresh.id}/ban-in.pdf`),
      params: { certificateId: fresh.id },
      context: { clientIp: "test" },
    });
    const pdf = new Uint8Array(await pdfResponse.arrayBuffer());
    const text = pdfText(pdf);
    expect(text).toContain("Ông Nguyễn Văn Thành");
    expect(text).not.toContain("Thàng");
    expect(text).toContain(`Số hiệu: ${fresh.serial}`);
    expect(decodeQr(pdf)).toBe(`${env().APP_URL}/xac-minh/${fresh.serial}`);

    // Once only: a second reissue of the same revoked certificate is refused with the new serial.
    const again = (await action({
      request: await post(staff.chairman.id, `/giay-khen/${certificateId}/cap-lai`, {
        reason: "Lần hai",
        recipientName: "Nguyễn Văn Thành",
      }),
      params: { certificateId },
      context: { clientIp: "test" },
    })) as unknown as { init: { status: number }; data: { error: Record<string, string[]> } };
    expect(again.init.status).toBe(409);
    expect(again.data.error[""]).toEqual([`Giấy khen này đã được cấp lại với số hiệu ${fresh.serial}.`]);
    expect(await prisma.certificate.count({ where: { dossierId: fresh.dossierId } })).toBe(2);
  });

  test("only a revoked certificate, only the issuing commune's chairman or a vice-chairman delegated for the movement", async () => {
    const { movement, certificateId } = await revokedCertificate("Trần Thị Quyền");
    const input = { reason: "In lại", recipientName: "Trần Thị Quyền" };

    // A certificate in force cannot be reissued.
    const movement2 = await createMovement(staff.commune.id, { quota: 5 });
    await approvedDossiers(staff, movement2.id, 1, ["Phạm Văn Hiệu Lực"]);
    const { decisionId: decision2 } = await signAsChairman(staff, movement2.id, new Date("2026-11-21T03:00:00Z"));
    const chairman = await currentUser(staff.chairman.id);
    const inForce = await issueCertificates(chairman, decision2);
    if (!inForce.ok) throw new Error(inForce.message);
    const { reissueCertificate } = await import("~/models/certificate.server.ts");
    expect(await reissueCertificate(chairman, inForce.issued[0]!.certificateId, input)).toMatchObject({ ok: false, status: 409 });

    // The secretary, another commune's chairman, and a vice-chairman without a delegation: refused, nothing written.
    expect(await reissueCertificate(await currentUser(staff.secretary.id), certificateId, input)).toMatchObject({ ok: false, status: 403 });
    const outsider = await createCommuneWithStaff("UBND xã Ngoài");
    expect(await reissueCertificate(await currentUser(outsider.chairman.id), certificateId, input)).toMatchObject({
      ok: false,
      status: 404,
    });
    const vice = await createViceChairman(staff);
    expect(await reissueCertificate(await currentUser(vice.id), certificateId, input)).toMatchObject({ ok: false, status: 403 });
    const { loader } = await route();
    await expect(
      loader({
        request: await requestAs(outsider.chairman.id, `/giay-khen/${certificateId}/cap-lai`),
        params: { certificateId },
        context: { clientIp: "test" },
      }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await prisma.certificate.count({ where: { replacesId: certificateId } })).toBe(0);

    // Delegated for the movement, the vice-chairman reissues "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH".
    const today = isoDay(new Date());
    const delegated = await createDelegation(chairman, { delegateId: vice.id, movementId: movement.id, validFrom: today, validTo: today });
    expect(delegated.ok).toBe(true);
    const result = await reissueCertificate(await currentUser(vice.id), certificateId, input);
    if (!result.ok) throw new Error(result.message);
    const fresh = await prisma.certificate.findUniqueOrThrow({ where: { id: result.certificateId } });
    expect(fresh).toMatchObject({ signerTitle: "PHÓ CHỦ TỊCH", onBehalf: true, signerName: vice.fullName });
    expect((await verifyCertificate(fresh.serial))?.status).toBe("valid");
  });
});
