// What waits for a user, counted for their home page: per role they hold, the dossiers in the scope
// of that role (an official's units, the movements of a secretary's or a signer's commune).
import { WAITING_STATES } from "#machines/index.ts";
import type { DossierState, Prisma } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { unitsWhereRole, withinUnits } from "./org-unit.server.ts";

type Counts = Partial<Record<DossierState, number>>;

/** Number of dossiers in each state among those matching `where`. */
async function countByState(where: Prisma.DossierWhereInput): Promise<Counts> {
  const rows = await prisma.dossier.groupBy({ by: ["state"], where, _count: { _all: true } });
  return Object.fromEntries(rows.map((row) => [row.state, row._count._all]));
}

export type Workload = {
  official?: Counts;
  secretary?: { counts: Counts; overdue: number };
  council?: { inVote: number };
  signer?: Counts;
  admin?: { units: number; users: number; people: number };
};

export async function workloadOf(user: CurrentUser, now = new Date()): Promise<Workload> {
  const workload: Workload = {};
  const officialUnits = unitsWhereRole(user, "official");
  if (officialUnits.length > 0) workload.official = await countByState({ unit: withinUnits(officialUnits) });

  const secretaryUnits = unitsWhereRole(user, "secretary");
  if (secretaryUnits.length > 0) {
    const scope = { movement: { unit: withinUnits(secretaryUnits) } };
    const [counts, overdue] = await Promise.all([
      countByState(scope),
      prisma.dossier.count({ where: { ...scope, dueAt: { lt: now }, state: { in: [...WAITING_STATES] } } }),
    ]);
    workload.secretary = { counts, overdue };
  }

  const councilUnits = unitsWhereRole(user, "council_member");
  if (councilUnits.length > 0) {
    const counts = await countByState({ movement: { unit: withinUnits(councilUnits) }, state: "in_council_vote" });
    workload.council = { inVote: counts.in_council_vote ?? 0 };
  }

  const signerUnits = unitsWhereRole(user, "chairman", "vice_chairman");
  if (signerUnits.length > 0) {
    workload.signer = await countByState({ movement: { unit: withinUnits(signerUnits) }, state: { in: ["council_passed", "approved"] } });
  }

  const adminUnits = unitsWhereRole(user, "admin");
  if (adminUnits.length > 0) {
    const [units, users, people] = await Promise.all([
      prisma.orgUnit.count({ where: { AND: [withinUnits(adminUnits), { endedAt: null }] } }),
      prisma.user.count({ where: { active: true, unit: withinUnits(adminUnits) } }),
      prisma.person.count({ where: { leftAt: null, unit: withinUnits(adminUnits) } }),
    ]);
    workload.admin = { units, users, people };
  }
  return workload;
}
