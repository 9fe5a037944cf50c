import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyseFigure } from "./analyse-reader-study";
import type { MrmcRead } from "./jackknife-figures";

// Van Dyke et al. (1993) cine MRI vs spin-echo MRI for aortic dissection: 2 modalities, 5 readers,
// 114 cases (69 normal, 45 abnormal), 5-point ratings; RJafroc's dataset02, MRMCaov's VanDyke. The file
// is RJafroc's inst/extdata/datasets/VD.lrc (MRMC .lrc format). Modality "1" (cine) is mapped to AIDED.
function vanDykeReads(): MrmcRead[] {
  const lines = readFileSync(new URL("./fixtures/van-dyke-1993.lrc", import.meta.url), "utf8").split(/\r?\n/).slice(4);
  const reads: MrmcRead[] = [];
  let reader = "";
  let abnormal = false;
  for (const line of lines) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] === "#" || fields[0] === "") continue;
    if (fields[0] === "*") {
      abnormal = !abnormal;
      continue;
    }
    if (fields.length === 1) {
      reader = `R${fields[0]}`;
      continue;
    }
    const [unaided, aided, caseNumber] = fields.map(Number) as [number, number, number];
    for (const [arm, score] of [["UNAIDED", unaided], ["AIDED", aided]] as const) reads.push({ reader, caseKey: `C${caseNumber}`, arm, truth: abnormal, score, call: score >= 3, activeMs: null });
  }
  return reads;
}

describe("Obuchowski–Rockette on the Van Dyke data", () => {
  const result = analyseFigure("auc", vanDykeReads());
  if (result.status !== "ok") throw new Error("expected an analysis");
  const { analysis } = result;

  it("reads the fixture as a fully crossed 5-reader, 114-case study", () => {
    expect(result.design).toBe("fullyCrossed");
    expect(result.cases).toBe(114);
    expect(analysis.readers).toBe(5);
  });

  // Expected values: OR-DBM MRMC 2.51 (Schartz, Hillis, Pesce, Berbaum), trapezoidal AUC, jackknife covariances,
  // as printed in RJafroc's inst/IowaResults/VanDyke_trap_area_jackknife_anova.txt (treatment 1 − 2, so the
  // sign of the difference flips here) and reproduced by RJafroc StSignificanceTesting(dataset02, "Wilcoxon", method = "OR").
  it("reader × modality AUCs and their means", () => {
    expect(analysis.perReader.map((reader) => reader.unaided)).toEqual([0.91964573, 0.85877617, 0.90386473, 0.97310789, 0.82979066].map((value) => expect.closeTo(value, 7)));
    expect(analysis.perReader.map((reader) => reader.aided)).toEqual([0.94782609, 0.90531401, 0.92173913, 0.99935588, 0.92995169].map((value) => expect.closeTo(value, 7)));
    expect(analysis.meanUnaided).toBeCloseTo(0.89703704, 7);
    expect(analysis.meanAided).toBeCloseTo(0.94083736, 7);
    expect(analysis.difference).toBeCloseTo(0.04380032, 7);
  });

  it("ANOVA mean squares and OR covariances", () => {
    expect(analysis.meanSquares.treatment).toBeCloseTo(0.00479617, 8);
    expect(analysis.meanSquares.reader).toBeCloseTo(0.0038362, 8);
    expect(analysis.meanSquares.treatmentByReader).toBeCloseTo(0.00055103, 8);
    expect(analysis.covariances.variance).toBeCloseTo(0.00080229, 8);
    expect(analysis.covariances.cov1).toBeCloseTo(0.00034661, 8);
    expect(analysis.covariances.cov2).toBeCloseTo(0.00034407, 8);
    expect(analysis.covariances.cov3).toBeCloseTo(0.00023903, 8);
    expect(analysis.varianceComponents.reader).toBeCloseTo(0.001535, 7);
    expect(analysis.varianceComponents.treatmentByReader).toBeCloseTo(0.0002004, 7);
    expect(analysis.varianceComponents.correlation1).toBeCloseTo(0.43203138, 6);
  });

  it("RRRC: F(1, 15.26) = 4.46, p = 0.0517, 95% CI (−0.00036, 0.08796)", () => {
    expect(analysis.rrrc.df).toBeCloseTo(15.26, 2);
    expect(analysis.rrrc.statistic).toBeCloseTo(4.4563, 3);
    expect(analysis.rrrc.p).toBeCloseTo(0.0517, 4);
    expect(analysis.rrrc.standardError).toBeCloseTo(0.02075, 5);
    expect(analysis.rrrc.lower).toBeCloseTo(-0.00036, 5);
    expect(analysis.rrrc.upper).toBeCloseTo(0.08796, 5);
  });

  it("FRRC: χ²(1) = 5.47595, p = 0.0193, 95% CI (0.00711, 0.08049)", () => {
    expect(analysis.frrc.statistic).toBeCloseTo(5.47595, 5);
    expect(analysis.frrc.p).toBeCloseTo(0.0193, 4);
    expect(analysis.frrc.standardError).toBeCloseTo(0.01872, 5);
    expect(analysis.frrc.lower).toBeCloseTo(0.00711, 5);
    expect(analysis.frrc.upper).toBeCloseTo(0.08049, 5);
  });

  it("per-reader differences with their own Var and Cov1", () => {
    expect(analysis.perReader.map((reader) => reader.standardError)).toEqual([0.02551, 0.0263, 0.03121, 0.01729, 0.04406].map((value) => expect.closeTo(value, 5)));
    expect(analysis.perReader[4]!.p).toBeCloseTo(0.023, 3);
  });
});
