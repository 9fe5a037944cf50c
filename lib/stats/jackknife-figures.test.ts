import { describe, expect, it } from "vitest";
import { analyseFigure } from "./analyse-reader-study";
import { jackknifeCell, jackknifeCovariance, type MrmcRead, type StudyArm } from "./jackknife-figures";
import { seededRandom } from "@/lib/kpi/seeded-random";

const read = (reader: string, caseKey: string, arm: StudyArm, overrides: Partial<MrmcRead> = {}): MrmcRead => ({ reader, caseKey, arm, truth: true, score: 50, call: true, activeMs: 60_000, ...overrides });

describe("sensitivity by Obuchowski–Rockette, derived by hand", () => {
  // 3 readers × 2 arms × 4 positive cases (1 = called positive). For a proportion the jackknife covariance is
  // Σ_k (x_ak − x̄_a)(x_bk − x̄_b) / (n(n − 1)) with n = 4; averaging the cells gives
  // Var = 5/72, Cov1 = 1/48, Cov2 = 1/36, Cov3 = 13/288; reader figures U = (1/2, 1/4, 3/4), A = (3/4, 1/2, 3/4);
  // MS(T) = 1/24, MS(R) = 7/96, MS(TR) = 1/96; Cov2 < Cov3, so the RRRC error term is MS(TR) alone:
  // F = 4, ddf_H = (t − 1)(r − 1) = 2, SE = √(2/3 · 1/96) = 1/12, CI = 1/6 ± t(0.975; 2)/12 = 1/6 ± 4.302653/12,
  // p = 2(1 − T₂(2)) = 1 − 2/√6 = 0.183503.
  const calls: Record<string, number[]> = { "R1 U": [1, 1, 0, 0], "R1 A": [1, 1, 1, 0], "R2 U": [1, 0, 0, 0], "R2 A": [1, 1, 0, 0], "R3 U": [1, 1, 1, 0], "R3 A": [1, 1, 0, 1] };
  const reads = Object.entries(calls).flatMap(([key, values]) => {
    const [reader, arm] = key.split(" ") as [string, "U" | "A"];
    return values.map((value, index) => read(reader, `c${index}`, arm === "U" ? "UNAIDED" : "AIDED", { call: value === 1 }));
  });
  const result = analyseFigure("sensitivity", reads);

  it("matches the hand-derived OR quantities", () => {
    if (result.status !== "ok") throw new Error("expected an analysis");
    const { analysis } = result;
    expect(result.design).toBe("fullyCrossed");
    expect(analysis.covariances.variance).toBeCloseTo(5 / 72, 12);
    expect(analysis.covariances.cov1).toBeCloseTo(1 / 48, 12);
    expect(analysis.covariances.cov2).toBeCloseTo(1 / 36, 12);
    expect(analysis.covariances.cov3).toBeCloseTo(13 / 288, 12);
    expect(analysis.meanSquares).toEqual({ treatment: expect.closeTo(1 / 24, 12), reader: expect.closeTo(7 / 96, 12), treatmentByReader: expect.closeTo(1 / 96, 12) });
    expect(analysis.difference).toBeCloseTo(1 / 6, 12);
    expect(analysis.rrrc.statistic).toBeCloseTo(4, 10);
    expect(analysis.rrrc.df).toBeCloseTo(2, 10);
    expect(analysis.rrrc.standardError).toBeCloseTo(1 / 12, 12);
    expect(analysis.rrrc.lower).toBeCloseTo(1 / 6 - 4.302653 / 12, 6);
    expect(analysis.rrrc.upper).toBeCloseTo(1 / 6 + 4.302653 / 12, 6);
    expect(analysis.rrrc.p).toBeCloseTo(1 - 2 / Math.sqrt(6), 8);
  });

  it("needs three readers in both arms, and says so", () => {
    const twoReaders = analyseFigure("sensitivity", reads.filter((item) => item.reader !== "R3"));
    expect(twoReaders).toMatchObject({ status: "notEstimable", reason: "tooFewReaders", readersInBothArms: 2, needed: 3 });
  });
});

describe("case-deletion values", () => {
  it("AUC deletion values from placements equal recomputing the AUC without each case", () => {
    const random = seededRandom(7);
    const reads = Array.from({ length: 23 }, (_, index) => read("R1", `c${index}`, "AIDED", { truth: index % 3 === 0, score: Math.floor(random() * 6) }));
    const cell = jackknifeCell("auc", reads)!;
    const auc = (subset: MrmcRead[]) => {
      const positives = subset.filter((item) => item.truth);
      const negatives = subset.filter((item) => !item.truth);
      let wins = 0;
      for (const p of positives) for (const q of negatives) wins += p.score! > q.score! ? 1 : p.score === q.score ? 0.5 : 0;
      return wins / (positives.length * negatives.length);
    };
    expect(cell.value).toBeCloseTo(auc(reads), 12);
    for (const item of reads) expect(cell.deletionShifts.get(item.caseKey)).toBeCloseTo(auc(reads.filter((other) => other !== item)) - cell.value, 12);
  });

  it("the sparse covariance equals the dense jackknife formula when cells read different cases", () => {
    const first = jackknifeCell("meanLogTime", [read("R1", "a", "AIDED", { activeMs: 1000 }), read("R1", "b", "AIDED", { activeMs: 4000 }), read("R1", "c", "AIDED", { activeMs: 2000 })])!;
    const second = jackknifeCell("meanLogTime", [read("R2", "b", "AIDED", { activeMs: 3000 }), read("R2", "c", "AIDED", { activeMs: 9000 }), read("R2", "d", "AIDED", { activeMs: 5000 })])!;
    const cases = ["a", "b", "c", "d"];
    const deleted = (cell: typeof first, key: string) => cell.value + (cell.deletionShifts.get(key) ?? 0);
    const dense = (x: typeof first, y: typeof first) => {
      const meanX = cases.reduce((total, key) => total + deleted(x, key), 0) / 4;
      const meanY = cases.reduce((total, key) => total + deleted(y, key), 0) / 4;
      return (3 / 4) * cases.reduce((total, key) => total + (deleted(x, key) - meanX) * (deleted(y, key) - meanY), 0);
    };
    const sparse = jackknifeCovariance([first, second], 4);
    expect(sparse[0]![1]).toBeCloseTo(dense(first, second), 12);
    expect(sparse[1]![1]).toBeCloseTo(dense(second, second), 12);
  });
});
