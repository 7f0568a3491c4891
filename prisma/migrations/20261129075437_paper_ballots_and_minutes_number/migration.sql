-- CreateEnum
CREATE TYPE "VotingMode" AS ENUM ('online', 'paper');

-- AlterTable
ALTER TABLE "SessionDossier" ADD COLUMN     "issued" INTEGER,
ADD COLUMN     "valid" INTEGER;

-- AlterTable
ALTER TABLE "SessionMember" ADD COLUMN     "present" BOOLEAN;

-- AlterTable
ALTER TABLE "VotingSession" ADD COLUMN     "countedAt" TIMESTAMP(3),
ADD COLUMN     "countedById" TEXT,
ADD COLUMN     "minutesNumber" TEXT,
ADD COLUMN     "mode" "VotingMode" NOT NULL DEFAULT 'online';
