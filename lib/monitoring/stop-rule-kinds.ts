/**
 * What a stop rule can watch, and how its threshold reads:
 * - INPUT_DRIFT: population stability index of one input dimension against the baseline ≥ threshold (0.25 = major shift);
 * - OUTPUT_DRIFT: PSI of the AI score distribution ≥ threshold;
 * - DISCORDANCE_CUSUM: binomial CUSUM of AI-vs-final-read discordance, designed to detect a doubling of the baseline rate, ≥ threshold (h);
 * - SENSITIVITY_FLOOR: the whole 95% interval of the AI's sensitivity in a period is below the threshold;
 * - CALIBRATION_ECE: expected calibration error in a period ≥ threshold.
 */
export const stopRuleKinds = ["INPUT_DRIFT", "OUTPUT_DRIFT", "DISCORDANCE_CUSUM", "SENSITIVITY_FLOOR", "CALIBRATION_ECE"] as const;
export type StopRuleKind = (typeof stopRuleKinds)[number];

/** CUSUM rules look for this multiple of the baseline discordance rate. */
export const cusumShiftFactor = 2;
