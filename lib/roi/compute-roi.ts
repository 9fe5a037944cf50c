import type { RoiInputs } from "./schema";

/** The per-case benefits used by one evaluation (a scenario's KPI basis, or one Monte Carlo draw). */
export type PerCaseBenefits = { hoursSavedPerCase: number; repeatExamsAvoidedPerCase: number; missedDiagnosesAvoidedPerCase: number };

type YearCashFlow = { year: number; volume: number; benefitJpy: number; runningCostJpy: number; oneOffJpy: number; netJpy: number; discountedNetJpy: number; cumulativeNetJpy: number };
export type RoiResult = { cashFlows: YearCashFlow[]; npvJpy: number; roiRatio: number; paybackMonth: number | null; totalBenefitJpy: number; totalCostJpy: number };

const rampFor = (inputs: RoiInputs, year: number) => inputs.adoptionRamp[Math.min(year - 1, inputs.adoptionRamp.length - 1)]!;

// Domain primer §5: benefit_t = volume_t·(hours·cost/h + repeats·unit cost + missed·cost); NPV = −one-off + Σ (benefit_t − running_t)/(1 + r)^t;
// ROI = (Σ benefit − Σ cost)/Σ cost (undiscounted, costs include one-off); payback = first month with cumulative net ≥ 0.
export function computeRoi(inputs: RoiInputs, benefits: PerCaseBenefits): RoiResult {
  const oneOffJpy = inputs.integrationOneOffJpy + inputs.trainingOneOffJpy;
  const runningCostJpy = inputs.licencePerYearJpy + inputs.gpuHostPerYearJpy + inputs.governancePerYearJpy;
  const benefitPerCaseJpy =
    benefits.hoursSavedPerCase * inputs.readerCostPerHourJpy +
    benefits.repeatExamsAvoidedPerCase * inputs.repeatExamUnitCostJpy +
    benefits.missedDiagnosesAvoidedPerCase * (inputs.missedDiagnosisCostJpy ?? 0);
  let npvJpy = -oneOffJpy;
  let cumulativeNetJpy = -oneOffJpy;
  let paybackMonth: number | null = null;
  let totalBenefitJpy = 0;
  const cashFlows: YearCashFlow[] = [];
  for (let year = 1; year <= inputs.horizonYears; year++) {
    const volume = inputs.annualCaseVolume * rampFor(inputs, year);
    const benefitJpy = volume * benefitPerCaseJpy;
    const netJpy = benefitJpy - runningCostJpy;
    const discountedNetJpy = netJpy / (1 + inputs.discountRate) ** year;
    // Months inside the year share its net equally, so payback falls on the month the running sum turns.
    if (paybackMonth === null && netJpy > 0 && cumulativeNetJpy + netJpy >= 0) paybackMonth = (year - 1) * 12 + Math.max(1, Math.ceil((-cumulativeNetJpy / netJpy) * 12 - 1e-9));
    npvJpy += discountedNetJpy;
    cumulativeNetJpy += netJpy;
    totalBenefitJpy += benefitJpy;
    cashFlows.push({ year, volume, benefitJpy, runningCostJpy, oneOffJpy: year === 1 ? oneOffJpy : 0, netJpy, discountedNetJpy, cumulativeNetJpy });
  }
  const totalCostJpy = oneOffJpy + runningCostJpy * inputs.horizonYears;
  return { cashFlows, npvJpy, roiRatio: totalCostJpy > 0 ? (totalBenefitJpy - totalCostJpy) / totalCostJpy : 0, paybackMonth, totalBenefitJpy, totalCostJpy };
}
