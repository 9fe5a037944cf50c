import { z95 } from "./normal-distribution";

export type AucEstimate = { estimate: number | null; lower: number | null; upper: number | null; n: number };

/**
 * Scores binned in SQL (e.g. probability × 1000 rounded): per score bin, how many positives and
 * negatives. AUC and its placement values are exact for the binned scores (ties count ½).
 */
export type ScoreCounts = { bin: number; positives: number; negatives: number }[];

// DeLong, DeLong & Clarke-Pearson (1988): AUC = mean placement; Var = S10/m + S01/n from the placement values' variances.
export function delongAuc(scores: ScoreCounts, z = z95): AucEstimate {
  const sorted = [...scores].sort((left, right) => left.bin - right.bin);
  const positives = sorted.reduce((total, item) => total + item.positives, 0);
  const negatives = sorted.reduce((total, item) => total + item.negatives, 0);
  if (positives === 0 || negatives === 0) return { estimate: null, lower: null, upper: null, n: positives + negatives };
  let negativesBelow = 0;
  let positivesBelow = 0;
  const positivePlacements: { value: number; count: number }[] = [];
  const negativePlacements: { value: number; count: number }[] = [];
  for (const item of sorted) {
    // V10 for a positive: share of negatives it outranks; V01 for a negative: share of positives above it.
    if (item.positives > 0) positivePlacements.push({ value: (negativesBelow + item.negatives / 2) / negatives, count: item.positives });
    if (item.negatives > 0) negativePlacements.push({ value: 1 - (positivesBelow + item.positives / 2) / positives, count: item.negatives });
    negativesBelow += item.negatives;
    positivesBelow += item.positives;
  }
  const weightedMean = (values: { value: number; count: number }[], total: number) => values.reduce((sum, item) => sum + item.value * item.count, 0) / total;
  const weightedVariance = (values: { value: number; count: number }[], total: number, mean: number) =>
    total > 1 ? values.reduce((sum, item) => sum + item.count * (item.value - mean) ** 2, 0) / (total - 1) : 0;
  const auc = weightedMean(positivePlacements, positives);
  const variance = weightedVariance(positivePlacements, positives, auc) / positives + weightedVariance(negativePlacements, negatives, weightedMean(negativePlacements, negatives)) / negatives;
  const halfWidth = z * Math.sqrt(variance);
  return { estimate: auc, lower: Math.max(0, auc - halfWidth), upper: Math.min(1, auc + halfWidth), n: positives + negatives };
}
