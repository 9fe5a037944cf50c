import { normalQuantile } from "@/lib/kpi/normal-distribution";
import type { AnalysisPlan } from "./schema";

// Maximum-sample-size inflation of a group-sequential design over a fixed one with K analyses, two-sided
// α = 0.05, power 0.80 (Jennison & Turnbull 2000, Tables 2.4 and 2.1: O'Brien–Fleming R_B, Pocock R_P).
const inflation = { obrienFleming: [1, 1.008, 1.017, 1.024, 1.028], pocock: [1, 1.11, 1.166, 1.202, 1.229] } as const;

export type PlanSampleSize = {
  /** Formula used, named for the screen. */
  formula: "pairedMean" | "twoSampleMean" | "twoProportions";
  /** Per arm (two-sample) or pairs (paired), before and after the interim inflation. */
  perArmFixed: number;
  perArm: number;
  /** Cases to enrol: per arm × arms, over the prevalence where only positives (or negatives) count. */
  cases: number;
  inflationFactor: number;
};

const proportionEndpoints = new Set(["sensitivityDifference", "specificityDifference", "repeatExamRateDifference", "avoidableRepeatExamRateDifference", "readmissionRateDifference", "complicationRateDifference"]);

/**
 * The sample size that follows from the plan, for the primary endpoint:
 * paired mean (crossover): n = ((z_{1−α/2} + z_{1−β}) · σ_d / δ)²;
 * two-sample mean: n per arm = 2 · ((z_{1−α/2} + z_{1−β}) · σ / δ)²;
 * two proportions (Fleiss 1981, no continuity correction): n per arm = (z_{1−α/2}·√(2·p̄·q̄) + z_{1−β}·√(p₁q₁ + p₂q₂))² / δ²;
 * then × the group-sequential inflation for the interim looks.
 */
export function planSampleSize(plan: AnalysisPlan): PlanSampleSize {
  const zAlpha = normalQuantile(1 - plan.alpha / 2);
  const zBeta = normalQuantile(plan.power);
  const delta = plan.minimumDetectableEffect;
  const factor = plan.alphaSpending === "none" ? 1 : inflation[plan.alphaSpending][plan.interimLooks]!;
  let formula: PlanSampleSize["formula"];
  let perArmFixed: number;
  if (proportionEndpoints.has(plan.primaryEndpoint)) {
    formula = "twoProportions";
    const p1 = plan.nuisance.value;
    const p2 = Math.min(0.9999, p1 + delta);
    const pBar = (p1 + p2) / 2;
    perArmFixed = (zAlpha * Math.sqrt(2 * pBar * (1 - pBar)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / delta ** 2;
  } else if (plan.design === "CROSSOVER") {
    formula = "pairedMean";
    perArmFixed = ((zAlpha + zBeta) * plan.nuisance.value / delta) ** 2;
  } else {
    formula = "twoSampleMean";
    perArmFixed = 2 * ((zAlpha + zBeta) * plan.nuisance.value / delta) ** 2;
  }
  const perArm = Math.ceil(perArmFixed * factor);
  // Sensitivity counts positive cases, specificity negative ones; crossover reads every case in both arms.
  const share = plan.primaryEndpoint === "sensitivityDifference" ? plan.prevalence : plan.primaryEndpoint === "specificityDifference" ? 1 - plan.prevalence : 1;
  const arms = formula === "pairedMean" ? 1 : 2;
  return { formula, perArmFixed: Math.ceil(perArmFixed), perArm, cases: Math.ceil((perArm * arms) / share - 1e-9), inflationFactor: factor };
}
