import { describe, expect, it } from "vitest";
import { wilsonInterval } from "@/lib/kpi/wilson-interval";
import { defaultScenarios } from "@/lib/roi/default-scenarios";
import { evidenceBundleSchema, type ArmStatistics, type EvidenceBundle } from "./bundle-schema";
import { bundleHash, generateSigningKey, serialiseSignedBundle, signBundle, verifyBundleSignature } from "./bundle-signature";
import { canonicalHash, canonicalJson } from "./canonical-json";
import { poolByMetaAnalysis, poolExactly, predictNewSiteRoi, type SiteStatistics } from "./pool-bundles";
import { coarsenHistogram, proportionCell } from "./summarise-aggregates";

const arm = (overrides: Partial<ArmStatistics> = {}): ArmStatistics => ({
  reads: 100,
  sensitivity: { suppressed: false, successes: 40, n: 50 },
  specificity: { suppressed: false, successes: 45, n: 50 },
  readingMs: { suppressed: false, n: 100, sum: 6_000_000, sumOfSquares: 100 * 60_000 ** 2 + 99 * 10_000 ** 2 },
  logReadingTimeBins: [],
  repeatExams: { suppressed: false, successes: 10, n: 100 },
  avoidableRepeatExams: { suppressed: false, successes: 4, n: 100 },
  secondOpinionChanges: { suppressed: false, successes: 12, n: 100 },
  readmissions: { suppressed: false, successes: 8, n: 90 },
  complications: { suppressed: true },
  timeToTreatmentHours: { suppressed: false, n: 40, sum: 40 * 30, sumOfSquares: 40 * 900 + 39 * 100 },
  patientSatisfaction: { suppressed: false, n: 60, sum: 240, sumOfSquares: 1000 },
  ...overrides,
});
const statistics = (aided: Partial<ArmStatistics>, unaided: Partial<ArmStatistics> = {}): EvidenceBundle["statistics"] => ({
  arms: { AIDED: arm(aided), UNAIDED: arm(unaided) },
  aiStandalone: { sensitivity: { suppressed: false, successes: 30, n: 40 }, specificity: { suppressed: true } },
  subgroups: [],
});
const plan = { version: 1 as const, readingDesign: "RANDOMISED" as const, aiMode: "CONCURRENT" as const, targets: [], pooledEffects: ["sensitivityDifference"], minimumCellSize: 5 };
const bundle = (keyId: string): EvidenceBundle => ({
  format: "mmfm.evidence-bundle",
  schemaVersion: 1,
  site: { code: "SITE-A", keyId },
  exportedAt: "2026-12-01T00:00:00.000Z",
  period: { from: "2026-09-01T00:00:00.000Z", to: "2026-11-30T00:00:00.000Z" },
  analysisPlan: { plan, hash: canonicalHash(plan) },
  model: { name: "m", version: "1", sha256: "a".repeat(64), manifestHash: "b".repeat(64) },
  checklist: [{ key: "privacy.legal_basis", phase: "PRE_START", status: "APPROVED" }],
  statistics: statistics({ sensitivity: { suppressed: false, successes: 45, n: 50 } }),
});

describe("canonical JSON", () => {
  it("sorts keys at every depth and refuses what JSON cannot hold exactly", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: null, y: true }], c: "x" } })).toBe('{"a":{"c":"x","d":[2,{"y":true,"z":null}]},"b":1}');
    expect(canonicalJson({ b: 1, a: undefined })).toBe('{"b":1}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: new Date(0) })).toThrow(TypeError);
  });
});

describe("bundle signatures", () => {
  const key = generateSigningKey();
  const signed = signBundle(evidenceBundleSchema.parse(bundle(key.keyId)), key.privateKeyPem);
  it("verify with the site's key, and give byte-identical exports for the same content", () => {
    expect(verifyBundleSignature(signed, key.publicKeyPem)).toBe(true);
    const again = signBundle(JSON.parse(JSON.stringify(bundle(key.keyId))), key.privateKeyPem);
    expect(serialiseSignedBundle(again)).toBe(serialiseSignedBundle(signed));
    expect(bundleHash(again.payload)).toBe(bundleHash(signed.payload));
  });
  it("fail for a changed count or another key", () => {
    const tampered = JSON.parse(serialiseSignedBundle(signed));
    tampered.payload.statistics.arms.AIDED.sensitivity.successes = 49;
    expect(verifyBundleSignature(tampered, key.publicKeyPem)).toBe(false);
    expect(verifyBundleSignature(signed, generateSigningKey().publicKeyPem)).toBe(false);
  });
});

describe("small cells", () => {
  it("suppresses proportions with n < 5 and merges histogram bins under 5, keeping the total", () => {
    expect(proportionCell(3, 4)).toEqual({ suppressed: true });
    expect(proportionCell(3, 5)).toEqual({ suppressed: false, successes: 3, n: 5 });
    const bins = [{ bin: 10, count: 2 }, { bin: 11, count: 3 }, { bin: 12, count: 7 }, { bin: 20, count: 1 }];
    const coarse = coarsenHistogram(bins);
    expect(coarse.every((b) => b.count >= 5)).toBe(true);
    expect(coarse.reduce((t, b) => t + b.count, 0)).toBe(13);
    expect(coarsenHistogram([{ bin: 1, count: 4 }])).toEqual([]);
  });
});

describe("pooling", () => {
  const sites: SiteStatistics[] = [
    { siteCode: "A", statistics: statistics({ sensitivity: { suppressed: false, successes: 45, n: 50 } }) },
    { siteCode: "B", statistics: statistics({ sensitivity: { suppressed: false, successes: 70, n: 80 } }, { sensitivity: { suppressed: false, successes: 50, n: 80 } }) },
    { siteCode: "C", statistics: statistics({ sensitivity: { suppressed: true } }) },
  ];
  it("adds counts exactly, leaving suppressed cells out", () => {
    const pooled = poolExactly(sites);
    // Aided: 45 + 70 of 50 + 80 (C suppressed); unaided 40 + 50 + 40 of 50 + 80 + 50.
    expect(pooled.sensitivityAided).toEqual(wilsonInterval(115, 130));
    expect(pooled.sensitivityUnaided).toEqual(wilsonInterval(130, 180));
    expect(pooled.readingTimeMeanAidedMs.n).toBe(300);
    expect(pooled.readingTimeMeanAidedMs.estimate).toBeCloseTo(60_000, 6);
  });
  it("meta-analyses each effect over the sites that have it", () => {
    const pooled = poolByMetaAnalysis(sites);
    const sensitivity = pooled.find((p) => p.key === "sensitivityDifference")!;
    expect(sensitivity.studies.map((s) => s.label)).toEqual(["A", "B"]);
    expect(sensitivity.excludedSites).toEqual(["C"]);
    // Identical arms give a zero difference with positive variance; the pooled value lies between the sites.
    expect(sensitivity.analysis!.fixed.estimate).toBeGreaterThan(0.1);
    expect(sensitivity.analysis!.fixed.estimate).toBeLessThan(0.25);
    const reading = pooled.find((p) => p.key === "readingTimeMeanDifferenceMs")!;
    expect(reading.analysis!.reml.hartungKnapp.estimate).toBeCloseTo(0, 6);
  });
  it("gives a new site's NPV range around the pooled NPV", () => {
    const faster = (ms: number): SiteStatistics["statistics"] => statistics({ readingMs: { suppressed: false, n: 100, sum: ms * 100, sumOfSquares: 100 * ms ** 2 + 99 * 10_000 ** 2 } });
    const pooled = poolByMetaAnalysis([
      { siteCode: "A", statistics: faster(50_000) },
      { siteCode: "B", statistics: faster(40_000) },
      { siteCode: "C", statistics: faster(58_000) },
    ]);
    const roi = predictNewSiteRoi(pooled, defaultScenarios.find((s) => s.kind === "BASE")!.inputs)!;
    expect(roi.pessimisticNpvJpy).toBeLessThan(roi.pooledNpvJpy);
    expect(roi.optimisticNpvJpy).toBeGreaterThan(roi.pooledNpvJpy);
  });
});
