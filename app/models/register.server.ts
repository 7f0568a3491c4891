// Sổ theo dõi khen thưởng (sổ vàng): every award a unit issued in a year, in the order of its register
// number (Certificate.goldenBookNumber, gap-free per unit and year), revoked ones kept and marked. It is read
// from the certificates as signed at issuance, so the register says what the certificates say.
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { vietnamYearRange } from "./award-lists.server.ts";
import { certificateUnits } from "./certificate.server.ts";
import { withMergedUnitIds } from "./org-unit.server.ts";

/** The units whose register a user may open (chairman, vice-chairman, secretary), by name. */
export function registerUnits(user: CurrentUser) {
  return prisma.orgUnit.findMany({
    where: { id: { in: certificateUnits(user) } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, placeName: true },
  });
}

/** "012/2026" → 12: the register's order (zero padding ends at 999, so the text does not sort). */
export function registerSequence(goldenBookNumber: string): number {
  return Number.parseInt(goldenBookNumber.split("/")[0] ?? "", 10) || 0;
}

/**
 * The register of `unitId` for `year`, or null when the user may not open that unit's register. The awards of
 * units merged into it follow it: listed after its own, each register number followed by the unit that issued it
 * (their numbers are that unit's own series).
 */
export async function awardRegister(user: CurrentUser, unitId: string, year: number) {
  if (!certificateUnits(user).includes(unitId)) return null;
  const unit = await prisma.orgUnit.findUnique({ where: { id: unitId }, select: { id: true, name: true, placeName: true } });
  if (!unit) return null;
  const rows = await prisma.certificate.findMany({
    where: { unitId: { in: await withMergedUnitIds(prisma, unitId) }, issuedAt: vietnamYearRange(year) },
    select: {
      id: true,
      unit: { select: { id: true, name: true } },
      goldenBookNumber: true,
      serial: true,
      honorific: true,
      recipientName: true,
      recipientDetail: true,
      achievement: true,
      awardForm: true,
      awardTitle: true,
      decisionId: true,
      decisionNumber: true,
      decisionDate: true,
      issuedAt: true,
      revokedAt: true,
      revokedReason: true,
      dossier: { select: { kind: true, movement: { select: { id: true, title: true, year: true } } } },
    },
  });
  const entries = rows
    .map((row) => ({
      id: row.id,
      merged: row.unit.id === unitId ? null : row.unit.name,
      registerNumber: row.unit.id === unitId ? row.goldenBookNumber : `${row.goldenBookNumber} – ${row.unit.name}`,
      sequence: registerSequence(row.goldenBookNumber),
      recipient: row.honorific ? `${row.honorific} ${row.recipientName}` : row.recipientName,
      kind: row.dossier.kind,
      detail: row.recipientDetail,
      awardForm: row.awardForm,
      awardTitle: row.awardTitle,
      achievement: row.achievement,
      movement: row.dossier.movement,
      decisionId: row.decisionId,
      decisionNumber: row.decisionNumber,
      decisionDate: row.decisionDate,
      serial: row.serial,
      issuedAt: row.issuedAt,
      revokedAt: row.revokedAt,
      revokedReason: row.revokedReason,
    }))
    .sort(
      (a, b) =>
        Number(a.merged !== null) - Number(b.merged !== null) ||
        (a.merged ?? "").localeCompare(b.merged ?? "", "vi") ||
        a.sequence - b.sequence ||
        a.issuedAt.getTime() - b.issuedAt.getTime(),
    );
  return {
    unit,
    year,
    entries,
    total: entries.length,
    revoked: entries.filter((entry) => entry.revokedAt !== null).length,
  };
}

export type AwardRegister = NonNullable<Awaited<ReturnType<typeof awardRegister>>>;
export type RegisterEntry = AwardRegister["entries"][number];
