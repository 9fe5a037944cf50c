/** Every KPI of the domain primer, in one place: its horizon, unit and which direction is better. */
export const kpiDefinitions = {
  readingTimeRelativeChange: { horizon: "short", unit: "ratio", better: "lower", method: "Hodges–Lehmann on log reading times (paired in crossover), exp(·) − 1" },
  readingTimeMedianDifferenceMs: { horizon: "short", unit: "ms", better: "lower", method: "Hodges–Lehmann shift with Wilcoxon / Mann–Whitney interval" },
  readingTimeMedianUnaidedMs: { horizon: "short", unit: "ms", better: "lower", method: "median with order-statistic interval" },
  readingTimeMedianAidedMs: { horizon: "short", unit: "ms", better: "lower", method: "median with order-statistic interval" },
  readingTimeMeanUnaidedMs: { horizon: "short", unit: "ms", better: "lower", method: "mean, t interval" },
  readingTimeMeanAidedMs: { horizon: "short", unit: "ms", better: "lower", method: "mean, t interval" },
  secondOpinionYield: { horizon: "short", unit: "ratio", better: "higher", method: "Wilson" },
  secondOpinionChangesCorrect: { horizon: "short", unit: "ratio", better: "higher", method: "Wilson" },
  sensitivityUnaided: { horizon: "short", unit: "ratio", better: "higher", method: "Wilson" },
  sensitivityAided: { horizon: "short", unit: "ratio", better: "higher", method: "Wilson" },
  sensitivityDifference: { horizon: "short", unit: "ratio", better: "higher", method: "Newcombe hybrid score" },
  specificityUnaided: { horizon: "short", unit: "ratio", better: "higher", method: "Wilson" },
  specificityAided: { horizon: "short", unit: "ratio", better: "higher", method: "Wilson" },
  specificityDifference: { horizon: "short", unit: "ratio", better: "higher", method: "Newcombe hybrid score" },
  aiSensitivity: { horizon: "short", unit: "ratio", better: "higher", method: "Wilson, threshold 0.5" },
  aiSpecificity: { horizon: "short", unit: "ratio", better: "higher", method: "Wilson, threshold 0.5" },
  aiAuc: { horizon: "short", unit: "auc", better: "higher", method: "DeLong" },
  aiReaderKappa: { horizon: "short", unit: "kappa", better: "higher", method: "Cohen's kappa, Fleiss–Cohen–Everitt SE" },
  aiOpenedRate: { horizon: "short", unit: "ratio", better: "higher", method: "Wilson" },
  trustRatingMean: { horizon: "short", unit: "score", better: "higher", method: "mean, t interval" },
  repeatExamRateUnaided: { horizon: "medium", unit: "ratio", better: "lower", method: "Wilson" },
  repeatExamRateAided: { horizon: "medium", unit: "ratio", better: "lower", method: "Wilson" },
  repeatExamRateDifference: { horizon: "medium", unit: "ratio", better: "lower", method: "Newcombe hybrid score" },
  avoidableRepeatExamRateDifference: { horizon: "medium", unit: "ratio", better: "lower", method: "Newcombe hybrid score" },
  discrepancyRateUnaided: { horizon: "medium", unit: "ratio", better: "lower", method: "Wilson" },
  discrepancyRateAided: { horizon: "medium", unit: "ratio", better: "lower", method: "Wilson" },
  readerHoursSavedPerMonth: { horizon: "medium", unit: "hours", better: "higher", method: "Hodges–Lehmann time saved × cases per month" },
  casesPerReaderHourUnaided: { horizon: "medium", unit: "perHour", better: "higher", method: "3600 s / mean time, interval inverted" },
  casesPerReaderHourAided: { horizon: "medium", unit: "perHour", better: "higher", method: "3600 s / mean time, interval inverted" },
  timeToTreatmentDifferenceHours: { horizon: "long", unit: "hours", better: "lower", method: "Welch difference of means" },
  readmissionRateDifference: { horizon: "long", unit: "ratio", better: "lower", method: "Newcombe hybrid score" },
  complicationRateDifference: { horizon: "long", unit: "ratio", better: "lower", method: "Newcombe hybrid score" },
  patientSatisfactionDifference: { horizon: "long", unit: "score", better: "higher", method: "Welch difference of means" },
} as const satisfies Record<string, { horizon: "short" | "medium" | "long"; unit: string; better: "lower" | "higher"; method: string }>;

export type KpiKey = keyof typeof kpiDefinitions;
export type KpiUnit = (typeof kpiDefinitions)[KpiKey]["unit"];
export const kpiKeys = Object.keys(kpiDefinitions) as KpiKey[];
export const kpiHorizons = ["short", "medium", "long"] as const;
