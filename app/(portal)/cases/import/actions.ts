"use server";

import { defineAction } from "@/lib/actions/define-action";
import type { Role } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/client";
import { jobQueue } from "@/lib/integrations/job-runtime";
import { importJobsQuerySchema, importStudiesSchema, importStudyIdSchema, studySearchSchema } from "@/lib/integrations/schema";
import { searchPocPacs } from "@/lib/integrations/search-pacs";
import { listImportJobs, retryImportStudy, startPacsImport } from "@/lib/integrations/start-import";

const clinicianOf = (context: { user: { id: string; role: Role; siteIds: string[] }; requestId: string }) => ({ id: context.user.id, role: context.user.role, siteIds: context.user.siteIds, requestId: context.requestId });

// The answer carries identifiers to this browser only; nothing of it is stored or logged.
export const searchPacsAction = defineAction({ name: "pacs.search", permission: "case:submit", input: studySearchSchema }, async (input, context) => searchPocPacs(db(), clinicianOf(context), input));

export const importPacsStudiesAction = defineAction({ name: "pacs.import_start", permission: "case:submit", input: importStudiesSchema }, async (input, context) =>
  startPacsImport(db(), await jobQueue(), clinicianOf(context), input),
);

export const retryImportStudyAction = defineAction({ name: "pacs.import_retry", permission: "case:submit", input: importStudyIdSchema }, async (input, context) => {
  await retryImportStudy(db(), await jobQueue(), clinicianOf(context), input.importStudyId);
  return { retried: true };
});

export const listImportJobsAction = defineAction({ name: "pacs.import_list", permission: "case:submit", input: importJobsQuerySchema }, async (input, context) => listImportJobs(db(), clinicianOf(context), input.pocId));
