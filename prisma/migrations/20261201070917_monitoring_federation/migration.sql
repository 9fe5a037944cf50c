-- CreateEnum
CREATE TYPE "MonitoringPeriodLength" AS ENUM ('WEEK', 'MONTH');

-- CreateTable
CREATE TABLE "Deployment" (
    "id" TEXT NOT NULL,
    "pocId" TEXT NOT NULL,
    "modelVersionId" TEXT NOT NULL,
    "periodLength" "MonitoringPeriodLength" NOT NULL DEFAULT 'MONTH',
    "adoptedAt" TIMESTAMP(3) NOT NULL,
    "baseline" JSONB NOT NULL,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Deployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitoringCell" (
    "deploymentId" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "dimension" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "cases" INTEGER NOT NULL,
    "aiPositives" INTEGER NOT NULL,
    "discordant" INTEGER NOT NULL,
    "finalReads" INTEGER NOT NULL,
    "referencePositives" INTEGER NOT NULL,
    "referenceNegatives" INTEGER NOT NULL,
    "aiTruePositives" INTEGER NOT NULL,
    "aiTrueNegatives" INTEGER NOT NULL,
    "readN" INTEGER NOT NULL,
    "readMsSum" DECIMAL(65,30) NOT NULL,
    "readMsSumSq" DECIMAL(65,30) NOT NULL,

    CONSTRAINT "MonitoringCell_pkey" PRIMARY KEY ("deploymentId","periodStart","dimension","groupKey")
);

-- CreateTable
CREATE TABLE "StopRule" (
    "id" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dimension" TEXT,
    "threshold" DOUBLE PRECISION NOT NULL,
    "statement" TEXT NOT NULL,
    "signedById" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StopRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StopRuleEvent" (
    "id" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "firedAt" TIMESTAMP(3) NOT NULL,
    "checklistItemId" TEXT NOT NULL,

    CONSTRAINT "StopRuleEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FederationSigningKey" (
    "siteId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "publicKeyPem" TEXT NOT NULL,
    "sealedPrivateKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FederationSigningKey_pkey" PRIMARY KEY ("siteId")
);

-- CreateTable
CREATE TABLE "FederatedSite" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "publicKeyPem" TEXT NOT NULL,
    "registeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FederatedSite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FederatedStudy" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "planHash" TEXT NOT NULL,
    "plan" JSONB NOT NULL,
    "modelSha256" TEXT NOT NULL,
    "manifestHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FederatedStudy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FederatedBundle" (
    "id" TEXT NOT NULL,
    "studyId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "bundleHash" TEXT NOT NULL,
    "exportedAt" TIMESTAMP(3) NOT NULL,
    "payload" JSONB NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FederatedBundle_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Deployment_pocId_key" ON "Deployment"("pocId");

-- CreateIndex
CREATE INDEX "StopRuleEvent_deploymentId_idx" ON "StopRuleEvent"("deploymentId");

-- CreateIndex
CREATE UNIQUE INDEX "StopRuleEvent_ruleId_periodStart_key" ON "StopRuleEvent"("ruleId", "periodStart");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE UNIQUE INDEX "FederationSigningKey_keyId_key" ON "FederationSigningKey"("keyId");

-- CreateIndex
CREATE UNIQUE INDEX "FederatedSite_code_key" ON "FederatedSite"("code");

-- CreateIndex
CREATE UNIQUE INDEX "FederatedSite_keyId_key" ON "FederatedSite"("keyId");

-- CreateIndex
CREATE UNIQUE INDEX "FederatedStudy_planHash_key" ON "FederatedStudy"("planHash");

-- CreateIndex
CREATE UNIQUE INDEX "FederatedBundle_bundleHash_key" ON "FederatedBundle"("bundleHash");

-- CreateIndex
CREATE INDEX "FederatedBundle_studyId_siteId_exportedAt_idx" ON "FederatedBundle"("studyId", "siteId", "exportedAt");

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_pocId_fkey" FOREIGN KEY ("pocId") REFERENCES "Poc"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitoringCell" ADD CONSTRAINT "MonitoringCell_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StopRule" ADD CONSTRAINT "StopRule_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StopRuleEvent" ADD CONSTRAINT "StopRuleEvent_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "StopRule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StopRuleEvent" ADD CONSTRAINT "StopRuleEvent_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FederatedBundle" ADD CONSTRAINT "FederatedBundle_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "FederatedStudy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FederatedBundle" ADD CONSTRAINT "FederatedBundle_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "FederatedSite"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
