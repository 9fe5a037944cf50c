import { upperIncompleteGamma } from "./special-functions";

// Upper tail of the chi-square distribution: P(X ≥ x) = Q(ν/2, x/2).
export function chiSquareUpperTail(x: number, degreesOfFreedom: number): number {
  if (degreesOfFreedom <= 0) return Number.NaN;
  return Math.min(1, Math.max(0, upperIncompleteGamma(degreesOfFreedom / 2, x / 2)));
}
