// The commune's register of people (Person): cán bộ, công chức, người hoạt động không chuyên trách, người lao
// động, and households. Every role of a commune reads its register (it is who can be nominated); the admin and
// the secretary keep it, an official the people of their own unit. A person's page gathers their award
// history across years, movements and units, and the earlier awards entered by hand.
import type { PersonData } from "~/forms/admin.ts";
import { checkRevision } from "~/forms/revision.ts";
import type { DossierState, PersonKind, Prisma } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { formatDate } from "~/utils/format.ts";
import { awardLabel } from "~/utils/labels.ts";
import { Refusal, attempt, type Result } from "~/utils/result.ts";
import { foldForSearch } from "~/utils/search.ts";
import { appendAudit } from "./audit.server.ts";
import { visibleDossierWhere } from "./dossier-scope.server.ts";
import { auditChainOf, communeIdOf, communesOfRoles, unitsWhereRole, withinUnits } from "./org-unit.server.ts";

type Tx = Prisma.TransactionClient;

export const PERSON_NOT_FOUND = "Không tìm thấy người này trong danh sách của đơn vị bạn.";
/** What a stale save of the edit form names. */
const PERSON_THING = "Thông tin cá nhân";
export const PEOPLE_PAGE_SIZE = 30;

const ALL_ROLES = ["official", "secretary", "council_member", "chairman", "vice_chairman", "admin"] as const;

/** People a user may read: those of the communes (or the province) where they hold any role. */
export async function peopleScope(user: CurrentUser): Promise<Prisma.PersonWhereInput> {
  return { unit: withinUnits(await communesOfRoles(user, ...ALL_ROLES)) };
}

/** People a user may change: the admin's and the secretary's whole subtree, an official's own units. */
export function personEditorWhere(user: CurrentUser): Prisma.PersonWhereInput {
  return { unit: withinUnits(unitsWhereRole(user, "admin", "secretary", "official")) };
}

/** Units a user may add people to (the same reach as personEditorWhere), active ones. */
export function editableUnits(user: CurrentUser) {
  return prisma.orgUnit.findMany({
    where: { AND: [withinUnits(unitsWhereRole(user, "admin", "secretary", "official")), { endedAt: null, kind: { not: "province" } }] },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    take: 1000,
    select: { id: true, name: true, kind: true },
  });
}

export type PeopleQuery = { q?: string | null; unitId?: string | null; kind?: PersonKind | null; page: number; includeLeft?: boolean };

/** One page of the register, searched without tone marks (trigram index on `searchName`). */
export async function listPeople(user: CurrentUser, { q, unitId, kind, page, includeLeft = false }: PeopleQuery) {
  const folded = q ? foldForSearch(q) : "";
  const where: Prisma.PersonWhereInput = {
    AND: [
      await peopleScope(user),
      folded ? { searchName: { contains: folded } } : {},
      unitId ? { unit: withinUnits([unitId]) } : {},
      kind ? { kind } : {},
      includeLeft ? {} : { leftAt: null },
    ],
  };
  const [total, rows] = await Promise.all([
    prisma.person.count({ where }),
    prisma.person.findMany({
      where,
      orderBy: [{ searchName: "asc" }, { id: "asc" }],
      skip: (page - 1) * PEOPLE_PAGE_SIZE,
      take: PEOPLE_PAGE_SIZE,
      select: {
        id: true,
        fullName: true,
        kind: true,
        position: true,
        leftAt: true,
        unit: { select: { id: true, name: true } },
        user: { select: { username: true, active: true } },
      },
    }),
  ]);
  return { total, rows };
}

/**
 * People an official may nominate from the unit `unitId`: the active individuals and households of that
 * unit's commune whose name contains `q` (tone-insensitive), at most 20.
 */
export async function searchNominees(user: CurrentUser, unitId: string, q: string) {
  const folded = foldForSearch(q);
  if (!folded || !unitsWhereRole(user, "official").includes(unitId)) return [];
  const communeId = (await communeIdOf(prisma, unitId)) ?? unitId;
  return prisma.person.findMany({
    where: { unit: withinUnits([communeId]), leftAt: null, searchName: { contains: folded } },
    orderBy: [{ searchName: "asc" }, { id: "asc" }],
    take: 20,
    select: { id: true, fullName: true, kind: true, position: true, unit: { select: { name: true } } },
  });
}

/**
 * The one active person of `unitId` with this name (tone marks and case aside), or null when there is none or
 * more than one: an imported nominee is then linked to the register instead of added twice.
 */
export async function personNamed(tx: Tx, unitId: string, fullName: string): Promise<string | null> {
  const found = await tx.person.findMany({
    where: { unitId, leftAt: null, searchName: foldForSearch(fullName) },
    select: { id: true },
    take: 2,
  });
  return found.length === 1 ? found[0]!.id : null;
}

/** A person an official nominates from `unitId` (same commune, still active), inside the dossier's transaction. */
export async function nomineePerson(tx: Tx, personId: string, unitId: string) {
  const communeId = (await communeIdOf(tx, unitId)) ?? unitId;
  const person = await tx.person.findFirst({
    where: { id: personId, leftAt: null, unit: withinUnits([communeId]) },
    select: { id: true, fullName: true, position: true, kind: true },
  });
  if (!person) throw new Refusal(422, "Người được chọn không có trong danh sách của xã (hoặc đã thôi công tác).", "personId");
  return person;
}

function personRow(input: PersonData) {
  return {
    fullName: input.fullName,
    searchName: foldForSearch(input.fullName),
    kind: input.kind,
    gender: input.gender ?? null,
    birthDate: input.birthDate ? new Date(`${input.birthDate}T00:00:00Z`) : null,
    position: input.position || null,
    unitId: input.unitId,
  };
}

async function checkEditableUnit(tx: Tx, user: CurrentUser, unitId: string) {
  const unit = await tx.orgUnit.findFirst({
    where: { AND: [{ id: unitId, endedAt: null }, withinUnits(unitsWhereRole(user, "admin", "secretary", "official"))] },
    select: { id: true },
  });
  if (!unit) throw new Refusal(403, "Bạn chỉ thêm, sửa người thuộc đơn vị mình phụ trách.", "unitId");
}

/** Adds a person to the register (inside a caller's transaction: the new-dossier form adds one this way too). */
export async function addPerson(tx: Tx, user: CurrentUser, input: PersonData, now = new Date()) {
  await checkEditableUnit(tx, user, input.unitId);
  const data = personRow(input);
  const person = await tx.person.create({ data, select: { id: true } });
  await appendAudit(
    tx,
    {
      chainId: await auditChainOf(tx, input.unitId),
      actorId: user.id,
      actorName: user.fullName,
      action: "person.CREATE",
      entityType: "Person",
      entityId: person.id,
      data: { after: { ...data, searchName: undefined, birthDate: input.birthDate ?? null } },
    },
    now,
  );
  return person;
}

export function createPerson(user: CurrentUser, input: PersonData, now = new Date()): Promise<Result<{ personId: string }>> {
  return attempt(() => prisma.$transaction(async (tx) => ({ ok: true as const, personId: (await addPerson(tx, user, input, now)).id })));
}

/** Edits a person; `leftAt` set marks them as no longer serving (kept with their history). */
export function updatePerson(
  user: CurrentUser,
  personId: string,
  input: PersonData & { left?: boolean; revision?: string | null },
  now = new Date(),
): Promise<Result> {
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      // Serialises two saves of this person: the second reads the first's version and is refused.
      await tx.$queryRaw`SELECT id FROM "Person" WHERE id = ${personId} FOR NO KEY UPDATE`;
      const found = await tx.person.findFirst({
        where: { AND: [{ id: personId }, personEditorWhere(user)] },
        select: {
          fullName: true,
          kind: true,
          gender: true,
          birthDate: true,
          position: true,
          unitId: true,
          leftAt: true,
          userId: true,
          updatedAt: true,
        },
      });
      if (!found) throw new Refusal(404, PERSON_NOT_FOUND);
      const { updatedAt, ...before } = found;
      checkRevision(input.revision, updatedAt, PERSON_THING);
      if (input.unitId !== before.unitId) await checkEditableUnit(tx, user, input.unitId);
      const data = { ...personRow(input), leftAt: input.left ? (before.leftAt ?? now) : null };
      await tx.person.update({ where: { id: personId }, data });
      // An account follows its person's name and unit.
      if (before.userId) {
        await tx.user.update({
          where: { id: before.userId },
          data: { fullName: data.fullName, unitId: data.unitId, title: data.position, searchName: foldForSearch(data.fullName) },
        });
      }
      await appendAudit(
        tx,
        {
          chainId: await auditChainOf(tx, input.unitId),
          actorId: user.id,
          actorName: user.fullName,
          action: "person.UPDATE",
          entityType: "Person",
          entityId: personId,
          data: {
            before: {
              ...before,
              birthDate: before.birthDate?.toISOString().slice(0, 10) ?? null,
              leftAt: before.leftAt?.toISOString() ?? null,
            },
            after: { ...data, searchName: undefined, birthDate: input.birthDate ?? null, leftAt: data.leftAt?.toISOString() ?? null },
          },
        },
        now,
      );
      return { ok: true as const };
    }),
  );
}

/** Revoked certificates stay in the history, marked. */
const DECIDED_STATES: DossierState[] = ["approved", "awarded", "forwarded"];

/** A person's page: details, award history (dossiers, decisions, certificates) and earlier awards; null outside scope. */
export async function loadPerson(user: CurrentUser, personId: string) {
  const person = await prisma.person.findFirst({
    where: { AND: [{ id: personId }, await peopleScope(user)] },
    select: {
      id: true,
      fullName: true,
      kind: true,
      gender: true,
      birthDate: true,
      position: true,
      leftAt: true,
      unit: { select: { id: true, name: true } },
      user: { select: { id: true, username: true, active: true } },
      headOf: { select: { id: true, name: true } },
      priorAwards: {
        orderBy: { decidedOn: "desc" },
        select: { id: true, decisionNumber: true, decidedOn: true, form: true, issuer: true, note: true },
      },
    },
  });
  if (!person) return null;
  const dossiers = await prisma.dossier.findMany({
    where: { nominee: { personId }, state: { notIn: ["draft", "withdrawn"] } },
    orderBy: [{ movement: { year: "desc" } }, { createdAt: "desc" }],
    take: 200,
    select: {
      id: true,
      state: true,
      awardForm: true,
      nominee: { select: { name: true, position: true } },
      movement: { select: { title: true, year: true } },
      unit: { select: { name: true, endedAt: true, mergedInto: { select: { name: true } } } },
      decisionEntry: { select: { decision: { select: { id: true, unitId: true, number: true, decidedAt: true } } } },
      certificate: { select: { serial: true, issuedAt: true, revokedAt: true, revokedReason: true } },
    },
  });
  const visible = new Set(
    (
      await prisma.dossier.findMany({
        where: { AND: [{ id: { in: dossiers.map((d) => d.id) } }, visibleDossierWhere(user)] },
        select: { id: true },
      })
    ).map((d) => d.id),
  );
  const editable = (await prisma.person.count({ where: { AND: [{ id: personId }, personEditorWhere(user)] } })) > 0;
  // Links only where they lead: the decision to its commune's signers and secretary, the unit to those who hold a role there.
  const decisionUnits = new Set(unitsWhereRole(user, "chairman", "vice_chairman", "secretary"));
  const unitVisible =
    (await prisma.orgUnit.count({ where: { AND: [{ id: person.unit.id }, withinUnits(user.grants.map((g) => g.unitId))] } })) > 0;
  return {
    person,
    unitVisible,
    dossiers: dossiers.map((d) => ({
      ...d,
      visible: visible.has(d.id),
      decisionVisible: Boolean(d.decisionEntry && decisionUnits.has(d.decisionEntry.decision.unitId)),
    })),
    editable,
  };
}

/** The person's row for its edit form (only for those who may change it). */
export function personForEdit(user: CurrentUser, personId: string) {
  return prisma.person.findFirst({
    where: { AND: [{ id: personId }, personEditorWhere(user)] },
    select: {
      id: true,
      fullName: true,
      kind: true,
      gender: true,
      birthDate: true,
      position: true,
      unitId: true,
      leftAt: true,
      updatedAt: true,
    },
  });
}

export type PriorAwardInput = { decisionNumber: string; decidedOn: string; form: string; issuer: string; note?: string };

/** An earlier award entered by hand (decision number, date, form, issuer). */
export function addPriorAward(user: CurrentUser, personId: string, input: PriorAwardInput, now = new Date()): Promise<Result> {
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      const person = await tx.person.findFirst({ where: { AND: [{ id: personId }, personEditorWhere(user)] }, select: { unitId: true } });
      if (!person) throw new Refusal(404, PERSON_NOT_FOUND);
      const data = {
        personId,
        decisionNumber: input.decisionNumber,
        decidedOn: new Date(`${input.decidedOn}T00:00:00Z`),
        form: input.form,
        issuer: input.issuer,
        note: input.note || null,
        createdById: user.id,
      };
      const award = await tx.priorAward.create({ data, select: { id: true } });
      await appendAudit(
        tx,
        {
          chainId: await auditChainOf(tx, person.unitId),
          actorId: user.id,
          actorName: user.fullName,
          action: "person.PRIOR_AWARD",
          entityType: "Person",
          entityId: personId,
          data: { after: { ...data, decidedOn: input.decidedOn, awardId: award.id } },
        },
        now,
      );
      return { ok: true as const };
    }),
  );
}

/**
 * "Các hình thức khen thưởng đã được ghi nhận" for Mẫu 07: the person's earlier awards entered by hand and the
 * certificates issued to them through this system (not revoked), oldest first, one a line. Empty when none.
 */
export async function previousAwardsOf(personId: string, exceptDossierId?: string): Promise<string> {
  const [prior, issued] = await Promise.all([
    prisma.priorAward.findMany({ where: { personId }, select: { decisionNumber: true, decidedOn: true, form: true, issuer: true } }),
    prisma.certificate.findMany({
      where: {
        revokedAt: null,
        dossier: { nominee: { personId }, ...(exceptDossierId ? { id: { not: exceptDossierId } } : {}), state: { in: DECIDED_STATES } },
      },
      select: {
        awardForm: true,
        awardTitle: true,
        decisionNumber: true,
        decisionDate: true,
        dossier: { select: { movement: { select: { title: true, year: true } } } },
      },
    }),
  ]);
  const lines = [
    ...prior.map((a) => ({
      at: a.decidedOn.getTime(),
      text: `${a.form} (${a.issuer}), Quyết định số ${a.decisionNumber} ngày ${formatDate(a.decidedOn)}`,
    })),
    ...issued.map((c) => ({
      at: c.decisionDate.getTime(),
      text: `${awardLabel(c.awardForm, c.awardTitle)}, Quyết định số ${c.decisionNumber} ngày ${formatDate(c.decisionDate)} (phong trào “${c.dossier.movement.title}” năm ${c.dossier.movement.year})`,
    })),
  ].sort((a, b) => a.at - b.at);
  return lines.map((line) => `- ${line.text}.`).join("\n");
}
