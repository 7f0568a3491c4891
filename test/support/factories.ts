// The one set of test factories: each test makes the rows it needs, with readable defaults, and walks
// dossiers through the real workflow (the app's own functions, never hand-set states).
//   units and people → requests → movements → dossiers and their documents → the workflow → council → sign-off
import { createHash, randomBytes } from "node:crypto";
import type { CouncilTally } from "#machines/index.ts";
import type { AwardTitle, CouncilPosition, Role } from "~/generated/prisma/enums.ts";
import { signAwardDecision } from "~/models/award-decision.server.ts";
import { actorFor, createDossier, sendDossierEvent, systemActor, type DossierCommand } from "~/models/dossier.server.ts";
import { upsertUnit, type NewUnit } from "~/models/org-unit.server.ts";
import { createSession, getUser, hashPassword, type CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { foldForSearch } from "~/utils/search.ts";

const unique = () => randomBytes(4).toString("hex");
const DAY = 24 * 60 * 60 * 1000;

/** The signed scan the factories attach: a few bytes of PDF, stored like any upload. */
const SCAN_BYTES = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
const SCAN_SHA256 = createHash("sha256").update(SCAN_BYTES).digest("hex");

// ─── Units and people ───────────────────────────────────────────────────────

export async function createUnit(unit: Partial<NewUnit> & { name?: string } = {}) {
  return prisma.$transaction((tx) => upsertUnit(tx, { code: `unit-${unique()}`, name: `Đơn vị ${unique()}`, kind: "commune", ...unit }));
}

/** A commune with two departments, as most tests need. */
export async function createCommune(name = "UBND xã Thử Nghiệm") {
  const commune = await createUnit({ name, kind: "commune", placeName: name.replace(/^UBND xã /, "") });
  const justice = await createUnit({ name: "Bộ phận Tư pháp - Hộ tịch", kind: "department", parentId: commune.id });
  const land = await createUnit({ name: "Bộ phận Địa chính - Xây dựng", kind: "department", parentId: commune.id });
  return { commune, justice, land };
}

let passwordHash: string | undefined;
export const TEST_PASSWORD = "Mat-khau-thu-1";

export async function createUser({
  unitId,
  roles = [],
  fullName = "Nguyễn Thị Thử",
  username = `user.${unique()}`,
  email = `${username}@example.vn`,
}: {
  unitId: string;
  roles?: Array<{ role: Role; unitId?: string }>;
  fullName?: string;
  username?: string;
  email?: string | null;
}) {
  passwordHash ??= await hashPassword(TEST_PASSWORD);
  // Every account belongs to a person of the register, as the administration makes them.
  const user = await prisma.user.create({
    data: {
      username,
      fullName,
      searchName: foldForSearch(`${fullName} ${username}`),
      email,
      passwordHash,
      unitId,
      roles: { create: roles.map((grant) => ({ role: grant.role, unitId: grant.unitId ?? unitId })) },
      person: { create: { fullName, searchName: foldForSearch(fullName), kind: "civil_servant", unitId } },
    },
    include: { person: { select: { id: true } } },
  });
  return { ...user, personId: user.person!.id };
}

/** A person of the register without an account. */
export async function createPerson({
  unitId,
  fullName = "Trần Văn Thử",
  kind = "civil_servant",
  position = null,
}: {
  unitId: string;
  fullName?: string;
  kind?: "cadre" | "civil_servant" | "part_time_worker" | "worker" | "household";
  position?: string | null;
}) {
  return prisma.person.create({ data: { fullName, searchName: foldForSearch(fullName), kind, position, unitId } });
}

/** A commune with its people: an official in each department, a secretary, a chairman. */
export async function createCommuneWithStaff(name = "UBND xã Thử Nghiệm") {
  const units = await createCommune(name);
  const official = await createUser({ unitId: units.justice.id, roles: [{ role: "official" }], fullName: "Đặng Thị Mai" });
  const otherOfficial = await createUser({ unitId: units.land.id, roles: [{ role: "official" }], fullName: "Ngô Quốc Bảo" });
  const secretary = await createUser({ unitId: units.commune.id, roles: [{ role: "secretary" }], fullName: "Trần Thị Thu Hà" });
  const chairman = await createUser({ unitId: units.commune.id, roles: [{ role: "chairman" }], fullName: "Nguyễn Văn Hùng" });
  return { ...units, official, otherOfficial, secretary, chairman };
}

export type Staff = Awaited<ReturnType<typeof createCommuneWithStaff>>;

export function createViceChairman(staff: Staff, fullName = "Bùi Ngọc Nhân") {
  return createUser({ unitId: staff.commune.id, roles: [{ role: "vice_chairman" }], fullName });
}

/** The signed-in user as the app sees it (roles and units loaded). */
export async function currentUser(userId: string): Promise<CurrentUser> {
  const user = await getUser(await requestAs(userId));
  if (!user) throw new Error(`no such user: ${userId}`);
  return user;
}

// ─── Requests ───────────────────────────────────────────────────────────────

/** A request carrying a signed-in session of `userId`. */
export async function requestAs(userId: string | null, path = "/", init: RequestInit = {}): Promise<Request> {
  const headers = new Headers(init.headers);
  if (userId) {
    const setCookie = await createSession(userId);
    headers.set("Cookie", setCookie.split(";")[0]!);
  }
  return new Request(new URL(path, "http://localhost"), { ...init, headers });
}

/** A posted form with whatever cookie the test holds (sign-in, CSRF-free flows). */
export function formRequest(path: string, fields: Record<string, string>, cookie?: string): Request {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
  if (cookie) headers.set("Cookie", cookie);
  return new Request(new URL(path, "http://localhost"), { method: "POST", headers, body: new URLSearchParams(fields) });
}

// ─── Movements ──────────────────────────────────────────────────────────────

export type TestTarget = {
  metric: string;
  label: string;
  comparator?: "gte" | "lte" | "eq";
  threshold: number;
  unit?: string;
  optional?: boolean;
  appliesTo?: Array<"unit_head" | "civil_servant" | "part_time_worker" | "hamlet" | "household">;
};

/** Two rates every nominee reports on (the workflow tests name them in their messages): the default. */
export const WORKFLOW_TARGETS: TestTarget[] = [
  { metric: "procedures_on_time_rate", label: "Hồ sơ TTHC giải quyết đúng hạn", threshold: 99 },
  { metric: "online_services_rate", label: "Hồ sơ dịch vụ công trực tuyến được giải quyết", threshold: 80 },
];

/** Three targets like the demo plan's, one of each kind the report form handles: a rate, a "(nếu có)" rate, one for heads of units only. */
export const REPORT_FORM_TARGETS: TestTarget[] = [
  { metric: "procedures_on_time_rate", label: "Hồ sơ TTHC giải quyết đúng hạn", comparator: "gte", threshold: 99, unit: "%" },
  {
    metric: "legal_documents_rate",
    label: "Văn bản QPPL đúng quy định (nếu có)",
    comparator: "gte",
    threshold: 100,
    unit: "%",
    optional: true,
  },
  {
    metric: "disciplined_staff",
    label: "Cán bộ bị xử lý kỷ luật",
    comparator: "eq",
    threshold: 0,
    unit: "người",
    appliesTo: ["unit_head"],
  },
];

/** A movement of `unitId` (the commune), open for 30 days, with a quota of 5 individuals (null: no cap). */
export function createMovement(
  unitId: string,
  {
    title = "Nâng cao trách nhiệm người đứng đầu trong thực hiện các nhiệm vụ cải cách hành chính",
    targets = WORKFLOW_TARGETS,
    legalBasis = ["Thực hiện Kế hoạch số 3294/KH-UBND ngày 03/4/2023 của UBND huyện Long Điền."],
    state = "open",
    deadline = new Date(Date.now() + 30 * DAY),
    quota = 5,
    titles = {},
  }: {
    title?: string;
    targets?: TestTarget[];
    legalBasis?: string[];
    state?: "draft" | "open" | "closed" | "finished";
    deadline?: Date;
    quota?: number | null;
    /** The title conferred with the Giấy khen on individuals, collectives; none by default (the seed plan's). */
    titles?: { individual?: AwardTitle; collective?: AwardTitle };
  } = {},
) {
  return prisma.movement.create({
    data: {
      unitId,
      title,
      year: 2023,
      legalBasis,
      subjectKinds: ["unit_head", "civil_servant", "part_time_worker", "hamlet"],
      awards: {
        create: (["individual", "collective"] as const).map((nomineeKind) => ({
          nomineeKind,
          awardForm: "commune_chairman_certificate" as const,
          title: titles[nomineeKind] ?? null,
        })),
      },
      submissionDeadline: deadline,
      state,
      quotas: quota === null ? undefined : { create: [{ nomineeKind: "individual", maxAwards: quota }] },
      targets: {
        create: targets.map((target, index) => ({
          position: index + 1,
          metric: target.metric,
          label: target.label,
          comparator: target.comparator ?? "gte",
          threshold: target.threshold,
          unit: target.unit ?? "%",
          optional: target.optional ?? false,
          appliesTo: target.appliesTo ?? [],
        })),
      },
    },
    include: { targets: { orderBy: { position: "asc" } } },
  });
}

// ─── Dossiers and their documents ───────────────────────────────────────────

/** A draft dossier made the way the app makes it (createDossier), for a civil servant by default. */
export async function createDraftDossier({
  officialId,
  movementId,
  unitId,
  nominee = {},
  now,
}: {
  officialId: string;
  movementId: string;
  unitId: string;
  nominee?: Partial<{
    kind: "individual" | "collective" | "household";
    subjectKind: "unit_head" | "civil_servant" | "part_time_worker" | "hamlet" | "household";
    name: string;
    position: string;
  }>;
  now?: Date;
}) {
  const result = await createDossier(
    await currentUser(officialId),
    {
      movementId,
      unitId,
      nominee: {
        kind: "individual",
        subjectKind: "civil_servant",
        name: "Trần Văn Thành",
        ...nominee,
      },
    },
    now,
  );
  if (!result.ok) throw new Error(result.message);
  return result.dossierId;
}

/** A tiny valid PDF, PNG and DOCX-like ZIP, for attachment tests. */
export const SAMPLE_FILES = {
  pdf: () => new TextEncoder().encode("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
  png: () =>
    new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0,
    ]),
  text: () => new TextEncoder().encode("Đây không phải là tệp PDF.\n"),
};

/**
 * What SUBMIT's completeness guard needs, written directly: the three documents marked completed, a figure
 * of 99.6 for every target that applies to the nominee, and a placeholder row for the signed scan of the
 * unit's minutes (no stored bytes: completeness reads the row, not the file).
 */
export async function completeDocuments(dossierId: string, userId: string) {
  const dossier = await prisma.dossier.findUniqueOrThrow({
    where: { id: dossierId },
    select: { nominee: { select: { subjectKind: true } }, movement: { select: { targets: true } } },
  });
  for (const kind of ["proposal", "unit_minutes", "achievement_report"] as const) {
    await prisma.dossierDocument.upsert({
      where: { dossierId_kind: { dossierId, kind } },
      create: { dossierId, kind, data: {}, completedAt: new Date(), updatedById: userId },
      update: { completedAt: new Date() },
    });
  }
  for (const target of dossier.movement.targets) {
    if (target.appliesTo.length > 0 && !target.appliesTo.includes(dossier.nominee.subjectKind)) continue;
    await prisma.achievementFigure.create({ data: { dossierId, targetId: target.id, value: 99.6 } });
  }
  await prisma.attachmentContent.createMany({
    data: [{ sha256: SCAN_SHA256, bytes: SCAN_BYTES, size: SCAN_BYTES.byteLength }],
    skipDuplicates: true,
  });
  await prisma.attachment.create({
    data: {
      dossierId,
      kind: "unit_minutes_scan",
      fileName: "bien-ban.pdf",
      mimeType: "application/pdf",
      size: SCAN_BYTES.byteLength,
      sha256: SCAN_SHA256,
      uploadedById: userId,
    },
  });
}

// ─── The workflow ───────────────────────────────────────────────────────────

export const PASSING_TALLY: CouncilTally = { members: 7, voted: 7, agree: 6, quorum: { num: 2, den: 3 }, threshold: { num: 70, den: 100 } };

/** A dossier of the justice department, walked through the workflow up to `until`. */
export async function createDossierAt(
  staff: Staff,
  movementId: string,
  until: "draft" | "submitted" | "screened" | "in_council_vote" | "council_passed",
  { name = "Lê Văn Thử", now = new Date() } = {},
) {
  const dossierId = await createDraftDossier({
    officialId: staff.official.id,
    movementId,
    unitId: staff.justice.id,
    nominee: { name },
    now,
  });
  if (until === "draft") return dossierId;
  const steps: Array<[string, () => Promise<DossierCommand>, () => Promise<CurrentUser | "system">]> = [
    ["submitted", async () => ({ type: "SUBMIT" }), () => currentUser(staff.official.id)],
    ["screened", async () => ({ type: "ACCEPT_SCREENING" }), () => currentUser(staff.secretary.id)],
    ["in_council_vote", async () => ({ type: "OPEN_VOTE", sessionId: "phien-1" }), () => currentUser(staff.secretary.id)],
    ["council_passed", async () => ({ type: "CLOSE_VOTE", tally: PASSING_TALLY }), async () => "system"],
  ];
  await completeDocuments(dossierId, staff.official.id);
  for (const [state, command, who] of steps) {
    const user = await who();
    const actor = user === "system" ? systemActor(staff.commune.id) : await actorFor(user);
    const result = await sendDossierEvent({ dossierId, actor, command: await command(), now });
    if (!result.ok) throw new Error(`${state}: ${result.message}`);
    if (state === until) break;
  }
  return dossierId;
}

/** `count` dossiers of the movement passed by the council and approved by the chairman. */
export async function approvedDossiers(staff: Staff, movementId: string, count: number, names: string[] = []) {
  const chairman = await actorFor(await currentUser(staff.chairman.id));
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const dossierId = await createDossierAt(staff, movementId, "council_passed", { name: names[i] ?? `Ứng viên ${i + 1}` });
    const result = await sendDossierEvent({ dossierId, actor: chairman, command: { type: "APPROVE" } });
    if (!result.ok) throw new Error(result.message);
    ids.push(dossierId);
  }
  return ids;
}

// ─── The council ────────────────────────────────────────────────────────────

const COUNCIL_NAMES = ["Lê Văn Phúc", "Phạm Thị Lan", "Võ Minh Tuấn", "Huỳnh Văn Sáu", "Trương Thị Ánh", "Đỗ Quang Vinh", "Mai Thị Hạnh"];

/** A council of the commune: the chairman chairs, the secretary is the standing member, the others are members; `size` in all. */
export async function createCouncil(staff: Staff, size = 7, rules: { thresholdNum?: number; quorumNum?: number; quorumDen?: number } = {}) {
  const others = [];
  for (let i = 0; i < size - 2; i++) {
    others.push(
      await createUser({
        unitId: staff.commune.id,
        roles: [{ role: "council_member" }],
        fullName: COUNCIL_NAMES[i % COUNCIL_NAMES.length]! + (i >= COUNCIL_NAMES.length ? ` ${i}` : ""),
      }),
    );
  }
  const seats: Array<{ userId: string; position: CouncilPosition }> = [
    { userId: staff.chairman.id, position: "chair" },
    { userId: staff.secretary.id, position: "standing_member" },
    ...others.map((user, i) => ({ userId: user.id, position: (i === 0 ? "vice_chair" : "member") as CouncilPosition })),
  ];
  for (const seat of seats.slice(0, 2)) {
    await prisma.roleAssignment.upsert({
      where: { userId_role_unitId: { userId: seat.userId, role: "council_member", unitId: staff.commune.id } },
      create: { userId: seat.userId, role: "council_member", unitId: staff.commune.id },
      update: {},
    });
  }
  const council = await prisma.council.create({
    data: {
      unitId: staff.commune.id,
      name: "Hội đồng Thi đua – Khen thưởng xã",
      termStart: new Date("2021-01-01T00:00:00Z"),
      ...rules,
      members: { create: seats },
    },
  });
  return { council, memberIds: seats.map((seat) => seat.userId), others };
}

// ─── Sign-off ───────────────────────────────────────────────────────────────

/** Signs the decision of a movement as the chairman; throws on refusal. */
export async function signAsChairman(staff: Staff, movementId: string, now?: Date) {
  const result = await signAwardDecision(await currentUser(staff.chairman.id), movementId, now);
  if (!result.ok) throw new Error(result.message);
  return result;
}

/** "YYYY-MM-DD" of a date in Vietnam, for the delegation form. */
export function isoDay(date: Date): string {
  return new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** A screened dossier whose nominee is the register's person `personId` (a council member, to be recused). */
export async function screenedDossierOfPerson(staff: Staff, movementId: string, personId: string) {
  const official = await currentUser(staff.official.id);
  const created = await createDossier(official, {
    movementId,
    unitId: staff.justice.id,
    nominee: { kind: "individual", subjectKind: "civil_servant", personId },
  });
  if (!created.ok) throw new Error(created.message);
  await completeDocuments(created.dossierId, staff.official.id);
  for (const [who, type] of [
    [official, "SUBMIT"],
    [await currentUser(staff.secretary.id), "ACCEPT_SCREENING"],
  ] as const) {
    const result = await sendDossierEvent({ dossierId: created.dossierId, actor: await actorFor(who), command: { type } });
    if (!result.ok) throw new Error(result.message);
  }
  return created.dossierId;
}
