-- AlterEnum
ALTER TYPE "ChecklistStatus" ADD VALUE 'AWAITING_SECOND_SIGNATURE';

-- AlterTable
ALTER TABLE "ChecklistItem" ADD COLUMN     "highRisk" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "requiresEvidence" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "ChecklistTemplateItem" ADD COLUMN     "highRisk" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "requiresEvidence" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Poc" ADD COLUMN     "secondSignerForHighRisk" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "SignOff" ADD COLUMN     "confirmsPrevious" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "secondSignerForHighRisk" BOOLEAN NOT NULL DEFAULT false;

-- Existing PoCs' copies of the built-in items take the properties new copies get (the rule stays off).
UPDATE "ChecklistItem" SET "highRisk" = true WHERE "key" IN ('privacy.legal_basis', 'privacy.deid_images', 'privacy.deid_text', 'ethics.committee_approval', 'regulation.samd_classification', 'security.risk_assessment');
UPDATE "ChecklistItem" SET "requiresEvidence" = false WHERE "key" = 'model.preregistered_targets';
