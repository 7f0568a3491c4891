// Values of a dossier form posted after the session expired: kept in a FormDraft row whose random id
// travels in a short-lived cookie, shown again after sign-in — only to a user who may edit that dossier.
import { randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import type { Prisma } from "~/generated/prisma/client.ts";
import { SIGN_IN_PATH } from "./auth.server.ts";
import { prisma } from "./db.server.ts";
import { env } from "./env.server.ts";

const DRAFT_HOURS = 12;
/** Fields never kept: the save button and Conform's list buttons are actions, not values. */
const SKIPPED_FIELDS = new Set(["intent", "__intent__"]);

let cookie: ReturnType<typeof createCookie> | undefined;
function draftCookie() {
  cookie ??= createCookie("__form_draft", {
    httpOnly: true,
    sameSite: "lax",
    secure: env().NODE_ENV === "production",
    path: "/",
    secrets: [env().SESSION_SECRET],
    maxAge: DRAFT_HOURS * 60 * 60,
  });
  return cookie;
}

export type StashedFields = Record<string, string[]>;

/**
 * Keeps the text fields of a form posted without a session and sends the browser to the sign-in page,
 * which brings it back to the form. Files are not kept (the notice asks to choose them again).
 */
export async function stashAndSignIn(input: { dossierId: string; path: string; formData: FormData; now?: Date }): Promise<Response> {
  const { dossierId, path, formData, now = new Date() } = input;
  const signIn = `${SIGN_IN_PATH}?${new URLSearchParams({ redirectTo: path })}`;
  const fields: StashedFields = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string" || SKIPPED_FIELDS.has(name)) continue;
    (fields[name] ??= []).push(value);
  }
  // Only for a dossier that exists: a stranger's post must not create rows for nothing.
  const exists = await prisma.dossier.count({ where: { id: dossierId } });
  if (exists === 0 || Object.keys(fields).length === 0) return redirect(signIn);
  const id = randomBytes(24).toString("base64url");
  await prisma.$transaction(async (tx) => {
    await tx.formDraft.deleteMany({ where: { expiresAt: { lt: now } } });
    await tx.formDraft.create({
      data: { id, dossierId, path, fields: fields as Prisma.InputJsonValue, expiresAt: new Date(now.getTime() + DRAFT_HOURS * 3_600_000) },
    });
  });
  return redirect(signIn, { headers: { "Set-Cookie": await draftCookie().serialize(id) } });
}

async function draftId(request: Request): Promise<string | null> {
  const value: unknown = await draftCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/**
 * The kept values of this form, when the cookie points at them and the dossier is within `editable`
 * (the signed-in user's editable dossiers: another user who signs in on this browser gets nothing).
 */
export async function restoreFormDraft(
  request: Request,
  { dossierId, path, editable }: { dossierId: string; path: string; editable: Prisma.DossierWhereInput },
  now = new Date(),
): Promise<FormData | null> {
  const id = await draftId(request);
  if (!id) return null;
  const draft = await prisma.formDraft.findFirst({
    where: { id, dossierId, path, expiresAt: { gt: now }, dossier: editable },
    select: { fields: true },
  });
  if (!draft) return null;
  const formData = new FormData();
  for (const [name, values] of Object.entries(draft.fields as StashedFields)) {
    for (const value of values) formData.append(name, value);
  }
  return formData;
}

/** After a successful save the kept values have served: delete them and clear the cookie. */
export async function discardFormDraft(request: Request): Promise<string | null> {
  const id = await draftId(request);
  if (!id) return null;
  await prisma.formDraft.deleteMany({ where: { id } });
  return draftCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}
