// Attachments: type by content (not by name), 10 MB, stored in the database under the content hash
// (once per content, only after the permission check), downloadable only by those who may see the dossier.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Document, Packer, Paragraph } from "docx";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MAX_ATTACHMENT_BYTES, cleanFileName, detectFileType, importLegacyFiles } from "~/models/attachment.server.ts";
import { action as minutesAction } from "~/routes/ho-so.$dossierId.bien-ban.tsx";
import { loader as downloadLoader } from "~/routes/ho-so.$dossierId.tep.$attachmentId.tsx";
import { action as dossierAction } from "~/routes/ho-so.$dossierId.tsx";
import { sendDossierEvent, actorFor } from "~/models/dossier.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import {
  completeDocuments,
  createCommune,
  createDraftDossier,
  createMovement,
  createUser,
  currentUser,
  REPORT_FORM_TARGETS,
  requestAs,
  SAMPLE_FILES,
} from "../support/factories.ts";

let db: TestDatabase;
let units: Awaited<ReturnType<typeof createCommune>>;
let official: { id: string };
let otherOfficial: { id: string };
let secretary: { id: string };
let strangerSecretary: { id: string };
let dossierId: string;

const context = { clientIp: "203.0.113.10" };
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

beforeAll(async () => {
  db = await createTestDatabase();
  units = await createCommune();
  const movement = await createMovement(units.commune.id, { targets: REPORT_FORM_TARGETS });
  official = await createUser({ unitId: units.justice.id, roles: [{ role: "official" }] });
  otherOfficial = await createUser({ unitId: units.land.id, roles: [{ role: "official" }] });
  secretary = await createUser({ unitId: units.commune.id, roles: [{ role: "secretary" }] });
  const elsewhere = await createCommune("UBND xã Bên Cạnh");
  strangerSecretary = await createUser({ unitId: elsewhere.commune.id, roles: [{ role: "secretary" }] });
  dossierId = await createDraftDossier({ officialId: official.id, movementId: movement.id, unitId: units.justice.id });
});
afterAll(() => db.destroy());

/** A refused form's data(…, { status }): Conform's reply or the refusal's message. */
type Reply = { data: { message?: string; error: Record<string, string[]> }; init: ResponseInit | null };

/**
 * Runs a loader or action; a thrown Response (redirect, 404) is returned like a returned one. Each case knows
 * which of the two it gets (a Response or a refused form's reply) and reads that side; statusOf reads either.
 */
async function run(promise: Promise<unknown>): Promise<Response & Reply> {
  try {
    return (await promise) as Response & Reply;
  } catch (error) {
    if (error instanceof Response) return error as Response & Reply;
    throw error;
  }
}
const statusOf = (result: Reply | Response) => (result instanceof Response ? result.status : (result.init?.status ?? 200));

async function upload(userId: string, file: File) {
  const form = new FormData();
  form.append("intent", "upload");
  form.append("file", file);
  return run(
    dossierAction({
      request: await requestAs(userId, `/ho-so/${dossierId}`, { method: "POST", body: form }),
      params: { dossierId },
      context,
    }),
  );
}

async function docxBytes() {
  const buffer = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("Tài liệu kèm theo")] }] }));
  return Uint8Array.from(buffer);
}

describe("type by content", () => {
  test("magic bytes decide, DOCX is a ZIP holding word/document.xml", async () => {
    expect(detectFileType(SAMPLE_FILES.pdf())).toBe("pdf");
    expect(detectFileType(SAMPLE_FILES.png())).toBe("png");
    expect(detectFileType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toBe("jpeg");
    expect(detectFileType(await docxBytes())).toBe("docx");
    const zip = new JSZip();
    zip.file("readme.txt", "không phải Word");
    expect(detectFileType(await zip.generateAsync({ type: "uint8array" }))).toBeNull();
    expect(detectFileType(SAMPLE_FILES.text())).toBeNull();
  });
});

describe("uploading", () => {
  test("a PDF is stored in the database under its SHA-256, with an audit row", async () => {
    const bytes = SAMPLE_FILES.pdf();
    const result = await upload(official.id, new File([bytes], "Quyết định khen thưởng năm 2022.pdf", { type: "application/pdf" }));
    expect(result.status).toBe(302);
    const attachment = await prisma.attachment.findFirstOrThrow({ where: { dossierId, fileName: "Quyết định khen thưởng năm 2022.pdf" } });
    expect(attachment).toMatchObject({ kind: "other", mimeType: "application/pdf", size: bytes.byteLength, uploadedById: official.id });
    expect(attachment.sha256).toBe(sha256(bytes));
    const content = await prisma.attachmentContent.findUniqueOrThrow({ where: { sha256: attachment.sha256 } });
    expect(new Uint8Array(content.bytes)).toEqual(bytes);
    expect(content.size).toBe(bytes.byteLength);
    expect(await prisma.auditEvent.count({ where: { entityId: dossierId, action: "dossier.attachment.ADD" } })).toBe(1);
  });

  test("the same file uploaded again under another name is stored once (two rows, one content)", async () => {
    const bytes = SAMPLE_FILES.pdf();
    expect((await upload(official.id, new File([bytes], "ban-sao.pdf"))).status).toBe(302);
    expect(await prisma.attachment.count({ where: { sha256: sha256(bytes) } })).toBe(2);
    expect(await prisma.attachmentContent.count({ where: { sha256: sha256(bytes) } })).toBe(1);
  });

  test("control, quote and bidirectional characters are removed from the stored name", async () => {
    // U+202E would show "hoso\u202Efdp.exe" as "hosoexe.pdf"; a quote and CR/LF would break a header.
    const bytes = new TextEncoder().encode("%PDF-1.4\n% ten tep la\n%%EOF\n");
    const result = await upload(official.id, new File([bytes], 'Bi\u00ean b\u1ea3n "k\u00fd"\r\n\u202Ehop\u2066.pdf'));
    expect(result.status).toBe(302);
    const attachment = await prisma.attachment.findFirstOrThrow({ where: { sha256: sha256(bytes) } });
    expect(attachment.fileName).toBe("Biên bản kýhop.pdf");
    expect(cleanFileName("C:\\Users\\x\\ho\u200Fso\u061C.pdf")).toBe("hoso.pdf");
    expect(cleanFileName("\u202E\u202D")).toBe("tep-dinh-kem");
  });

  test("a DOCX (by content) is accepted", async () => {
    const result = await upload(official.id, new File([await docxBytes()], "thuyet-minh.docx"));
    expect(result.status).toBe(302);
    expect(await prisma.attachment.findFirst({ where: { dossierId, fileName: "thuyet-minh.docx" }, select: { mimeType: true } })).toEqual({
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    });
  });

  test.each([
    [
      "a PNG named .pdf",
      () => new File([SAMPLE_FILES.png()], "bien-ban.pdf", { type: "application/pdf" }),
      "Nội dung tệp «bien-ban.pdf» là ảnh PNG, không khớp với phần mở rộng .pdf. Tệp bị từ chối.",
    ],
    [
      "text named .pdf",
      () => new File([SAMPLE_FILES.text()], "bao-cao.pdf", { type: "application/pdf" }),
      "Tệp «bao-cao.pdf» không phải là PDF, ảnh JPEG, ảnh PNG, tài liệu Word (DOCX) (kiểm tra theo nội dung tệp, không theo tên tệp).",
    ],
    ["an empty file", () => new File([], "rong.pdf"), "Tệp «rong.pdf» rỗng."],
  ])("%s is refused with a Vietnamese message", async (_name, file, message) => {
    const before = await prisma.attachment.count();
    const result = await upload(official.id, file());
    expect(statusOf(result)).toBe(400);
    expect(result.data.message).toBe(message);
    expect(await prisma.attachment.count()).toBe(before);
  });

  test("a file over 10 MB is refused and the rest of the form survives", async () => {
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(SAMPLE_FILES.pdf());
    const result = await upload(official.id, new File([big], "qua-lon.pdf"));
    expect(statusOf(result)).toBe(400);
    expect(result.data.message).toBe("Tệp «qua-lon.pdf» vượt quá 10 MB.");
  });

  test("the signed scan of the minutes is checked the same way, next to its field", async () => {
    const form = new FormData();
    form.append("intent", "draft");
    form.append("place", "Hội trường");
    form.append("scan", new File([SAMPLE_FILES.text()], "scan.png", { type: "image/png" }));
    const result = await run(
      minutesAction({
        request: await requestAs(official.id, `/ho-so/${dossierId}/bien-ban`, { method: "POST", body: form }),
        params: { dossierId },
        context,
      }),
    );
    expect(statusOf(result)).toBe(400);
    expect(result.data.error.scan).toEqual([
      "Tệp «scan.png» không phải là PDF, ảnh JPEG, ảnh PNG (kiểm tra theo nội dung tệp, không theo tên tệp).",
    ]);
    expect(await prisma.dossierDocument.count({ where: { dossierId, kind: "unit_minutes" } })).toBe(0);
  });

  test("another unit's official cannot upload (404), and nothing of the file is stored", async () => {
    const bytes = new TextEncoder().encode("%PDF-1.4\n% khong duoc phep\n%%EOF\n");
    const result = await upload(otherOfficial.id, new File([bytes], "x.pdf"));
    expect(statusOf(result)).toBe(404);
    expect(await prisma.attachmentContent.count({ where: { sha256: sha256(bytes) } })).toBe(0);
  });

  test("a refused scan (the dossier is not the user's to edit) stores nothing either", async () => {
    const bytes = new TextEncoder().encode("%PDF-1.4\n% scan cua nguoi khac\n%%EOF\n");
    const form = new FormData();
    form.append("intent", "draft");
    form.append("place", "Hội trường");
    form.append("scan", new File([bytes], "scan.pdf"));
    const result = await run(
      minutesAction({
        request: await requestAs(otherOfficial.id, `/ho-so/${dossierId}/bien-ban`, { method: "POST", body: form }),
        params: { dossierId },
        context,
      }),
    );
    expect(statusOf(result)).toBe(404);
    expect(await prisma.attachmentContent.count({ where: { sha256: sha256(bytes) } })).toBe(0);
  });

  test("a malformed multipart body is a 400 in Vietnamese, not a 500", async () => {
    const boundary = "----hong";
    const truncated = `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupl`;
    for (const [type, body] of [
      [`multipart/form-data; boundary=${boundary}`, truncated],
      ["multipart/form-data", `--${boundary}\r\n`],
    ]) {
      const before = await prisma.attachmentContent.count();
      const result = await run(
        dossierAction({
          request: await requestAs(official.id, `/ho-so/${dossierId}`, { method: "POST", body, headers: { "Content-Type": type! } }),
          params: { dossierId },
          context,
        }),
      );
      expect(statusOf(result)).toBe(400);
      expect(await (result as Response).text()).toBe(
        "Không đọc được dữ liệu biểu mẫu đã gửi (bị hỏng hoặc không đầy đủ). Vui lòng tải lại trang và gửi lại.",
      );
      expect(await prisma.attachmentContent.count()).toBe(before);
    }
  });
});

describe("downloading", () => {
  const download = async (userId: string, attachmentId: string) =>
    run(
      downloadLoader({
        request: await requestAs(userId, `/ho-so/${dossierId}/tep/${attachmentId}`),
        params: { dossierId, attachmentId },
        context,
      }),
    );

  test("the official of the unit gets the bytes with the stored type and the Vietnamese name", async () => {
    const attachment = await prisma.attachment.findFirstOrThrow({ where: { dossierId, mimeType: "application/pdf" } });
    const response = (await download(official.id, attachment.id)) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    // nosniff: the server sets it on every response (security-web.test.ts; through two servers: attachments-servers.test.ts).
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="Quyet dinh khen thuong nam 2022.pdf"; filename*=UTF-8''${encodeURIComponent("Quyết định khen thưởng năm 2022.pdf")}`,
    );
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(SAMPLE_FILES.pdf());
  });

  test("others get 404: another unit's official, the secretary while it is a draft, another commune's secretary", async () => {
    const attachment = await prisma.attachment.findFirstOrThrow({ where: { dossierId } });
    expect(statusOf(await download(otherOfficial.id, attachment.id))).toBe(404);
    expect(statusOf(await download(secretary.id, attachment.id))).toBe(404);

    // Once submitted, the commune's secretary may read it; another commune's may not.
    await completeDocuments(dossierId, official.id);
    const user = await currentUser(official.id);
    const submitted = await sendDossierEvent({ dossierId, actor: await actorFor(user), command: { type: "SUBMIT" } });
    expect(submitted).toMatchObject({ ok: true, state: "submitted" });
    expect(statusOf(await download(secretary.id, attachment.id))).toBe(200);
    expect(statusOf(await download(strangerSecretary.id, attachment.id))).toBe(404);
    // An attachment id of another dossier under this dossier's URL is not found either.
    expect(statusOf(await download(official.id, "khong-ton-tai"))).toBe(404);
  });

  test("the secretary cannot add files to a dossier in screening (403)", async () => {
    const result = await upload(secretary.id, new File([SAMPLE_FILES.pdf()], "y.pdf"));
    expect(statusOf(result)).toBe(403);
    expect(result.data.message).toBe("Chỉ cán bộ phụ trách của đơn vị trình khen mới được sửa hồ sơ này.");
  });
});

describe("files kept on disk before they moved into the database", () => {
  test("are imported from DATA_DIR/attachments by their hash at start-up; a missing one is reported", async () => {
    const bytes = new TextEncoder().encode("%PDF-1.4\n% tep cu tren dia\n%%EOF\n");
    const hash = sha256(bytes);
    const lost = "f".repeat(64);
    // Rows as the old version wrote them: no content in the database (the foreign key is NOT VALID until the import).
    await db.sql.exec(`ALTER TABLE "Attachment" DROP CONSTRAINT "Attachment_sha256_fkey"`);
    for (const [sha, name] of [
      [hash, "cu.pdf"],
      [lost, "mat.pdf"],
    ]) {
      await prisma.attachment.create({
        data: {
          dossierId,
          kind: "other",
          fileName: name!,
          mimeType: "application/pdf",
          size: bytes.byteLength,
          sha256: sha!,
          uploadedById: official.id,
        },
      });
    }
    await db.sql.exec(
      `ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_sha256_fkey" FOREIGN KEY ("sha256") REFERENCES "AttachmentContent"("sha256") ON DELETE RESTRICT ON UPDATE CASCADE NOT VALID`,
    );
    const root = mkdtempSync(path.join(tmpdir(), "tdkt-legacy-"));
    try {
      mkdirSync(path.join(root, hash.slice(0, 2)));
      writeFileSync(path.join(root, hash.slice(0, 2), hash), bytes);
      expect(await importLegacyFiles(prisma, root)).toEqual({ imported: 1, missing: [lost] });
      expect(new Uint8Array((await prisma.attachmentContent.findUniqueOrThrow({ where: { sha256: hash } })).bytes)).toEqual(bytes);

      // Once the missing one is gone (or found), the constraint is validated and every row has its bytes.
      await prisma.attachment.deleteMany({ where: { sha256: lost } });
      expect(await importLegacyFiles(prisma, root)).toEqual({ imported: 0, missing: [] });
      const [constraint] = await db.sql.query<{ convalidated: boolean }>(
        `SELECT convalidated FROM pg_constraint WHERE conname = 'Attachment_sha256_fkey'`,
      );
      expect(constraint?.convalidated).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
