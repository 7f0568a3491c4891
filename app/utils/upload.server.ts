// Reading a form posted with files: multipart with a size limit per file, so one large file does not
// cost the rest of the form; and the download headers of a stored file. HTTP only: the rules of what a
// file may be live in app/models/attachment.server.ts.
import {
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import { MAX_ATTACHMENT_BYTES, cleanFileName } from "~/models/attachment.server.ts";

/** Text fields of an upload form (the forms' own fields) stay small. */
const MAX_TEXT_FIELD_BYTES = 256 * 1024;

export type UploadForm = {
  formData: FormData;
  /** Field name → file name of the files refused for their size (their bytes were not kept). */
  tooLarge: Map<string, string>;
};

/**
 * Parses a multipart form: files up to 10 MB are kept in memory, a larger one is read through and
 * dropped (its field reads as empty and is listed in `tooLarge`), so the rest of the form survives.
 */
export async function parseUploadForm(request: Request): Promise<UploadForm> {
  const tooLarge = new Map<string, string>();
  const files: UploadHandler = async ({ name, filename, contentType, data }) => {
    if (!filename) return undefined;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size <= MAX_ATTACHMENT_BYTES) chunks.push(chunk);
    }
    if (size > MAX_ATTACHMENT_BYTES) {
      tooLarge.set(name, cleanFileName(filename));
      return "";
    }
    return new File(chunks as BlobPart[], filename, { type: contentType });
  };
  const text = unstable_createMemoryUploadHandler({ maxPartSize: MAX_TEXT_FIELD_BYTES });
  const formData = await unstable_parseMultipartFormData(request, unstable_composeUploadHandlers(files, text));
  return { formData, tooLarge };
}

export const UNREADABLE_FORM = "Không đọc được dữ liệu biểu mẫu đã gửi (bị hỏng hoặc không đầy đủ). Vui lòng tải lại trang và gửi lại.";

/** The form of a request, multipart or not; a body that is not a readable form is a 400, never a 500. */
export async function readForm(request: Request): Promise<UploadForm> {
  const type = request.headers.get("Content-Type") ?? "";
  try {
    if (type.startsWith("multipart/form-data")) return await parseUploadForm(request);
    return { formData: await request.formData(), tooLarge: new Map() };
  } catch (error) {
    if (error instanceof Response) throw error;
    throw new Response(UNREADABLE_FORM, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}

/** The chosen file of a field, or null when none was chosen. */
export function fileOf(formData: FormData, name: string): File | null {
  const value = formData.get(name);
  return value instanceof File && (value.size > 0 || value.name !== "") ? value : null;
}

/** RFC 6266: an ASCII fallback and the UTF-8 name (Vietnamese file names keep their diacritics). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
