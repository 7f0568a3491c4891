-- DropIndex
DROP INDEX "Dossier_movementId_state_idx";

-- AlterTable
ALTER TABLE "Dossier" ADD COLUMN     "submittedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Dossier_movementId_state_submittedAt_idx" ON "Dossier"("movementId", "state", "submittedAt");

-- Hand-written: dossiers submitted before this column existed take their time from the audit trail.
UPDATE "Dossier" d
   SET "submittedAt" = s.at
  FROM (SELECT "entityId", max("createdAt") AS at FROM "AuditEvent"
         WHERE "entityType" = 'Dossier' AND action IN ('dossier.SUBMIT', 'dossier.RESUBMIT')
         GROUP BY "entityId") s
 WHERE s."entityId" = d.id;
