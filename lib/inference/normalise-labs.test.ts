import { describe, expect, it } from "vitest";
import { isInferenceError } from "./inference-error";
import { parseModelManifest } from "./load-model";
import { normaliseLabs, type LabValues } from "./normalise-labs";
import { readGoldenCases, readReferenceManifestJson } from "./testing/reference-model";

const spec = parseModelManifest(readReferenceManifestJson()).preprocessing.labs;
const golden = readGoldenCases().cases;
const withLabs = golden.filter((c) => c.inputs.modality_mask[1] === 1);

function panel(overrides: Partial<Record<string, number | null>> = {}): LabValues {
  return { ...golden[0].rawLabs, ...overrides };
}

function errorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isInferenceError(error)) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error("expected an InferenceError");
}

describe("normaliseLabs", () => {
  it.each(withLabs.map((c) => [c.description, c] as const))("reproduces the training z-scores: %s", (_, goldenCase) => {
    const zScores = normaliseLabs(goldenCase.rawLabs, spec);
    expect(zScores).not.toBeNull();
    Array.from(zScores!).forEach((z, i) => expect(z).toBeCloseTo(goldenCase.inputs.labs[i], 4));
  });

  it("returns null (labs withheld) when no lab is given", () => {
    expect(normaliseLabs({}, spec)).toBeNull();
    expect(normaliseLabs({ wbc: null, crp: undefined }, spec)).toBeNull();
  });

  it("refuses a partial panel, listing the missing keys", () => {
    expect(errorOf(() => normaliseLabs(panel({ crp: null, spo2: undefined }), spec))).toEqual({ code: "LAB_MISSING", details: { keys: ["crp", "spo2"] } });
  });

  it("refuses implausible values, listing keys but never values", () => {
    const error = errorOf(() => normaliseLabs(panel({ wbc: 9000, bodyTemperature: 98.6, spo2: Number.NaN }), spec));
    expect(error).toEqual({ code: "LAB_OUT_OF_RANGE", details: { keys: ["wbc", "spo2", "bodyTemperature"] } });
    expect(JSON.stringify(error)).not.toContain("98.6");
  });

  it("z-scores log1p labs on the log scale", () => {
    const crp = spec.items.findIndex((item) => item.key === "crp");
    const item = spec.items[crp];
    expect(normaliseLabs(panel({ crp: 5 }), spec)![crp]).toBeCloseTo((Math.log1p(5) - item.mean) / item.sd, 5);
  });
});
