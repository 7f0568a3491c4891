-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('male', 'female');

-- CreateEnum
CREATE TYPE "PersonKind" AS ENUM ('cadre', 'civil_servant', 'part_time_worker', 'worker', 'household');

-- DropForeignKey
ALTER TABLE "Nominee" DROP CONSTRAINT "Nominee_userId_fkey";

-- DropForeignKey
ALTER TABLE "OrgUnit" DROP CONSTRAINT "OrgUnit_headUserId_fkey";

-- AlterTable (the old column "userId" is dropped at the end, once its links are copied to Person)
ALTER TABLE "Nominee" ADD COLUMN     "personId" TEXT;

-- AlterTable (the old column "headUserId" is dropped at the end, once copied to "headPersonId")
ALTER TABLE "OrgUnit" ADD COLUMN     "authorityName" TEXT,
ADD COLUMN     "headPersonId" TEXT,
ADD COLUMN     "searchName" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "searchName" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL,
    "kind" "PersonKind" NOT NULL,
    "fullName" TEXT NOT NULL,
    "searchName" TEXT NOT NULL,
    "gender" "Gender",
    "birthDate" DATE,
    "position" TEXT,
    "unitId" TEXT NOT NULL,
    "userId" TEXT,
    "leftAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PriorAward" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "decisionNumber" TEXT NOT NULL,
    "decidedOn" DATE NOT NULL,
    "form" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "note" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PriorAward_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Person_userId_key" ON "Person"("userId");

-- CreateIndex
CREATE INDEX "Person_unitId_idx" ON "Person"("unitId");

-- CreateIndex
CREATE INDEX "Person_searchName_idx" ON "Person" USING GIN ("searchName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "PriorAward_personId_decidedOn_idx" ON "PriorAward"("personId", "decidedOn");

-- CreateIndex
CREATE INDEX "Nominee_personId_idx" ON "Nominee"("personId");

-- CreateIndex
CREATE INDEX "OrgUnit_searchName_idx" ON "OrgUnit" USING GIN ("searchName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "User_searchName_idx" ON "User" USING GIN ("searchName" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "OrgUnit" ADD CONSTRAINT "OrgUnit_headPersonId_fkey" FOREIGN KEY ("headPersonId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriorAward" ADD CONSTRAINT "PriorAward_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Nominee" ADD CONSTRAINT "Nominee_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ─── Data (written by hand): existing accounts and nominees join the register of people ───────────

-- foldForSearch (app/utils/search.ts) in SQL, for this migration only: tone marks off, đ → d, lower case,
-- single spaces. translate() maps each accented letter itself, so the result does not depend on the
-- database's locale; decomposed combining marks (U+0300–U+036F) are deleted.
CREATE FUNCTION pg_temp.tdkt_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $fold$
  SELECT btrim(regexp_replace(lower(translate(t, 'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ̴̵̶̷̸̡̢̧̨̛̖̗̘̙̜̝̞̟̠̣̤̥̦̩̪̫̬̭̮̯̰̱̲̳̹̺̻̼͇͈͉͍͎̀́̂̃̄̅̆̇̈̉̊̋̌̍̎̏̐̑̒̓̔̽̾̿̀́͂̓̈́͆͊͋͌̕̚ͅ͏͓͔͕͖͙͚͐͑͒͗͛ͣͤͥͦͧͨͩͪͫͬͭͮͯ͘͜͟͢͝͞͠͡', 'aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyyaabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwyaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy')), '\s+', ' ', 'g'))
$fold$;

UPDATE "OrgUnit" SET "searchName" = pg_temp.tdkt_fold(name);
UPDATE "User" SET "searchName" = pg_temp.tdkt_fold("fullName" || ' ' || username);

-- Every account is a person of its unit; elected leaders are cán bộ, the others công chức.
INSERT INTO "Person" (id, kind, "fullName", "searchName", position, "unitId", "userId", "leftAt", "createdAt", "updatedAt")
SELECT 'p' || md5(u.id), CASE WHEN u.title ~* '^(phó )?(chủ tịch|bí thư)' THEN 'cadre'::"PersonKind" ELSE 'civil_servant'::"PersonKind" END,
       u."fullName", pg_temp.tdkt_fold(u."fullName"), u.title, u."unitId", u.id, CASE WHEN u.active THEN NULL ELSE u."updatedAt" END,
       u."createdAt", CURRENT_TIMESTAMP
FROM "User" u;

UPDATE "Nominee" n SET "personId" = 'p' || md5(n."userId") WHERE n."userId" IS NOT NULL;
UPDATE "OrgUnit" o SET "headPersonId" = 'p' || md5(o."headUserId") WHERE o."headUserId" IS NOT NULL;

-- Nominated individuals and households without an account: one person per unit and folded name.
INSERT INTO "Person" (id, kind, "fullName", "searchName", position, "unitId", "createdAt", "updatedAt")
SELECT DISTINCT ON (n."unitId", pg_temp.tdkt_fold(n.name))
       'p' || md5(n."unitId" || ':' || pg_temp.tdkt_fold(n.name)),
       CASE n."subjectKind" WHEN 'part_time_worker' THEN 'part_time_worker'::"PersonKind"
                            WHEN 'household' THEN 'household'::"PersonKind"
                            ELSE 'civil_servant'::"PersonKind" END,
       n.name, pg_temp.tdkt_fold(n.name), n.position, n."unitId", n."createdAt", CURRENT_TIMESTAMP
FROM "Nominee" n
WHERE n."personId" IS NULL AND n.kind IN ('individual', 'household')
ORDER BY n."unitId", pg_temp.tdkt_fold(n.name), n."createdAt" DESC;

UPDATE "Nominee" n SET "personId" = 'p' || md5(n."unitId" || ':' || pg_temp.tdkt_fold(n.name))
WHERE n."personId" IS NULL AND n.kind IN ('individual', 'household');

DROP FUNCTION pg_temp.tdkt_fold(text);

-- DropIndex
DROP INDEX "Nominee_userId_idx";

-- AlterTable
ALTER TABLE "Nominee" DROP COLUMN "userId";

-- AlterTable
ALTER TABLE "OrgUnit" DROP COLUMN "headUserId";
