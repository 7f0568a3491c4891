-- AlterTable
ALTER TABLE "AwardDecisionEntry" ADD COLUMN     "searchName" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "searchName" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Dossier" ADD COLUMN     "searchName" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "NomineeImport" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "movementId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "importedAt" TIMESTAMP(3),
    "importedRows" INTEGER,
    "validOnly" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NomineeImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NomineeImport_userId_createdAt_idx" ON "NomineeImport"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "AwardDecisionEntry_searchName_idx" ON "AwardDecisionEntry" USING GIN ("searchName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Certificate_searchName_idx" ON "Certificate" USING GIN ("searchName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Dossier_searchName_idx" ON "Dossier" USING GIN ("searchName" gin_trgm_ops);

-- Backfill (hand-written): the folded copies of the names already stored, as app/utils/search.ts foldForSearch
-- folds them (Vietnamese letters to their base letter, đ to d, lower case, single spaces). New rows get them
-- from the models that write the names.
UPDATE "Dossier" d SET "searchName" = btrim(regexp_replace(lower(translate(n.name, 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ', 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydaaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd')), '\s+', ' ', 'g')) FROM "Nominee" n WHERE n.id = d."nomineeId";
UPDATE "AwardDecisionEntry" SET "searchName" = btrim(regexp_replace(lower(translate("name", 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ', 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydaaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd')), '\s+', ' ', 'g'));
UPDATE "Certificate" SET "searchName" = btrim(regexp_replace(lower(translate("recipientName", 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ', 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydaaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd')), '\s+', ' ', 'g'));
