// The certificate a unit signs its decisions with (chữ ký số của cơ quan): a PKCS#12 uploaded by the
// unit's chairman or an administrator, kept in PostgreSQL so every app server reaches it, its
// passphrase sealed with a server key. Outside production a unit without one gets a self-signed test
// certificate, generated in-process the first time it signs.
import { randomBytes } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { env } from "~/utils/env.server.ts";
import { formatDate } from "~/utils/format.ts";
import {
  Pkcs12Error,
  Pkcs12Signer,
  generateTestPkcs12,
  readPkcs12,
  summarizeCertificate,
  type DocumentSigner,
} from "~/utils/pdf-signature.server.ts";
import { openSecret, sealSecret } from "~/utils/secret-box.server.ts";
import { authorityName } from "~/documents/wording.server.ts";
import { appendAudit } from "./audit.server.ts";
import { attempt, refuse, type Result } from "~/utils/result.ts";
import { checkRevision } from "~/forms/revision.ts";
import { lockUnit, unitsWhereRole } from "./org-unit.server.ts";

type Db = Prisma.TransactionClient | typeof prisma;

/** Who uploads a unit's certificate. */
export const CREDENTIAL_ROLES = ["chairman", "admin"] as const;

/**
 * The issuing bodies (commune, province) whose certificate a user manages: where they are chairman or
 * administrator, and the commune an administrator's unit (e.g. its office) belongs to.
 */
export async function credentialUnitIds(user: CurrentUser): Promise<string[]> {
  const granted = unitsWhereRole(user, ...CREDENTIAL_ROLES);
  const adminUnits = await prisma.orgUnit.findMany({ where: { id: { in: unitsWhereRole(user, "admin") } }, select: { ancestorIds: true } });
  const units = await prisma.orgUnit.findMany({
    where: {
      OR: [
        { id: { in: granted }, kind: { in: ["commune", "province"] } },
        { id: { in: adminUnits.flatMap((unit) => unit.ancestorIds) }, kind: "commune" },
      ],
    },
    select: { id: true },
  });
  return units.map((unit) => unit.id);
}

export const NO_CREDENTIAL =
  "Đơn vị chưa có chứng thư số để ký số quyết định. Chủ tịch UBND xã hoặc quản trị viên cần tải lên tệp chứng thư số (.p12 hoặc .pfx) tại trang «Chữ ký số» trước khi ký.";

const summarySelect = {
  subject: true,
  issuer: true,
  serialNumber: true,
  notBefore: true,
  notAfter: true,
  fingerprint: true,
  generated: true,
  updatedAt: true,
} satisfies Prisma.SigningCredentialSelect;

/** What the settings page shows of a unit's certificate, or null. */
export function credentialSummary(unitId: string) {
  return prisma.signingCredential.findUnique({ where: { unitId }, select: summarySelect });
}

/**
 * Outside production, gives each of `unitIds` without a certificate a self-signed test one. Made
 * before the signing transaction (RSA key generation takes a moment); two servers racing keep one.
 */
export async function ensureTestCredentials(unitIds: string[]): Promise<void> {
  if (env().NODE_ENV === "production" || unitIds.length === 0) return;
  const have = await prisma.signingCredential.findMany({ where: { unitId: { in: unitIds } }, select: { unitId: true } });
  const missing = unitIds.filter((id) => !have.some((row) => row.unitId === id));
  if (missing.length === 0) return;
  const units = await prisma.orgUnit.findMany({ where: { id: { in: missing } }, select: { id: true, name: true } });
  for (const unit of units) {
    const passphrase = randomBytes(24).toString("base64url");
    const name = authorityName(unit.name);
    const pkcs12 = generateTestPkcs12(`${name} (chứng thư thử nghiệm)`, name, passphrase);
    const summary = summarizeCertificate(readPkcs12(pkcs12, passphrase).certificate);
    await prisma.signingCredential.createMany({
      data: [
        {
          unitId: unit.id,
          pkcs12: new Uint8Array(pkcs12),
          encryptedPassphrase: sealSecret(passphrase),
          ...columnsOf(summary),
          generated: true,
        },
      ],
      skipDuplicates: true,
    });
  }
}

function columnsOf(summary: ReturnType<typeof summarizeCertificate>) {
  return {
    subject: summary.subject,
    issuer: summary.issuer,
    serialNumber: summary.serialNumber,
    notBefore: summary.notBefore,
    notAfter: summary.notAfter,
    fingerprint: summary.fingerprint,
  };
}

/** The signer of a unit, from inside the caller's transaction; a Vietnamese refusal (409) when it cannot sign. */
export async function unitSigner(db: Db, unitId: string, now = new Date()): Promise<Result<{ signer: DocumentSigner }>> {
  const row = await db.signingCredential.findUnique({ where: { unitId } });
  if (!row || (row.generated && env().NODE_ENV === "production")) return refuse(409, NO_CREDENTIAL);
  if (row.notAfter < now) {
    return refuse(409, `Chứng thư số của đơn vị đã hết hạn ngày ${formatDate(row.notAfter)}; vui lòng tải lên chứng thư số mới.`);
  }
  const passphrase = openSecret(row.encryptedPassphrase);
  if (passphrase === null) {
    return refuse(
      409,
      "Không giải mã được mật khẩu của chứng thư số (khóa của máy chủ đã thay đổi); vui lòng tải lên lại tệp chứng thư số.",
    );
  }
  try {
    return { ok: true, signer: new Pkcs12Signer(row.pkcs12, passphrase) };
  } catch (error) {
    if (error instanceof Pkcs12Error) return refuse(409, error.message);
    throw error;
  }
}

/**
 * Replaces a unit's certificate with an uploaded PKCS#12 (chairman of the unit, or an administrator
 * of it): it must open with the passphrase, hold an RSA key with its certificate, and be in force. Audited.
 */
export async function saveSigningCredential(
  user: CurrentUser,
  unitId: string,
  upload: { pkcs12: Uint8Array; passphrase: string },
  { revision, now = new Date() }: { revision?: string | null; now?: Date } = {},
): Promise<Result> {
  if (!(await credentialUnitIds(user)).includes(unitId)) return refuse(403, "Bạn không có quyền thay đổi chứng thư số của đơn vị này.");
  let summary: ReturnType<typeof summarizeCertificate>;
  try {
    const material = readPkcs12(upload.pkcs12, upload.passphrase);
    summary = summarizeCertificate(material.certificate);
    // A signature made now must verify: try it once before keeping the file.
    await new Pkcs12Signer(upload.pkcs12, upload.passphrase).sign(new Uint8Array(32));
  } catch (error) {
    if (error instanceof Pkcs12Error) return refuse(422, error.message);
    return refuse(422, "Không dùng được khóa trong tệp chứng thư số để ký (chỉ hỗ trợ khóa RSA).");
  }
  if (summary.notAfter < now) return refuse(422, `Chứng thư số đã hết hạn ngày ${formatDate(summary.notAfter)}.`);
  if (summary.notBefore > now) return refuse(422, `Chứng thư số chỉ có hiệu lực từ ngày ${formatDate(summary.notBefore)}.`);
  const data = {
    pkcs12: new Uint8Array(upload.pkcs12),
    encryptedPassphrase: sealSecret(upload.passphrase),
    ...columnsOf(summary),
    generated: false,
    uploadedById: user.id,
  };
  return attempt(() =>
    prisma.$transaction(async (tx) => {
      // The certificate the page showed must still be the one in use: replacing a newer one is refused (409).
      await lockUnit(tx, unitId);
      const current = await tx.signingCredential.findUnique({ where: { unitId }, select: { updatedAt: true } });
      checkRevision(revision, current?.updatedAt, "Chứng thư số của đơn vị", { upload: true });
      await tx.signingCredential.upsert({ where: { unitId }, create: { unitId, ...data }, update: data });
      await appendAudit(
        tx,
        {
          chainId: unitId,
          actorId: user.id,
          actorName: user.fullName,
          action: "signing_credential.UPLOAD",
          entityType: "SigningCredential",
          entityId: unitId,
          data: { subject: summary.subject, issuer: summary.issuer, serialNumber: summary.serialNumber, fingerprint: summary.fingerprint },
        },
        now,
      );
      return { ok: true as const };
    }),
  );
}

/** The units whose signing certificate the user manages, by name (the settings page's choice). */
export async function credentialUnits(user: CurrentUser) {
  return prisma.orgUnit.findMany({
    where: { id: { in: await credentialUnitIds(user) } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
