// Attachments of a dossier: type checked by content (magic bytes), bytes stored outside the web root
// under their SHA-256 (`${DATA_DIR}/attachments/<sha256[0..2]>/<sha256>`), so equal files are stored once
// and a stored file can never be overwritten by another one.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AttachmentKind, Prisma } from "~/generated/prisma/client.ts";
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

/** The file's name without a path (some browsers send one) or control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f"]/g, "")
    .trim()
    .slice(-200);
  return cleaned || "tep-dinh-kem";
}

export type CheckedFile = { fileName: string; mimeType: string; type: FileType; bytes: Uint8Array; size: number };

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

/** Outside the web root. With an in-memory database (tests) the files go to the system's temp folder. */
export function attachmentsRoot(): string {
  const dataDir = env().DATA_DIR;
  return dataDir.startsWith("memory://") ? path.join(tmpdir(), "tdkt-attachments") : path.resolve(dataDir, "attachments");
}

const STORAGE_KEY = /^[0-9a-f]{2}\/[0-9a-f]{64}$/;

function blobPath(storageKey: string): string {
  if (!STORAGE_KEY.test(storageKey)) throw new Error(`Not a storage key: ${storageKey}`);
  return path.join(attachmentsRoot(), storageKey);
}

/** Writes the bytes under their hash (once: an existing blob is the same content) and returns where. */
export async function storeBlob(bytes: Uint8Array): Promise<{ sha256: string; storageKey: string }> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const storageKey = `${sha256.slice(0, 2)}/${sha256}`;
  const target = blobPath(storageKey);
  const exists = await stat(target).then(
    (s) => s.size === bytes.byteLength,
    () => false,
  );
  if (!exists) {
    await mkdir(path.dirname(target), { recursive: true });
    // Written aside, then renamed: a reader never sees half a file.
    const temporary = `${target}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(temporary, bytes, { mode: 0o640 });
    await rename(temporary, target);
  }
  return { sha256, storageKey };
}

export function readBlob(storageKey: string): Promise<Buffer> {
  return readFile(blobPath(storageKey));
}

/** The row of a stored file; a new signed scan supersedes the previous one (nothing is deleted). */
export async function recordAttachment(
  tx: Tx,
  input: {
    dossierId: string;
    kind: AttachmentKind;
    file: CheckedFile;
    stored: { sha256: string; storageKey: string };
    uploadedById: string;
  },
  now = new Date(),
) {
  if (input.kind === "unit_minutes_scan") {
    await tx.attachment.updateMany({
      where: { dossierId: input.dossierId, kind: input.kind, supersededAt: null },
      data: { supersededAt: now },
    });
  }
  return tx.attachment.create({
    data: {
      dossierId: input.dossierId,
      kind: input.kind,
      fileName: input.file.fileName,
      mimeType: input.file.mimeType,
      size: input.file.size,
      sha256: input.stored.sha256,
      storageKey: input.stored.storageKey,
      uploadedById: input.uploadedById,
    },
    select: { id: true },
  });
}

/** "1,2 MB", "350 KB". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
