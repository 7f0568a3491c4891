// Builds movements and dossiers and walks them through the real workflow.
import type { CouncilTally } from "#machines/index.ts";
import { actorFor, createDossier, sendDossierEvent, systemActor, type DossierCommand } from "~/models/dossier.server.ts";
import { getUser, type CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { createCommune, createMovement as createTestMovement, createUser, requestAs, type TestTarget } from "./factories.ts";

export async function currentUser(userId: string): Promise<CurrentUser> {
  return (await getUser(await requestAs(userId)))!;
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

/** Two targets every test nominee reports on (the workflow tests name them in their messages). */
export const WORKFLOW_TARGETS: TestTarget[] = [
  { metric: "procedures_on_time_rate", label: "Hồ sơ TTHC giải quyết đúng hạn", threshold: 99 },
  { metric: "online_services_rate", label: "Hồ sơ dịch vụ công trực tuyến được giải quyết", threshold: 80 },
];

export function createMovement(
  unitId: string,
  { quota = 5 as number | null, deadline = new Date(Date.now() + 30 * 24 * 3600 * 1000), state = "open" as const } = {},
) {
  return createTestMovement({
    unitId,
    title: "Nâng cao trách nhiệm người đứng đầu trong thực hiện các nhiệm vụ cải cách hành chính",
    targets: WORKFLOW_TARGETS,
    legalBasis: ["Thực hiện Kế hoạch số 3294/KH-UBND ngày 03/4/2023 của UBND huyện Long Điền."],
    submissionDeadline: deadline,
    state,
    quota,
  });
}

/** Fills the three documents as completed and a figure for every target. */
export async function completeDocuments(dossierId: string, userId: string) {
  const dossier = await prisma.dossier.findUniqueOrThrow({ where: { id: dossierId }, select: { movement: { select: { targets: true } } } });
  for (const kind of ["proposal", "unit_minutes", "achievement_report"] as const) {
    await prisma.dossierDocument.upsert({
      where: { dossierId_kind: { dossierId, kind } },
      create: { dossierId, kind, data: {}, completedAt: new Date(), updatedById: userId },
      update: { completedAt: new Date() },
    });
  }
  for (const target of dossier.movement.targets) {
    await prisma.achievementFigure.create({ data: { dossierId, targetId: target.id, value: 99.6 } });
  }
  // The signed scan of the unit's minutes (the row is enough for completeness; no file is read).
  await prisma.attachment.create({
    data: {
      dossierId,
      kind: "unit_minutes_scan",
      fileName: "bien-ban.pdf",
      mimeType: "application/pdf",
      size: 4,
      sha256: "0".repeat(64),
      storageKey: "00/test",
      uploadedById: userId,
    },
  });
}

export const PASSING_TALLY: CouncilTally = { members: 7, voted: 7, agree: 6, quorum: { num: 2, den: 3 }, threshold: { num: 70, den: 100 } };

type Staff = Awaited<ReturnType<typeof createCommuneWithStaff>>;

/** A dossier of the justice department, walked through the workflow up to `until`. */
export async function createDossierAt(
  staff: Staff,
  movementId: string,
  until: "draft" | "submitted" | "screened" | "in_council_vote" | "council_passed",
  { name = "Lê Văn Thử", now = new Date() } = {},
) {
  const official = await currentUser(staff.official.id);
  const created = await createDossier(
    official,
    { movementId, unitId: staff.justice.id, nominee: { kind: "individual", subjectKind: "civil_servant", name } },
    now,
  );
  if (!created.ok) throw new Error(created.message);
  const dossierId = created.dossierId;
  const steps: Array<[string, () => Promise<DossierCommand>, () => Promise<CurrentUser | "system">]> = [
    ["submitted", async () => ({ type: "SUBMIT" }), async () => official],
    ["screened", async () => ({ type: "ACCEPT_SCREENING" }), () => currentUser(staff.secretary.id)],
    ["in_council_vote", async () => ({ type: "OPEN_VOTE", sessionId: "phien-1" }), () => currentUser(staff.secretary.id)],
    ["council_passed", async () => ({ type: "CLOSE_VOTE", tally: PASSING_TALLY }), async () => "system"],
  ];
  if (until === "draft") return dossierId;
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
