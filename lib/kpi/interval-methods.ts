import type { KpiKey, KpiUnit } from "./kpi-definitions";

/**
 * Each interval method and the smallest sample at which it reaches its nominal 95% coverage; below it a
 * figure is "not estimable yet". Where the bound is exact it is the smallest n whose most extreme
 * outcome is rarer than α = 0.05; elsewhere it is where the method's asymptotics are usually trusted.
 */
export const intervalMethods = {
  // Exact signed-rank: the most extreme of 2ⁿ sign patterns has p = 2/2ⁿ < 0.05 only from n = 6 pairs.
  signedRank: { minimumN: 6, counts: "pairs" },
  // Exact rank-sum: p = 2/C(m + n, m) < 0.05 from 4 reads per arm (2/70 = 0.029).
  rankSum: { minimumN: 4, counts: "perArm" },
  // Order-statistic median interval: 2·0.5ⁿ < 0.05 from n = 6.
  medianOrderStatistic: { minimumN: 6, counts: "reads" },
  // Wilson (Brown, Cai & DasGupta 2001): close to nominal from about 10 trials.
  wilson: { minimumN: 10, counts: "trials" },
  newcombe: { minimumN: 10, counts: "perArm" },
  // t interval of a mean: reading times are skewed, so 10 per group rather than 2.
  mean: { minimumN: 10, counts: "reads" },
  welch: { minimumN: 10, counts: "perArm" },
  // DeLong: asymptotic in both classes.
  delong: { minimumN: 10, counts: "perClass" },
  // Kappa's large-sample SE (Fleiss, Cohen & Everitt 1969).
  kappa: { minimumN: 20, counts: "pairs" },
  // Obuchowski–Rockette: readers who read in both arms (lib/stats/analyse-reader-study.ts).
  obuchowskiRockette: { minimumN: 3, counts: "readers" },
  // Portfolio: inverse-variance pooling of the PoCs whose own figure is estimable.
  inverseVariance: { minimumN: 1, counts: "pocs" },
} as const satisfies Record<string, { minimumN: number; counts: string }>;
export type IntervalMethod = keyof typeof intervalMethods;

/** Which interval method each KPI uses (the reading-time ones depend on the design). */
export function intervalMethodOf(key: KpiKey, paired: boolean): IntervalMethod {
  switch (key) {
    case "readingTimeRelativeChange":
    case "readingTimeMedianDifferenceMs":
    case "readerHoursSavedPerMonth":
      return paired ? "signedRank" : "rankSum";
    case "readingTimeMedianUnaidedMs":
    case "readingTimeMedianAidedMs":
      return "medianOrderStatistic";
    case "readingTimeMeanUnaidedMs":
    case "readingTimeMeanAidedMs":
    case "trustRatingMean":
    case "casesPerReaderHourUnaided":
    case "casesPerReaderHourAided":
      return "mean";
    case "sensitivityDifference":
    case "specificityDifference":
    case "repeatExamRateDifference":
    case "avoidableRepeatExamRateDifference":
    case "readmissionRateDifference":
    case "complicationRateDifference":
      return "newcombe";
    case "timeToTreatmentDifferenceHours":
    case "patientSatisfactionDifference":
      return "welch";
    case "aiAuc":
      return "delong";
    case "aiReaderKappa":
      return "kappa";
    default:
      return "wilson";
  }
}

/**
 * The precision at which a target verdict may be given when the analysis plan names none: the 95% CI's
 * half-width must be at most this (5 points for rates and relative changes, 5 s for times).
 */
export const defaultPrecisionHalfWidth: Record<KpiUnit, number> = { ratio: 0.05, ms: 5_000, hours: 10, perHour: 2, score: 0.25, auc: 0.05, kappa: 0.1 };
