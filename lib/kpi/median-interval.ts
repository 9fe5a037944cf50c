import { sampleSize, valueAtRank, weightedMedian, type BinnedSample } from "./binned-sample";
import { z95 } from "./normal-distribution";

export type LocationEstimate = { estimate: number | null; lower: number | null; upper: number | null; n: number };

// Distribution-free CI for a median from order statistics: ranks n/2 ∓ z√n/2 (binomial, normal approximation; Conover 1999 §3.2).
export function medianInterval(sample: BinnedSample, z = z95): LocationEstimate {
  const n = sampleSize(sample);
  if (n === 0) return { estimate: null, lower: null, upper: null, n };
  const sorted = sample.bins.map((item) => ({ key: item.bin, count: item.count })).sort((left, right) => left.key - right.key);
  const lowerRank = Math.max(1, Math.floor(n / 2 - (z * Math.sqrt(n)) / 2));
  const upperRank = Math.min(n, Math.ceil(n / 2 + 1 + (z * Math.sqrt(n)) / 2));
  return {
    estimate: weightedMedian(sorted, n) * sample.binWidth,
    lower: valueAtRank(sorted, lowerRank) * sample.binWidth,
    upper: valueAtRank(sorted, upperRank) * sample.binWidth,
    n,
  };
}
