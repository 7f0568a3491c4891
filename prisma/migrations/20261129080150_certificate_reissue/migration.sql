-- DropIndex
DROP INDEX "Certificate_dossierId_key";

-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "reissueReason" TEXT,
ADD COLUMN     "replacesId" TEXT;

-- AlterTable
ALTER TABLE "Dossier" ADD COLUMN     "certificateId" TEXT;

-- The existing certificates are their dossiers' current ones.
UPDATE "Dossier" d SET "certificateId" = c."id" FROM "Certificate" c WHERE c."dossierId" = d."id";

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_replacesId_key" ON "Certificate"("replacesId");

-- CreateIndex
CREATE INDEX "Certificate_dossierId_idx" ON "Certificate"("dossierId");

-- CreateIndex
CREATE UNIQUE INDEX "Dossier_certificateId_key" ON "Dossier"("certificateId");

-- AddForeignKey
ALTER TABLE "Dossier" ADD CONSTRAINT "Dossier_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_replacesId_fkey" FOREIGN KEY ("replacesId") REFERENCES "Certificate"("id") ON DELETE SET NULL ON UPDATE CASCADE;
