import type { DossierState, Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";

/** Number of dossiers in each state among those matching `where` (the caller scopes it to the user's units). */
export async function countDossiersByState(where: Prisma.DossierWhereInput): Promise<Partial<Record<DossierState, number>>> {
  const rows = await prisma.dossier.groupBy({ by: ["state"], where, _count: { _all: true } });
  return Object.fromEntries(rows.map((row) => [row.state, row._count._all]));
}
