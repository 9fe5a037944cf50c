import type { LabPreprocessing } from "@/lib/inference/manifest";
import { convertUcum } from "./convert-ucum";
import { loincSystem, observationSchema, ucumSystem, type Observation } from "./schema";

export type LabRefusalReason = "NOT_AN_OBSERVATION" | "STATUS_NOT_FINAL" | "NO_TIME" | "AFTER_STUDY" | "OUTSIDE_WINDOW" | "NO_VALUE" | "UNIT_NOT_CONVERTIBLE" | "OUT_OF_RANGE";

type LabRefusal = {
  /** "Observation/<id>" or its position in the list when it has no id. */
  observation: string;
  labKey: string | null;
  /** The matched LOINC code, so a refusal can be reported without the EHR's resource id. */
  loinc: string | null;
  reason: LabRefusalReason;
};

export type SelectedLabs = {
  values: Record<string, number>;
  /** How long before the study each used value was taken, in hours (never the time itself). */
  hoursBeforeStudy: Record<string, number>;
  refusals: LabRefusal[];
  /** Manifest labs that no usable Observation supplied. */
  missing: string[];
};

// Results a clinician can rely on (FHIR R4 ObservationStatus); registered and preliminary ones may still change.
const usableStatuses = new Set(["final", "amended", "corrected"]);

function effectiveTime(observation: Observation): Date | null {
  const text = observation.effectiveDateTime ?? observation.effectivePeriod?.end ?? observation.effectivePeriod?.start ?? observation.issued;
  if (!text) return null;
  const time = new Date(text);
  return Number.isNaN(time.getTime()) ? null : time;
}

function quantityIn(observation: Observation, targetUcum: string): number | null {
  const quantity = observation.valueQuantity!;
  // The UCUM code is authoritative; many EHRs also write the UCUM code as the display unit.
  const candidates = [quantity.system === ucumSystem ? quantity.code : undefined, quantity.unit].filter((unit): unit is string => typeof unit === "string" && unit.length > 0);
  for (const unit of candidates) {
    const converted = convertUcum(quantity.value!, unit, targetUcum);
    if (converted !== null) return converted;
  }
  return null;
}

/**
 * Picks each manifest lab's value from FHIR Observations: matched by LOINC code, converted to the
 * manifest's UCUM unit, checked against the plausible range, and the one closest in time before the
 * study (within `windowHours`) is used. Every matched Observation that is not usable is refused with
 * its reason; labs without a LOINC code in the manifest are never filled from the EHR.
 */
export function selectLabValues(labs: LabPreprocessing, resources: unknown[], studyTime: Date, windowHours: number): SelectedLabs {
  const result: SelectedLabs = { values: {}, hoursBeforeStudy: {}, refusals: [], missing: [] };
  const best = new Map<string, { value: number; hours: number }>();
  resources.forEach((resource, position) => {
    const parsed = observationSchema.safeParse(resource);
    const name = parsed.success && parsed.data.id ? `Observation/${parsed.data.id}` : `Observation #${position + 1}`;
    if (!parsed.success) {
      result.refusals.push({ observation: name, labKey: null, loinc: null, reason: "NOT_AN_OBSERVATION" });
      return;
    }
    const observation = parsed.data;
    const codes = (observation.code.coding ?? []).filter((coding) => coding.system === loincSystem).map((coding) => coding.code);
    const item = labs.items.find((candidate) => candidate.loinc?.some((code) => codes.includes(code)));
    if (!item) return;
    const loinc = item.loinc!.find((code) => codes.includes(code)) ?? null;
    const refuse = (reason: LabRefusalReason) => result.refusals.push({ observation: name, labKey: item.key, loinc, reason });
    if (!usableStatuses.has(observation.status ?? "")) return refuse("STATUS_NOT_FINAL");
    const time = effectiveTime(observation);
    if (!time) return refuse("NO_TIME");
    const hours = (studyTime.getTime() - time.getTime()) / 3_600_000;
    if (hours < 0) return refuse("AFTER_STUDY");
    if (hours > windowHours) return refuse("OUTSIDE_WINDOW");
    if (typeof observation.valueQuantity?.value !== "number" || !Number.isFinite(observation.valueQuantity.value)) return refuse("NO_VALUE");
    const value = quantityIn(observation, item.ucum ?? item.unit);
    if (value === null) return refuse("UNIT_NOT_CONVERTIBLE");
    if (value < item.plausibleMin || value > item.plausibleMax) return refuse("OUT_OF_RANGE");
    const current = best.get(item.key);
    if (!current || hours < current.hours) best.set(item.key, { value, hours });
  });
  for (const item of labs.items) {
    const chosen = best.get(item.key);
    if (!chosen) {
      result.missing.push(item.key);
      continue;
    }
    result.values[item.key] = chosen.value;
    result.hoursBeforeStudy[item.key] = Math.round(chosen.hours * 10) / 10;
  }
  return result;
}
