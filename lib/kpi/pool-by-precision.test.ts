import { describe, expect, it } from "vitest";
import type { KpiResult } from "./compute-kpis";
import { perSiteEstimates, poolByPrecision } from "./pool-by-precision";

const row = (estimate: number, halfWidth: number, n: number, estimable = true) => ({ estimate, lower: estimate - halfWidth, upper: estimate + halfWidth, n, estimable });

describe("pooling by precision (inverse-variance fixed effect)", () => {
  it("weights each PoC by 1/SE², SE = half-width / 1.96", () => {
    // SEs 1 and 2 (half-widths 1.96 and 3.92): weights 1 and 1/4 → (1·0 + 0.25·5)/1.25 = 1, SE = 1/√1.25.
    const pooled = poolByPrecision([row(0, 1.959964, 100), row(5, 3.919928, 25)])!;
    expect(pooled.estimate).toBeCloseTo(1, 6);
    expect(pooled.standardError).toBeCloseTo(1 / Math.sqrt(1.25), 6);
    expect(pooled).toMatchObject({ n: 125, pocs: 2 });
  });
  it("leaves out PoCs whose figure is not estimable, and says so with null when none is", () => {
    expect(poolByPrecision([row(0, 1, 100), row(9, 0.001, 2, false)])!.estimate).toBe(0);
    expect(poolByPrecision([row(9, 0.001, 2, false)])).toBeNull();
  });
  it("gives one figure per site for monitoring", () => {
    const kpis = (estimate: number, estimable = true) => [{ key: "sensitivityDifference", ...row(estimate, 0.1, 50, estimable) } as unknown as KpiResult];
    const sites = perSiteEstimates([{ pocId: "a", siteId: "S2", kpis: kpis(0.1) }, { pocId: "b", siteId: "S1", kpis: kpis(0.02) }, { pocId: "c", siteId: "S1", kpis: kpis(0.04) }, { pocId: "d", siteId: "S3", kpis: kpis(0.5, false) }], "sensitivityDifference");
    expect(sites.map((site) => site.siteId)).toEqual(["S1", "S2"]);
    expect(sites[0]!.estimate).toBeCloseTo(0.03, 10);
  });
});
