-- AlterTable
ALTER TABLE "Movement" ADD COLUMN     "prizeAmount" DECIMAL(14,0);

-- CreateTable
CREATE TABLE "Delegation" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "delegatorId" TEXT NOT NULL,
    "delegateId" TEXT NOT NULL,
    "movementId" TEXT NOT NULL,
    "validFrom" TIMESTAMP(3) NOT NULL,
    "validTo" TIMESTAMP(3) NOT NULL,
    "note" TEXT,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Delegation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentCounter" (
    "unitId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "series" TEXT NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DocumentCounter_pkey" PRIMARY KEY ("unitId","year","series")
);

-- CreateTable
CREATE TABLE "AwardDecision" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "movementId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL,
    "subject" TEXT NOT NULL,
    "legalBasis" TEXT[],
    "recipients" TEXT[],
    "prizeAmount" DECIMAL(14,0),
    "signerId" TEXT NOT NULL,
    "signerName" TEXT NOT NULL,
    "signerTitle" TEXT NOT NULL,
    "onBehalf" BOOLEAN NOT NULL DEFAULT false,
    "delegationId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AwardDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AwardDecisionEntry" (
    "id" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "dossierId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "NomineeKind" NOT NULL,
    "name" TEXT NOT NULL,
    "detail" TEXT,
    "prizeAmount" DECIMAL(14,0),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AwardDecisionEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL,
    "serial" TEXT NOT NULL,
    "dossierId" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "goldenBookNumber" TEXT NOT NULL,
    "honorific" TEXT,
    "recipientName" TEXT NOT NULL,
    "recipientDetail" TEXT,
    "achievement" TEXT NOT NULL,
    "awardForm" TEXT NOT NULL,
    "issuerName" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "decisionNumber" TEXT NOT NULL,
    "decisionDate" TIMESTAMP(3) NOT NULL,
    "signerTitle" TEXT NOT NULL,
    "signerName" TEXT NOT NULL,
    "onBehalf" BOOLEAN NOT NULL DEFAULT false,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "issuedById" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revokedReason" TEXT,
    "revokedById" TEXT,
    "revocationSignature" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CertificatePrintSettings" (
    "unitId" TEXT NOT NULL,
    "offsetXMm" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "offsetYMm" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CertificatePrintSettings_pkey" PRIMARY KEY ("unitId")
);

-- CreateTable
CREATE TABLE "Escalation" (
    "id" TEXT NOT NULL,
    "dossierId" TEXT NOT NULL,
    "fromUnitId" TEXT NOT NULL,
    "toUnitId" TEXT NOT NULL,
    "routingNote" TEXT,
    "year" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "proposedAt" TIMESTAMP(3) NOT NULL,
    "proposedById" TEXT NOT NULL,
    "signerName" TEXT NOT NULL,
    "signerTitle" TEXT NOT NULL,
    "onBehalf" BOOLEAN NOT NULL DEFAULT false,
    "manifestSha256" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Delegation_delegateId_validTo_idx" ON "Delegation"("delegateId", "validTo");

-- CreateIndex
CREATE INDEX "Delegation_unitId_createdAt_idx" ON "Delegation"("unitId", "createdAt");

-- CreateIndex
CREATE INDEX "AwardDecision_movementId_idx" ON "AwardDecision"("movementId");

-- CreateIndex
CREATE UNIQUE INDEX "AwardDecision_unitId_year_sequence_key" ON "AwardDecision"("unitId", "year", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "AwardDecision_unitId_year_number_key" ON "AwardDecision"("unitId", "year", "number");

-- CreateIndex
CREATE UNIQUE INDEX "AwardDecisionEntry_dossierId_key" ON "AwardDecisionEntry"("dossierId");

-- CreateIndex
CREATE INDEX "AwardDecisionEntry_decisionId_position_idx" ON "AwardDecisionEntry"("decisionId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_serial_key" ON "Certificate"("serial");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_dossierId_key" ON "Certificate"("dossierId");

-- CreateIndex
CREATE INDEX "Certificate_decisionId_idx" ON "Certificate"("decisionId");

-- CreateIndex
CREATE INDEX "Certificate_unitId_issuedAt_idx" ON "Certificate"("unitId", "issuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_dossierId_key" ON "Escalation"("dossierId");

-- CreateIndex
CREATE INDEX "Escalation_fromUnitId_proposedAt_idx" ON "Escalation"("fromUnitId", "proposedAt");

-- AddForeignKey
ALTER TABLE "Delegation" ADD CONSTRAINT "Delegation_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delegation" ADD CONSTRAINT "Delegation_delegatorId_fkey" FOREIGN KEY ("delegatorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delegation" ADD CONSTRAINT "Delegation_delegateId_fkey" FOREIGN KEY ("delegateId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delegation" ADD CONSTRAINT "Delegation_movementId_fkey" FOREIGN KEY ("movementId") REFERENCES "Movement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwardDecision" ADD CONSTRAINT "AwardDecision_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwardDecision" ADD CONSTRAINT "AwardDecision_movementId_fkey" FOREIGN KEY ("movementId") REFERENCES "Movement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwardDecision" ADD CONSTRAINT "AwardDecision_signerId_fkey" FOREIGN KEY ("signerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwardDecisionEntry" ADD CONSTRAINT "AwardDecisionEntry_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "AwardDecision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwardDecisionEntry" ADD CONSTRAINT "AwardDecisionEntry_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "AwardDecision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificatePrintSettings" ADD CONSTRAINT "CertificatePrintSettings_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_fromUnitId_fkey" FOREIGN KEY ("fromUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_toUnitId_fkey" FOREIGN KEY ("toUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: decisions, their lists and certificates are records; they are superseded
-- (a certificate is revoked), never deleted.
CREATE FUNCTION "award_record_is_kept"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% rows are never deleted (revoke a certificate instead)', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AwardDecision_no_delete" BEFORE DELETE ON "AwardDecision"
  FOR EACH ROW EXECUTE FUNCTION "award_record_is_kept"();
CREATE TRIGGER "AwardDecisionEntry_no_delete" BEFORE DELETE ON "AwardDecisionEntry"
  FOR EACH ROW EXECUTE FUNCTION "award_record_is_kept"();
CREATE TRIGGER "Certificate_no_delete" BEFORE DELETE ON "Certificate"
  FOR EACH ROW EXECUTE FUNCTION "award_record_is_kept"();
