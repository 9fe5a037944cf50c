import { computeRoi, type PerCaseBenefits } from "./compute-roi";
import type { MeasuredRoiInputs, RoiInputs } from "./schema";

export type TornadoBar = { input: string; lowValue: number; highValue: number; npvLowJpy: number; npvHighJpy: number; swingJpy: number };

/** Inputs moved ±20% around the scenario (a conventional one-way range where no interval is measured). */
const tornadoRelativeRange = 0.2;
const swingInputs = ["annualCaseVolume", "readerCostPerHourJpy", "repeatExamUnitCostJpy", "missedDiagnosisCostJpy", "licencePerYearJpy", "gpuHostPerYearJpy", "integrationOneOffJpy", "trainingOneOffJpy", "governancePerYearJpy", "discountRate"] as const;

// One-way sensitivity analysis: each input to its low and high value, the rest held, sorted by NPV swing (largest first).
export function tornado(inputs: RoiInputs, benefits: PerCaseBenefits, measured: MeasuredRoiInputs): TornadoBar[] {
  const npv = (changed: RoiInputs, changedBenefits: PerCaseBenefits = benefits) => computeRoi(changed, changedBenefits).npvJpy;
  const bars: TornadoBar[] = [];
  for (const key of swingInputs) {
    const value = inputs[key];
    if (value === null || value === 0) continue;
    const lowValue = key === "annualCaseVolume" ? Math.max(1, Math.round(value * (1 - tornadoRelativeRange))) : value * (1 - tornadoRelativeRange);
    const highValue = key === "annualCaseVolume" ? Math.round(value * (1 + tornadoRelativeRange)) : value * (1 + tornadoRelativeRange);
    const npvLowJpy = npv({ ...inputs, [key]: lowValue });
    const npvHighJpy = npv({ ...inputs, [key]: highValue });
    bars.push({ input: key, lowValue, highValue, npvLowJpy, npvHighJpy, swingJpy: Math.abs(npvHighJpy - npvLowJpy) });
  }
  // Measured inputs swing across their own 95% interval.
  for (const key of ["hoursSavedPerCase", "repeatExamsAvoidedPerCase", "missedDiagnosesAvoidedPerCase"] as const) {
    const interval = measured[key];
    if (!interval) continue;
    const npvLowJpy = npv(inputs, { ...benefits, [key]: interval.lower });
    const npvHighJpy = npv(inputs, { ...benefits, [key]: interval.upper });
    bars.push({ input: key, lowValue: interval.lower, highValue: interval.upper, npvLowJpy, npvHighJpy, swingJpy: Math.abs(npvHighJpy - npvLowJpy) });
  }
  return bars.sort((left, right) => right.swingJpy - left.swingJpy);
}
