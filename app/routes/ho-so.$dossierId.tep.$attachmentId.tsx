// Download of a dossier's attachment: only for those who may see the dossier (scope in the query).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { contentDisposition } from "~/utils/upload.server.ts";
import { findVisibleAttachment } from "~/models/dossier-documents.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const attachment = await findVisibleAttachment(user, params.dossierId!, params.attachmentId!);
  invariantResponse(attachment, "Không tìm thấy tệp đính kèm.", { status: 404 });
  const bytes = new Uint8Array(attachment.content.bytes);
  return new Response(bytes, {
    headers: {
      "Content-Type": attachment.mimeType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": contentDisposition(attachment.fileName),
      "Cache-Control": "private, no-store",
    },
  });
}
