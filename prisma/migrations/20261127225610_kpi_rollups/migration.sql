-- CreateTable
CREATE TABLE "KpiRollupState" (
    "pocId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "builtAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KpiRollupState_pkey" PRIMARY KEY ("pocId")
);

-- CreateTable
CREATE TABLE "KpiReadCell" (
    "pocId" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "truth" SMALLINT NOT NULL,
    "finalCall" SMALLINT NOT NULL,
    "changedAfterAi" SMALLINT NOT NULL,
    "aiOpened" SMALLINT NOT NULL,
    "aiCall" SMALLINT NOT NULL,
    "reads" INTEGER NOT NULL,
    "timeN" INTEGER NOT NULL,
    "timeSum" DECIMAL(65,30) NOT NULL,
    "timeSumSq" DECIMAL(65,30) NOT NULL,
    "usefulnessN" INTEGER NOT NULL,
    "usefulnessSum" DECIMAL(65,30) NOT NULL,
    "usefulnessSumSq" DECIMAL(65,30) NOT NULL,

    CONSTRAINT "KpiReadCell_pkey" PRIMARY KEY ("pocId","arm","truth","finalCall","changedAfterAi","aiOpened","aiCall")
);

-- CreateTable
CREATE TABLE "KpiReadGroup" (
    "pocId" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "truth" SMALLINT NOT NULL,
    "finalCall" SMALLINT NOT NULL,
    "reads" INTEGER NOT NULL,
    "timeN" INTEGER NOT NULL,
    "timeSum" DECIMAL(65,30) NOT NULL,
    "timeSumSq" DECIMAL(65,30) NOT NULL,

    CONSTRAINT "KpiReadGroup_pkey" PRIMARY KEY ("pocId","dimension","groupKey","arm","truth","finalCall")
);

-- CreateTable
CREATE TABLE "KpiTimeBin" (
    "pocId" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "scale" TEXT NOT NULL,
    "bin" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "KpiTimeBin_pkey" PRIMARY KEY ("pocId","series","scale","bin")
);

-- CreateTable
CREATE TABLE "KpiScoreBin" (
    "pocId" TEXT NOT NULL,
    "bin" INTEGER NOT NULL,
    "truth" BOOLEAN NOT NULL,
    "cases" INTEGER NOT NULL,

    CONSTRAINT "KpiScoreBin_pkey" PRIMARY KEY ("pocId","bin","truth")
);

-- CreateTable
CREATE TABLE "KpiFairnessCell" (
    "pocId" TEXT NOT NULL,
    "ageBand" TEXT NOT NULL,
    "sex" TEXT NOT NULL,
    "scannerVendor" TEXT NOT NULL,
    "truth" BOOLEAN NOT NULL,
    "aiCall" BOOLEAN NOT NULL,
    "cases" INTEGER NOT NULL,

    CONSTRAINT "KpiFairnessCell_pkey" PRIMARY KEY ("pocId","ageBand","sex","scannerVendor","truth","aiCall")
);

-- CreateTable
CREATE TABLE "KpiOutcomeCell" (
    "pocId" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "cases" INTEGER NOT NULL,
    "repeatExams" INTEGER NOT NULL,
    "avoidableRepeatExams" INTEGER NOT NULL,
    "readmissionKnown" INTEGER NOT NULL,
    "readmissions" INTEGER NOT NULL,
    "complicationKnown" INTEGER NOT NULL,
    "complications" INTEGER NOT NULL,
    "tttN" INTEGER NOT NULL,
    "tttSum" DECIMAL(65,30) NOT NULL,
    "tttSumSq" DECIMAL(65,30) NOT NULL,
    "satisfactionN" INTEGER NOT NULL,
    "satisfactionSum" DECIMAL(65,30) NOT NULL,
    "satisfactionSumSq" DECIMAL(65,30) NOT NULL,

    CONSTRAINT "KpiOutcomeCell_pkey" PRIMARY KEY ("pocId","arm")
);

-- AddForeignKey
ALTER TABLE "KpiRollupState" ADD CONSTRAINT "KpiRollupState_pocId_fkey" FOREIGN KEY ("pocId") REFERENCES "Poc"("id") ON DELETE CASCADE ON UPDATE CASCADE;
