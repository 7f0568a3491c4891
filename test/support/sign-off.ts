// Dossiers walked to `approved`, a vice-chairman, and a signed decision: what the sign-off tests start from.
import { actorFor, sendDossierEvent } from "~/models/dossier.server.ts";
import { signAwardDecision } from "~/models/award-decision.server.ts";
import { createUser } from "./factories.ts";
import { createCommuneWithStaff, createDossierAt, currentUser } from "./workflow.ts";

type Staff = Awaited<ReturnType<typeof createCommuneWithStaff>>;

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

export function createViceChairman(staff: Staff, fullName = "Bùi Ngọc Nhân") {
  return createUser({ unitId: staff.commune.id, roles: [{ role: "vice_chairman" }], fullName });
}

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
