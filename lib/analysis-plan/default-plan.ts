import { defaultPrecisionHalfWidth } from "@/lib/kpi/interval-methods";
import { kpiDefinitions, type KpiKey } from "@/lib/kpi/kpi-definitions";

const isKpiKey = (value: string): value is KpiKey => Object.hasOwn(kpiDefinitions, value);
import type { AnalysisPlan } from "./schema";

type PocForPlan = { readingDesign: "RANDOMISED" | "CROSSOVER"; kpiTargets: { kpi: string; comparator: string; targetValue: number; isPrimary: boolean }[] };

/**
 * The plan a PoC gets from what it registered when it was created (its targets and design), with stated
 * assumptions for the rest: SD 0.35 of log reading time, an unaided rate of 0.80, prevalence 0.5, α 0.05,
 * power 0.80, no interim look, the fairness subgroups. Locked when the PoC is approved.
 */
export function defaultAnalysisPlan(poc: PocForPlan): AnalysisPlan {
  const targets = poc.kpiTargets.filter((target): target is typeof target & { kpi: KpiKey; comparator: "lte" | "gte" } => isKpiKey(target.kpi) && (target.comparator === "lte" || target.comparator === "gte"));
  const primary = targets.find((target) => target.isPrimary) ?? targets[0];
  const primaryEndpoint: KpiKey = primary?.kpi ?? "readingTimeRelativeChange";
  const relativeTime = primaryEndpoint === "readingTimeRelativeChange";
  // The effect to detect: the target itself (a −20% reading time is a log ratio of 0.223), else 5 points.
  const effect = relativeTime && primary ? Math.abs(Math.log(1 + primary.targetValue)) : Math.max(Math.abs(primary?.targetValue ?? 0), 0.05);
  return {
    primaryEndpoint,
    secondaryEndpoints: targets.filter((target) => target.kpi !== primaryEndpoint).map((target) => target.kpi),
    design: poc.readingDesign,
    plannedReaders: 3,
    targets: (targets.length > 0 ? targets : [{ kpi: primaryEndpoint, comparator: "lte" as const, targetValue: -0.2 }]).map((target) => ({
      kpi: target.kpi, comparator: target.comparator, targetValue: target.targetValue, precisionHalfWidth: defaultPrecisionHalfWidth[kpiDefinitions[target.kpi].unit],
    })),
    minimumDetectableEffect: effect > 0 ? effect : 0.05,
    nuisance: kpiDefinitions[primaryEndpoint].unit === "ratio" && !relativeTime ? { kind: "baselineProportion", value: 0.8 } : { kind: "standardDeviation", value: 0.35 },
    prevalence: 0.5,
    alpha: 0.05,
    power: 0.8,
    interimLooks: 0,
    alphaSpending: "none",
    subgroups: ["ageBand", "sex", "scannerVendor", "site"],
  };
}
