import { readFileSync } from "node:fs";
import { PNG } from "pngjs";
import { Tensor } from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadModel, type LoadedModel } from "./load-model";
import { prepareCaseInputs } from "./prepare-case-inputs";
import { createInferenceService, type CaseInputs, type Prediction } from "./run-inference";
import { releaseAllSessions } from "./session-pool";
import { fixturePath, readGoldenCases, referenceManifestPath, referenceModelPath, type GoldenCase } from "./testing/reference-model";

const golden = readGoldenCases();
const tolerance = golden.tolerance; // 1e-4
let model: LoadedModel;

beforeAll(async () => {
  model = await loadModel({ modelPath: referenceModelPath, manifest: referenceManifestPath, config: { providers: ["cpu"], intraOpThreads: 1, interOpThreads: 1 } });
});
afterAll(releaseAllSessions);

/** Golden tensors as service inputs; a withheld modality becomes null. */
function caseInputs(goldenCase: GoldenCase, overrides: Partial<CaseInputs> = {}): CaseInputs {
  const [hasImage, hasLabs, hasNote] = goldenCase.inputs.modality_mask;
  return {
    image: hasImage ? { tensor: Float32Array.from(goldenCase.inputs.image), sourceWidth: 64, sourceHeight: 64 } : null,
    labs: hasLabs ? Float32Array.from(goldenCase.inputs.labs) : null,
    noteTokens: hasNote ? BigInt64Array.from(goldenCase.inputs.note_tokens, BigInt) : null,
    ...overrides,
  };
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>) {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  expect(worst).toBeLessThanOrEqual(tolerance);
}

describe("reference model parity with PyTorch (golden.json)", () => {
  it("includes a case with a withheld modality", () => {
    expect(golden.cases.some((c) => c.inputs.modality_mask.includes(0))).toBe(true);
  });

  it.each(golden.cases.map((c) => [c.description, c] as const))("raw session.run on the exact tensors: %s", async (_, goldenCase) => {
    const { inputs } = goldenCase;
    const outputs = await model.session.run({
      image: new Tensor("float32", Float32Array.from(inputs.image), [1, 1, 64, 64]),
      labs: new Tensor("float32", Float32Array.from(inputs.labs), [1, 8]),
      note_tokens: new Tensor("int64", BigInt64Array.from(inputs.note_tokens, BigInt), [1, 32]),
      modality_mask: new Tensor("float32", Float32Array.from(inputs.modality_mask), [1, 3]),
    });
    expectClose(outputs.probability.data as Float32Array, goldenCase.expected.probability);
    expectClose(outputs.heatmap.data as Float32Array, goldenCase.expected.heatmap);
  });

  it.each(golden.cases.map((c) => [c.description, c] as const))("the service from decoded inputs: %s", async (_, goldenCase) => {
    const service = createInferenceService({ model });
    const prediction = await service.predict(caseInputs(goldenCase));
    expect(Math.abs(prediction.probability - goldenCase.expected.probability[0])).toBeLessThanOrEqual(tolerance);
    if (goldenCase.inputs.modality_mask[0] === 1) expectClose(prediction.heatmap!.values, goldenCase.expected.heatmap);
    else {
      expect(prediction.heatmap).toBeNull();
      expect(Math.max(...goldenCase.expected.heatmap)).toBe(0);
    }
    expect(prediction.provider).toBe("cpu");
    expect(prediction.latencyMs).toBeGreaterThan(0);
  });
});

describe("createInferenceService", () => {
  const base = golden.cases.filter((c) => c.inputs.modality_mask.every((m) => m === 1));

  /** 40 distinct cases: golden cases with shifted image and labs, some modalities withheld. */
  function distinctCases(count: number): CaseInputs[] {
    return Array.from({ length: count }, (_, i) => {
      const source = caseInputs(base[i % base.length]);
      const shift = (i - count / 2) / count;
      return {
        image: i % 7 === 3 ? null : { ...source.image!, tensor: source.image!.tensor.map((v, k) => v + shift * Math.sin(k + i)) },
        labs: i % 5 === 1 ? null : source.labs!.map((v, k) => v + shift * (k - 4)),
        noteTokens: i % 6 === 2 ? null : source.noteTokens,
      };
    });
  }

  it("returns each of 40 concurrent callers its own result, equal to running alone", async () => {
    const cases = distinctCases(40);
    const alone = createInferenceService({ model, maxBatch: 1 });
    const expected: Prediction[] = [];
    for (const inputs of cases) expected.push(await alone.predict(inputs));
    const batched = createInferenceService({ model, maxBatch: 16 });
    expect(new Set(expected.map((r) => r.probability.toFixed(6))).size).toBeGreaterThan(30);
    // Two rounds: the second runs on recycled batch buffers.
    for (let round = 0; round < 2; round++) {
      const results = await Promise.all(cases.map((inputs) => batched.predict(inputs)));
      results.forEach((result, i) => {
        expect(result.probability).toBeCloseTo(expected[i].probability, 5);
        expect(result.heatmap === null).toBe(expected[i].heatmap === null);
        if (result.heatmap) expectClose(result.heatmap.values, expected[i].heatmap!.values);
      });
    }
    expect(Math.max(...batched.batcher.batchSizes)).toBe(16);
  });

  it("does not hold a lone request for maxWaitMs", async () => {
    const service = createInferenceService({ model, maxWaitMs: 1000 });
    await service.predict(caseInputs(base[0])); // warm-up
    const prediction = await service.predict(caseInputs(base[0]));
    expect(prediction.latencyMs).toBeLessThan(200);
  });

  it("refuses a case with every modality withheld", async () => {
    const service = createInferenceService({ model });
    await expect(service.predict({ image: null, labs: null, noteTokens: null })).rejects.toMatchObject({ code: "NO_INPUT" });
  });

  it("explains with one 4-row batch: contribution = p(full) - p(modality withheld)", async () => {
    const service = createInferenceService({ model });
    const inputs = caseInputs(base[0], { image: { tensor: Float32Array.from(base[0].inputs.image), sourceWidth: 200, sourceHeight: 100 } });
    const explanation = await service.explain(inputs);
    expect(service.batcher.batchSizes).toEqual([4]);
    for (const modality of ["image", "labs", "note"] as const) {
      const without = await service.predict({ ...inputs, ...{ image: { image: null }, labs: { labs: null }, note: { noteTokens: null } }[modality] });
      expect(explanation.probabilityWithout[modality]).toBeCloseTo(without.probability, 5);
      expect(explanation.contributions[modality]).toBeCloseTo(explanation.probability - without.probability, 5);
    }
    expect(explanation.probability).toBeCloseTo(base[0].expected.probability[0], 4);

    const overlay = PNG.sync.read(explanation.overlay!.png);
    // The source's aspect at two pixels per heat-map cell (16 cells on the longer side).
    expect([overlay.width, overlay.height]).toEqual([32, 16]);
    const alphas = Array.from({ length: overlay.width * overlay.height }, (_, i) => overlay.data[i * 4 + 3]);
    expect(Math.min(...alphas)).toBe(0);
    const maxHeat = Math.max(...explanation.heatmap!.values);
    if (maxHeat > 0.2) expect(Math.max(...alphas)).toBeGreaterThan(0);
  });

  it("leaves out the contribution of a modality the case does not have", async () => {
    const service = createInferenceService({ model });
    const explanation = await service.explain(caseInputs(base[0], { labs: null }));
    expect(explanation.contributions.labs).toBeNull();
    expect(typeof explanation.contributions.image).toBe("number");
  });

  it("runs end to end from a DICOM file, a lab panel and a note", async () => {
    const service = createInferenceService({ model });
    const inputs = prepareCaseInputs(
      { imageBytes: new Uint8Array(readFileSync(fixturePath("dicom", "CT_small.dcm"))), labs: base[0].rawLabs, note: "72歳男性。発熱、咳嗽あり。" },
      model.manifest,
    );
    const explanation = await service.explain(inputs, { maxOverlaySidePx: 64 });
    expect(explanation.probability).toBeGreaterThanOrEqual(0);
    expect(explanation.probability).toBeLessThanOrEqual(1);
    // Two pixels per heat-map cell (16x16) by default; the viewer stretches the overlay over the image.
    expect([explanation.overlay!.width, explanation.overlay!.height]).toEqual([32, 32]);
    const finer = await service.explain(inputs, { maxOverlaySidePx: 64, overlayPixelsPerCell: 8 });
    expect([finer.overlay!.width, finer.overlay!.height]).toEqual([64, 64]);
  });
});
