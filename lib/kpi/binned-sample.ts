/**
 * A sample summarised in SQL as counts on a uniform grid: value = bin × binWidth. Medians and
 * Hodges–Lehmann estimates are order statistics, so a histogram is a sufficient statistic up to the
 * bin width; it keeps a million-row sample to a few thousand numbers.
 */
export type BinnedSample = { bins: { bin: number; count: number }[]; binWidth: number };

export function sampleSize(sample: BinnedSample): number {
  return sample.bins.reduce((total, item) => total + item.count, 0);
}

export function binSample(values: number[], binWidth: number): BinnedSample {
  const counts = new Map<number, number>();
  for (const value of values) {
    const bin = Math.round(value / binWidth);
    counts.set(bin, (counts.get(bin) ?? 0) + 1);
  }
  return { binWidth, bins: [...counts].map(([bin, count]) => ({ bin, count })) };
}

/** The value at 1-based rank `rank` of a weighted, sorted list. */
export function valueAtRank(sorted: { key: number; count: number }[], rank: number): number {
  let cumulative = 0;
  for (const item of sorted) {
    cumulative += item.count;
    if (cumulative >= rank) return item.key;
  }
  return sorted[sorted.length - 1]!.key;
}

/** Median of a weighted sorted list: mean of the two middle order statistics when the count is even. */
export function weightedMedian(sorted: { key: number; count: number }[], total: number): number {
  return total % 2 === 1 ? valueAtRank(sorted, (total + 1) / 2) : (valueAtRank(sorted, total / 2) + valueAtRank(sorted, total / 2 + 1)) / 2;
}
