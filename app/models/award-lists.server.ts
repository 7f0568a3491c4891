// The lists of award decisions and certificates (Giấy khen), searched and filtered by the URL's query
// (app/utils/list-query.ts): one page query and one count each; names are searched on their folded copy
// under a trigram index (AwardDecisionEntry.searchName, Certificate.searchName).
import type { Prisma } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import type { ListQuery } from "~/utils/list-query.ts";
import { containsText, escapeLike } from "~/utils/search.ts";
import { decisionUnits } from "./award-decision.server.ts";
import { certificateUnits } from "./certificate.server.ts";
import { withinUnits } from "./org-unit.server.ts";

export const AWARD_PAGE_SIZE = 20;
export const AWARD_EXPORT_LIMIT = 10_000;

type Filters = Pick<ListQuery, "q" | "states" | "unitId" | "movementId" | "year" | "sort">;

/** The instants a Vietnamese calendar year spans (Asia/Ho_Chi_Minh, UTC+7 all year). */
export function vietnamYearRange(year: number): { gte: Date; lt: Date } {
  return { gte: new Date(Date.UTC(year, 0, 1) - 7 * 3_600_000), lt: new Date(Date.UTC(year + 1, 0, 1) - 7 * 3_600_000) };
}

// ─── Decisions ──────────────────────────────────────────────────────────────

/** Decisions of the user's communes: by number or an awardee's name, unit, movement, year. */
export function decisionListWhere(user: CurrentUser, filters: Filters): Prisma.AwardDecisionWhereInput {
  const and: Prisma.AwardDecisionWhereInput[] = [{ unitId: { in: decisionUnits(user) } }];
  const folded = containsText(filters.q);
  if (folded) {
    and.push({
      OR: [
        { number: { contains: escapeLike(filters.q.trim()), mode: "insensitive" } },
        { entries: { some: { searchName: { contains: folded } } } },
      ],
    });
  }
  if (filters.unitId) and.push({ unit: withinUnits([filters.unitId]) });
  if (filters.movementId) and.push({ movementId: filters.movementId });
  if (filters.year !== null) and.push({ year: filters.year });
  return { AND: and };
}

function decisionOrder(sort: string): Prisma.AwardDecisionOrderByWithRelationInput[] {
  if (sort === "ngay-ky-cu") return [{ decidedAt: "asc" }, { id: "asc" }];
  if (sort === "so") return [{ year: "desc" }, { sequence: "desc" }, { id: "asc" }];
  return [{ decidedAt: "desc" }, { id: "asc" }];
}

const decisionRowSelect = {
  id: true,
  number: true,
  decidedAt: true,
  subject: true,
  signerName: true,
  signerTitle: true,
  onBehalf: true,
  unit: { select: { name: true } },
  movement: { select: { id: true, title: true, year: true } },
  _count: { select: { entries: true, certificates: true } },
} satisfies Prisma.AwardDecisionSelect;

export async function listDecisions(user: CurrentUser, filters: Filters, page: number) {
  const where = decisionListWhere(user, filters);
  const [total, rows] = await Promise.all([
    prisma.awardDecision.count({ where }),
    prisma.awardDecision.findMany({
      where,
      orderBy: decisionOrder(filters.sort),
      take: AWARD_PAGE_SIZE,
      skip: (page - 1) * AWARD_PAGE_SIZE,
      select: decisionRowSelect,
    }),
  ]);
  return { total, rows };
}

/** The filtered decisions with their awardees, for the .xlsx (one row per awardee). */
export async function exportDecisions(user: CurrentUser, filters: Filters) {
  const where = decisionListWhere(user, filters);
  const [total, rows] = await Promise.all([
    prisma.awardDecision.count({ where }),
    prisma.awardDecision.findMany({
      where,
      orderBy: decisionOrder(filters.sort),
      take: AWARD_EXPORT_LIMIT,
      select: {
        ...decisionRowSelect,
        entries: {
          orderBy: { position: "asc" },
          select: {
            position: true,
            kind: true,
            name: true,
            detail: true,
            awardForm: true,
            awardTitle: true,
            dossier: { select: { certificate: { select: { serial: true } } } },
          },
        },
      },
    }),
  ]);
  return { total, rows };
}

/** The units and movements and years the decisions filter offers. */
export async function decisionFilterOptions(user: CurrentUser) {
  const units = decisionUnits(user);
  const [unitRows, movements, years] = await Promise.all([
    prisma.orgUnit.findMany({ where: withinUnits(units), orderBy: { name: "asc" }, take: 500, select: { id: true, name: true } }),
    prisma.movement.findMany({
      where: { unitId: { in: units } },
      orderBy: [{ year: "desc" }, { createdAt: "desc" }],
      take: 200,
      select: { id: true, title: true, year: true, version: true },
    }),
    prisma.awardDecision.groupBy({ by: ["year"], where: { unitId: { in: units } }, orderBy: { year: "desc" } }),
  ]);
  return { units: unitRows, movements, years: years.map((row) => row.year) };
}

// ─── Certificates ───────────────────────────────────────────────────────────

/** Certificates of the user's communes: by the recipient's name or the serial, unit, movement, year of issue, state. */
export function certificateListWhere(user: CurrentUser, filters: Filters): Prisma.CertificateWhereInput {
  const and: Prisma.CertificateWhereInput[] = [{ unitId: { in: certificateUnits(user) } }];
  const folded = containsText(filters.q);
  if (folded) {
    const serial = escapeLike(filters.q.trim().toUpperCase().replace(/\s+/g, ""));
    and.push({ OR: [{ searchName: { contains: folded } }, { serial: { contains: serial } }] });
  }
  if (filters.unitId) and.push({ unit: withinUnits([filters.unitId]) });
  if (filters.movementId) and.push({ decision: { movementId: filters.movementId } });
  if (filters.year !== null) and.push({ issuedAt: vietnamYearRange(filters.year) });
  const valid = filters.states.includes("hieu-luc");
  const revoked = filters.states.includes("thu-hoi");
  if (valid !== revoked) and.push({ revokedAt: revoked ? { not: null } : null });
  return { AND: and };
}

function certificateOrder(sort: string): Prisma.CertificateOrderByWithRelationInput[] {
  if (sort === "ngay-cap-moi") return [{ issuedAt: "desc" }, { goldenBookNumber: "desc" }];
  if (sort === "ten") return [{ searchName: "asc" }, { id: "asc" }];
  return [{ issuedAt: "asc" }, { goldenBookNumber: "asc" }];
}

const certificateRowSelect = {
  id: true,
  serial: true,
  goldenBookNumber: true,
  honorific: true,
  recipientName: true,
  recipientDetail: true,
  achievement: true,
  awardForm: true,
  awardTitle: true,
  decisionNumber: true,
  decisionDate: true,
  issuedAt: true,
  revokedAt: true,
  revokedReason: true,
  decisionId: true,
  unit: { select: { name: true } },
} satisfies Prisma.CertificateSelect;

export async function listCertificates(user: CurrentUser, filters: Filters, page: number) {
  const where = certificateListWhere(user, filters);
  const [total, rows] = await Promise.all([
    prisma.certificate.count({ where }),
    prisma.certificate.findMany({
      where,
      orderBy: certificateOrder(filters.sort),
      take: AWARD_PAGE_SIZE,
      skip: (page - 1) * AWARD_PAGE_SIZE,
      select: certificateRowSelect,
    }),
  ]);
  return { total, rows };
}

export async function exportCertificates(user: CurrentUser, filters: Filters) {
  const where = certificateListWhere(user, filters);
  const [total, rows] = await Promise.all([
    prisma.certificate.count({ where }),
    prisma.certificate.findMany({ where, orderBy: certificateOrder(filters.sort), take: AWARD_EXPORT_LIMIT, select: certificateRowSelect }),
  ]);
  return { total, rows };
}

/** The units, movements and years the certificates filter offers. */
export async function certificateFilterOptions(user: CurrentUser) {
  const units = certificateUnits(user);
  const [unitRows, movements, first] = await Promise.all([
    prisma.orgUnit.findMany({ where: withinUnits(units), orderBy: { name: "asc" }, take: 500, select: { id: true, name: true } }),
    prisma.movement.findMany({
      where: { unitId: { in: units } },
      orderBy: [{ year: "desc" }, { createdAt: "desc" }],
      take: 200,
      select: { id: true, title: true, year: true, version: true },
    }),
    prisma.certificate.findFirst({ where: { unitId: { in: units } }, orderBy: { issuedAt: "asc" }, select: { issuedAt: true } }),
  ]);
  const thisYear = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
  const firstYear = first ? new Date(first.issuedAt.getTime() + 7 * 3_600_000).getUTCFullYear() : thisYear;
  const years = Array.from({ length: Math.max(1, thisYear - firstYear + 1) }, (_, i) => thisYear - i);
  return { units: unitRows, movements, years };
}
