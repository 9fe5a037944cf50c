// The one catalogue of audit action names. Every writer (recordAuditEvent, the refusals of
// defineAction and guardedRoute) takes an AuditAction, and the audit page's filter list and labels
// read this list, so a new action cannot be written without appearing there. Add new names here, with
// their label under "auditActions" in lib/i18n/messages/{ja,en}/trust.json (a unit test checks both).
export const auditActions = [
  "auth.sign_in",
  "auth.sign_out",
  "auth.sign_out_everywhere",
  "auth.session_revoke",
  "auth.password_change",
  "auth.totp_enrol_start",
  "auth.totp_enrol",
  "auth.recovery_code_used",
  "user.create",
  "user.update_access",
  "user.reset_password",
  "user.reset_totp",
  "user.set_disabled",
  "user.disable",
  "user.enable",
  "site.create",
  "demo.seed",
  "demo.seed_history",
  "model.register",
  "model.delete",
  "model.card_export",

  "model.retire",
  "poc.create",
  "poc.approve",
  "plan.draft",
  "plan.amend",
  "poc.start",
  "poc.begin_evaluation",
  "poc.decide",
  "checklist.update_item",
  "checklist.add_evidence",
  "checklist.view_evidence",
  "checklist.comment",
  "checklist.sign_off",
  "checklist.template_create",
  "checklist.second_signer_rule",
  "case.submit",
  "case.run_inference",
  "case.view",
  "case.image_view",
  "case.overlay_view",
  "case.list",
  "read.first_call",
  "read.complete",
  "read.abandon",
  "outcome.record",
  "outcome.import",
  "kpi.export_csv",
  "kpi.export_reads",
  "report.export_pdf",
  "report.export_pptx",
  "roi.scenarios_create",
  "roi.scenario_update",
  "audit.export_csv",
  "audit.export_head",
  "audit.check_head",
  // Monitoring after adoption and multi-site evidence (lib/monitoring, lib/federation).
  "monitoring.deployment_start",
  "monitoring.stop_rule_register",
  "monitoring.stop_rule_fired",
  "monitoring.observations_record",
  "monitoring.period_length_set",
  "notification.mark_read",
  "federation.bundle_export",
  "federation.bundle_import",
  "federation.site_register",
  "federation.study_create",

  // PACS and EHR (issue #14)
  "site.integration_update",
  "poc.api_token_create",
  "poc.api_token_revoke",
  "poc.results_to_pacs_enable",
  "pacs.search",
  "pacs.import_start",
  "pacs.import_retry",
  "pacs.import_list",
  "pacs.push",
  "pacs.study_link",
  "pacs.study_relink",
  "pacs.write_back",
] as const;

export type AuditAction = (typeof auditActions)[number];

/** The domains of the catalogue ("auth.", "case.", ...), for the filter's prefix search. */
export const auditActionPrefixes: readonly string[] = [...new Set(auditActions.map((action) => `${action.split(".")[0]}.`))];

export function isAuditAction(value: string): value is AuditAction {
  return (auditActions as readonly string[]).includes(value);
}

/** Entity types audit events name, for the audit page's filter. */
export const auditEntityTypes = ["User", "Site", "Poc", "ChecklistItem", "ChecklistTemplateItem", "Case", "Read", "RoiScenario", "ModelVersion", "Deployment", "FederatedSite", "FederatedStudy", "FederatedBundle"] as const;
