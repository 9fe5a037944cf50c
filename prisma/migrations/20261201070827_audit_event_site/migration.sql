-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "hashVersion" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "siteId" TEXT;

-- CreateIndex
CREATE INDEX "AuditEvent_siteId_seq_idx" ON "AuditEvent"("siteId", "seq");

-- Back-fill the site of every existing row with the rules of lib/audit/resolve-audit-site.ts: the
-- entity's site first, then a pocId, caseId or siteId in the details. These rows keep hashVersion 1,
-- whose hash does not cover siteId, so the chain still verifies. Audit rows are append-only; the
-- trigger is lifted for this one statement only, inside the migration's transaction.
ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update_delete";
UPDATE "AuditEvent" a SET "siteId" = COALESCE(
  CASE a."entityType"
    WHEN 'Site' THEN a."entityId"
    WHEN 'Poc' THEN (SELECT p."siteId" FROM "Poc" p WHERE p."id" = a."entityId")
    WHEN 'Case' THEN (SELECT p."siteId" FROM "Case" c JOIN "Poc" p ON p."id" = c."pocId" WHERE c."id" = a."entityId")
    WHEN 'Read' THEN (SELECT p."siteId" FROM "Read" r JOIN "Case" c ON c."id" = r."caseId" JOIN "Poc" p ON p."id" = c."pocId" WHERE r."id" = a."entityId")
    WHEN 'ChecklistItem' THEN (SELECT p."siteId" FROM "ChecklistItem" i JOIN "Poc" p ON p."id" = i."pocId" WHERE i."id" = a."entityId")
    WHEN 'ChecklistTemplateItem' THEN (SELECT t."siteId" FROM "ChecklistTemplateItem" t WHERE t."id" = a."entityId")
    WHEN 'RoiScenario' THEN (SELECT p."siteId" FROM "RoiScenario" s JOIN "Poc" p ON p."id" = s."pocId" WHERE s."id" = a."entityId")
  END,
  (SELECT p."siteId" FROM "Poc" p WHERE p."id" = a."details"->>'pocId'),
  (SELECT p."siteId" FROM "Case" c JOIN "Poc" p ON p."id" = c."pocId" WHERE c."id" = a."details"->>'caseId'),
  CASE WHEN jsonb_typeof(a."details"->'siteId') = 'string' THEN a."details"->>'siteId' END
)
WHERE a."siteId" IS NULL;
ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_no_update_delete";
