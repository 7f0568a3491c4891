// The HTTP answers that carry a generated file: a PDF shown in the browser (printable), a Word file downloaded.
import { contentDisposition } from "./upload.server.ts";

export function pdfResponse(bytes: Uint8Array, fileName: string): Response {
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition(fileName).replace(/^attachment/, "inline"),
      "Cache-Control": "private, no-store",
    },
  });
}

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export function docxResponse(bytes: Uint8Array, fileName: string): Response {
  return new Response(Buffer.from(bytes), {
    headers: { "Content-Type": DOCX_TYPE, "Content-Disposition": contentDisposition(fileName), "Cache-Control": "private, no-store" },
  });
}
