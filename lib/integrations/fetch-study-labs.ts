import { fetchLabObservations, type FhirConnection } from "@/lib/ehr/fhir-client";
import { selectLabValues, type LabRefusalReason } from "@/lib/ehr/select-lab-values";
import type { LabPreprocessing } from "@/lib/inference/manifest";

/** Stored with the import: keys, LOINC codes, reasons and counts only (no values, times or EHR ids). */
export type StudyLabSummary = {
  source: "ehr" | "none";
  used: string[];
  missing: string[];
  /** True when a partial panel was withheld: the model refuses partial panels, so the case runs without labs. */
  withheld: boolean;
  refusals: { labKey: string | null; loinc: string | null; reason: LabRefusalReason }[];
};

/**
 * The patient's labs for the study from the EHR: the complete manifest panel, or none (with the
 * reasons) when any lab is missing, since the model refuses partial panels rather than imputing.
 */
export async function fetchStudyLabs(ehr: FhirConnection | null, labs: LabPreprocessing, patientId: string, studyTime: Date | null, windowHours: number): Promise<{ values: Record<string, number>; summary: StudyLabSummary }> {
  const codes = labs.items.flatMap((item) => item.loinc ?? []);
  if (!ehr || codes.length === 0 || !patientId || !studyTime) return { values: {}, summary: { source: "none", used: [], missing: labs.items.map((item) => item.key), withheld: false, refusals: [] } };
  const from = new Date(studyTime.getTime() - windowHours * 3_600_000);
  const resources = await fetchLabObservations(ehr, patientId, codes, from, studyTime);
  const selected = selectLabValues(labs, resources, studyTime, windowHours);
  const complete = selected.missing.length === 0;
  return {
    values: complete ? selected.values : {},
    summary: {
      source: "ehr",
      used: complete ? Object.keys(selected.values) : [],
      missing: selected.missing,
      withheld: !complete && Object.keys(selected.values).length > 0,
      refusals: selected.refusals.map(({ labKey, loinc, reason }) => ({ labKey, loinc, reason })),
    },
  };
}
