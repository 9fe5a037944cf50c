import { incompleteBeta } from "./special-functions";

// Student's t CDF through the incomplete beta: P(T ≤ t) = 1 − ½·I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0.
export function studentTCdf(t: number, degreesOfFreedom: number): number {
  const tail = 0.5 * incompleteBeta(degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Two-sided p-value of a t statistic. */
export function studentTTwoSidedP(t: number, degreesOfFreedom: number): number {
  return Math.min(1, 2 * (1 - studentTCdf(Math.abs(t), degreesOfFreedom)));
}

// Quantile by bisection on the CDF (monotone; 200 halvings reach double precision from ±1e6).
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  if (p <= 0 || p >= 1) throw new RangeError("p must be in (0, 1)");
  let low = -1e6;
  let high = 1e6;
  for (let i = 0; i < 200 && high - low > 1e-13; i++) {
    const mid = (low + high) / 2;
    if (studentTCdf(mid, degreesOfFreedom) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}
