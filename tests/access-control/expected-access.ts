import type { Role } from "../../lib/db/generated/enums";

// The one expected allow/deny table for every server action and route handler in the build, written
// out by hand (not derived from lib/auth/permissions.ts) so a widened permission fails the test.
// "public": callable without a session (sign-in, locale, sign-out). Keys: "<file>#<export>" for
// actions, "<METHOD> <route>" for route handlers.
export type Access = "public" | readonly Role[];

export const expectedActionAccess: Record<string, Access> = {
  "app/sign-in/actions.ts#signInWithPasswordAction": "public",
  "app/_components/locale-actions.ts#switchLocaleAction": "public",
  "app/(portal)/actions.ts#signOutAction": "public",
  "app/(portal)/admin/users/actions.ts#createUserAction": ["ADMIN"],
  "app/(portal)/admin/users/actions.ts#updateUserAccessAction": ["ADMIN"],
  "app/(portal)/admin/users/actions.ts#setUserDisabledAction": ["ADMIN"],
  "app/(portal)/admin/users/actions.ts#resetPasswordAction": ["ADMIN"],
  "app/(portal)/admin/users/actions.ts#resetUserTotpAction": ["ADMIN"],
  "app/(portal)/account/security/actions.ts#startTotpEnrolmentAction": ["CLINICIAN", "EXECUTIVE", "COMPLIANCE", "ADMIN"],
  "app/(portal)/account/security/actions.ts#confirmTotpEnrolmentAction": ["CLINICIAN", "EXECUTIVE", "COMPLIANCE", "ADMIN"],
  "app/(portal)/account/security/actions.ts#changePasswordAction": ["CLINICIAN", "EXECUTIVE", "COMPLIANCE", "ADMIN"],
  "app/(portal)/account/security/actions.ts#signOutEverywhereAction": ["CLINICIAN", "EXECUTIVE", "COMPLIANCE", "ADMIN"],
  "app/(portal)/account/security/actions.ts#revokeSessionAction": ["CLINICIAN", "EXECUTIVE", "COMPLIANCE", "ADMIN"],
  "app/(portal)/admin/sites/actions.ts#createSiteAction": ["ADMIN"],
  "app/(portal)/admin/pocs/actions.ts#createPocAction": ["ADMIN"],
  "lib/pocs/actions.ts#approvePocAction": ["COMPLIANCE", "ADMIN"],
  "lib/pocs/actions.ts#startPocAction": ["ADMIN", "EXECUTIVE"],
  "lib/pocs/actions.ts#beginPocEvaluationAction": ["ADMIN", "EXECUTIVE"],
  "lib/pocs/actions.ts#decidePocAction": ["EXECUTIVE"],
  "app/(portal)/audit/actions.ts#checkChainHeadAction": ["COMPLIANCE"],
  "app/(portal)/cases/actions.ts#recordOutcomeAction": ["CLINICIAN"],
  "app/(portal)/cases/actions.ts#importOutcomesAction": ["CLINICIAN"],
  "app/(portal)/cases/actions.ts#runCaseInferenceAction": ["CLINICIAN"],
  "app/(portal)/models/actions.ts#deleteModelVersionAction": ["ADMIN"],
  "app/(portal)/models/actions.ts#retireModelVersionAction": ["ADMIN"],
  "app/(portal)/dashboard/[pocId]/actions.ts#updateRoiScenarioAction": ["EXECUTIVE", "ADMIN"],
  "app/(portal)/reading/actions.ts#completeReadAction": ["CLINICIAN"],
  "app/(portal)/reading/actions.ts#recordFirstCallAction": ["CLINICIAN"],
  "app/(portal)/reading/actions.ts#abandonReadAction": ["CLINICIAN"],
  "app/(portal)/governance/[pocId]/actions.ts#updateChecklistItemAction": ["COMPLIANCE"],
  "app/(portal)/governance/[pocId]/actions.ts#addEvidenceLinkAction": ["COMPLIANCE"],
  "app/(portal)/governance/[pocId]/actions.ts#addCommentAction": ["COMPLIANCE"],
  "app/(portal)/governance/[pocId]/actions.ts#signOffItemAction": ["COMPLIANCE"],
  "app/(portal)/governance/templates/actions.ts#createChecklistTemplateItemAction": ["ADMIN"],
  "app/(portal)/governance/templates/actions.ts#setSecondSignerRuleAction": ["ADMIN"],
  // Monitoring and multi-site evidence (#15).
  "app/(portal)/monitoring/[deploymentId]/actions.ts#registerStopRuleAction": ["COMPLIANCE"],
  "app/(portal)/monitoring/[deploymentId]/actions.ts#setPeriodLengthAction": ["ADMIN"],
  "app/(portal)/notification-actions.ts#markNotificationReadAction": ["CLINICIAN", "EXECUTIVE", "COMPLIANCE", "ADMIN"],
  "app/(portal)/federation/hub/actions.ts#registerFederatedSiteAction": ["ADMIN"],
  "app/(portal)/federation/hub/actions.ts#createFederatedStudyAction": ["ADMIN"],
  "app/(portal)/federation/hub/actions.ts#importBundleAction": ["ADMIN"],

  "app/(portal)/admin/sites/[siteId]/integration/actions.ts#saveSiteIntegrationAction": ["ADMIN"],
  "app/(portal)/admin/sites/[siteId]/integration/actions.ts#createPocApiTokenAction": ["ADMIN"],
  "app/(portal)/admin/sites/[siteId]/integration/actions.ts#revokePocApiTokenAction": ["ADMIN"],
  "app/(portal)/admin/sites/[siteId]/integration/actions.ts#enableResultsToPacsAction": ["ADMIN"],
  "app/(portal)/cases/import/actions.ts#searchPacsAction": ["CLINICIAN"],
  "app/(portal)/cases/import/actions.ts#importPacsStudiesAction": ["CLINICIAN"],
  "app/(portal)/cases/import/actions.ts#retryImportStudyAction": ["CLINICIAN"],
  "app/(portal)/cases/import/actions.ts#listImportJobsAction": ["CLINICIAN"],
};

export const expectedRouteAccess: Record<string, Access> = {
  "GET /api/auth/[...nextauth]": "public",
  "POST /api/auth/[...nextauth]": "public",
  "POST /api/cases": ["CLINICIAN"],
  "GET /api/cases/[caseId]/images/[imageId]": ["CLINICIAN", "COMPLIANCE", "EXECUTIVE"],
  "GET /api/cases/[caseId]/overlay": ["CLINICIAN"],
  "POST /api/evidence": ["COMPLIANCE"],
  "GET /api/evidence/[evidenceId]": ["COMPLIANCE", "ADMIN", "EXECUTIVE"],
  "POST /api/models": ["ADMIN"],
  "GET /api/models/[modelId]/model-card": ["CLINICIAN", "EXECUTIVE", "COMPLIANCE", "ADMIN"],
  "GET /audit/chain-head": ["COMPLIANCE"],
  "GET /audit/export": ["COMPLIANCE"],
  "GET /dashboard/[pocId]/kpi-csv": ["EXECUTIVE", "ADMIN"],
  "GET /dashboard/[pocId]/reads-csv": ["EXECUTIVE", "ADMIN"],
  "POST /api/deployments/[deploymentId]/observations": ["ADMIN"],
  "GET /api/federation/bundles/[pocId]": ["ADMIN"],

  // STOW-RS for the PACS router: a per-PoC API token, not a session (tests/integration/pacs-push.test.ts).
  "POST /api/pocs/[pocId]/dicomweb/studies": "public",

  "GET /dashboard/[pocId]/one-pager/pdf": ["EXECUTIVE", "ADMIN"],
  "GET /dashboard/[pocId]/one-pager/pptx": ["EXECUTIVE", "ADMIN"],
};
