import { z95 } from "./normal-distribution";

export type ProportionEstimate = { estimate: number | null; lower: number | null; upper: number | null; n: number; successes: number };

// Wilson score interval (Wilson 1927; Newcombe 1998 method 3): centre (x + z²/2)/(n + z²), half-width z√(p̂q̂n + z²/4)/(n + z²).
export function wilsonInterval(successes: number, n: number, z = z95): ProportionEstimate {
  if (n === 0) return { estimate: null, lower: null, upper: null, n, successes };
  const p = successes / n;
  const denominator = n + z * z;
  const centre = (successes + (z * z) / 2) / denominator;
  const halfWidth = (z * Math.sqrt(n * p * (1 - p) + (z * z) / 4)) / denominator;
  return { estimate: p, lower: Math.max(0, centre - halfWidth), upper: Math.min(1, centre + halfWidth), n, successes };
}
