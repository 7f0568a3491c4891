// Pre-printed blanks (phôi Giấy khen) per unit and award form: where each field prints (its own x/y in mm,
// size and alignment) and an optional scan of the blank, kept in PostgreSQL, shown behind the settings'
// preview and the calibration preview only — never in a print PDF.
import type { AwardForm } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { attempt, refuse, type Result } from "~/utils/result.ts";
import { BLANK_FIELDS, BLANK_LAYOUT_THING, readBlankLayout, roundPlacement, type BlankLayout } from "~/forms/print-settings.ts";
import { checkRevision, revisionOf } from "~/forms/revision.ts";
import { appendAudit } from "./audit.server.ts";
import { lockUnit, unitsWhereRole } from "./org-unit.server.ts";

/** Who sets up a unit's printing: its chairman and its secretary (Văn phòng). */
export function blankSettingUnits(user: CurrentUser): string[] {
  return unitsWhereRole(user, "chairman", "secretary");
}

const NOT_YOURS = "Bạn không có quyền thay đổi thiết lập in của đơn vị này.";

/** A scan up to 5 MB: a page scanned at 150 dpi is well under it. */
export const MAX_SCAN_BYTES = 5 * 1024 * 1024;

/** The unit's layout for an award form (the template where nothing is saved). The scan's bytes are not read. */
export async function blankLayout(unitId: string, awardForm: AwardForm): Promise<BlankLayout> {
  const row = await prisma.certificateBlankLayout.findUnique({
    where: { unitId_awardForm: { unitId, awardForm } },
    select: { fields: true },
  });
  return readBlankLayout(row?.fields);
}

/** Every saved layout of a unit, by award form (for a batch whose certificates may be of several forms). */
export async function blankLayouts(unitId: string): Promise<Partial<Record<AwardForm, BlankLayout>>> {
  const rows = await prisma.certificateBlankLayout.findMany({ where: { unitId }, select: { awardForm: true, fields: true } });
  return Object.fromEntries(rows.map((row) => [row.awardForm, readBlankLayout(row.fields)]));
}

/** The versions the settings page's two forms open at: the unit's offsets and its layout of `awardForm`. */
export async function printSettingsRevisions(unitId: string, awardForm: AwardForm): Promise<{ offsets: string; layout: string }> {
  const [offsets, layout] = await Promise.all([
    prisma.certificatePrintSettings.findUnique({ where: { unitId }, select: { updatedAt: true } }),
    prisma.certificateBlankLayout.findUnique({ where: { unitId_awardForm: { unitId, awardForm } }, select: { updatedAt: true } }),
  ]);
  return { offsets: revisionOf(offsets?.updatedAt), layout: revisionOf(layout?.updatedAt) };
}

/** Whether a scan is stored, and when it changed (for the preview's URL), without reading its bytes. */
export async function blankScanInfo(unitId: string, awardForm: AwardForm): Promise<{ type: string; updatedAt: Date } | null> {
  const [row] = await prisma.$queryRaw<Array<{ scanType: string | null; updatedAt: Date }>>`
    SELECT "scanType", "updatedAt" FROM "CertificateBlankLayout"
    WHERE "unitId" = ${unitId} AND "awardForm" = ${awardForm}::"AwardForm" AND scan IS NOT NULL`;
  return row?.scanType ? { type: row.scanType, updatedAt: row.updatedAt } : null;
}

/** The stored scan, for the preview (chairman or secretary of the unit only). */
export async function blankScan(user: CurrentUser, unitId: string, awardForm: AwardForm) {
  if (!blankSettingUnits(user).includes(unitId)) return null;
  const row = await prisma.certificateBlankLayout.findUnique({
    where: { unitId_awardForm: { unitId, awardForm } },
    select: { scan: true, scanType: true },
  });
  return row?.scan && row.scanType ? { bytes: new Uint8Array(row.scan), type: row.scanType } : null;
}

/** Saves where each field prints on the unit's blanks of `awardForm`, audited; a layout saved since `revision` refuses it (409). */
export async function saveBlankLayout(
  user: CurrentUser,
  unitId: string,
  awardForm: AwardForm,
  layout: BlankLayout,
  { revision, now = new Date() }: { revision?: string | null; now?: Date } = {},
): Promise<Result> {
  if (!blankSettingUnits(user).includes(unitId)) return refuse(403, NOT_YOURS);
  const fields = Object.fromEntries(BLANK_FIELDS.map((field) => [field, roundPlacement(layout[field])]));
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      await lockUnit(tx, unitId);
      const current = await tx.certificateBlankLayout.findUnique({
        where: { unitId_awardForm: { unitId, awardForm } },
        select: { updatedAt: true },
      });
      checkRevision(revision, current?.updatedAt, BLANK_LAYOUT_THING);
      await tx.certificateBlankLayout.upsert({
        where: { unitId_awardForm: { unitId, awardForm } },
        create: { unitId, awardForm, fields, updatedById: user.id },
        update: { fields, updatedById: user.id },
      });
      await appendAudit(
        tx,
        {
          chainId: unitId,
          actorId: user.id,
          actorName: user.fullName,
          action: "blank_layout.UPDATE",
          entityType: "CertificateBlankLayout",
          entityId: `${unitId}:${awardForm}`,
          data: { awardForm, fields },
        },
        now,
      );
      return { ok: true as const };
    }),
  );
}

/** What a scan's first bytes say it is: JPEG or PNG, or null for anything else. */
export function imageTypeOf(bytes: Uint8Array): "image/jpeg" | "image/png" | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.every((byte, i) => bytes[i] === byte)) return "image/png";
  return null;
}

/** Stores (or, with null, removes) the scan of the unit's blank of `awardForm`, audited. */
export async function saveBlankScan(
  user: CurrentUser,
  unitId: string,
  awardForm: AwardForm,
  bytes: Uint8Array | null,
  now = new Date(),
): Promise<Result> {
  if (!blankSettingUnits(user).includes(unitId)) return refuse(403, NOT_YOURS);
  let type: string | null = null;
  if (bytes) {
    if (bytes.byteLength === 0) return refuse(422, "Vui lòng chọn tệp ảnh phôi (JPEG hoặc PNG).", "scan");
    if (bytes.byteLength > MAX_SCAN_BYTES) return refuse(422, "Ảnh phôi không được lớn hơn 5 MB.", "scan");
    type = imageTypeOf(bytes);
    if (!type) return refuse(422, "Ảnh phôi phải là tệp JPEG hoặc PNG.", "scan");
  }
  const scan = bytes ? new Uint8Array(bytes) : null;
  await prisma.$transaction(async (tx) => {
    await tx.certificateBlankLayout.upsert({
      where: { unitId_awardForm: { unitId, awardForm } },
      create: { unitId, awardForm, fields: {}, scan, scanType: type, updatedById: user.id },
      update: { scan, scanType: type, updatedById: user.id },
    });
    await appendAudit(
      tx,
      {
        chainId: unitId,
        actorId: user.id,
        actorName: user.fullName,
        action: bytes ? "blank_scan.UPLOAD" : "blank_scan.REMOVE",
        entityType: "CertificateBlankLayout",
        entityId: `${unitId}:${awardForm}`,
        data: { awardForm, bytes: bytes?.byteLength ?? 0, type },
      },
      now,
    );
  });
  return { ok: true };
}
