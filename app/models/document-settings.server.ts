// What a unit's award decisions cite (căn cứ ban hành) and who proposes them, editable per unit by its
// chairman or office; without settings, the laws and decrees in force on the decision's date.
import { checkRevision, revisionOf } from "~/forms/revision.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { LAWS, emulationDecree, twoTierGovernment } from "~/documents/wording.server.ts";
import { appendAudit } from "./audit.server.ts";
import { attempt, refuse, type Result } from "~/utils/result.ts";
import { lockUnit, unitsWhereRole } from "./org-unit.server.ts";

type Db = Prisma.TransactionClient | typeof prisma;

/** Who edits a unit's document settings. */
export const DOCUMENT_SETTINGS_ROLES = ["chairman", "secretary"] as const;

/** The laws and decrees a commune's award decision cites, by number and date, as in force on `decidedAt`. */
export function defaultDecisionLegalBasis(decidedAt: Date): string[] {
  const localGovernment = twoTierGovernment(decidedAt) ? LAWS.localGovernment2025 : LAWS.localGovernment2015;
  return [localGovernment, LAWS.emulation2022, emulationDecree(decidedAt)].map((law) => `Căn cứ ${law};`);
}

/** "Theo đề nghị của …" */
export const DEFAULT_PROPOSED_BY = "Văn phòng Ủy ban nhân dân xã (Thường trực Hội đồng Thi đua - Khen thưởng xã)";

/** `revision`: the version of the unit's own basis (revisionOf its updatedAt, "new" when it has none). */
export type DecisionBasis = { legalBasis: string[]; proposedBy: string; custom: boolean; revision: string };

/** The unit's own basis, or the defaults for a decision dated `decidedAt`. */
export async function decisionBasis(unitId: string, decidedAt = new Date(), db: Db = prisma): Promise<DecisionBasis> {
  const row = await db.documentSettings.findUnique({
    where: { unitId },
    select: { decisionLegalBasis: true, decisionProposedBy: true, updatedAt: true },
  });
  return row
    ? { legalBasis: row.decisionLegalBasis, proposedBy: row.decisionProposedBy, custom: true, revision: revisionOf(row.updatedAt) }
    : { legalBasis: defaultDecisionLegalBasis(decidedAt), proposedBy: DEFAULT_PROPOSED_BY, custom: false, revision: revisionOf(null) };
}

/** A "Căn cứ" line as printed: trimmed, one space between words, ending with ";". */
export function basisLine(line: string): string {
  const text = line
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.;,\s]+$/, "");
  return `${text.charAt(0).toLocaleUpperCase("vi-VN")}${text.slice(1)};`;
}

/**
 * Saves a unit's basis (chairman or office of the unit), or with `null` goes back to the defaults. Audited.
 * `revision`: the version the form was opened at; a basis saved since refuses this save (409).
 */
export async function saveDecisionBasis(
  user: CurrentUser,
  unitId: string,
  basis: { legalBasis: string[]; proposedBy: string } | null,
  { revision, now = new Date() }: { revision?: string | null; now?: Date } = {},
): Promise<Result> {
  if (!unitsWhereRole(user, ...DOCUMENT_SETTINGS_ROLES).includes(unitId))
    return refuse(403, "Bạn không có quyền thay đổi căn cứ ban hành quyết định của đơn vị này.");
  const value = basis && {
    decisionLegalBasis: basis.legalBasis.map(basisLine),
    decisionProposedBy: basis.proposedBy
      .replace(/\s+/g, " ")
      .trim()
      .replace(/[.;,\s]+$/, ""),
  };
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      await lockUnit(tx, unitId);
      const current = await tx.documentSettings.findUnique({ where: { unitId }, select: { updatedAt: true } });
      checkRevision(revision, current?.updatedAt, "Căn cứ ban hành quyết định");
      if (value) {
        await tx.documentSettings.upsert({
          where: { unitId },
          create: { unitId, ...value, updatedById: user.id },
          update: { ...value, updatedById: user.id },
        });
      } else {
        await tx.documentSettings.deleteMany({ where: { unitId } });
      }
      await appendAudit(
        tx,
        {
          chainId: unitId,
          actorId: user.id,
          actorName: user.fullName,
          action: value ? "document_settings.UPDATE" : "document_settings.RESET",
          entityType: "DocumentSettings",
          entityId: unitId,
          data: value ?? {},
        },
        now,
      );
      return { ok: true as const };
    }),
  );
}
