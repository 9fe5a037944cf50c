-- CreateEnum
CREATE TYPE "ImportSource" AS ENUM ('PULL', 'PUSH');

-- CreateEnum
CREATE TYPE "ImportStudyStatus" AS ENUM ('QUEUED', 'RETRIEVING', 'DEIDENTIFYING', 'INFERRING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "SiteIntegration" (
    "siteId" TEXT NOT NULL,
    "dicomWebUrl" TEXT,
    "dicomWebUsername" TEXT,
    "dicomWebSecret" TEXT,
    "fhirUrl" TEXT,
    "fhirAuth" TEXT NOT NULL DEFAULT 'none',
    "fhirUsername" TEXT,
    "fhirSecret" TEXT,
    "labWindowHours" INTEGER NOT NULL DEFAULT 72,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SiteIntegration_pkey" PRIMARY KEY ("siteId")
);

-- CreateTable
CREATE TABLE "ImportJob" (
    "id" TEXT NOT NULL,
    "pocId" TEXT NOT NULL,
    "source" "ImportSource" NOT NULL,
    "createdById" TEXT,
    "apiTokenId" TEXT,
    "confirmBurnedIn" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportStudy" (
    "id" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "pocId" TEXT NOT NULL,
    "studyKey" TEXT NOT NULL,
    "sealedStudyUid" TEXT,
    "status" "ImportStudyStatus" NOT NULL DEFAULT 'QUEUED',
    "errorCode" TEXT,
    "errorParams" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "caseId" TEXT,
    "labSummary" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportStudy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PocApiToken" (
    "id" TEXT NOT NULL,
    "pocId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "PocApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseStudyLink" (
    "caseId" TEXT NOT NULL,
    "pocId" TEXT NOT NULL,
    "sealedStudyUid" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "errorCode" TEXT,

    CONSTRAINT "CaseStudyLink_pkey" PRIMARY KEY ("caseId")
);

-- CreateIndex
CREATE INDEX "ImportJob_pocId_createdAt_idx" ON "ImportJob"("pocId", "createdAt");

-- CreateIndex
CREATE INDEX "ImportStudy_pocId_status_idx" ON "ImportStudy"("pocId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ImportStudy_jobId_studyKey_key" ON "ImportStudy"("jobId", "studyKey");

-- CreateIndex
CREATE UNIQUE INDEX "PocApiToken_tokenHash_key" ON "PocApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "PocApiToken_pocId_idx" ON "PocApiToken"("pocId");

-- CreateIndex
CREATE INDEX "CaseStudyLink_pocId_idx" ON "CaseStudyLink"("pocId");

-- AddForeignKey
ALTER TABLE "SiteIntegration" ADD CONSTRAINT "SiteIntegration_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportJob" ADD CONSTRAINT "ImportJob_pocId_fkey" FOREIGN KEY ("pocId") REFERENCES "Poc"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportStudy" ADD CONSTRAINT "ImportStudy_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "ImportJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PocApiToken" ADD CONSTRAINT "PocApiToken_pocId_fkey" FOREIGN KEY ("pocId") REFERENCES "Poc"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
