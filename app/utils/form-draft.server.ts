// Values of a dossier form posted after the session expired: kept in a FormDraft row whose random id
// travels in a short-lived cookie, shown again after sign-in — only to a user who may edit that dossier.
// Only a browser that was signed in keeps anything: its session cookie (expired less than DRAFT_HOURS
// ago, app/models/session.server.ts keeps the row that long) names the user, and the dossier must be one
// that user may edit. A post without such a session writes nothing and is answered exactly as for an
// id that does not exist, so it tells a stranger nothing (decision 013).
import { randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import type { Prisma } from "~/generated/prisma/client.ts";
import { editableDossierWhere } from "~/models/dossier-scope.server.ts";
import { SIGN_IN_PATH, currentUserById, readSessionId } from "./auth.server.ts";
import { prisma } from "./db.server.ts";
import { env } from "./env.server.ts";
import { withoutControlCharacters } from "./form-guard.server.ts";

export const DRAFT_HOURS = 12;
/** The longest form (three 8 000-character fields and 50 rows) fits well within this; more is not a form. */
const MAX_DRAFT_CHARACTERS = 200_000;
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
 * Keeps the text fields of a form posted after the session expired and sends the browser to the sign-in
 * page, which brings it back to the form. Files are not kept (the notice asks to choose them again).
 */
export async function stashAndSignIn(input: {
  request: Request;
  dossierId: string;
  path: string;
  formData: FormData;
  now?: Date;
}): Promise<Response> {
  const { request, dossierId, path, formData, now = new Date() } = input;
  const signIn = `${SIGN_IN_PATH}?${new URLSearchParams({ redirectTo: path })}`;
  const userId = await recentlySignedIn(request, now);
  const user = userId ? await currentUserById(userId) : null;
  if (!user) return redirect(signIn);
  const fields: StashedFields = {};
  let characters = 0;
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string" || SKIPPED_FIELDS.has(name)) continue;
    const kept = withoutControlCharacters(value);
    characters += name.length + kept.length;
    (fields[withoutControlCharacters(name)] ??= []).push(kept);
  }
  if (Object.keys(fields).length === 0 || characters > MAX_DRAFT_CHARACTERS) return redirect(signIn);
  // Only for a dossier this user may edit: the same answer as for an id that does not exist.
  const editable = await prisma.dossier.count({ where: { AND: [{ id: dossierId }, editableDossierWhere(user)] } });
  if (editable === 0) return redirect(signIn);
  const id = randomBytes(24).toString("base64url");
  await prisma.$transaction(async (tx) => {
    await tx.formDraft.deleteMany({ where: { expiresAt: { lt: now } } });
    await tx.formDraft.create({
      data: { id, dossierId, path, fields: fields as Prisma.InputJsonValue, expiresAt: new Date(now.getTime() + DRAFT_HOURS * 3_600_000) },
    });
  });
  return redirect(signIn, { headers: { "Set-Cookie": await draftCookie().serialize(id) } });
}

/** The user whose session this browser holds, expired less than DRAFT_HOURS ago (signed out: none). */
async function recentlySignedIn(request: Request, now: Date): Promise<string | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const session = await prisma.session.findFirst({
    where: { id: sessionId, expiresAt: { gt: new Date(now.getTime() - DRAFT_HOURS * 3_600_000) } },
    select: { userId: true },
  });
  return session?.userId ?? null;
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
