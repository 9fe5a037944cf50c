import type { RoiInputs } from "./schema";

const shared = {
  annualCaseVolume: 12_000,
  readerCostPerHourJpy: 12_000,
  repeatExamUnitCostJpy: 15_000,
  missedDiagnosisCostJpy: null,
  integrationOneOffJpy: 3_000_000,
  trainingOneOffJpy: 500_000,
  horizonYears: 5,
} satisfies Partial<RoiInputs>;

/** Starting points an executive then edits: the measured KPIs' interval ends set the three cases apart. */
export const defaultScenarios: { kind: "CONSERVATIVE" | "BASE" | "OPTIMISTIC"; name: string; inputs: RoiInputs }[] = [
  { kind: "CONSERVATIVE", name: "Conservative", inputs: { ...shared, licencePerYearJpy: 2_400_000, gpuHostPerYearJpy: 1_200_000, governancePerYearJpy: 800_000, adoptionRamp: [0.3, 0.5, 0.6], discountRate: 0.05, kpiBasis: "lower" } },
  { kind: "BASE", name: "Base", inputs: { ...shared, licencePerYearJpy: 2_000_000, gpuHostPerYearJpy: 1_000_000, governancePerYearJpy: 600_000, adoptionRamp: [0.5, 0.8, 0.9], discountRate: 0.03, kpiBasis: "estimate" } },
  { kind: "OPTIMISTIC", name: "Optimistic", inputs: { ...shared, licencePerYearJpy: 1_800_000, gpuHostPerYearJpy: 800_000, governancePerYearJpy: 500_000, adoptionRamp: [0.7, 1], discountRate: 0.02, kpiBasis: "upper" } },
];
