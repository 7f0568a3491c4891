-- AlterTable
ALTER TABLE "Movement" ADD COLUMN     "previousVersionId" TEXT,
ADD COLUMN     "seriesId" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE UNIQUE INDEX "Movement_previousVersionId_key" ON "Movement"("previousVersionId");

-- CreateIndex
CREATE INDEX "Movement_seriesId_idx" ON "Movement"("seriesId");

-- AddForeignKey
ALTER TABLE "Movement" ADD CONSTRAINT "Movement_previousVersionId_fkey" FOREIGN KEY ("previousVersionId") REFERENCES "Movement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
