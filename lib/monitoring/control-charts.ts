export type PeriodCount = { period: string; events: number; n: number };
export type CusumPoint = { period: string; rate: number | null; n: number; statistic: number; signal: boolean };
export type EwmaPoint = { period: string; rate: number | null; n: number; ewma: number; upperLimit: number; lowerLimit: number; signal: boolean };

/**
 * Binomial log-likelihood-ratio CUSUM for an upward shift of a rate from p₀ to p₁ (Page 1954;
 * Reynolds & Stoumbos 1999 for the Bernoulli form, here summed per period):
 * Sₜ = max(0, Sₜ₋₁ + dₜ·ln(p₁/p₀) + (nₜ − dₜ)·ln((1 − p₁)/(1 − p₀))), signal when Sₜ ≥ h.
 * After a signal the chart keeps accumulating: the stop rule, not the chart, decides what happens.
 */
export function binomialCusum(periods: PeriodCount[], options: { baselineRate: number; outOfControlRate: number; threshold: number }): CusumPoint[] {
  const { baselineRate: p0, outOfControlRate: p1, threshold } = options;
  if (!(p0 > 0 && p0 < 1 && p1 > p0 && p1 < 1)) throw new RangeError("need 0 < p0 < p1 < 1");
  const up = Math.log(p1 / p0);
  const down = Math.log((1 - p1) / (1 - p0));
  let statistic = 0;
  return periods.map(({ period, events, n }) => {
    statistic = Math.max(0, statistic + events * up + (n - events) * down);
    return { period, rate: n > 0 ? events / n : null, n, statistic, signal: statistic >= threshold };
  });
}

/**
 * EWMA of per-period rates (Roberts 1959) with exact time-varying limits for unequal n:
 * zₜ = λ·p̂ₜ + (1 − λ)·zₜ₋₁, Var(zₜ) = p₀(1 − p₀)·Σᵢ λ²(1 − λ)^{2(t − i)}/nᵢ; signal outside p₀ ± L·√Var.
 */
export function ewmaChart(periods: PeriodCount[], options: { baselineRate: number; lambda?: number; limitSigmas?: number }): EwmaPoint[] {
  const { baselineRate: p0, lambda = 0.2, limitSigmas = 3 } = options;
  let ewma = p0;
  let varianceFactor = 0;
  return periods.map(({ period, events, n }) => {
    const rate = n > 0 ? events / n : null;
    // An empty period carries the previous value forward; its variance decays like any other step.
    ewma = rate === null ? ewma : lambda * rate + (1 - lambda) * ewma;
    varianceFactor = (1 - lambda) ** 2 * varianceFactor + (n > 0 ? lambda ** 2 / n : 0);
    const halfWidth = limitSigmas * Math.sqrt(p0 * (1 - p0) * varianceFactor);
    const upperLimit = p0 + halfWidth;
    const lowerLimit = Math.max(0, p0 - halfWidth);
    return { period, rate, n, ewma, upperLimit, lowerLimit, signal: n > 0 && (ewma > upperLimit || ewma < lowerLimit) };
  });
}
