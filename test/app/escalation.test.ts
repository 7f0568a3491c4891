// Đề nghị cấp trên khen thưởng: the level above is the parent unit, followed through ended and merged
// units; one ZIP with the commune's Tờ trình, the documents, minutes, decision, files and a manifest
// whose SHA-256 sums are recomputed here; the dossier moves to `forwarded`.
import { createHash } from "node:crypto";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { verifyAuditTrail } from "~/models/audit.server.ts";
import { storeContent } from "~/models/attachment.server.ts";
import { issueCertificates } from "~/models/certificate.server.ts";
import { escalateDossier, higherLevelFor } from "~/models/escalation.server.ts";
import { castBallot, closeVotingSession, openVotingSession, secretaryCloser } from "~/models/voting.server.ts";
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
  SAMPLE_FILES,
  signAsChairman,
  type Staff,
} from "../support/factories.ts";
import { pdfInk, pdfText } from "../support/pdf.ts";
import { actorFor, sendDossierEvent } from "~/models/dossier.server.ts";

let db: TestDatabase;
let staff: Staff;
let city: Awaited<ReturnType<typeof createUnit>>;

const context = { clientIp: "test" };
const ENDED = new Date("2025-06-30T17:00:00Z"); // 01/07/2025 in Vietnam

beforeAll(async () => {
  db = await createTestDatabase();
  // The demo's tree: the commune under a district that ended on 01/07/2025, under a province merged into the city.
  city = await createUnit({ name: "UBND Thành phố Hồ Chí Minh", kind: "province", placeName: "Thành phố Hồ Chí Minh" });
  const province = await createUnit({ name: "UBND tỉnh Bà Rịa - Vũng Tàu", kind: "province", endedAt: ENDED, mergedIntoId: city.id });
  const district = await createUnit({ name: "UBND huyện Long Điền", kind: "district", parentId: province.id, endedAt: ENDED });
  staff = await createCommuneWithStaff("UBND xã Tam Phước");
  await prisma.orgUnit.update({
    where: { id: staff.commune.id },
    data: { parentId: district.id, ancestorIds: [province.id, district.id] },
  });
});
afterAll(() => db.destroy());

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("the level above", () => {
  test("is the parent unit, followed through an ended district and a merged province — and says so", async () => {
    const target = await higherLevelFor(prisma, staff.commune.id, new Date("2026-11-22T00:00:00Z"));
    expect(target).toEqual({
      ok: true,
      unit: { id: city.id, name: "UBND Thành phố Hồ Chí Minh" },
      note:
        "UBND huyện Long Điền đã kết thúc hoạt động từ ngày 01/07/2025 (không còn cấp huyện), cấp trên tiếp theo là UBND tỉnh Bà Rịa - Vũng Tàu; " +
        "UBND tỉnh Bà Rịa - Vũng Tàu đã hợp nhất vào UBND Thành phố Hồ Chí Minh từ ngày 01/07/2025. Hồ sơ được đề nghị lên UBND Thành phố Hồ Chí Minh.",
    });
    // Before 01/07/2025 the district was the level above, as the 2023 plan says.
    const then = await higherLevelFor(prisma, staff.commune.id, new Date("2023-11-20T00:00:00Z"));
    expect(then).toMatchObject({ ok: true, unit: { name: "UBND huyện Long Điền" }, note: null });
    const orphan = await createCommuneWithStaff("UBND xã Mồ Côi");
    expect(await higherLevelFor(prisma, orphan.commune.id)).toEqual({
      ok: false,
      message: "Đơn vị chưa có cơ quan cấp trên trong cây đơn vị; vui lòng nhờ quản trị hệ thống cập nhật.",
    });
  });
});

describe("proposing a dossier upward", () => {
  test("one ZIP with every document and a manifest whose checksums match; the dossier is forwarded and audited", async () => {
    // A dossier voted by the council, approved, decided and awarded, with two real files.
    const council = await createCouncil(staff, 5);
    const movement = await createMovement(staff.commune.id);
    const dossierId = await createDossierAt(staff, movement.id, "screened", { name: "Trần Văn Thành" });
    const opened = await openVotingSession(await currentUser(staff.secretary.id), {
      movementId: movement.id,
      dossierIds: [dossierId],
      closesAt: new Date(Date.now() + 3600_000),
    });
    if (!opened.ok) throw new Error(opened.message);
    for (const userId of council.memberIds)
      expect(await castBallot({ id: userId }, { sessionId: opened.sessionId, dossierId, choice: "agree" })).toEqual({ ok: true });
    const closed = await closeVotingSession(await secretaryCloser(await currentUser(staff.secretary.id)), opened.sessionId);
    if (!closed.ok) throw new Error(closed.message);
    const chairman = await currentUser(staff.chairman.id);
    expect((await sendDossierEvent({ dossierId, actor: await actorFor(chairman), command: { type: "APPROVE" } })).ok).toBe(true);
    const { decisionId, number } = await signAsChairman(staff, movement.id);
    const issued = await issueCertificates(chairman, decisionId);
    if (!issued.ok) throw new Error(issued.message);
    await prisma.attachment.updateMany({ where: { dossierId }, data: { supersededAt: new Date() } }); // the factory's placeholder scan
    for (const [fileName, kind, bytes, mimeType] of [
      ["Biên bản họp có chữ ký.pdf", "unit_minutes_scan", SAMPLE_FILES.pdf(), "application/pdf"],
      ["anh-khen-thuong.png", "other", SAMPLE_FILES.png(), "image/png"],
    ] as const) {
      const sha256 = await storeContent(prisma, bytes);
      await prisma.attachment.create({
        data: { dossierId, kind, fileName, mimeType, size: bytes.byteLength, sha256, uploadedById: staff.official.id },
      });
    }

    // The secretary proposes it through the page.
    const { action } = await import("~/routes/phe-duyet.de-nghi-cap-tren.tsx");
    const version = (await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } })).version;
    const response = await action({
      request: await requestAs(staff.secretary.id, "/phe-duyet/de-nghi-cap-tren", {
        method: "POST",
        body: new URLSearchParams({ dossierId, version: String(version) }),
      }),
      params: {},
      context,
    });
    expect((response as Response).headers.get("Location")).toBe(`/phe-duyet/de-nghi-cap-tren?xong=${encodeURIComponent("01/TTr-UBND")}`);

    const dossier = await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId } });
    expect(dossier.state).toBe("forwarded");
    const forwardAudit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: dossierId, action: "dossier.FORWARD_UP" } });
    expect(forwardAudit).toMatchObject({
      fromState: "awarded",
      toState: "forwarded",
      actorName: "Trần Thị Thu Hà",
      data: { toUnitId: city.id },
    });
    const escalation = await prisma.escalation.findUniqueOrThrow({ where: { dossierId } });
    expect(escalation).toMatchObject({ number: "01/TTr-UBND", toUnitId: city.id, signerName: "Nguyễn Văn Hùng", signerTitle: "CHỦ TỊCH" });
    expect(escalation.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(
      await prisma.auditEvent.count({ where: { entityId: escalation.id, action: { in: ["escalation.CREATE", "escalation.PACKAGE"] } } }),
    ).toBe(2);
    expect((await verifyAuditTrail(prisma)).firstBreak).toBeNull();

    // The chairman downloads the ZIP.
    const { loader } = await import("~/routes/ho-so.$dossierId.de-nghi-cap-tren[.]zip.tsx");
    const download = async () =>
      loader({ request: await requestAs(staff.chairman.id, `/ho-so/${dossierId}/de-nghi-cap-tren.zip`), params: { dossierId }, context });
    const zipResponse = await download();
    expect(zipResponse.headers.get("Content-Type")).toBe("application/zip");
    const bytes = new Uint8Array(await zipResponse.arrayBuffer());
    const zip = await JSZip.loadAsync(bytes);
    const names = Object.keys(zip.files)
      .filter((name) => !zip.files[name]!.dir)
      .sort();
    expect(names).toEqual(
      [
        "01-to-trinh-de-nghi-cap-tren.pdf",
        "02-to-trinh-cua-don-vi.pdf",
        "03-bien-ban-hop-don-vi.pdf",
        "04-bao-cao-thanh-tich.pdf",
        "05-bien-ban-hop-hoi-dong-xa.pdf",
        "06-quyet-dinh-khen-thuong.pdf",
        "manifest.json",
        "tep-dinh-kem/01-Biên bản họp có chữ ký.pdf",
        "tep-dinh-kem/02-anh-khen-thuong.png",
      ].sort(),
    );

    const manifestBytes = await zip.file("manifest.json")!.async("uint8array");
    expect(sha256(manifestBytes)).toBe(escalation.manifestSha256);
    const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as {
      files: Array<{ path: string; size: number; sha256: string; mimeType: string }>;
      missingFiles: unknown[];
      escalation: { number: string; to: { name: string }; routingNote: string };
      dossier: { id: string; state: string };
      nominee: { name: string };
      decision: { number: string };
      certificate: { serial: string };
    };
    expect(manifest.files.map((f) => f.path).sort()).toEqual(names.filter((name) => name !== "manifest.json"));
    for (const file of manifest.files) {
      const content = await zip.file(file.path)!.async("uint8array");
      expect(content.byteLength).toBe(file.size);
      expect(sha256(content)).toBe(file.sha256);
    }
    expect(manifest.missingFiles).toEqual([]);
    expect(manifest).toMatchObject({
      escalation: {
        number: "01/TTr-UBND",
        to: { name: "UBND Thành phố Hồ Chí Minh" },
        routingNote: expect.stringContaining("UBND huyện Long Điền đã kết thúc hoạt động"),
      },
      dossier: { id: dossierId, state: "forwarded" },
      nominee: { name: "Trần Văn Thành" },
      decision: { number },
      certificate: { serial: issued.issued[0]!.serial },
    });
    const attached = manifest.files.find((f) => f.path.endsWith(".png"))!;
    expect(attached).toMatchObject({ mimeType: "image/png", sha256: sha256(SAMPLE_FILES.png()) });

    // The commune's Tờ trình and the other PDFs read as they should.
    const proposal = await zip.file("01-to-trinh-de-nghi-cap-tren.pdf")!.async("uint8array");
    const proposalText = pdfText(proposal);
    for (const expected of [
      "ỦY BAN NHÂN DÂN",
      "XÃ TAM PHƯỚC",
      "Số: 01/TTr-UBND",
      "TỜ TRÌNH",
      "Kính gửi: Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh.",
      `Căn cứ Quyết định số ${number}`,
      "Ủy ban nhân dân xã Tam Phước kính đề nghị Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh xem xét, khen thưởng cho ông (bà) Trần Văn Thành",
      "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH",
      "Nguyễn Văn Hùng",
    ]) {
      expect(proposalText).toContain(expected);
    }
    expect(pdfInk(proposal)).toBeGreaterThan(0.01);
    expect(pdfText(await zip.file("06-quyet-dinh-khen-thuong.pdf")!.async("uint8array"))).toContain(`Số: ${number}`);
    expect(pdfText(await zip.file("05-bien-ban-hop-hoi-dong-xa.pdf")!.async("uint8array"))).toContain("BIÊN BẢN");
    expect(pdfText(await zip.file("04-bao-cao-thanh-tich.pdf")!.async("uint8array"))).toContain("BÁO CÁO THÀNH TÍCH");
    expect(pdfText(await zip.file("02-to-trinh-cua-don-vi.pdf")!.async("uint8array"))).toContain("TỜ TRÌNH");

    // Rebuilt later, the package is byte for byte the same.
    expect(sha256(new Uint8Array(await (await download()).arrayBuffer()))).toBe(sha256(bytes));

    // Once forwarded, it cannot be sent again.
    expect(await escalateDossier(await currentUser(staff.chairman.id), dossierId)).toMatchObject({ ok: false, status: 422 });
  });

  test("only approved or awarded dossiers, only by the chairman or the office of the commune", async () => {
    const movement = await createMovement(staff.commune.id);
    const waiting = await createDossierAt(staff, movement.id, "council_passed");
    expect(await escalateDossier(await currentUser(staff.chairman.id), waiting)).toEqual({
      ok: false,
      status: 422,
      message: "Chỉ đề nghị cấp trên khen thưởng cho hồ sơ đã được Chủ tịch UBND xã phê duyệt hoặc đã được tặng Giấy khen.",
    });
    const [approved] = await approvedDossiers(staff, movement.id, 1);
    const other = await createCommuneWithStaff("UBND xã Bên Ngoài");
    expect(await escalateDossier(await currentUser(other.chairman.id), approved!)).toMatchObject({ ok: false, status: 404 });
    const { loader } = await import("~/routes/phe-duyet.de-nghi-cap-tren.tsx");
    await expect(
      loader({ request: await requestAs(staff.official.id, "/phe-duyet/de-nghi-cap-tren"), params: {}, context }),
    ).rejects.toMatchObject({ status: 403 });
    const page = await loader({ request: await requestAs(staff.chairman.id, "/phe-duyet/de-nghi-cap-tren"), params: {}, context });
    expect(page.candidates.find((c) => c.id === approved)).toMatchObject({ target: { name: "UBND Thành phố Hồ Chí Minh" } });

    // An approved dossier with no decision yet goes up without a decision PDF; its number follows.
    const result = await escalateDossier(await currentUser(staff.chairman.id), approved!);
    expect(result).toMatchObject({ ok: true, number: "02/TTr-UBND", toUnitName: "UBND Thành phố Hồ Chí Minh" });
    const { loader: zipLoader } = await import("~/routes/ho-so.$dossierId.de-nghi-cap-tren[.]zip.tsx");
    const zip = await JSZip.loadAsync(
      await (
        await zipLoader({
          request: await requestAs(staff.secretary.id, `/ho-so/${approved}/de-nghi-cap-tren.zip`),
          params: { dossierId: approved! },
          context,
        })
      ).arrayBuffer(),
    );
    expect(zip.file("06-quyet-dinh-khen-thuong.pdf")).toBeNull();
    const manifest = JSON.parse(await zip.file("manifest.json")!.async("string")) as {
      decision: unknown;
      missingFiles: Array<{ fileName: string }>;
    };
    expect(manifest.decision).toBeNull();
    // The factory's scan is read from the database like any upload: in the ZIP, nothing missing.
    expect(manifest.missingFiles).toEqual([]);
    expect(zip.file(/^tep-dinh-kem\/01-bien-ban\.pdf$/)).toHaveLength(1);
  });
});
