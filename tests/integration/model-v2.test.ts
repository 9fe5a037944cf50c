import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseSubmissionSchema } from "@/lib/cases/schema";
import { previewCase, submitCase } from "@/lib/cases/submit-case";
import { isAppError } from "@/lib/errors";
import { runCaseInference } from "@/lib/cases/run-case-inference";
import { buildChaiModelCard, buildFhirModelCardBundle } from "@/lib/models/build-model-card";
import { loadModelCard } from "@/lib/models/load-model-card";
import { registerModelVersion } from "@/lib/models/register-model-version";
import { referenceModelDir, registerReferenceModel, registerReferenceModelsV2 } from "@/lib/models/register-reference-model";
import { buildPoc, buildSite, buildUser } from "./builders";
import { scoredCasesAfterRebuild } from "./model-v2-helpers";
import { expectRollupsToMatchRebuild } from "./kpi-rollup-check";
import { createTestDatabase, testTargets, type TestDatabase } from "./test-database";

const dicom = (name: string) => readFile(path.resolve("tests/fixtures/dicom", name));
const labs = { wbc: 14.2, crp: 8.1, procalcitonin: 0.9, neutrophilPct: 82, lymphocytePct: 10, ldh: 260, spo2: 91, bodyTemperature: 38.6 };
const submission = (pocId: string) => caseSubmissionSchema.parse({ mode: "submit", pocId, idempotencyKey: randomUUID(), labs: JSON.stringify(labs), note: "Fever and cough for 3 days.", noteLanguage: "en" });
const errorCode = (error: unknown) => (isAppError(error) ? error.code : String(error));

describe.each(testTargets)("model v2 on %s", (kind) => {
  let database: TestDatabase;
  let clinician: { id: string; role: "CLINICIAN"; siteIds: string[] };
  let siteId: string;
  let v2: Awaited<ReturnType<typeof registerReferenceModelsV2>>;
  let runningV1PocId: string;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    siteId = (await buildSite(database.db)).id;
    const user = await buildUser(database.db, { siteIds: [siteId] });
    clinician = { id: user.id, role: "CLINICIAN", siteIds: [siteId] };
    const v1 = await registerReferenceModel(database.db);
    runningV1PocId = (await buildPoc(database.db, { siteId, modelVersionId: v1.id })).id;
    v2 = await registerReferenceModelsV2(database.db);
  });
  afterAll(() => database.drop());

  it("keeps 1.0.0 registered beside 2.0.0 and records that the second head shares the first's encoders", async () => {
    const versions = await database.db.modelVersion.findMany({ where: { name: "reference-pneumonia-fusion" }, orderBy: { version: "asc" } });
    expect(versions.map((model) => model.version)).toEqual(["1.0.0", "2.0.0"]);
    expect(v2.pneumonia.sharesEncodersWithId).toBeNull();
    expect(v2.extent.sharesEncodersWithId).toBe(v2.pneumonia.id);
    expect(v2.extent.encodersSha256).toBe(v2.pneumonia.encodersSha256);
    expect(v2.extent.encodersStoragePath).toBe(v2.pneumonia.encodersStoragePath);
    // A running PoC keeps the version it was created with.
    expect((await database.db.poc.findUniqueOrThrow({ where: { id: runningV1PocId }, include: { modelVersion: true } })).modelVersion.version).toBe("1.0.0");
    // Registering again is idempotent.
    expect((await registerReferenceModelsV2(database.db)).extent.id).toBe(v2.extent.id);
  });

  it("refuses a v2 head without its encoders, and encoders that are not the declared file", async () => {
    const dir = referenceModelDir("v2");
    const manifest = JSON.parse(await readFile(path.join(dir, "model.json"), "utf8"));
    const manifestJson = JSON.stringify({ ...manifest, version: "2.0.1-test" });
    const head = await readFile(path.join(dir, "head.onnx"));
    await expect(registerModelVersion(database.db, null, { onnx: head, manifestJson })).rejects.toSatisfy((error) => errorCode(error) === "MODEL_ENCODERS_REQUIRED");
    // The extent head has the right tensor names but another hash than the manifest declares.
    const wrong = await readFile(path.join(dir, "extent-head.onnx"));
    await expect(registerModelVersion(database.db, null, { onnx: wrong, encodersOnnx: await readFile(path.join(dir, "encoders.onnx")), manifestJson })).rejects.toSatisfy((error) => errorCode(error) === "MODEL_MISMATCH");
  });

  // Failed before the gate existed: a chest CT slice was accepted into a chest-radiograph PoC and scored.
  it("refuses a chest CT slice in a PoC whose model is for chest radiographs, and writes nothing", async () => {
    const pocId = (await buildPoc(database.db, { siteId, modelVersionId: v2.pneumonia.id, outOfIntendedUsePolicy: "REFUSE" })).id;
    const files = [{ bytes: await dicom("chest-ct-slice.dcm") }];
    const preview = await previewCase(database.db, clinician, submission(pocId), files);
    expect(preview.intendedUse).toEqual({ outOfIntendedUse: true, reasons: ["DICOM_MODALITY", "PIXEL_SPACING"], policy: "REFUSE" });
    const error = await submitCase(database.db, clinician, submission(pocId), files).catch((caught: unknown) => caught);
    expect(errorCode(error)).toBe("CASE_OUTSIDE_INTENDED_USE");
    expect(isAppError(error) && String(error.params?.reasons)).toContain("Modality CT");
    expect(await database.db.case.count({ where: { pocId } })).toBe(0);
  });

  it("accepts a chest radiograph inside the intended use", async () => {
    const pocId = (await buildPoc(database.db, { siteId, modelVersionId: v2.pneumonia.id })).id;
    const submitted = await submitCase(database.db, clinician, submission(pocId), [{ bytes: await dicom("chest-cr.dcm") }]);
    expect(await database.db.case.findUniqueOrThrow({ where: { id: submitted.caseId } })).toMatchObject({ outOfIntendedUse: false, intendedUseReasons: [] });
  });

  it("under FLAG accepts the CT slice, marks it and leaves it out of the KPI roll-ups", async () => {
    const pocId = (await buildPoc(database.db, { siteId, modelVersionId: v2.pneumonia.id, outOfIntendedUsePolicy: "FLAG" })).id;
    const outside = await submitCase(database.db, clinician, submission(pocId), [{ bytes: await dicom("chest-ct-slice.dcm") }]);
    const inside = await submitCase(database.db, clinician, submission(pocId), [{ bytes: await dicom("chest-cr.dcm") }]);
    expect(await database.db.case.findUniqueOrThrow({ where: { id: outside.caseId } })).toMatchObject({ outOfIntendedUse: true, intendedUseReasons: ["DICOM_MODALITY", "PIXEL_SPACING"] });
    // Both cases scored and with a reference outcome: only the one inside the intended use is counted.
    for (const caseId of [outside.caseId, inside.caseId]) {
      await database.db.inference.create({ data: { caseId, modelVersionId: v2.pneumonia.id, status: "SUCCEEDED", probability: 0.9 } });
      await database.db.outcome.create({ data: { caseId, referencePresent: true, referenceSource: "EXPERT_PANEL", repeatExamOrdered: false, recordedById: clinician.id } });
    }
    expect(await scoredCasesAfterRebuild(database.db, pocId)).toBe(1);
    await expectRollupsToMatchRebuild(database.db, pocId);
  });

  it("runs 2.0.0 on a submitted case: calibrated probability, explanation by head re-runs, the out-of-distribution score stored", async () => {
    const pocId = (await buildPoc(database.db, { siteId, modelVersionId: v2.pneumonia.id, outOfIntendedUsePolicy: "FLAG" })).id;
    const inside = await submitCase(database.db, clinician, submission(pocId), [{ bytes: await dicom("chest-cr.dcm") }]);
    const outside = await submitCase(database.db, clinician, submission(pocId), [{ bytes: await dicom("chest-ct-slice.dcm") }]);
    const radiograph = await runCaseInference(database.db, inside.caseId);
    expect(radiograph).toMatchObject({ status: "SUCCEEDED", modelVersionId: v2.pneumonia.id });
    const outputs = radiograph.outputs as { probabilityUncalibrated: number; outOfDistribution: { flagged: boolean; score: number } };
    expect(outputs.probabilityUncalibrated).toBeGreaterThan(0);
    expect(outputs.outOfDistribution.flagged).toBe(false);
    expect(Object.keys(radiograph.contributions as object).sort()).toEqual(["image", "labs", "note"]);
    // The axial CT slice, accepted under FLAG, also looks unlike the training radiographs.
    const slice = await runCaseInference(database.db, outside.caseId);
    expect((slice.outputs as typeof outputs).outOfDistribution.flagged).toBe(true);
  });

  it("leaves 1.0.0 PoCs ungated (it declares no intended inputs)", async () => {
    const v1 = await registerReferenceModel(database.db);
    const pocId = (await buildPoc(database.db, { siteId, modelVersionId: v1.id })).id;
    const submitted = await submitCase(database.db, clinician, submission(pocId), [{ bytes: await dicom("chest-ct-slice.dcm") }]);
    expect((await database.db.case.findUniqueOrThrow({ where: { id: submitted.caseId } })).outOfIntendedUse).toBe(false);
  });

  it("exports a model card with the manifest's evidence and the PoC's counts, as CHAI JSON inside a FHIR DocumentReference", async () => {
    const pocId = (await buildPoc(database.db, { siteId, modelVersionId: v2.extent.id, outOfIntendedUsePolicy: "FLAG" })).id;
    await submitCase(database.db, clinician, submission(pocId), [{ bytes: await dicom("chest-ct-slice.dcm") }]);
    const user = { id: clinician.id, role: "CLINICIAN" as const, siteIds: [siteId] } as Parameters<typeof loadModelCard>[1];
    const loaded = await loadModelCard(database.db, user, { modelId: v2.extent.id, pocId, format: "fhir" });
    expect(loaded.evidence).toMatchObject({ cases: 1, casesOutsideIntendedUse: 1 });
    const input = { ...loaded, locale: "en" as const, generatedAt: new Date("2026-12-01T00:00:00Z") };
    const card = buildChaiModelCard(input, (key, values) => `${key}${values ? JSON.stringify(values) : ""}`);
    expect(card.TrustIngredients.AISystemFacts.FoundationModels).toContain("reference-pneumonia-fusion");
    expect(card.KeyMetrics.HeadOnlyVersusFromScratch?.LabelledCases).toBeGreaterThan(0);
    const bundle = buildFhirModelCardBundle(input, card);
    const document = bundle.entry[1].resource as { resourceType: string; content: { attachment: { data: string } }[] };
    expect(document.resourceType).toBe("DocumentReference");
    expect(JSON.parse(Buffer.from(document.content[0].attachment.data, "base64").toString("utf8")).KeyMetrics.MeasuredInThisPoc.CasesOutsideIntendedUseExcludedFromKpis).toBe(1);
    expect(await database.db.auditEvent.count({ where: { action: "model.card_export", entityId: v2.extent.id } })).toBe(1);
    // Another site's PoC is not found, whatever its model.
    const otherSite = await buildSite(database.db);
    const hidden = (await buildPoc(database.db, { siteId: otherSite.id, modelVersionId: v2.extent.id })).id;
    await expect(loadModelCard(database.db, user, { modelId: v2.extent.id, pocId: hidden, format: "chai" })).rejects.toSatisfy((error) => errorCode(error) === "NOT_FOUND");
  });
});
