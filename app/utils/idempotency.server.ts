// Create forms carry a one-time key (docs/decisions/015-throttling-versions-idempotency.md): the same form
// posted twice — a double click, a resent request, the back button — makes one record, and the second
// request lands where the first did. The key lives in PostgreSQL, so it holds across app servers.
import { randomUUID } from "node:crypto";
import { redirect } from "@remix-run/node";
import { prisma } from "./db.server.ts";

import { IDEMPOTENCY_FIELD } from "~/forms/idempotency.ts";
const KEEP_HOURS = 24;
const KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** A fresh key for a create form (its loader puts it in a hidden field). */
export function newIdempotencyKey(): string {
  return randomUUID();
}

const inProgress = () =>
  new Response("Yêu cầu tạo mới này đang được xử lý. Vui lòng tải lại trang sau ít giây.", { status: 409, statusText: "Conflict" });

/**
 * Runs `create` once per key of the form. A key seen before answers with a redirect to where its first
 * request landed (`locationOf` of the first result). A refused first request frees its key, so the
 * corrected form can be sent again. A form without a key (an old page, a script) is simply created.
 */
export async function createOnce<R>(
  formData: FormData,
  userId: string,
  create: () => Promise<R>,
  locationOf: (result: R) => string | null,
): Promise<R | Response> {
  const key = formData.get(IDEMPOTENCY_FIELD);
  if (typeof key !== "string" || !KEY_PATTERN.test(key)) return create();

  const claimed = await prisma.idempotencyKey.createMany({ data: [{ key, userId }], skipDuplicates: true });
  if (claimed.count === 0) return landWhereTheFirstDid(key, userId);
  let result: R;
  try {
    result = await create();
  } catch (error) {
    await prisma.idempotencyKey.deleteMany({ where: { key, location: null } });
    throw error;
  }
  const location = locationOf(result);
  if (location === null) await prisma.idempotencyKey.deleteMany({ where: { key, location: null } });
  else await prisma.idempotencyKey.update({ where: { key }, data: { location } });
  // Old keys go; a resend a day later is a new request.
  await prisma.idempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - KEEP_HOURS * 3600_000) } } });
  return result;
}

async function landWhereTheFirstDid(key: string, userId: string): Promise<Response> {
  // The first request may still be running (two clicks a moment apart): wait for where it lands.
  for (let tries = 0; tries < 50; tries++) {
    const found = await prisma.idempotencyKey.findUnique({ where: { key }, select: { userId: true, location: true } });
    if (!found) return inProgress(); // the first was refused meanwhile: the user sees the form again
    if (found.userId !== userId) throw new Response("Mẫu này không thuộc phiên đăng nhập của bạn.", { status: 403 });
    if (found.location) return redirect(found.location);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return inProgress();
}
