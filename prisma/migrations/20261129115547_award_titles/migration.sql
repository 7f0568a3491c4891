-- Titles (danh hiệu thi đua) beside the award form (hình thức khen thưởng): docs/decisions/020-award-titles.md.

-- CreateEnum
CREATE TYPE "AwardTitle" AS ENUM ('advanced_worker', 'grassroots_emulation_fighter', 'advanced_collective', 'cultural_hamlet', 'cultural_family');

-- CreateTable
CREATE TABLE "MovementAward" (
    "movementId" TEXT NOT NULL,
    "nomineeKind" "NomineeKind" NOT NULL,
    "awardForm" "AwardForm" NOT NULL,
    "title" "AwardTitle",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MovementAward_pkey" PRIMARY KEY ("movementId","nomineeKind")
);

-- AddForeignKey
ALTER TABLE "MovementAward" ADD CONSTRAINT "MovementAward_movementId_fkey" FOREIGN KEY ("movementId") REFERENCES "Movement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every existing movement gives each kind of nominee its subjects cover (and any kind it already has dossiers of)
-- its award form, without a title: what the movements awarded until now.
INSERT INTO "MovementAward" ("movementId", "nomineeKind", "awardForm", "title", "updatedAt")
SELECT covered."movementId", covered."nomineeKind", COALESCE(m."awardForms"[1], 'commune_chairman_certificate'), NULL, now()
FROM (
    SELECT m.id AS "movementId", k.kind::"NomineeKind" AS "nomineeKind"
    FROM "Movement" m
    CROSS JOIN (VALUES ('individual'), ('collective'), ('household')) AS k(kind)
    WHERE (k.kind = 'individual' AND m."subjectKinds" && ARRAY['unit_head', 'civil_servant', 'part_time_worker']::"SubjectKind"[])
       OR (k.kind = 'collective' AND 'hamlet' = ANY (m."subjectKinds"))
       OR (k.kind = 'household' AND 'household' = ANY (m."subjectKinds"))
    UNION
    SELECT DISTINCT d."movementId", d.kind FROM "Dossier" d
) AS covered
JOIN "Movement" m ON m.id = covered."movementId";

-- AlterTable
ALTER TABLE "Movement" DROP COLUMN "awardForms";

-- AlterTable: the awards already decided were the dossier's form alone.
ALTER TABLE "AwardDecisionEntry" ADD COLUMN     "awardForm" "AwardForm",
ADD COLUMN     "awardTitle" "AwardTitle";
UPDATE "AwardDecisionEntry" e SET "awardForm" = d."awardForm" FROM "Dossier" d WHERE d.id = e."dossierId";
ALTER TABLE "AwardDecisionEntry" ALTER COLUMN "awardForm" SET NOT NULL;

-- AlterTable: existing certificates have no title; their signed payload (version 1 or 2) stays as it was.
ALTER TABLE "Certificate" ADD COLUMN     "awardTitle" TEXT;
