// Giấy khen: issued per awardee of a decision (the dossier moves to `awarded` in the same
// transaction), signed with Ed25519 so the public page can tell a genuine row from an edited one,
// revoked (never deleted) by the chairman, printed on plain paper or on calibrated blanks.
import { randomInt } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { env } from "~/utils/env.server.ts";
import { foldForSearch } from "~/utils/search.ts";
import { signPayload, verifyPayload } from "~/utils/signing.server.ts";
import type { CertificateFace, Offsets } from "~/documents/certificate.server.ts";
import { authorityName, documentUnitName, initials, localityOf, upperVi, vietnamYear } from "~/documents/wording.server.ts";
import { OFFSET_LIMIT_MM, PRINT_OFFSETS_THING } from "~/forms/print-settings.ts";
import { checkRevision } from "~/forms/revision.ts";
import { AWARD_TITLE_LABELS } from "~/utils/labels.ts";
import { appendAudit } from "./audit.server.ts";
import { Refusal, attempt, refuse, type Result } from "~/utils/result.ts";
import { nextNumber } from "./award-decision.server.ts";
import { actorFor, applyDossierEvent } from "./dossier.server.ts";
import { signingAuthority } from "./award-decision.server.ts";
import { delegatedMovementIds } from "./delegation.server.ts";
import { lockUnit, unitsWhereRole } from "./org-unit.server.ts";
import type { ReissueInput } from "~/forms/certificate-reissue.ts";

export const CERTIFICATE_SERIES = "GK";

// Crockford's base32 without I, L, O, U: nothing to misread when a serial is typed.
const SERIAL_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** "TP-2026-00012-K7QX": the unit's initials, the year, the gap-free sequence and a random check. */
export function makeSerial(place: string, year: number, sequence: number): string {
  const check = Array.from({ length: 4 }, () => SERIAL_ALPHABET[randomInt(SERIAL_ALPHABET.length)]).join("");
  return `${initials(place)}-${year}-${String(sequence).padStart(5, "0")}-${check}`;
}

/** What a person types, as stored: upper case, no spaces. */
export function normalizeSerial(input: string): string {
  return input.trim().toUpperCase().replace(/\s+/g, "");
}

export function verifyUrl(serial: string): string {
  return `${env().APP_URL}/xac-minh/${encodeURIComponent(serial)}`;
}

// ─── What is signed ─────────────────────────────────────────────────────────

type SignedColumns = {
  serial: string;
  dossierId: string;
  decisionId: string;
  unitId: string;
  goldenBookNumber: string;
  honorific: string | null;
  recipientName: string;
  recipientDetail: string | null;
  achievement: string;
  awardForm: string;
  /** Danh hiệu thi đua conferred with the form, as printed; null (or absent): the form alone. */
  awardTitle?: string | null;
  issuerName: string;
  place: string;
  decisionNumber: string;
  decisionDate: Date;
  signerTitle: string;
  signerName: string;
  onBehalf: boolean;
  issuedAt: Date;
  /** Cấp lại: the serial of the revoked certificate this one replaces, and why. */
  replacesSerial?: string | null;
  reissueReason?: string | null;
};

/**
 * The signed record: every column the certificate and the public page show, rebuilt from the row
 * (never from a stored copy), so that changing any of them in the database breaks the signature.
 * Versions: 1 the first columns; 2 a reissue's link (replacesSerial, reissueReason); 3 a title (awardTitle).
 * A field is in the payload only when set, so every certificate signed before it still verifies; setting
 * (or clearing) one in the database changes the payload and breaks the signature all the same.
 */
export function certificatePayload(row: SignedColumns) {
  return {
    type: "giay-khen",
    version: row.awardTitle ? 3 : row.replacesSerial ? 2 : 1,
    serial: row.serial,
    dossierId: row.dossierId,
    decisionId: row.decisionId,
    unitId: row.unitId,
    goldenBookNumber: row.goldenBookNumber,
    honorific: row.honorific,
    recipientName: row.recipientName,
    recipientDetail: row.recipientDetail,
    achievement: row.achievement,
    awardForm: row.awardForm,
    issuerName: row.issuerName,
    place: row.place,
    decisionNumber: row.decisionNumber,
    decisionDate: row.decisionDate.toISOString(),
    signerTitle: row.signerTitle,
    signerName: row.signerName,
    onBehalf: row.onBehalf,
    issuedAt: row.issuedAt.toISOString(),
    // Only a reissue carries the link (version 2), so the certificates signed before it still verify.
    ...(row.replacesSerial ? { replacesSerial: row.replacesSerial, reissueReason: row.reissueReason ?? null } : {}),
    // Only a certificate with a title carries it (version 3).
    ...(row.awardTitle ? { awardTitle: row.awardTitle } : {}),
  };
}

/** A revocation is signed too: its date and reason cannot be edited afterwards either. */
export function revocationPayload(row: { serial: string; revokedAt: Date; revokedReason: string }) {
  return {
    type: "thu-hoi-giay-khen",
    version: 1,
    serial: row.serial,
    revokedAt: row.revokedAt.toISOString(),
    revokedReason: row.revokedReason,
  };
}

// ─── Issuing ────────────────────────────────────────────────────────────────

const HONORIFICS: Record<string, string> = { male: "Ông", female: "Bà" };

/**
 * Issues the certificates of a decision's awardees that have none yet (or only `dossierIds`).
 * One transaction: each Certificate row and its dossier's ISSUE_CERTIFICATE event commit together,
 * or nothing does. The decision row is locked, so two clicks cannot issue twice.
 */
export async function issueCertificates(
  user: CurrentUser,
  decisionId: string,
  { dossierIds, now = new Date() }: { dossierIds?: string[]; now?: Date } = {},
): Promise<Result<{ issued: Array<{ certificateId: string; serial: string; dossierId: string }> }>> {
  const units = unitsWhereRole(user, "chairman", "vice_chairman");
  if (units.length === 0) return refuse(403, "Chỉ Chủ tịch UBND xã (hoặc Phó Chủ tịch được ủy quyền) mới được cấp Giấy khen.");
  return attempt(() =>
    prisma.$transaction(
      async (tx) => {
        const decision = await tx.awardDecision.findFirst({
          where: { id: decisionId, unitId: { in: units } },
          select: {
            id: true,
            unitId: true,
            number: true,
            decidedAt: true,
            signerName: true,
            signerTitle: true,
            onBehalf: true,
            unit: { select: { name: true, placeName: true, authorityName: true } },
            movement: { select: { title: true, year: true } },
          },
        });
        if (!decision) throw new Refusal(404, "Không tìm thấy quyết định khen thưởng.");
        const unitName = documentUnitName(decision.unit);
        await tx.$queryRaw`SELECT id FROM "AwardDecision" WHERE id = ${decision.id} FOR UPDATE`;
        const entries = await tx.awardDecisionEntry.findMany({
          where: {
            decisionId: decision.id,
            dossier: { state: "approved", certificate: { is: null } },
            ...(dossierIds ? { dossierId: { in: dossierIds } } : {}),
          },
          orderBy: { position: "asc" },
          select: {
            dossierId: true,
            kind: true,
            name: true,
            detail: true,
            awardTitle: true,
            dossier: { select: { version: true, documents: { where: { kind: "achievement_report" }, select: { data: true } } } },
          },
        });
        if (entries.length === 0)
          throw new Refusal(
            409,
            "Không còn Giấy khen nào cần cấp: các hồ sơ của quyết định đã được cấp Giấy khen hoặc không còn ở trạng thái «Đã phê duyệt».",
          );

        const actor = await actorFor(user, tx);
        const year = vietnamYear(now);
        const place = decision.unit.placeName ?? localityOf(unitName);
        const issued: Array<{ certificateId: string; serial: string; dossierId: string }> = [];
        for (const entry of entries) {
          const sequence = await nextNumber(tx, decision.unitId, year, CERTIFICATE_SERIES);
          const report = (entry.dossier.documents[0]?.data ?? {}) as { sex?: unknown };
          const columns: SignedColumns = {
            serial: makeSerial(place, year, sequence),
            dossierId: entry.dossierId,
            decisionId: decision.id,
            unitId: decision.unitId,
            goldenBookNumber: `${String(sequence).padStart(3, "0")}/${year}`,
            honorific: entry.kind === "individual" ? (HONORIFICS[String(report.sex)] ?? "Ông/Bà") : null,
            recipientName: entry.name,
            recipientDetail: entry.detail,
            achievement: `Đã có thành tích xuất sắc trong phong trào thi đua “${decision.movement.title}” năm ${decision.movement.year}`,
            awardForm: `Giấy khen của Chủ tịch ${authorityName(unitName)}`,
            awardTitle: entry.awardTitle ? AWARD_TITLE_LABELS[entry.awardTitle] : null,
            issuerName: `CHỦ TỊCH ${upperVi(authorityName(unitName))}`,
            place,
            decisionNumber: decision.number,
            decisionDate: decision.decidedAt,
            signerTitle: decision.signerTitle,
            signerName: decision.signerName,
            onBehalf: decision.onBehalf,
            issuedAt: now,
          };
          const { signature, keyId } = signPayload(certificatePayload(columns));
          const certificate = await tx.certificate.create({
            data: { ...columns, signature, keyId, issuedById: user.id, searchName: foldForSearch(columns.recipientName) },
            select: { id: true },
          });
          await tx.dossier.update({ where: { id: entry.dossierId }, data: { certificateId: certificate.id } });
          const result = await applyDossierEvent(tx, {
            dossierId: entry.dossierId,
            actor,
            command: { type: "ISSUE_CERTIFICATE", certificateId: certificate.id },
            expectedVersion: entry.dossier.version,
            now,
          });
          if (!result.ok)
            throw new Refusal(result.status === 404 ? 404 : result.status === 409 ? 409 : 422, `${entry.name}: ${result.message}`);
          issued.push({ certificateId: certificate.id, serial: columns.serial, dossierId: entry.dossierId });
        }
        return { ok: true as const, issued };
      },
      { timeout: 180_000, maxWait: 30_000 },
    ),
  );
}

// ─── Revoking ───────────────────────────────────────────────────────────────

/** The chairman revokes a certificate with a reason; signed and audited, the row stays. */
export async function revokeCertificate(user: CurrentUser, certificateId: string, reason: string, now = new Date()): Promise<Result> {
  const units = unitsWhereRole(user, "chairman");
  if (units.length === 0) return refuse(403, "Chỉ Chủ tịch UBND xã mới được thu hồi Giấy khen.");
  const text = reason.trim();
  if (!text) return refuse(422, "Vui lòng ghi rõ lý do thu hồi Giấy khen.");
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      const row = await tx.certificate.findFirst({
        where: { id: certificateId, unitId: { in: units } },
        select: { id: true, serial: true, unitId: true, revokedAt: true, dossierId: true },
      });
      if (!row) throw new Refusal(404, "Không tìm thấy Giấy khen.");
      if (row.revokedAt) throw new Refusal(409, "Giấy khen này đã bị thu hồi trước đó.");
      const { signature } = signPayload(revocationPayload({ serial: row.serial, revokedAt: now, revokedReason: text }));
      const { count } = await tx.certificate.updateMany({
        where: { id: row.id, revokedAt: null },
        data: { revokedAt: now, revokedReason: text, revokedById: user.id, revocationSignature: signature },
      });
      if (count === 0) throw new Refusal(409, "Giấy khen này đã bị thu hồi trước đó.");
      await appendAudit(
        tx,
        {
          chainId: row.unitId,
          actorId: user.id,
          actorName: user.fullName,
          action: "certificate.REVOKE",
          entityType: "Certificate",
          entityId: row.id,
          reason: text,
          data: { serial: row.serial, dossierId: row.dossierId },
        },
        now,
      );
      return { ok: true as const };
    }),
  );
}

/** A certificate the chairman may revoke (their commune's), as the revocation page shows it. */
export function loadRevocable(user: CurrentUser, certificateId: string) {
  return prisma.certificate.findFirst({
    where: { id: certificateId, unitId: { in: unitsWhereRole(user, "chairman") } },
    select: {
      id: true,
      serial: true,
      honorific: true,
      recipientName: true,
      decisionNumber: true,
      decisionDate: true,
      decisionId: true,
      revokedAt: true,
      revokedReason: true,
    },
  });
}

// ─── Reissuing (cấp lại) ─────────────────────────────────────────────────────

/**
 * Certificates the user may reissue, in the query: their commune's as chairman, or those of a movement
 * delegated to them now as vice-chairman (the same rule as signing the decision). Null: none at all.
 */
async function reissuableWhere(user: CurrentUser, now: Date): Promise<Prisma.CertificateWhereInput | null> {
  const chaired = unitsWhereRole(user, "chairman");
  const delegated = await delegatedMovementIds(prisma, user, now);
  if (chaired.length === 0 && delegated.length === 0) return null;
  return { OR: [{ unitId: { in: chaired } }, { decision: { movementId: { in: delegated } } }] };
}

const NOT_A_REISSUER = "Chỉ Chủ tịch UBND xã (hoặc Phó Chủ tịch được ủy quyền) của đơn vị cấp mới được cấp lại Giấy khen.";

/**
 * Reissues a revoked certificate: a new serial (and golden-book line) from the unit's gap-free counter,
 * the old one's content with the name and position as corrected, signed with the serial it replaces and
 * the reason, and the dossier pointed at it. One transaction with its audit record; the old row is locked
 * so two clicks make one reissue.
 */
export async function reissueCertificate(
  user: CurrentUser,
  certificateId: string,
  input: ReissueInput,
  now = new Date(),
): Promise<Result<{ certificateId: string; serial: string }>> {
  const scope = await reissuableWhere(user, now);
  if (!scope) return refuse(403, NOT_A_REISSUER);
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      const old = await tx.certificate.findFirst({
        where: { id: certificateId, ...scope },
        include: { decision: { select: { movement: { select: { id: true, unitId: true } } } }, replacedBy: { select: { serial: true } } },
      });
      if (!old) throw new Refusal(404, "Không tìm thấy Giấy khen.");
      await tx.$queryRaw`SELECT id FROM "Certificate" WHERE id = ${old.id} FOR UPDATE`;
      const again = await tx.certificate.findUniqueOrThrow({
        where: { id: old.id },
        select: { revokedAt: true, replacedBy: { select: { serial: true } } },
      });
      if (!again.revokedAt) throw new Refusal(409, "Chỉ cấp lại được Giấy khen đã bị thu hồi. Vui lòng thu hồi Giấy khen này trước.");
      if (again.replacedBy) throw new Refusal(409, `Giấy khen này đã được cấp lại với số hiệu ${again.replacedBy.serial}.`);
      const authority = await signingAuthority(user, old.decision.movement, now, tx);
      if (!authority) throw new Refusal(403, NOT_A_REISSUER);

      const year = vietnamYear(now);
      const sequence = await nextNumber(tx, old.unitId, year, CERTIFICATE_SERIES);
      const columns: SignedColumns = {
        serial: makeSerial(old.place, year, sequence),
        dossierId: old.dossierId,
        decisionId: old.decisionId,
        unitId: old.unitId,
        goldenBookNumber: `${String(sequence).padStart(3, "0")}/${year}`,
        honorific: old.honorific === null ? null : (input.honorific ?? old.honorific),
        recipientName: input.recipientName,
        recipientDetail: input.recipientDetail?.trim() ? input.recipientDetail.trim() : null,
        achievement: old.achievement,
        awardForm: old.awardForm,
        awardTitle: old.awardTitle,
        issuerName: old.issuerName,
        place: old.place,
        decisionNumber: old.decisionNumber,
        decisionDate: old.decisionDate,
        signerTitle: authority.signerTitle,
        signerName: user.fullName,
        onBehalf: authority.onBehalf,
        issuedAt: now,
        replacesSerial: old.serial,
        reissueReason: input.reason,
      };
      const { replacesSerial: _serial, ...stored } = columns;
      const { signature, keyId } = signPayload(certificatePayload(columns));
      const created = await tx.certificate.create({
        data: {
          ...stored,
          replacesId: old.id,
          signature,
          keyId,
          issuedById: user.id,
          searchName: foldForSearch(columns.recipientName),
        },
        select: { id: true },
      });
      await tx.dossier.update({ where: { id: old.dossierId }, data: { certificateId: created.id } });
      const corrected = (["honorific", "recipientName", "recipientDetail"] as const).filter((key) => columns[key] !== old[key]);
      await appendAudit(
        tx,
        {
          chainId: old.unitId,
          actorId: user.id,
          actorName: user.fullName,
          action: "certificate.REISSUE",
          entityType: "Certificate",
          entityId: created.id,
          reason: input.reason,
          data: {
            serial: columns.serial,
            replacesSerial: old.serial,
            replacesId: old.id,
            dossierId: old.dossierId,
            corrected: Object.fromEntries(corrected.map((key) => [key, { from: old[key], to: columns[key] }])),
          },
        },
        now,
      );
      return { ok: true as const, certificateId: created.id, serial: columns.serial };
    }),
  );
}

/** A certificate the user may reissue, as the reissue page shows it (null: not theirs or unknown). */
export async function loadReissuable(user: CurrentUser, certificateId: string, now = new Date()) {
  const scope = await reissuableWhere(user, now);
  if (!scope) return null;
  return prisma.certificate.findFirst({
    where: { id: certificateId, ...scope },
    select: {
      id: true,
      serial: true,
      honorific: true,
      recipientName: true,
      recipientDetail: true,
      decisionId: true,
      decisionNumber: true,
      decisionDate: true,
      revokedAt: true,
      revokedReason: true,
      replacedBy: { select: { id: true, serial: true } },
    },
  });
}

// ─── Public verification ────────────────────────────────────────────────────

export type VerificationStatus = "valid" | "revoked" | "invalid";

const SIGNER_TITLES: Record<string, string> = { "CHỦ TỊCH": "Chủ tịch", "PHÓ CHỦ TỊCH": "Phó Chủ tịch" };

/** The certificate of a serial and whether its row still matches what the server signed; null if unknown. */
export async function verifyCertificate(serialInput: string) {
  const serial = normalizeSerial(serialInput);
  if (!serial) return null;
  const row = await prisma.certificate.findUnique({
    where: { serial },
    include: { replaces: { select: { serial: true } }, replacedBy: { select: { serial: true } } },
  });
  if (!row) return null;
  const signatureValid = verifyPayload(certificatePayload({ ...row, replacesSerial: row.replaces?.serial ?? null }), row.signature);
  // The hash-chained audit trail remembers a revocation even if the row's columns are cleared.
  const revocationAudit = await prisma.auditEvent.findFirst({
    where: { entityType: "Certificate", entityId: row.id, action: "certificate.REVOKE" },
    select: { createdAt: true, reason: true },
  });
  let status: VerificationStatus;
  let problem: string | null = null;
  if (!signatureValid) {
    status = "invalid";
    problem =
      "Dữ liệu của Giấy khen trong hệ thống không khớp với bản ghi đã được ký số khi cấp (có thể đã bị sửa đổi trái phép). Vui lòng liên hệ Ủy ban nhân dân nơi cấp để được xác minh.";
  } else if (row.revokedAt) {
    const revocationValid =
      row.revokedReason !== null &&
      row.revocationSignature !== null &&
      verifyPayload(
        revocationPayload({ serial: row.serial, revokedAt: row.revokedAt, revokedReason: row.revokedReason }),
        row.revocationSignature,
      );
    status = revocationValid ? "revoked" : "invalid";
    if (!revocationValid)
      problem =
        "Thông tin thu hồi của Giấy khen không khớp với bản ghi đã được ký số. Vui lòng liên hệ Ủy ban nhân dân nơi cấp để được xác minh.";
  } else if (revocationAudit) {
    status = "invalid";
    problem =
      "Nhật ký của hệ thống ghi nhận Giấy khen này đã bị thu hồi, nhưng dữ liệu hiện tại không thể hiện việc thu hồi. Vui lòng liên hệ Ủy ban nhân dân nơi cấp để được xác minh.";
  } else {
    status = "valid";
  }
  return {
    status,
    problem,
    serial: row.serial,
    decisionId: row.decisionId,
    recipient: row.honorific ? `${row.honorific} ${row.recipientName}` : row.recipientName,
    recipientDetail: row.recipientDetail,
    achievement: row.achievement,
    awardForm: row.awardForm,
    awardTitle: row.awardTitle,
    issuer: row.awardForm.replace(/^Giấy khen của Chủ tịch\s+/, ""),
    issuerName: row.issuerName,
    decisionNumber: row.decisionNumber,
    decisionDate: row.decisionDate,
    goldenBookNumber: row.goldenBookNumber,
    signer: `${row.onBehalf ? "KT. Chủ tịch, " : ""}${SIGNER_TITLES[row.signerTitle] ?? row.signerTitle} ${row.signerName}`,
    issuedAt: row.issuedAt,
    revokedAt: status === "revoked" ? row.revokedAt : null,
    revokedReason: status === "revoked" ? row.revokedReason : null,
    /** Cấp lại: the certificate that replaced this revoked one, and the one this replaces (with why). */
    replacedBy: status === "revoked" ? (row.replacedBy?.serial ?? null) : null,
    replaces: status === "invalid" ? null : (row.replaces?.serial ?? null),
    reissueReason: status === "invalid" ? null : row.reissueReason,
  };
}

export type Verification = NonNullable<Awaited<ReturnType<typeof verifyCertificate>>>;

// ─── Printing ───────────────────────────────────────────────────────────────

/** Units whose certificates a user may print: chairman, vice-chairman, secretary. */
export function certificateUnits(user: CurrentUser): string[] {
  return unitsWhereRole(user, "chairman", "vice_chairman", "secretary");
}

const faceSelect = {
  id: true,
  unitId: true,
  serial: true,
  goldenBookNumber: true,
  honorific: true,
  recipientName: true,
  recipientDetail: true,
  achievement: true,
  awardTitle: true,
  issuerName: true,
  place: true,
  decisionNumber: true,
  decisionDate: true,
  signerTitle: true,
  signerName: true,
  onBehalf: true,
  revokedAt: true,
  dossier: { select: { awardForm: true } },
} satisfies Prisma.CertificateSelect;

// The award form picks the blank's layout; a row without it prints on the first one.
// A row without a title (made before titles, e.g. by the benchmarks) prints the form alone.
type FaceRow = Omit<Prisma.CertificateGetPayload<{ select: typeof faceSelect }>, "dossier" | "awardTitle"> & {
  awardTitle?: string | null;
  dossier?: { awardForm: string };
};

export function faceOf(row: FaceRow): CertificateFace {
  return {
    serial: row.serial,
    goldenBookNumber: row.goldenBookNumber,
    honorific: row.honorific,
    recipientName: row.recipientName,
    recipientDetail: row.recipientDetail,
    achievement: row.achievement,
    awardTitle: row.awardTitle,
    issuerName: row.issuerName,
    place: row.place,
    decisionNumber: row.decisionNumber,
    decisionDate: row.decisionDate,
    signerTitle: row.signerTitle,
    signerName: row.signerName,
    onBehalf: row.onBehalf,
    verifyUrl: verifyUrl(row.serial),
    form: row.dossier?.awardForm,
  };
}

/** The certificates of a decision still in force, in the order of its list. */
export async function decisionCertificates(user: CurrentUser, decisionId: string) {
  const decision = await prisma.awardDecision.findFirst({
    where: { id: decisionId, unitId: { in: certificateUnits(user) } },
    select: { id: true, unitId: true, number: true, unit: { select: { name: true } } },
  });
  if (!decision) return null;
  const entries = await prisma.awardDecisionEntry.findMany({
    where: { decisionId: decision.id },
    orderBy: { position: "asc" },
    select: { dossier: { select: { certificate: { select: faceSelect } } } },
  });
  const certificates = entries.flatMap((entry) =>
    entry.dossier.certificate && !entry.dossier.certificate.revokedAt ? [entry.dossier.certificate] : [],
  );
  return { decision, certificates };
}

export function loadCertificate(user: CurrentUser, certificateId: string) {
  return prisma.certificate.findFirst({
    where: { id: certificateId, unitId: { in: certificateUnits(user) } },
    select: { ...faceSelect, decisionId: true, revokedReason: true, issuedAt: true, dossierId: true },
  });
}

// ─── Blank printing offsets ─────────────────────────────────────────────────

export async function printOffsets(unitId: string): Promise<Offsets> {
  const row = await prisma.certificatePrintSettings.findUnique({ where: { unitId }, select: { offsetXMm: true, offsetYMm: true } });
  return { x: row?.offsetXMm ?? 0, y: row?.offsetYMm ?? 0 };
}

/** Saves a unit's offsets (chairman or secretary of the unit), audited; offsets saved since `revision` refuse it (409). */
export async function savePrintOffsets(
  user: CurrentUser,
  unitId: string,
  offsets: Offsets,
  { revision, now = new Date() }: { revision?: string | null; now?: Date } = {},
): Promise<Result> {
  if (!unitsWhereRole(user, "chairman", "secretary").includes(unitId))
    return refuse(403, "Bạn không có quyền thay đổi thiết lập in của đơn vị này.");
  if (![offsets.x, offsets.y].every((v) => Number.isFinite(v) && Math.abs(v) <= OFFSET_LIMIT_MM)) {
    return refuse(422, `Độ lệch phải là số từ −${OFFSET_LIMIT_MM} đến ${OFFSET_LIMIT_MM} mm.`);
  }
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      await lockUnit(tx, unitId);
      const current = await tx.certificatePrintSettings.findUnique({ where: { unitId }, select: { updatedAt: true } });
      checkRevision(revision, current?.updatedAt, PRINT_OFFSETS_THING);
      await tx.certificatePrintSettings.upsert({
        where: { unitId },
        create: { unitId, offsetXMm: offsets.x, offsetYMm: offsets.y, updatedById: user.id },
        update: { offsetXMm: offsets.x, offsetYMm: offsets.y, updatedById: user.id },
      });
      await appendAudit(
        tx,
        {
          chainId: unitId,
          actorId: user.id,
          actorName: user.fullName,
          action: "print_settings.UPDATE",
          entityType: "CertificatePrintSettings",
          entityId: unitId,
          data: { offsetXMm: offsets.x, offsetYMm: offsets.y },
        },
        now,
      );
      return { ok: true as const };
    }),
  );
}
