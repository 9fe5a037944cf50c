-- CreateTable
CREATE TABLE "AnalysisPlanVersion" (
    "id" TEXT NOT NULL,
    "pocId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "plan" JSONB NOT NULL,
    "planHash" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "amendmentReason" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),

    CONSTRAINT "AnalysisPlanVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AnalysisPlanVersion_pocId_version_key" ON "AnalysisPlanVersion"("pocId", "version");

-- AddForeignKey
ALTER TABLE "AnalysisPlanVersion" ADD CONSTRAINT "AnalysisPlanVersion_pocId_fkey" FOREIGN KEY ("pocId") REFERENCES "Poc"("id") ON DELETE CASCADE ON UPDATE CASCADE;
