// Lists of dossiers for the pages: what a user may see, newest first; what is overdue, most late first.
// Each list is one page query and one count, whatever the page.
import { WAITING_STATES } from "#machines/index.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { screenableDossierWhere, visibleDossierWhere } from "./dossier-scope.server.ts";

export const DOSSIER_PAGE_SIZE = 20;
export const OVERDUE_PAGE_SIZE = 50;

/** One page of the dossiers the user may see (an official: their unit's, drafts included), last changed first. */
export async function listVisibleDossiers(user: CurrentUser, page: number) {
  const where = visibleDossierWhere(user);
  const [total, rows] = await Promise.all([
    prisma.dossier.count({ where }),
    prisma.dossier.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      take: DOSSIER_PAGE_SIZE,
      skip: (page - 1) * DOSSIER_PAGE_SIZE,
      select: {
        id: true,
        state: true,
        dueAt: true,
        updatedAt: true,
        unit: { select: { name: true } },
        nominee: { select: { name: true, kind: true, position: true } },
        movement: { select: { title: true, year: true } },
        documents: { where: { completedAt: { not: null } }, select: { kind: true } },
      },
    }),
  ]);
  return { total, rows };
}

/** One page of the dossiers of the secretary's communes whose working-day deadline has passed, most overdue first. */
export async function listOverdueDossiers(user: CurrentUser, page: number, now = new Date()) {
  const where: Prisma.DossierWhereInput = {
    AND: [screenableDossierWhere(user), { state: { in: [...WAITING_STATES] }, dueAt: { lt: now } }],
  };
  const [total, rows] = await Promise.all([
    prisma.dossier.count({ where }),
    prisma.dossier.findMany({
      where,
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * OVERDUE_PAGE_SIZE,
      take: OVERDUE_PAGE_SIZE,
      select: {
        id: true,
        state: true,
        dueAt: true,
        nominee: { select: { name: true } },
        unit: { select: { name: true } },
        movement: { select: { title: true, year: true } },
      },
    }),
  ]);
  return { total, rows };
}
