// The administration of units (đơn vị): the tree, creating and editing a unit, its head, ending it or merging it
// into another. An admin administers the subtree of the units where they hold the admin role (a commune's admin
// the commune, a province's admin every commune under it): every query here carries that scope. Nothing is
// deleted; every change writes an audit row (before → after) in its transaction.
import { randomBytes } from "node:crypto";
import { PARENT_KINDS, type UnitData } from "~/forms/admin.ts";
import { checkRevision } from "~/forms/revision.ts";
import type { Prisma, UnitKind } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { Refusal, attempt, type Result } from "~/utils/result.ts";
import { foldForSearch } from "~/utils/search.ts";
import { appendAudit } from "./audit.server.ts";
import { auditChainOf, communeIdOf, lockUnit, unitsWhereRole, withinUnits } from "./org-unit.server.ts";
import { syncRecusalsOfOpenSessions } from "./recusal.server.ts";

type Tx = Prisma.TransactionClient;

export const UNIT_NOT_FOUND = "Không tìm thấy đơn vị trong phạm vi bạn quản trị.";
/** What a stale save of the unit's forms (details, head, end or merge) names. */
const UNIT_THING = "Thông tin đơn vị";

/** The units an admin administers: those where they hold the admin role, and everything under them. */
export function adminScopeWhere(user: CurrentUser): Prisma.OrgUnitWhereInput {
  return withinUnits(unitsWhereRole(user, "admin"));
}

/** The unit to change, locked for the transaction (two saves of one unit run one after the other). */
async function unitInScope(tx: Tx, user: CurrentUser, unitId: string) {
  await lockUnit(tx, unitId);
  const unit = await tx.orgUnit.findFirst({
    where: { AND: [{ id: unitId }, adminScopeWhere(user)] },
    select: {
      id: true,
      code: true,
      name: true,
      kind: true,
      placeName: true,
      authorityName: true,
      parentId: true,
      ancestorIds: true,
      endedAt: true,
      mergedIntoId: true,
      headPersonId: true,
      updatedAt: true,
    },
  });
  if (!unit) throw new Refusal(404, UNIT_NOT_FOUND);
  return unit;
}

const auditOf = (user: CurrentUser) => ({ actorId: user.id, actorName: user.fullName, entityType: "OrgUnit" });

/** "Bộ phận Tư pháp - Hộ tịch" → "bo-phan-tu-phap-ho-tich-3f9a": readable, unique. */
function newUnitCode(name: string): string {
  const slug = foldForSearch(name)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${slug || "don-vi"}-${randomBytes(3).toString("hex")}`;
}

/** Refuses a parent that is not an active unit in scope of a kind the unit may sit under. */
async function checkParent(tx: Tx, user: CurrentUser, kind: UnitKind, parentId: string | null | undefined, unitId?: string) {
  if (kind === "province") {
    if (parentId) throw new Refusal(422, "Tỉnh, thành phố là cấp cao nhất, không có đơn vị cấp trên.", "parentId");
    return null;
  }
  if (!parentId) throw new Refusal(422, "Vui lòng chọn đơn vị cấp trên.", "parentId");
  const parent = await tx.orgUnit.findFirst({
    where: { AND: [{ id: parentId }, adminScopeWhere(user)] },
    select: { id: true, kind: true, ancestorIds: true, endedAt: true, name: true },
  });
  if (!parent) throw new Refusal(422, "Đơn vị cấp trên không thuộc phạm vi bạn quản trị.", "parentId");
  if (parent.endedAt) throw new Refusal(422, `${parent.name} đã kết thúc hoạt động; không thể đặt đơn vị dưới đơn vị này.`, "parentId");
  if (unitId && (parent.id === unitId || parent.ancestorIds.includes(unitId))) {
    throw new Refusal(422, "Không thể đặt đơn vị dưới chính nó hoặc dưới đơn vị trực thuộc của nó.", "parentId");
  }
  if (!PARENT_KINDS[kind].includes(parent.kind)) {
    throw new Refusal(422, "Loại đơn vị này không thể trực thuộc đơn vị cấp trên đã chọn.", "parentId");
  }
  return parent;
}

// ─── Reading ────────────────────────────────────────────────────────────────

const treeSelect = {
  id: true,
  name: true,
  kind: true,
  parentId: true,
  endedAt: true,
  mergedInto: { select: { name: true } },
  head: { select: { fullName: true } },
  _count: { select: { children: true } },
} satisfies Prisma.OrgUnitSelect;

export type TreeUnit = Prisma.OrgUnitGetPayload<{ select: typeof treeSelect }>;

/**
 * The tree as the administration shows it: each root (the units where the admin holds the role, or the
 * chosen one) with two levels below it; deeper levels open from their unit. With `q`, the matching units.
 */
export async function unitTree(user: CurrentUser, { rootId, q }: { rootId?: string | null; q?: string | null }) {
  const scope = adminScopeWhere(user);
  const folded = q ? foldForSearch(q) : "";
  if (folded) {
    const matches = await prisma.orgUnit.findMany({
      where: { AND: [scope, { searchName: { contains: folded } }] },
      orderBy: [{ endedAt: { sort: "desc", nulls: "first" } }, { name: "asc" }],
      take: 100,
      select: { ...treeSelect, parent: { select: { name: true } } },
    });
    return { roots: [], units: [], matches };
  }
  const rootIds = rootId ? [rootId] : unitsWhereRole(user, "admin");
  const roots = await prisma.orgUnit.findMany({ where: { AND: [scope, { id: { in: rootIds } }] }, select: treeSelect });
  const ids = roots.map((root) => root.id);
  const units = await prisma.orgUnit.findMany({
    where: { AND: [scope, { OR: [{ parentId: { in: ids } }, { parent: { parentId: { in: ids } } }] }] },
    orderBy: [{ endedAt: { sort: "desc", nulls: "first" } }, { kind: "asc" }, { name: "asc" }],
    take: 3000,
    select: treeSelect,
  });
  return { roots, units, matches: [] };
}

/** One unit for its administration page, with what its forms choose from; null when outside the admin's scope. */
export async function loadUnitForAdmin(user: CurrentUser, unitId: string) {
  const scope = adminScopeWhere(user);
  const unit = await prisma.orgUnit.findFirst({
    where: { AND: [{ id: unitId }, scope] },
    select: {
      id: true,
      code: true,
      name: true,
      kind: true,
      placeName: true,
      authorityName: true,
      parentId: true,
      ancestorIds: true,
      endedAt: true,
      updatedAt: true,
      parent: { select: { id: true, name: true } },
      mergedInto: { select: { id: true, name: true } },
      mergedFrom: { select: { id: true, name: true, endedAt: true }, orderBy: { name: "asc" } },
      head: { select: { id: true, fullName: true, position: true, user: { select: { username: true } } } },
      children: { select: { id: true, name: true, kind: true, endedAt: true }, orderBy: [{ kind: "asc" }, { name: "asc" }] },
      _count: { select: { users: { where: { active: true } }, people: { where: { leftAt: null } } } },
    },
  });
  if (!unit) return null;
  const communeId = await communeIdOf(prisma, unit.id);
  // The unit's neighbourhood: its commune's subtree, or for a unit above the communes, the units beside it.
  const neighbourhood: Prisma.OrgUnitWhereInput = communeId
    ? unit.kind === "commune"
      ? { OR: [{ id: { in: unit.ancestorIds } }, withinUnits([unit.parentId ?? unit.id])] }
      : withinUnits([communeId])
    : { OR: [{ id: { in: unit.ancestorIds } }, { parentId: unit.parentId }] };
  const [parentChoices, mergeChoices, headChoices, history] = await Promise.all([
    prisma.orgUnit.findMany({
      where: {
        AND: [
          scope,
          neighbourhood,
          { kind: { in: [...PARENT_KINDS[unit.kind]] }, endedAt: null, id: { not: unit.id }, NOT: { ancestorIds: { has: unit.id } } },
        ],
      },
      orderBy: { name: "asc" },
      take: 500,
      select: { id: true, name: true },
    }),
    prisma.orgUnit.findMany({
      where: {
        AND: [scope, neighbourhood, { kind: unit.kind, endedAt: null, id: { not: unit.id }, NOT: { ancestorIds: { has: unit.id } } }],
      },
      orderBy: { name: "asc" },
      take: 500,
      select: { id: true, name: true },
    }),
    prisma.person.findMany({
      where: { leftAt: null, kind: { not: "household" }, unit: communeId ? withinUnits([communeId]) : { id: unit.id } },
      orderBy: { fullName: "asc" },
      take: 500,
      select: { id: true, fullName: true, position: true },
    }),
    prisma.auditEvent.findMany({
      where: { entityType: "OrgUnit", entityId: unit.id },
      orderBy: [{ createdAt: "desc" }, { seq: "desc" }],
      take: 50,
      select: { id: true, createdAt: true, actorName: true, action: true, data: true },
    }),
  ]);
  return { unit, parentChoices, mergeChoices, headChoices, history };
}

// ─── Changing ───────────────────────────────────────────────────────────────

/** A new unit under a parent in the admin's scope. */
export async function createUnit(user: CurrentUser, input: UnitData, now = new Date()): Promise<Result<{ unitId: string }>> {
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      const parent = await checkParent(tx, user, input.kind, input.parentId);
      if (!parent) throw new Refusal(403, "Chỉ có thể tạo tỉnh, thành phố khi khởi tạo hệ thống.", "kind");
      const data = {
        code: newUnitCode(input.name),
        name: input.name,
        searchName: foldForSearch(input.name),
        kind: input.kind,
        placeName: input.placeName || null,
        authorityName: input.authorityName || null,
        parentId: parent.id,
        ancestorIds: [...parent.ancestorIds, parent.id],
      };
      const unit = await tx.orgUnit.create({ data, select: { id: true } });
      await appendAudit(
        tx,
        {
          ...auditOf(user),
          chainId: await auditChainOf(tx, unit.id),
          action: "unit.CREATE",
          entityId: unit.id,
          data: { after: { ...data, ancestorIds: undefined, searchName: undefined } },
        },
        now,
      );
      return { ok: true as const, unitId: unit.id };
    }),
  );
}

/** Name, kind, parent, place name and the authority line of a unit; a new parent moves its whole subtree. */
export async function updateUnit(
  user: CurrentUser,
  unitId: string,
  input: UnitData & { revision?: string | null },
  now = new Date(),
): Promise<Result> {
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      const before = await unitInScope(tx, user, unitId);
      if (before.endedAt) throw new Refusal(422, "Đơn vị đã kết thúc hoạt động; thông tin của đơn vị được giữ nguyên.");
      checkRevision(input.revision, before.updatedAt, UNIT_THING);
      const parentId = input.kind === "province" ? null : input.parentId || null;
      if (parentId !== before.parentId || input.kind !== before.kind) await checkParent(tx, user, input.kind, parentId, unitId);
      if (input.kind !== before.kind) {
        const children = await tx.orgUnit.findMany({ where: { parentId: unitId, endedAt: null }, select: { kind: true } });
        if (children.some((child) => !PARENT_KINDS[child.kind].includes(input.kind))) {
          throw new Refusal(422, "Không thể đổi loại đơn vị: có đơn vị trực thuộc không thể trực thuộc loại đơn vị mới.", "kind");
        }
      }
      const after = {
        name: input.name,
        kind: input.kind,
        parentId,
        placeName: input.placeName || null,
        authorityName: input.authorityName || null,
      };
      await tx.orgUnit.update({ where: { id: unitId }, data: { ...after, searchName: foldForSearch(input.name) } });
      if (parentId !== before.parentId) await moveSubtree(tx, unitId, parentId);
      await appendAudit(
        tx,
        {
          ...auditOf(user),
          chainId: await auditChainOf(tx, unitId),
          action: "unit.UPDATE",
          entityId: unitId,
          data: {
            before: {
              name: before.name,
              kind: before.kind,
              parentId: before.parentId,
              placeName: before.placeName,
              authorityName: before.authorityName,
            },
            after,
          },
        },
        now,
      );
      return { ok: true as const };
    }),
  );
}

/** Recomputes `ancestorIds` of a unit that changed parent and of every unit under it. */
async function moveSubtree(tx: Tx, unitId: string, parentId: string | null) {
  const parent = parentId ? await tx.orgUnit.findUniqueOrThrow({ where: { id: parentId }, select: { ancestorIds: true } }) : null;
  const newPath = parent && parentId ? [...parent.ancestorIds, parentId] : [];
  await tx.orgUnit.update({ where: { id: unitId }, data: { ancestorIds: newPath } });
  const below = await tx.orgUnit.findMany({ where: { ancestorIds: { has: unitId } }, select: { id: true, ancestorIds: true } });
  for (const unit of below) {
    const rest = unit.ancestorIds.slice(unit.ancestorIds.indexOf(unitId));
    await tx.orgUnit.update({ where: { id: unit.id }, data: { ancestorIds: [...newPath, ...rest] } });
  }
}

/** Người đứng đầu: a person of the unit's commune (or nobody). Open sessions recompute their recusals. */
export async function setUnitHead(
  user: CurrentUser,
  unitId: string,
  headPersonId: string | null,
  { revision, now = new Date() }: { revision?: string | null; now?: Date } = {},
): Promise<Result> {
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      const unit = await unitInScope(tx, user, unitId);
      if (unit.endedAt) throw new Refusal(422, "Đơn vị đã kết thúc hoạt động.");
      checkRevision(revision, unit.updatedAt, UNIT_THING);
      if (headPersonId) {
        const communeId = await communeIdOf(tx, unitId);
        const head = await tx.person.findFirst({
          where: { id: headPersonId, leftAt: null, unit: communeId ? withinUnits([communeId]) : { id: unitId } },
          select: { id: true },
        });
        if (!head) throw new Refusal(422, "Người đứng đầu phải là người trong danh sách cán bộ của xã.", "headPersonId");
      }
      if (unit.headPersonId === headPersonId) return { ok: true as const };
      await tx.orgUnit.update({ where: { id: unitId }, data: { headPersonId } });
      const chainId = await auditChainOf(tx, unitId);
      await appendAudit(
        tx,
        {
          ...auditOf(user),
          chainId,
          action: "unit.SET_HEAD",
          entityId: unitId,
          data: { before: { headPersonId: unit.headPersonId }, after: { headPersonId } },
        },
        now,
      );
      await syncRecusalsOfOpenSessions(tx, chainId, now);
      return { ok: true as const };
    }),
  );
}

/**
 * Ends a unit on a date, or merges it into another: the merged unit keeps its dossiers, decisions and
 * certificates (its award history stays attached to it and is read through `mergedIntoId`), while what is
 * still active — units under it, its people, its accounts and the roles held in it — moves to the unit it
 * merges into. A unit that simply ends must have nothing active left under it.
 */
export async function endUnit(
  user: CurrentUser,
  unitId: string,
  { endedAt, mergedIntoId, revision }: { endedAt: Date; mergedIntoId: string | null; revision?: string | null },
  now = new Date(),
): Promise<Result> {
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      const unit = await unitInScope(tx, user, unitId);
      if (unit.endedAt) throw new Refusal(409, "Đơn vị đã kết thúc hoạt động trước đó.");
      checkRevision(revision, unit.updatedAt, UNIT_THING);
      if (unitsWhereRole(user, "admin").includes(unitId)) {
        throw new Refusal(422, "Không thể kết thúc đơn vị nơi bạn giữ vai trò quản trị; việc này do quản trị cấp trên thực hiện.");
      }
      const moved: Record<string, unknown> = {};
      if (mergedIntoId) {
        const target = await tx.orgUnit.findFirst({
          where: { AND: [{ id: mergedIntoId }, adminScopeWhere(user)] },
          select: { id: true, kind: true, endedAt: true, ancestorIds: true, name: true },
        });
        if (!target) throw new Refusal(422, "Đơn vị nhận sáp nhập không thuộc phạm vi bạn quản trị.", "mergedIntoId");
        if (target.endedAt) throw new Refusal(422, `${target.name} đã kết thúc hoạt động.`, "mergedIntoId");
        if (target.id === unitId || target.ancestorIds.includes(unitId)) {
          throw new Refusal(422, "Không thể sáp nhập đơn vị vào chính nó hoặc vào đơn vị trực thuộc của nó.", "mergedIntoId");
        }
        if (target.kind !== unit.kind) throw new Refusal(422, "Chỉ sáp nhập vào đơn vị cùng loại.", "mergedIntoId");

        const children = await tx.orgUnit.findMany({ where: { parentId: unitId, endedAt: null }, select: { id: true } });
        for (const child of children) {
          await tx.orgUnit.update({ where: { id: child.id }, data: { parentId: target.id } });
          await moveSubtree(tx, child.id, target.id);
        }
        const people = await tx.person.updateMany({ where: { unitId, leftAt: null }, data: { unitId: target.id } });
        const users = await tx.user.updateMany({ where: { unitId, active: true }, data: { unitId: target.id } });
        const grants = await tx.roleAssignment.findMany({ where: { unitId }, select: { id: true, userId: true, role: true } });
        for (const grant of grants) {
          const exists = await tx.roleAssignment.findUnique({
            where: { userId_role_unitId: { userId: grant.userId, role: grant.role, unitId: target.id } },
            select: { id: true },
          });
          if (exists) await tx.roleAssignment.delete({ where: { id: grant.id } });
          else await tx.roleAssignment.update({ where: { id: grant.id }, data: { unitId: target.id } });
        }
        Object.assign(moved, { units: children.map((c) => c.id), people: people.count, users: users.count, roles: grants.length });
      } else {
        const [children, users] = await Promise.all([
          tx.orgUnit.count({ where: { parentId: unitId, endedAt: null } }),
          tx.user.count({ where: { unitId, active: true } }),
        ]);
        if (children > 0) {
          throw new Refusal(
            422,
            `Đơn vị còn ${children} đơn vị trực thuộc đang hoạt động: hãy chuyển hoặc kết thúc các đơn vị đó trước, hoặc sáp nhập đơn vị.`,
          );
        }
        if (users > 0) {
          throw new Refusal(
            422,
            `Đơn vị còn ${users} tài khoản đang hoạt động: hãy chuyển họ sang đơn vị khác trước, hoặc sáp nhập đơn vị.`,
          );
        }
      }
      await tx.orgUnit.update({ where: { id: unitId }, data: { endedAt, mergedIntoId } });
      await appendAudit(
        tx,
        {
          ...auditOf(user),
          chainId: await auditChainOf(tx, unitId),
          action: mergedIntoId ? "unit.MERGE" : "unit.END",
          entityId: unitId,
          data: {
            before: { endedAt: null, mergedIntoId: null },
            after: { endedAt: endedAt.toISOString(), mergedIntoId },
            ...(mergedIntoId ? { moved } : {}),
          } as Prisma.InputJsonValue,
        },
        now,
      );
      return { ok: true as const };
    }),
  );
}

/** What the administration's home counts, in the admin's scope. */
export async function adminOverview(user: CurrentUser) {
  const scope = adminScopeWhere(user);
  const [units, activeUsers, inactiveUsers, people, scopes] = await Promise.all([
    prisma.orgUnit.count({ where: { AND: [scope, { endedAt: null }] } }),
    prisma.user.count({ where: { active: true, unit: scope } }),
    prisma.user.count({ where: { active: false, unit: scope } }),
    prisma.person.count({ where: { leftAt: null, unit: scope } }),
    prisma.orgUnit.findMany({ where: { id: { in: unitsWhereRole(user, "admin") } }, orderBy: { name: "asc" }, select: { name: true } }),
  ]);
  return { units, activeUsers, inactiveUsers, people, scopes: scopes.map((u) => u.name) };
}
