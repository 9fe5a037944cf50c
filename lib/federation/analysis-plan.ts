import { minimumCellSize } from "@/lib/kpi/suppress-small-cells";
import type { AnalysisPlan } from "./bundle-schema";
import { canonicalHash } from "./canonical-json";
import { pooledEffectKeys } from "./pool-bundles";

type PocPlanSource = {
  readingDesign: "RANDOMISED" | "CROSSOVER";
  aiMode: "CONCURRENT" | "SECOND_READER";
  kpiTargets: { kpi: string; comparator: string; targetValue: number; isPrimary: boolean }[];
};

/**
 * The analysis plan a site's bundle is produced under: design, pre-registered targets (sorted, so
 * the order they were entered in does not change the hash), the pooled effects and the suppression
 * rule. Nothing site-specific, so every site of one multi-site study has the same plan and hash.
 */
export function analysisPlanOf(poc: PocPlanSource): { plan: AnalysisPlan; hash: string } {
  const plan: AnalysisPlan = {
    version: 1,
    readingDesign: poc.readingDesign,
    aiMode: poc.aiMode,
    targets: poc.kpiTargets
      .map((t) => ({ kpi: t.kpi, comparator: t.comparator === "gte" ? ("gte" as const) : ("lte" as const), targetValue: t.targetValue, isPrimary: t.isPrimary }))
      .sort((a, b) => (a.kpi < b.kpi ? -1 : a.kpi > b.kpi ? 1 : 0)),
    pooledEffects: [...pooledEffectKeys],
    minimumCellSize,
  };
  return { plan, hash: canonicalHash(plan) };
}
