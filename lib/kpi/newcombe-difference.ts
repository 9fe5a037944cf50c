import { wilsonInterval } from "./wilson-interval";
import { z95 } from "./normal-distribution";

export type DifferenceEstimate = { estimate: number | null; lower: number | null; upper: number | null; n: number };

// Newcombe (1998) method 10: hybrid score interval for p1 − p2 from the two Wilson intervals (independent samples).
export function newcombeDifference(successes1: number, n1: number, successes2: number, n2: number, z = z95): DifferenceEstimate {
  if (n1 === 0 || n2 === 0) return { estimate: null, lower: null, upper: null, n: n1 + n2 };
  const first = wilsonInterval(successes1, n1, z);
  const second = wilsonInterval(successes2, n2, z);
  const p1 = first.estimate!;
  const p2 = second.estimate!;
  const difference = p1 - p2;
  const lower = difference - Math.sqrt((p1 - first.lower!) ** 2 + (second.upper! - p2) ** 2);
  const upper = difference + Math.sqrt((first.upper! - p1) ** 2 + (p2 - second.lower!) ** 2);
  return { estimate: difference, lower, upper, n: n1 + n2 };
}
