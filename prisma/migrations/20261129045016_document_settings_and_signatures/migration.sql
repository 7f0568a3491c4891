-- CreateTable
CREATE TABLE "DocumentSettings" (
    "unitId" TEXT NOT NULL,
    "decisionLegalBasis" TEXT[],
    "decisionProposedBy" TEXT NOT NULL,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DocumentSettings_pkey" PRIMARY KEY ("unitId")
);

-- CreateTable
CREATE TABLE "SigningCredential" (
    "unitId" TEXT NOT NULL,
    "pkcs12" BYTEA NOT NULL,
    "encryptedPassphrase" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "notBefore" TIMESTAMP(3) NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "generated" BOOLEAN NOT NULL DEFAULT false,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SigningCredential_pkey" PRIMARY KEY ("unitId")
);

-- CreateTable
CREATE TABLE "DecisionPdf" (
    "decisionId" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "certificateSubject" TEXT NOT NULL,
    "certificateFingerprint" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DecisionPdf_pkey" PRIMARY KEY ("decisionId")
);

-- AddForeignKey
ALTER TABLE "DocumentSettings" ADD CONSTRAINT "DocumentSettings_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SigningCredential" ADD CONSTRAINT "SigningCredential_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DecisionPdf" ADD CONSTRAINT "DecisionPdf_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "AwardDecision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: a signed decision PDF is a record like the decision it belongs to, never deleted.
CREATE TRIGGER "DecisionPdf_no_delete" BEFORE DELETE ON "DecisionPdf"
  FOR EACH ROW EXECUTE FUNCTION "award_record_is_kept"();
