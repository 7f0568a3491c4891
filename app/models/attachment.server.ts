// Attachments of a dossier: type checked by content (magic bytes), bytes stored in the database under
// their SHA-256, so equal files are stored once, a stored file can never be overwritten by another one,
// and every app server serves every file.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { AttachmentKind, Prisma, PrismaClient } from "~/generated/prisma/client.ts";
import { env } from "~/utils/env.server.ts";

type Tx = Prisma.TransactionClient;

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export type FileType = "pdf" | "jpeg" | "png" | "docx";

export const FILE_TYPES: Record<FileType, { mimeType: string; extensions: string[]; label: string }> = {
  pdf: { mimeType: "application/pdf", extensions: [".pdf"], label: "PDF" },
  jpeg: { mimeType: "image/jpeg", extensions: [".jpg", ".jpeg"], label: "ảnh JPEG" },
  png: { mimeType: "image/png", extensions: [".png"], label: "ảnh PNG" },
  docx: {
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: [".docx"],
    label: "tài liệu Word (DOCX)",
  },
};

export const ATTACHMENT_KIND_LABELS: Record<AttachmentKind, string> = {
  unit_minutes_scan: "Bản scan Biên bản họp (có chữ ký)",
  other: "Tài liệu kèm theo",
};

/** What each kind of attachment may be: a signed scan is a picture or a PDF. */
export const ALLOWED_TYPES: Record<AttachmentKind, FileType[]> = {
  unit_minutes_scan: ["pdf", "jpeg", "png"],
  other: ["pdf", "jpeg", "png", "docx"],
};

// ─── Content sniffing ───────────────────────────────────────────────────────

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte);

/** The type of a file from its first bytes (and, for DOCX, its ZIP directory); null when none of ours. */
export function detectFileType(bytes: Uint8Array): FileType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf"; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && zipEntryNames(bytes).includes("word/document.xml")) return "docx";
  return null;
}

/** Names in a ZIP's central directory (enough to tell a Word document from any other ZIP). */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return [];
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) break;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > bytes.length) break;
    names.push(decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/**
 * Characters a file name may not keep: C0/C1 controls (a CR/LF would end a header), the quote, and the
 * bidirectional controls (U+202E shows "fdp.exe" as "exe.pdf"): ALM, LRM, RLM, embeddings, overrides, isolates.
 */
// eslint-disable-next-line no-control-regex -- control characters are what is removed
const UNSAFE_IN_FILE_NAME = /[\u0000-\u001f\u007f-\u009f"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The file's name without a path (some browsers send one), control or bidi characters; NFC (as typed). */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    // Browsers send a quote, CR and LF in a file name as %22, %0D, %0A (HTML's multipart encoding).
    .replace(/%22|%0d|%0a/gi, "")
    .replace(UNSAFE_IN_FILE_NAME, "")
    .trim()
    .slice(-200);
  return cleaned || "tep-dinh-kem";
}

export type CheckedFile = { fileName: string; mimeType: string; type: FileType; bytes: Uint8Array<ArrayBuffer>; size: number };

/** Accepts a file only when its content is one of `allowed` and its name does not claim another type. */
export async function checkUpload(
  file: File,
  allowed: FileType[],
): Promise<{ ok: true; file: CheckedFile } | { ok: false; message: string }> {
  const fileName = cleanFileName(file.name);
  if (file.size === 0) return { ok: false, message: `Tệp «${fileName}» rỗng.` };
  if (file.size > MAX_ATTACHMENT_BYTES) return { ok: false, message: `Tệp «${fileName}» vượt quá 10 MB.` };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = detectFileType(bytes);
  const allowedLabels = allowed.map((t) => FILE_TYPES[t].label).join(", ");
  if (!type) {
    return {
      ok: false,
      message: `Tệp «${fileName}» không phải là ${allowedLabels} (kiểm tra theo nội dung tệp, không theo tên tệp).`,
    };
  }
  if (!allowed.includes(type)) {
    return { ok: false, message: `Tệp «${fileName}» là ${FILE_TYPES[type].label}; ở đây chỉ nhận ${allowedLabels}.` };
  }
  const extension = path.extname(fileName).toLowerCase();
  if (extension && !FILE_TYPES[type].extensions.includes(extension)) {
    return {
      ok: false,
      message: `Nội dung tệp «${fileName}» là ${FILE_TYPES[type].label}, không khớp với phần mở rộng ${extension}. Tệp bị từ chối.`,
    };
  }
  return { ok: true, file: { fileName, mimeType: FILE_TYPES[type].mimeType, type, bytes, size: bytes.byteLength } };
}

// ─── Storage ────────────────────────────────────────────────────────────────
// The bytes live in PostgreSQL (`AttachmentContent`, keyed by their SHA-256), so every app server reads
// every file, a backup of the database holds the files, and a file is written in the same transaction
// as the row that references it: a refused upload stores nothing
// (docs/decisions/014-attachments-in-postgresql.md).

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Stores the bytes under their hash, once (equal content is already there), and returns the hash. */
export async function storeContent(tx: Tx, bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const sha256 = sha256Hex(bytes);
  // ON CONFLICT DO NOTHING: two uploads of the same file at once both succeed.
  await tx.attachmentContent.createMany({ data: [{ sha256, bytes, size: bytes.byteLength }], skipDuplicates: true });
  return sha256;
}

/** The bytes of a stored content, or null when none is stored under that hash. */
export async function readContent(db: Tx, sha256: string): Promise<Uint8Array | null> {
  const content = await db.attachmentContent.findUnique({ where: { sha256 }, select: { bytes: true } });
  return content ? new Uint8Array(content.bytes) : null;
}

/**
 * The row of a file with its bytes (called after the caller's permission check, in its transaction);
 * a new signed scan supersedes the previous one (nothing is deleted).
 */
export async function recordAttachment(
  tx: Tx,
  input: { dossierId: string; kind: AttachmentKind; file: CheckedFile; uploadedById: string },
  now = new Date(),
) {
  const sha256 = await storeContent(tx, input.file.bytes);
  if (input.kind === "unit_minutes_scan") {
    await tx.attachment.updateMany({
      where: { dossierId: input.dossierId, kind: input.kind, supersededAt: null },
      data: { supersededAt: now },
    });
  }
  const { id } = await tx.attachment.create({
    data: {
      dossierId: input.dossierId,
      kind: input.kind,
      fileName: input.file.fileName,
      mimeType: input.file.mimeType,
      size: input.file.size,
      sha256,
      uploadedById: input.uploadedById,
    },
    select: { id: true },
  });
  return { id, sha256 };
}

/** Where files were kept before they moved into the database (imported by importLegacyFiles). */
export function legacyAttachmentsRoot(): string | null {
  const dataDir = env().DATA_DIR;
  return dataDir.startsWith("memory://") ? null : path.resolve(dataDir, "attachments");
}

/**
 * Brings the files of attachments recorded before migration `…_attachment_content` into the database:
 * each `DATA_DIR/attachments/ab/ab12…` whose row has no content yet, checked against its hash. Runs
 * after the migrations on every start (a no-op once done); a file absent on this server stays absent
 * (it may be on another server's disk: start that one too). Returns how many were imported and missing.
 */
export async function importLegacyFiles(db: PrismaClient, root = legacyAttachmentsRoot()) {
  const pending = await db.$queryRaw<Array<{ sha256: string }>>`
    SELECT DISTINCT a."sha256" FROM "Attachment" a
      LEFT JOIN "AttachmentContent" c ON c."sha256" = a."sha256"
     WHERE c."sha256" IS NULL`;
  let imported = 0;
  const missing: string[] = [];
  for (const { sha256 } of pending) {
    const bytes =
      root && /^[0-9a-f]{64}$/.test(sha256) ? await readFile(path.join(root, sha256.slice(0, 2), sha256)).catch(() => null) : null;
    if (!bytes || sha256Hex(bytes) !== sha256) {
      missing.push(sha256);
      continue;
    }
    await storeContent(db, new Uint8Array(bytes));
    imported++;
  }
  // The foreign key was created NOT VALID (rows older than their content); valid once all are here.
  if (missing.length === 0) {
    const [constraint] = await db.$queryRaw<Array<{ convalidated: boolean }>>`
      SELECT convalidated FROM pg_constraint WHERE conname = 'Attachment_sha256_fkey'`;
    if (constraint && !constraint.convalidated) {
      await db.$executeRawUnsafe(`ALTER TABLE "Attachment" VALIDATE CONSTRAINT "Attachment_sha256_fkey"`);
    }
  }
  return { imported, missing };
}

/** "1,2 MB", "350 KB". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
