import { normalQuantile, z95 } from "./normal-distribution";

export type CasesNeeded = { requiredN: number | null; additionalN: number | null };

// Sample size to tell the estimate from the target at 80% power, α = 0.05 two-sided:
// n = n_now · ((z_{1−α/2} + z_{0.8}) · SE / |θ̂ − θ₀|)², with SE = CI width / (2 · 1.96) (SE ∝ 1/√n).
export function casesNeeded(options: { estimate: number | null; lower: number | null; upper: number | null; n: number; target: number; power?: number }): CasesNeeded {
  const { estimate, lower, upper, n, target, power = 0.8 } = options;
  if (estimate === null || lower === null || upper === null || n === 0) return { requiredN: null, additionalN: null };
  const distance = Math.abs(estimate - target);
  const standardError = (upper - lower) / (2 * z95);
  // An estimate sitting on its target never separates from it: say so rather than print infinity.
  if (distance === 0 || standardError === 0) return { requiredN: standardError === 0 ? n : null, additionalN: standardError === 0 ? 0 : null };
  const requiredN = Math.ceil(n * ((z95 + normalQuantile(power)) * standardError / distance) ** 2);
  return { requiredN, additionalN: Math.max(0, requiredN - n) };
}
