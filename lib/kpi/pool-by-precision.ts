import type { KpiResult } from "./compute-kpis";
import { intervalMethods } from "./interval-methods";
import type { KpiKey } from "./kpi-definitions";
import { z95 } from "./normal-distribution";

/** One PoC's KPI rows, with the site it runs at (a PoC runs at one site). */
export type PocKpis = { pocId: string; siteId: string; kpis: KpiResult[] };
type PooledEstimate = { estimate: number; lower: number; upper: number; standardError: number; n: number; pocs: number };

// Inverse-variance fixed effect (e.g. Borenstein et al. 2009, ch. 11): w_i = 1/SE_i², SE_i from each PoC's
// 95% CI; θ = Σ w_i θ_i / Σ w_i, SE = 1/√Σ w_i. A PoC whose figure is not estimable contributes nothing.
export function poolByPrecision(rows: Pick<KpiResult, "estimate" | "lower" | "upper" | "n" | "estimable">[]): PooledEstimate | null {
  let weights = 0;
  let weighted = 0;
  let n = 0;
  let pocs = 0;
  for (const row of rows) {
    if (!row.estimable || row.estimate === null || row.lower === null || row.upper === null || row.upper <= row.lower) continue;
    const weight = 1 / ((row.upper - row.lower) / (2 * z95)) ** 2;
    weights += weight;
    weighted += weight * row.estimate;
    n += row.n;
    pocs++;
  }
  if (pocs === 0) return null;
  const estimate = weighted / weights;
  const standardError = 1 / Math.sqrt(weights);
  return { estimate, lower: estimate - z95 * standardError, upper: estimate + z95 * standardError, standardError, n, pocs };
}

/** One KPI per site, pooled over that site's PoCs by precision (what post-deployment monitoring and meta-analysis start from). */
export function perSiteEstimates(pocs: PocKpis[], key: KpiKey): ({ siteId: string } & PooledEstimate)[] {
  const sites = [...new Set(pocs.map((poc) => poc.siteId))].sort();
  return sites.flatMap((siteId) => {
    const pooled = poolByPrecision(pocs.filter((poc) => poc.siteId === siteId).map((poc) => poc.kpis.find((kpi) => kpi.key === key)!).filter(Boolean));
    return pooled ? [{ siteId, ...pooled }] : [];
  });
}

/** The portfolio's KPI rows: each pooled by precision over the PoCs where it is estimable; targets do not apply across PoCs. */
export function poolKpis(pocs: PocKpis[]): KpiResult[] {
  const template = pocs[0]?.kpis ?? [];
  return template.map((first) => {
    const pooled = poolByPrecision(pocs.map((poc) => poc.kpis.find((kpi) => kpi.key === first.key)!).filter(Boolean));
    const sample = { method: "inverseVariance" as const, n: pooled?.pocs ?? 0, needs: intervalMethods.inverseVariance.minimumN, counts: intervalMethods.inverseVariance.counts };
    return {
      ...first, estimate: pooled?.estimate ?? null, lower: pooled?.lower ?? null, upper: pooled?.upper ?? null, n: pooled?.n ?? 0,
      method: "Inverse-variance pooling of estimable PoCs", sample, estimable: pooled !== null, target: null, status: "noTarget" as const, registration: "exploratory" as const,
      requiredN: null, additionalN: null, analysisUnit: undefined, perReadReason: null,
    };
  });
}
