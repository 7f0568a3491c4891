-- AlterEnum
ALTER TYPE "NotificationStatus" ADD VALUE 'sending';

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "lockedUntil" TIMESTAMP(3);
