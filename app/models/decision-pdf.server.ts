// The signed PDF of an award decision: made and stored in the transaction that signs the decision,
// served byte for byte afterwards, and checked on the public verification page — its PAdES signature
// over the byte ranges, and its SHA-256 against the one the hash-chained audit trail recorded.
import { createHash } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { summarizeCertificate, verifyPdfSignature, type DocumentSigner } from "~/utils/pdf-signature.server.ts";
import { awardDecisionPdf } from "~/documents/decision.server.ts";
import type { DecisionDocument } from "./award-decision.server.ts";

type Tx = Prisma.TransactionClient;

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Renders the decision with its visible signature, signs it with the unit's certificate and stores it; inside the signing transaction. */
export async function storeSignedDecisionPdf(
  tx: Tx,
  decisionId: string,
  document: DecisionDocument,
  signer: DocumentSigner,
  { signerName, signedAt }: { signerName: string; signedAt: Date },
): Promise<{ sha256: string; certificateSubject: string; certificateFingerprint: string }> {
  const bytes = await awardDecisionPdf(document, { signer, signedAt, signerName });
  const certificate = summarizeCertificate(signer.certificate);
  const row = {
    sha256: sha256(bytes),
    certificateSubject: certificate.subject,
    certificateFingerprint: certificate.fingerprint,
  };
  await tx.decisionPdf.create({ data: { decisionId, bytes: new Uint8Array(bytes), signedAt, ...row } });
  return row;
}

/** The stored signed PDF of a decision, or null for a decision signed before documents were signed digitally. */
export async function storedDecisionPdf(decisionId: string): Promise<Uint8Array | null> {
  const row = await prisma.decisionPdf.findUnique({ where: { decisionId }, select: { bytes: true } });
  return row ? new Uint8Array(row.bytes) : null;
}

export type DecisionSignatureStatus =
  | { state: "valid"; signer: string; issuer: string; selfSigned: boolean; signedAt: Date | null }
  | { state: "invalid"; problem: string }
  | { state: "unsigned" };

/**
 * Whether a decision's stored PDF still carries a valid signature and is the very file signed: the
 * signature is checked over its byte ranges, and the file's SHA-256 against the decision.SIGN audit row.
 */
export async function decisionSignatureStatus(decisionId: string): Promise<DecisionSignatureStatus> {
  const [row, audit] = await Promise.all([
    prisma.decisionPdf.findUnique({ where: { decisionId }, select: { bytes: true } }),
    prisma.auditEvent.findFirst({
      where: { entityType: "AwardDecision", entityId: decisionId, action: "decision.SIGN" },
      select: { data: true },
    }),
  ]);
  const recorded = (audit?.data as { pdfSha256?: unknown } | null)?.pdfSha256;
  if (!row) {
    return typeof recorded === "string"
      ? { state: "invalid", problem: "Nhật ký hệ thống ghi nhận quyết định đã được ký số, nhưng bản đã ký không còn trong hệ thống." }
      : { state: "unsigned" };
  }
  const bytes = new Uint8Array(row.bytes);
  const check = await verifyPdfSignature(bytes);
  if (!check.valid) return { state: "invalid", problem: check.problem };
  if (recorded !== sha256(bytes))
    return { state: "invalid", problem: "Tệp quyết định trong hệ thống khác với tệp đã được ký số khi ban hành (theo nhật ký hệ thống)." };
  return {
    state: "valid",
    signer: check.certificate.commonName,
    issuer: check.certificate.issuer,
    selfSigned: check.certificate.selfSigned,
    signedAt: check.signedAt,
  };
}
