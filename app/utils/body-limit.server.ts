// Limits on what a request may send, checked from the headers before a byte of the body is read:
// a 30 MB form body is answered 413 at once (and the connection closed) instead of being read whole.
// Every form of the app is urlencoded or multipart: anything else sent with a body is answered 400.
import type { IncomingMessage, ServerResponse } from "node:http";

/** A form without files: the longest text field is 8 000 characters, a few hundred fields at most. */
export const FORM_BODY_LIMIT = 1024 * 1024;
/** A form with files: several 10 MB files (app/models/attachment.server.ts) and their fields. */
export const MULTIPART_BODY_LIMIT = 32 * 1024 * 1024;

export type BodyVerdict = { ok: true } | { ok: false; status: 400 | 411 | 413; message: string };

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/** What to do with a request, from its method and headers only. Pure (tested in test/unit/body-limit.test.ts). */
export function judgeBody(method: string, headers: IncomingMessage["headers"]): BodyVerdict {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return { ok: true };
  const lengthHeader = headers["content-length"];
  const chunked = headers["transfer-encoding"] !== undefined;
  if (lengthHeader === undefined && !chunked) return { ok: true }; // no body
  const length = lengthHeader === undefined ? null : Number(lengthHeader);
  if (length === 0) return { ok: true };
  // Browsers always send the length of a form: a body of unknown length could not be limited before it is read.
  if (length === null || !Number.isSafeInteger(length) || length < 0) {
    return { ok: false, status: 411, message: "Yêu cầu không hợp lệ: thiếu độ dài nội dung (Content-Length)." };
  }
  const type = (headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") {
    if (length > FORM_BODY_LIMIT) {
      return {
        ok: false,
        status: 413,
        message: `Biểu mẫu gửi lên quá lớn (tối đa ${megabytes(FORM_BODY_LIMIT)}). Vui lòng rút gọn nội dung rồi gửi lại.`,
      };
    }
    return { ok: true };
  }
  if (type === "multipart/form-data") {
    if (length > MULTIPART_BODY_LIMIT) {
      return {
        ok: false,
        status: 413,
        message: `Biểu mẫu gửi lên quá lớn (tối đa ${megabytes(MULTIPART_BODY_LIMIT)} cho cả biểu mẫu và tệp đính kèm). Vui lòng chọn tệp nhỏ hơn rồi gửi lại.`,
      };
    }
    return { ok: true };
  }
  return { ok: false, status: 400, message: "Yêu cầu không hợp lệ: dữ liệu phải được gửi từ biểu mẫu của trang." };
}

/** Express middleware: refuses before reading the body, and closes the connection so the rest is not read either. */
export function limitBodies(req: IncomingMessage, res: ServerResponse, next: () => void) {
  const verdict = judgeBody(req.method ?? "GET", req.headers);
  if (verdict.ok) return next();
  res.statusCode = verdict.status;
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  res.setHeader("Connection", "close");
  res.end(verdict.message);
}
