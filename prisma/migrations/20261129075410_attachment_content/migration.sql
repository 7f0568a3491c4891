-- AlterTable
-- The file's place on one server's disk: the bytes now live in "AttachmentContent" (the key was
-- "<sha256[0..2]>/<sha256>", so the hash alone finds an old file).
ALTER TABLE "Attachment" DROP COLUMN "storageKey";

-- CreateTable
CREATE TABLE "AttachmentContent" (
    "sha256" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "size" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AttachmentContent_pkey" PRIMARY KEY ("sha256")
);

-- AddForeignKey
-- NOT VALID: rows recorded before this migration get their bytes from DATA_DIR/attachments right after it
-- (importLegacyFiles in app/models/attachment.server.ts, run at every start), which then validates it.
-- New rows are checked from now on.
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_sha256_fkey" FOREIGN KEY ("sha256") REFERENCES "AttachmentContent"("sha256") ON DELETE RESTRICT ON UPDATE CASCADE NOT VALID;
