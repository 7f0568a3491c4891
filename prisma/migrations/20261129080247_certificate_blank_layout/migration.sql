-- CreateTable
CREATE TABLE "CertificateBlankLayout" (
    "unitId" TEXT NOT NULL,
    "awardForm" "AwardForm" NOT NULL,
    "fields" JSONB NOT NULL,
    "scan" BYTEA,
    "scanType" TEXT,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CertificateBlankLayout_pkey" PRIMARY KEY ("unitId","awardForm")
);

-- AddForeignKey
ALTER TABLE "CertificateBlankLayout" ADD CONSTRAINT "CertificateBlankLayout_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
