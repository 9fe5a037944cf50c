import type { MeasuredRoiInputs, RoiInputs } from "./schema";

/**
 * Assumed per-case benefits for a scenario that names none: a wide range around modest values (up to
 * 36 s of reading time, 1 repeat exam and 0.5 missed diagnoses per 100 cases), never a zero-width value.
 */
const defaultAssumedBenefits: NonNullable<RoiInputs["assumedBenefits"]> = {
  hoursSavedPerCase: { lower: 0, estimate: 0.005, upper: 0.01 },
  repeatExamsAvoidedPerCase: { lower: 0, estimate: 0.005, upper: 0.01 },
  missedDiagnosesAvoidedPerCase: { lower: 0, estimate: 0.0025, upper: 0.005 },
};

/** Each benefit: the PoC's precise measurement where there is one, else the scenario's assumed range (marked assumed, n = 0). */
export function resolveBenefitInputs(measured: MeasuredRoiInputs, inputs: RoiInputs): MeasuredRoiInputs {
  const assumed = inputs.assumedBenefits ?? defaultAssumedBenefits;
  const pick = (key: keyof MeasuredRoiInputs) => measured[key] ? { ...measured[key], source: "measured" as const } : { ...assumed[key], n: 0, source: "assumed" as const };
  return { hoursSavedPerCase: pick("hoursSavedPerCase"), repeatExamsAvoidedPerCase: pick("repeatExamsAvoidedPerCase"), missedDiagnosesAvoidedPerCase: pick("missedDiagnosesAvoidedPerCase") };
}
