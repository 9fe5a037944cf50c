import { studentTQuantile } from "@/lib/stats/t-and-f-distributions";
import { normalQuantile, z95 } from "./normal-distribution";

export type CasesNeeded = { requiredN: number | null; additionalN: number | null };
export type PowerDesign = "paired" | "twoSample";

/**
 * Sample size to tell the true effect (taken as the current estimate) from the target at 80% power,
 * α = 0.05 two-sided, for a paired or two-sample t test (Guenther 1981, iterated so the t quantiles use the
 * df of the n they give): n = n_now · ((t_{0.975, df} + t_{0.80, df}) · SE / |θ̂ − θ₀|)², SE from the 95% CI
 * (the z-based 95% CI; SE ∝ 1/√n), df = n − 1 paired or n − 2 two-sample.
 */
export function casesNeeded(options: { estimate: number | null; lower: number | null; upper: number | null; n: number; target: number; power?: number; design?: PowerDesign }): CasesNeeded {
  const { estimate, lower, upper, n, target, power = 0.8, design = "twoSample" } = options;
  if (estimate === null || lower === null || upper === null || n === 0) return { requiredN: null, additionalN: null };
  const distance = Math.abs(estimate - target);
  const standardError = (upper - lower) / (2 * z95);
  // An estimate sitting on its target never separates from it: say so rather than print infinity.
  if (distance === 0 || standardError === 0) return { requiredN: standardError === 0 ? n : null, additionalN: standardError === 0 ? 0 : null };
  let required = n * ((z95 + normalQuantile(power)) * standardError / distance) ** 2;
  for (let step = 0; step < 50; step++) {
    const df = Math.max(1, design === "paired" ? Math.ceil(required) - 1 : Math.ceil(required) - 2);
    const next = n * ((studentTQuantile(0.975, df) + studentTQuantile(power, df)) * standardError / distance) ** 2;
    if (Math.abs(next - required) < 0.01) break;
    required = next;
  }
  const requiredN = Math.max(2, Math.ceil(required));
  return { requiredN, additionalN: Math.max(0, requiredN - n) };
}
