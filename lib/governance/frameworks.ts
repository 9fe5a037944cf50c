// The regulations, guidelines and reporting standards a checklist item can evidence. Codes are
// stored on each item; their names live in the message catalogue (governance.frameworks.<code>).
export const complianceFrameworks = [
  "APPI",
  "HIPAA",
  "GDPR",
  "MHLW_SECURITY_6_0",
  "DICOM_PS3_15",
  "LIFE_SCIENCE_ETHICS_GUIDELINES",
  "PMD_ACT",
  "FDA_SAMD",
  "EU_MDR",
  "DECIDE_AI",
  "CLAIM",
  "EU_AI_ACT_ART_4",
  "EU_AI_ACT_ART_9",
  "EU_AI_ACT_ART_10",
  "EU_AI_ACT_ART_11",
  "EU_AI_ACT_ART_12",
  "EU_AI_ACT_ART_13",
  "EU_AI_ACT_ART_14",
  "EU_AI_ACT_ART_15",
  "EU_AI_ACT_ART_73",
] as const;
export type ComplianceFramework = (typeof complianceFrameworks)[number];

/** Item families of the domain primer (§6), in the order the checklist shows them. */
export const checklistFamilies = ["PRIVACY", "ETHICS", "REGULATION", "MODEL", "WORKFLOW", "SECURITY"] as const;
export type ChecklistFamily = (typeof checklistFamilies)[number];

export const checklistPhases = ["PRE_START", "PRE_DECISION", "ONGOING"] as const;
