import { randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import bcrypt from "bcryptjs";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { Role } from "~/generated/prisma/enums.ts";
import { prisma } from "./db.server.ts";
import { env } from "./env.server.ts";
import { inReadOnlyRequest, oncePerRequest } from "./request-scope.server.ts";
import { signInAllowedAt, waitMessage } from "./sign-in-throttle.server.ts";

export const SIGN_IN_PATH = "/dang-nhap";
/** Where a user with a temporary password (new account, reset) is sent until they choose their own. */
export const PASSWORD_CHANGE_PATH = "/doi-mat-khau";

const BCRYPT_COST = 11;
export { THROTTLE } from "./sign-in-throttle.server.ts";

export type Grant = { role: Role; unitId: string; unitName: string };
export type CurrentUser = {
  id: string;
  username: string;
  fullName: string;
  title: string | null;
  unitId: string;
  unitName: string;
  grants: Grant[];
  /** Signed in with a temporary password: every page sends them to PASSWORD_CHANGE_PATH first. */
  mustChangePassword: boolean;
};

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

// Compared against when the account does not exist, so that timing does not reveal which usernames exist.
// Made on first use, not when the module loads: a synchronous hash would hold up every start of the server.
let dummyHash: Promise<string> | undefined;
function unknownUserHash(): Promise<string> {
  return (dummyHash ??= bcrypt.hash("không-dùng", BCRYPT_COST));
}

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  cookie ??= createCookie("__session", {
    httpOnly: true,
    sameSite: "lax",
    secure: env().NODE_ENV === "production",
    path: "/",
    secrets: [env().SESSION_SECRET],
    maxAge: env().SESSION_DAYS * 24 * 60 * 60,
  });
  return cookie;
}

/** The id of the request's session (the cookie's value), or null. */
export async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export type SignInResult = { ok: true; userId: string } | { ok: false; message: string };

/**
 * Checks a username and password. After failures the next try waits (growing delays, see
 * sign-in-throttle.server.ts); a waiting try is answered with how long, without checking the password.
 */
export async function verifySignIn(usernameInput: string, password: string, ip: string, now = new Date()): Promise<SignInResult> {
  const username = usernameInput.trim().toLowerCase();
  const user = await prisma.user.findUnique({
    where: { username },
    select: { id: true, passwordHash: true, active: true, signInUnlockedAt: true },
  });
  const until = await signInAllowedAt(username, ip, { unlockedAt: user?.signInUnlockedAt ?? null, now });
  if (until) return { ok: false, message: waitMessage(until, now) };

  const matches = await bcrypt.compare(password, user?.passwordHash ?? (await unknownUserHash()));
  const success = Boolean(user?.active && matches);
  await prisma.loginAttempt.create({ data: { username, ip, success, createdAt: now } });
  return success && user ? { ok: true, userId: user.id } : { ok: false, message: "Tên đăng nhập hoặc mật khẩu không đúng." };
}

/** Opens a session and returns the Set-Cookie header for it. */
export async function createSession(userId: string): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + env().SESSION_DAYS * 24 * 60 * 60 * 1000);
  await prisma.session.create({ data: { id, userId, expiresAt } });
  return sessionCookie().serialize(id, { expires: expiresAt });
}

/** Ends the session of the request (if any) and returns the Set-Cookie header that clears it. */
export async function destroySession(request: Request): Promise<string> {
  const id = await readSessionId(request);
  if (id) await prisma.session.deleteMany({ where: { id } });
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

const currentUserSelect = {
  id: true,
  username: true,
  fullName: true,
  title: true,
  unitId: true,
  mustChangePassword: true,
  unit: { select: { name: true } },
  roles: { select: { role: true, unitId: true, unit: { select: { name: true } } }, orderBy: { role: "asc" } },
} satisfies Prisma.UserSelect;

function toCurrentUser(user: Prisma.UserGetPayload<{ select: typeof currentUserSelect }>): CurrentUser {
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    title: user.title,
    unitId: user.unitId,
    unitName: user.unit.name,
    grants: user.roles.map((grant) => ({ role: grant.role, unitId: grant.unitId, unitName: grant.unit.name })),
    mustChangePassword: user.mustChangePassword,
  };
}

type SignedIn = { user: CurrentUser; unread: number };

/**
 * The session's user, their grants and their unread notifications in one statement: every page asks for them
 * (the root loader and the route's own), and Prisma's nested read took six round trips (bench/RESULTS.md).
 */
async function readSignedIn(sessionId: string): Promise<SignedIn | null> {
  const rows = await prisma.$queryRaw<
    {
      id: string;
      username: string;
      fullName: string;
      title: string | null;
      unitId: string;
      unitName: string;
      mustChangePassword: boolean;
      grants: Grant[] | string;
      unread: number;
    }[]
  >`
    SELECT u.id, u.username, u."fullName", u.title, u."unitId", unit.name AS "unitName", u."mustChangePassword",
      COALESCE((
        SELECT json_agg(json_build_object('role', r.role, 'unitId', r."unitId", 'unitName', ru.name) ORDER BY r.role, r."unitId")
        FROM "RoleAssignment" r JOIN "OrgUnit" ru ON ru.id = r."unitId"
        WHERE r."userId" = u.id
      ), '[]'::json) AS grants,
      (SELECT count(*) FROM "Notification" n WHERE n."recipientId" = u.id AND n."readAt" IS NULL)::int AS unread
    FROM "Session" s
    JOIN "User" u ON u.id = s."userId"
    JOIN "OrgUnit" unit ON unit.id = u."unitId"
    WHERE s.id = ${sessionId} AND s."expiresAt" > (now() AT TIME ZONE 'UTC') AND u.active`;
  const row = rows[0];
  if (!row) return null;
  const { grants, unread, ...user } = row;
  return { user: { ...user, grants: typeof grants === "string" ? (JSON.parse(grants) as Grant[]) : grants }, unread };
}

function signedIn(sessionId: string): Promise<SignedIn | null> {
  return oncePerRequest(`user:${sessionId}`, () => readSignedIn(sessionId));
}

/** The signed-in user, or null. Expired sessions count as none. */
export async function getUser(request: Request): Promise<CurrentUser | null> {
  const id = await readSessionId(request);
  if (!id) return null;
  return (await signedIn(id))?.user ?? null;
}

/**
 * The signed-in user and their unread notifications (the navigation's badge), or null. In a request that changes
 * nothing the count comes with the user's own read; after an action (which may have read notifications) it is
 * counted again.
 */
export async function getUserWithUnread(request: Request): Promise<SignedIn | null> {
  const id = await readSessionId(request);
  if (!id) return null;
  const found = await signedIn(id);
  if (!found || inReadOnlyRequest()) return found;
  const unread = await prisma.notification.count({ where: { recipientId: found.user.id, readAt: null } });
  return { user: found.user, unread };
}

/** A user as the pages see them, without a request (jobs, the demo data, tests). */
export async function currentUserById(userId: string): Promise<CurrentUser | null> {
  const user = await prisma.user.findFirst({ where: { id: userId, active: true }, select: currentUserSelect });
  return user ? toCurrentUser(user) : null;
}

function signInRedirect(request: Request): Response {
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  const search = redirectTo === "/" ? "" : `?${new URLSearchParams({ redirectTo })}`;
  return redirect(`${SIGN_IN_PATH}${search}`);
}

/**
 * The signed-in user; otherwise a redirect to the sign-in page that comes back here. A user still on a
 * temporary password is sent to choose their own first, whatever page they asked for.
 */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getUser(request);
  if (!user) throw signInRedirect(request);
  const url = new URL(request.url);
  if (user.mustChangePassword && url.pathname !== PASSWORD_CHANGE_PATH) {
    const redirectTo = `${url.pathname}${url.search}`;
    throw redirect(`${PASSWORD_CHANGE_PATH}${redirectTo === "/" ? "" : `?${new URLSearchParams({ redirectTo })}`}`);
  }
  return user;
}

/** Whether `password` is the user's current password. */
export async function passwordMatches(userId: string, password: string): Promise<boolean> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return bcrypt.compare(password, user?.passwordHash ?? (await unknownUserHash()));
}

export function forbidden(message = "Bạn không có quyền thực hiện thao tác này."): Response {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

/**
 * The signed-in user holding one of `roles`. With `unitId`, the role must be held in that unit
 * or in a unit above it (a commune's secretary covers its departments); checked in the query.
 */
export async function requireRole(request: Request, roles: Role | Role[], unitId?: string): Promise<CurrentUser> {
  const user = await requireUser(request);
  const wanted = Array.isArray(roles) ? roles : [roles];
  const scopes = user.grants.filter((grant) => wanted.includes(grant.role)).map((grant) => grant.unitId);
  if (scopes.length === 0) throw forbidden();
  if (unitId !== undefined) {
    const inScope = await prisma.orgUnit.count({
      where: { id: unitId, OR: [{ id: { in: scopes } }, { ancestorIds: { hasSome: scopes } }] },
    });
    if (inScope === 0) throw forbidden();
  }
  return user;
}

export function hasRole(user: CurrentUser, role: Role): boolean {
  return user.grants.some((grant) => grant.role === role);
}
