import { describe, expect, it } from "vitest";
import { delongAuc } from "./delong-auc";

describe("delongAuc", () => {
  it("matches a hand-worked example", () => {
    // positives 0.8, 0.6, 0.4; negatives 0.5, 0.3 → 5 of 6 pairs ordered: AUC = 0.8333
    // V10 = 1, 1, 0.5 → S10 = 1/12; V01 = 2/3, 1 → S01 = 1/18; Var = (1/12)/3 + (1/18)/2 = 1/18; SE = 0.2357
    const auc = delongAuc([
      { bin: 800, positives: 1, negatives: 0 },
      { bin: 600, positives: 1, negatives: 0 },
      { bin: 500, positives: 0, negatives: 1 },
      { bin: 400, positives: 1, negatives: 0 },
      { bin: 300, positives: 0, negatives: 1 },
    ]);
    expect(auc.estimate).toBeCloseTo(5 / 6, 10);
    expect(auc.lower).toBeCloseTo(5 / 6 - 1.959964 * Math.sqrt(1 / 18), 4);
    expect(auc.upper).toBe(1);
  });
  it("counts ties as one half", () => {
    expect(delongAuc([{ bin: 500, positives: 2, negatives: 2 }]).estimate).toBe(0.5);
  });
});
