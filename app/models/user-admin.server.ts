// The administration of accounts (User): create with a temporary password shown once, edit, roles scoped to
// units, reset the password, deactivate and reactivate (sessions end at once); nobody is ever deleted. An admin
// administers the accounts of the units in their scope and grants roles only in that scope; every change writes
// an audit row (before → after) in its transaction. Every account belongs to a person of the register.
import { randomInt } from "node:crypto";
import type { NewUserData } from "~/forms/admin.ts";
import { checkRevision } from "~/forms/revision.ts";
import type { Gender, PersonKind, Prisma, Role, UnitKind } from "~/generated/prisma/client.ts";
import { hashPassword, type CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { Refusal, attempt, type Result } from "~/utils/result.ts";
import { foldForSearch } from "~/utils/search.ts";
import { recentSignInFailures } from "~/utils/sign-in-throttle.server.ts";
import { appendAudit } from "./audit.server.ts";
import { auditChainOf, communeIdOf, unitsWhereRole, withinUnits } from "./org-unit.server.ts";
import { syncRecusalsOfOpenSessions } from "./recusal.server.ts";
import { ACCOUNT_THING } from "./user.server.ts";
import { adminScopeWhere } from "./unit-admin.server.ts";

type Tx = Prisma.TransactionClient;

export const USER_NOT_FOUND = "Không tìm thấy tài khoản trong phạm vi bạn quản trị.";
export const USERS_PAGE_SIZE = 30;

/** Accounts an admin administers: those whose unit is in the admin's scope. */
export function userScopeWhere(user: CurrentUser): Prisma.UserWhereInput {
  return { unit: adminScopeWhere(user) };
}

// ─── Temporary passwords ────────────────────────────────────────────────────

// No 0/O, 1/l/I: read aloud or copied from paper without mistakes.
const LETTERS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "23456789";

/** "Kp7m-x4Qa-9Tnc": 12 random characters in three groups, always letters and digits (passes the rule). */
export function temporaryPassword(): string {
  const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)]!;
  const chars = Array.from({ length: 12 }, (_, i) => (i % 4 === 2 ? pick(DIGITS) : pick(LETTERS + DIGITS)));
  if (!chars.some((c) => /[a-zA-Z]/.test(c))) chars[0] = pick(LETTERS);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4, 8).join("")}-${chars.slice(8).join("")}`;
}

// ─── Where roles may be held ────────────────────────────────────────────────

/** The kinds of unit each role is held in: the council's and the leaders' roles are the commune's. */
export const ROLE_UNIT_KINDS: Record<Role, readonly UnitKind[]> = {
  official: ["commune", "office", "department", "organisation", "hamlet"],
  secretary: ["commune"],
  council_member: ["commune"],
  chairman: ["commune"],
  vice_chairman: ["commune"],
  admin: ["commune", "province"],
};

const ROLE_PLACE: Record<Role, string> = {
  official: "một xã hoặc đơn vị trực thuộc xã",
  secretary: "một xã, phường",
  council_member: "một xã, phường",
  chairman: "một xã, phường",
  vice_chairman: "một xã, phường",
  admin: "một xã, phường hoặc tỉnh, thành phố",
};

async function checkGrants(tx: Tx, admin: CurrentUser, grants: Array<{ role: Role; unitId: string }>) {
  if (grants.length === 0) return;
  const units = await tx.orgUnit.findMany({
    where: { AND: [{ id: { in: grants.map((g) => g.unitId) } }, adminScopeWhere(admin)] },
    select: { id: true, kind: true, endedAt: true, name: true },
  });
  const byId = new Map(units.map((u) => [u.id, u]));
  for (const grant of grants) {
    const unit = byId.get(grant.unitId);
    if (!unit) throw new Refusal(422, "Vai trò chỉ được giao tại đơn vị thuộc phạm vi bạn quản trị.", "grants");
    if (unit.endedAt) throw new Refusal(422, `${unit.name} đã kết thúc hoạt động; không giao vai trò tại đơn vị này.`, "grants");
    if (!ROLE_UNIT_KINDS[grant.role].includes(unit.kind)) {
      throw new Refusal(422, `Vai trò này được giao tại ${ROLE_PLACE[grant.role]}, không tại ${unit.name}.`, "grants");
    }
  }
}

async function checkHomeUnit(tx: Tx, admin: CurrentUser, unitId: string) {
  const unit = await tx.orgUnit.findFirst({
    where: { AND: [{ id: unitId, endedAt: null }, adminScopeWhere(admin)] },
    select: { id: true },
  });
  if (!unit) throw new Refusal(422, "Đơn vị công tác không thuộc phạm vi bạn quản trị (hoặc đã kết thúc hoạt động).", "unitId");
}

/** The account to change, locked for the transaction (two saves of one account run one after the other). */
async function userInScope(tx: Tx, admin: CurrentUser, userId: string) {
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR NO KEY UPDATE`;
  const user = await tx.user.findFirst({
    where: { AND: [{ id: userId }, userScopeWhere(admin)] },
    select: {
      id: true,
      username: true,
      fullName: true,
      email: true,
      title: true,
      unitId: true,
      active: true,
      updatedAt: true,
      person: { select: { id: true, gender: true } },
      roles: { select: { role: true, unitId: true } },
    },
  });
  if (!user) throw new Refusal(404, USER_NOT_FOUND);
  return user;
}

const auditOf = (admin: CurrentUser, userId: string) => ({
  actorId: admin.id,
  actorName: admin.fullName,
  entityType: "User",
  entityId: userId,
});

// ─── Reading ────────────────────────────────────────────────────────────────

/** One page of the accounts in scope, searched by name or username without tone marks. */
export async function listUsers(
  admin: CurrentUser,
  { q, page, unitId, active }: { q?: string | null; page: number; unitId?: string | null; active?: boolean | null },
) {
  const folded = q ? foldForSearch(q) : "";
  const where: Prisma.UserWhereInput = {
    AND: [
      userScopeWhere(admin),
      folded ? { searchName: { contains: folded } } : {},
      unitId ? { unit: withinUnits([unitId]) } : {},
      typeof active === "boolean" ? { active } : {},
    ],
  };
  const [total, rows] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      orderBy: [{ active: "desc" }, { searchName: "asc" }, { id: "asc" }],
      skip: (page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
      select: {
        id: true,
        username: true,
        fullName: true,
        title: true,
        active: true,
        mustChangePassword: true,
        unit: { select: { name: true } },
        roles: { select: { role: true, unit: { select: { name: true } } } },
      },
    }),
  ]);
  return { total, rows };
}

/**
 * The units an account's forms choose from: the units of one commune (the account's, or the one chosen),
 * with, for an admin above the communes, the units where they hold the role. A province has hundreds of
 * communes: the pages ask for one commune at a time.
 */
export async function unitChoices(admin: CurrentUser, communeId: string | null) {
  const scope = adminScopeWhere(admin);
  const communes = await prisma.orgUnit.findMany({
    where: { AND: [scope, { kind: "commune", endedAt: null }] },
    orderBy: { name: "asc" },
    take: 2000,
    select: { id: true, name: true },
  });
  const chosen = communeId && communes.some((c) => c.id === communeId) ? communeId : communes.length === 1 ? communes[0]!.id : null;
  const units = await prisma.orgUnit.findMany({
    where: {
      AND: [
        scope,
        { endedAt: null },
        { OR: [...(chosen ? [withinUnits([chosen])] : []), { id: { in: unitsWhereRole(admin, "admin") }, kind: { not: "commune" } }] },
      ],
    },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    take: 1000,
    select: { id: true, name: true, kind: true },
  });
  return { communes, communeId: chosen, units };
}

/** People of a commune without an account, whom a new account may belong to. */
export function peopleWithoutAccount(admin: CurrentUser, communeId: string) {
  return prisma.person.findMany({
    where: { userId: null, leftAt: null, kind: { not: "household" }, unit: { AND: [withinUnits([communeId]), adminScopeWhere(admin)] } },
    orderBy: { searchName: "asc" },
    take: 1000,
    select: { id: true, fullName: true, position: true, unit: { select: { name: true } } },
  });
}

/** An account for its administration page, or null outside the admin's scope. */
export async function loadUserForAdmin(admin: CurrentUser, userId: string) {
  const user = await prisma.user.findFirst({
    where: { AND: [{ id: userId }, userScopeWhere(admin)] },
    select: {
      id: true,
      username: true,
      fullName: true,
      email: true,
      title: true,
      unitId: true,
      active: true,
      mustChangePassword: true,
      signInUnlockedAt: true,
      createdAt: true,
      updatedAt: true,
      unit: { select: { name: true } },
      person: { select: { id: true, gender: true, kind: true } },
      roles: { orderBy: { role: "asc" }, select: { role: true, unitId: true, unit: { select: { name: true } } } },
      _count: { select: { sessions: { where: { expiresAt: { gt: new Date() } } } } },
    },
  });
  if (!user) return null;
  const [choices, history, signInFailures] = await Promise.all([
    unitChoices(admin, await communeIdOf(prisma, user.unitId)),
    prisma.auditEvent.findMany({
      where: { entityType: "User", entityId: userId },
      orderBy: [{ createdAt: "desc" }, { seq: "desc" }],
      take: 50,
      select: { id: true, createdAt: true, actorName: true, action: true, data: true },
    }),
    recentSignInFailures(user.username, user.signInUnlockedAt),
  ]);
  return { user, choices, history, signInFailures: signInFailures.count };
}

// ─── Changing ───────────────────────────────────────────────────────────────

export type NewUser = NewUserData & { personId?: string | null; personKind?: PersonKind };

/**
 * A new account with a temporary password, returned once and never stored in the clear; the first sign-in
 * must replace it. The account belongs to the chosen person of the register, or to a person added now.
 */
export async function createUser(
  admin: CurrentUser,
  input: NewUser,
  now = new Date(),
): Promise<Result<{ userId: string; password: string }>> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      await checkHomeUnit(tx, admin, input.unitId);
      const grants = input.grants ?? [];
      await checkGrants(tx, admin, grants);
      if (await tx.user.findUnique({ where: { username: input.username }, select: { id: true } })) {
        throw new Refusal(409, `Tên đăng nhập «${input.username}» đã được dùng; vui lòng chọn tên khác.`, "username");
      }
      const user = await tx.user.create({
        data: {
          username: input.username,
          fullName: input.fullName,
          searchName: foldForSearch(`${input.fullName} ${input.username}`),
          email: input.email?.toLowerCase() || null,
          title: input.title || null,
          unitId: input.unitId,
          passwordHash,
          mustChangePassword: true,
          roles: { create: grants },
        },
        select: { id: true },
      });
      const personFields = {
        fullName: input.fullName,
        searchName: foldForSearch(input.fullName),
        gender: input.gender,
        position: input.title || null,
      };
      let personId: string;
      if (input.personId) {
        const communeId = (await communeIdOf(tx, input.unitId)) ?? input.unitId;
        const person = await tx.person.findFirst({
          where: { id: input.personId, userId: null, unit: { AND: [withinUnits([communeId]), adminScopeWhere(admin)] } },
          select: { id: true },
        });
        if (!person) throw new Refusal(422, "Người được chọn không thuộc xã của tài khoản, hoặc đã có tài khoản.", "personId");
        await tx.person.update({
          where: { id: person.id },
          data: { ...personFields, unitId: input.unitId, userId: user.id, leftAt: null },
        });
        personId = person.id;
      } else {
        const person = await tx.person.create({
          data: { ...personFields, kind: input.personKind ?? "civil_servant", unitId: input.unitId, userId: user.id },
          select: { id: true },
        });
        personId = person.id;
      }
      const chainId = await auditChainOf(tx, input.unitId);
      await appendAudit(
        tx,
        {
          ...auditOf(admin, user.id),
          chainId,
          action: "user.CREATE",
          data: {
            after: {
              username: input.username,
              fullName: input.fullName,
              gender: input.gender,
              email: input.email ?? null,
              title: input.title ?? null,
              unitId: input.unitId,
              personId,
              grants,
            },
          },
        },
        now,
      );
      // A person already nominated now has an account: an open session must recuse them.
      if (input.personId) await syncRecusalsOfOpenSessions(tx, chainId, now);
      return { ok: true as const, userId: user.id, password };
    }),
  );
}

export type UserProfile = { fullName: string; gender: Gender; email?: string; unitId: string; title?: string; revision?: string | null };

/** Name, gender, email, unit and position of an account (and of its person). */
export function updateUserProfile(admin: CurrentUser, userId: string, input: UserProfile, now = new Date()): Promise<Result> {
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      const before = await userInScope(tx, admin, userId);
      checkRevision(input.revision, before.updatedAt, ACCOUNT_THING);
      if (input.unitId !== before.unitId) await checkHomeUnit(tx, admin, input.unitId);
      const after = {
        fullName: input.fullName,
        email: input.email?.toLowerCase() || null,
        title: input.title || null,
        unitId: input.unitId,
      };
      await tx.user.update({
        where: { id: userId },
        data: { ...after, searchName: foldForSearch(`${input.fullName} ${before.username}`) },
      });
      const person = {
        fullName: input.fullName,
        searchName: foldForSearch(input.fullName),
        gender: input.gender,
        position: after.title,
        unitId: input.unitId,
      };
      if (before.person) await tx.person.update({ where: { id: before.person.id }, data: person });
      else await tx.person.create({ data: { ...person, kind: "civil_servant", userId } });
      await appendAudit(
        tx,
        {
          ...auditOf(admin, userId),
          chainId: await auditChainOf(tx, input.unitId),
          action: "user.UPDATE",
          data: {
            before: {
              fullName: before.fullName,
              email: before.email,
              title: before.title,
              unitId: before.unitId,
              gender: before.person?.gender ?? null,
            },
            after: { ...after, gender: input.gender },
          },
        },
        now,
      );
      return { ok: true as const };
    }),
  );
}

/**
 * The roles of an account within the admin's scope: grants outside it stay as they are. An admin cannot take
 * away their own admin role (somebody must still be able to administer).
 */
export function setUserGrants(
  admin: CurrentUser,
  userId: string,
  grants: Array<{ role: Role; unitId: string }>,
  { revision, now = new Date() }: { revision?: string | null; now?: Date } = {},
): Promise<Result> {
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      const user = await userInScope(tx, admin, userId);
      checkRevision(revision, user.updatedAt, ACCOUNT_THING);
      await checkGrants(tx, admin, grants);
      const scopeUnits = new Set(
        (
          await tx.orgUnit.findMany({
            where: { AND: [{ id: { in: user.roles.map((r) => r.unitId) } }, adminScopeWhere(admin)] },
            select: { id: true },
          })
        ).map((u) => u.id),
      );
      const before = user.roles.filter((r) => scopeUnits.has(r.unitId));
      if (userId === admin.id) {
        const keepsAdmin = grants.some((g) => g.role === "admin" && before.some((b) => b.role === "admin" && b.unitId === g.unitId));
        if (before.some((b) => b.role === "admin") && !keepsAdmin) {
          throw new Refusal(422, "Bạn không thể tự bỏ vai trò quản trị của mình; việc này do một quản trị khác thực hiện.", "grants");
        }
      }
      const key = (g: { role: Role; unitId: string }) => `${g.role}:${g.unitId}`;
      const wanted = new Set(grants.map(key));
      const removed = before.filter((g) => !wanted.has(key(g)));
      const added = grants.filter((g) => !before.some((b) => key(b) === key(g)));
      if (removed.length === 0 && added.length === 0) return { ok: true as const };
      for (const grant of removed) await tx.roleAssignment.deleteMany({ where: { userId, role: grant.role, unitId: grant.unitId } });
      if (added.length > 0) await tx.roleAssignment.createMany({ data: added.map((g) => ({ ...g, userId })) });
      // The roles live in their own rows: the account's version moves, so a form opened before is stale.
      await tx.user.update({ where: { id: userId }, data: { updatedAt: new Date() } });
      await appendAudit(
        tx,
        {
          ...auditOf(admin, userId),
          chainId: await auditChainOf(tx, user.unitId),
          action: "user.ROLES",
          data: { before: before.map((g) => ({ role: g.role, unitId: g.unitId })), after: grants },
        },
        now,
      );
      return { ok: true as const };
    }),
  );
}

/** A new temporary password (shown once); the account's sessions end and the next sign-in must change it. */
export async function resetUserPassword(admin: CurrentUser, userId: string, now = new Date()): Promise<Result<{ password: string }>> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      const user = await userInScope(tx, admin, userId);
      await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: true } });
      const ended = await tx.session.deleteMany({ where: { userId } });
      await appendAudit(
        tx,
        {
          ...auditOf(admin, userId),
          chainId: await auditChainOf(tx, user.unitId),
          action: "user.RESET_PASSWORD",
          data: { sessionsEnded: ended.count },
        },
        now,
      );
      return { ok: true as const, password };
    }),
  );
}

/** Deactivates (every session ends at once) or reactivates an account. Nobody is deleted. */
export function setUserActive(admin: CurrentUser, userId: string, active: boolean, now = new Date()): Promise<Result> {
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      const user = await userInScope(tx, admin, userId);
      if (userId === admin.id && !active) throw new Refusal(422, "Bạn không thể tự khóa tài khoản của mình.");
      if (user.active === active) return { ok: true as const };
      await tx.user.update({ where: { id: userId }, data: { active } });
      const ended = active ? { count: 0 } : await tx.session.deleteMany({ where: { userId } });
      await appendAudit(
        tx,
        {
          ...auditOf(admin, userId),
          chainId: await auditChainOf(tx, user.unitId),
          action: active ? "user.REACTIVATE" : "user.DEACTIVATE",
          data: { before: { active: user.active }, after: { active }, sessionsEnded: ended.count },
        },
        now,
      );
      return { ok: true as const };
    }),
  );
}

/**
 * Lets the account sign in again at once: its failed sign-ins so far no longer slow it down (nor do
 * other accounts' failures from the same address). The attempts themselves are kept.
 */
export function unlockSignIn(admin: CurrentUser, userId: string, now = new Date()): Promise<Result> {
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      const user = await userInScope(tx, admin, userId);
      await tx.user.update({ where: { id: userId }, data: { signInUnlockedAt: now } });
      await appendAudit(
        tx,
        { ...auditOf(admin, userId), chainId: await auditChainOf(tx, user.unitId), action: "user.UNLOCK_SIGN_IN" },
        now,
      );
      return { ok: true as const };
    }),
  );
}
