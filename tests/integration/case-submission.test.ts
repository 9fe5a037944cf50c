import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldErrorsFromIssues } from "@/lib/actions/field-errors";
import { caseSubmissionSchema } from "@/lib/cases/schema";
import { previewCase, submitCase } from "@/lib/cases/submit-case";
import type { Actor as Clinician } from "@/lib/auth/site-scope";
import { registerReferenceModel } from "@/lib/models/register-reference-model";
import { runCaseInference } from "@/lib/cases/run-case-inference";
import { getKpiDashboard } from "@/lib/kpi/get-kpi-dashboard";
import { recordOutcome } from "@/lib/outcomes/record-outcomes";
import { readBlob, storageRoot } from "@/lib/storage/blob-store";
import { buildPoc, buildSite, buildUser } from "./builders";
import { expectRollupsToMatchRebuild } from "./kpi-rollup-check";
import { createTestDatabase, testTargets, type TestDatabase } from "./test-database";

const fixtures = path.resolve("tests/fixtures/deid");
const labs = { wbc: 14.2, crp: 8.1, procalcitonin: 0.9, neutrophilPct: 82, lymphocytePct: 10, ldh: 260, spo2: 91, bodyTemperature: 38.6 };
const plantedNote = "患者氏名: 山田太郎様 (ID: 12345678) 電話 090-1234-5678。発熱と咳嗽、右下葉浸潤影。CRP 8.1 mg/dL。";

function submission(pocId: string, overrides: Record<string, string> = {}) {
  return caseSubmissionSchema.parse({ mode: "submit", pocId, idempotencyKey: randomUUID(), labs: JSON.stringify(labs), note: plantedNote, noteLanguage: "ja", ...overrides });
}

async function everythingStored(database: TestDatabase): Promise<string> {
  const dump = JSON.stringify([await database.db.case.findMany(), await database.db.caseImage.findMany(), await database.db.auditEvent.findMany(), await database.db.inference.findMany()]);
  const files: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files.push((await readFile(full)).toString("latin1"));
    }
  };
  await walk(path.join(storageRoot(), "images"));
  return dump + files.join("\n");
}

describe.each(testTargets)("case submission on %s", (kind) => {
  let database: TestDatabase;
  let clinician: Clinician;
  let pocId: string;
  let planted: { identifiers: string[]; variants: string[] };
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const site = await buildSite(database.db);
    const user = await buildUser(database.db, { siteIds: [site.id] });
    clinician = { id: user.id, role: user.role, siteIds: [site.id] };
    const model = await registerReferenceModel(database.db);
    pocId = (await buildPoc(database.db, { siteId: site.id, modelVersionId: model.id })).id;
    planted = JSON.parse(await readFile(path.join(fixtures, "planted.json"), "utf8"))["ct-planted.dcm"];
  });
  afterAll(() => database.drop());

  it("previews what de-identification removes without storing anything", async () => {
    const before = await database.db.case.count();
    const preview = await previewCase(database.db, clinician, submission(pocId), [{ bytes: await readFile(path.join(fixtures, "ct-planted.dcm")) }]);
    expect(preview.summary.dicom.privateTags).toBeGreaterThan(0);
    expect(preview.summary.dicom.uidsReplaced).toBeGreaterThan(0);
    expect(preview.summary.note.NAME).toBeGreaterThan(0);
    // The clinician sees the note as it will be stored: identifiers gone, clinical words kept.
    expect(preview.note).toContain("発熱と咳嗽");
    for (const identifier of ["山田", "12345678", "090-1234-5678"]) expect(preview.note).not.toContain(identifier);
    expect(preview.files[0]).toMatchObject({ kind: "dicom", modality: "CT", burnedInRisk: false });
    expect(await database.db.case.count()).toBe(before);
  });

  it("creates one case per idempotency key, and stores no planted identifier anywhere", async () => {
    const input = submission(pocId);
    const files = [{ bytes: await readFile(path.join(fixtures, "ct-planted.dcm")) }];
    const [first, second] = await Promise.all([submitCase(database.db, clinician, input, files), submitCase(database.db, clinician, input, files)]);
    expect(second.caseId).toBe(first.caseId);
    expect(await database.db.case.count({ where: { idempotencyKey: input.idempotencyKey } })).toBe(1);
    const stored = await database.db.case.findUniqueOrThrow({ where: { id: first.caseId }, include: { images: true } });
    expect(stored.code).toMatch(/^C-[A-Z2-9]{8}$/);
    expect(stored.noteText).toContain("発熱と咳嗽");
    expect(stored.images).toHaveLength(1);
    const everything = await everythingStored(database);
    for (const identifier of [...planted.identifiers, ...planted.variants, "山田太郎", "12345678", "090-1234-5678"]) expect(everything, identifier).not.toContain(identifier);
  });

  it("runs the model once per case with explanations, and records a failure without touching the case", async () => {
    const submitted = await submitCase(database.db, clinician, submission(pocId), [{ bytes: await readFile(path.join(fixtures, "ct-planted.dcm")) }]);
    const result = await runCaseInference(database.db, submitted.caseId);
    expect(result).toMatchObject({ status: "SUCCEEDED", executionProvider: "cpu" });
    expect(result.probability).toBeGreaterThanOrEqual(0);
    expect(result.probability).toBeLessThanOrEqual(1);
    expect(Object.keys(result.contributions as object).sort()).toEqual(["image", "labs", "note"]);
    expect((await readBlob(result.overlayPath!)).subarray(1, 4).toString()).toBe("PNG");
    expect((await runCaseInference(database.db, submitted.caseId)).id).toBe(result.id);

    const broken = await database.db.case.create({
      data: { pocId, code: "C-BROKEN01", modality: "CT", labValues: labs, noteText: "", noteLanguage: "en", deidSummary: {}, createdById: clinician.id, images: { create: [{ storagePath: "images/00/missing.dcm", sha256: "0", mimeType: "application/dicom", modality: "CT", width: 1, height: 1 }] } },
    });
    const failed = await runCaseInference(database.db, broken.id);
    expect(failed).toMatchObject({ status: "FAILED", errorCode: "RUN_FAILED", probability: null });
    expect(await database.db.case.findUnique({ where: { id: broken.id } })).not.toBeNull();
  });

  it("counts a new AI score in the PoC's KPIs at once", async () => {
    const submitted = await submitCase(database.db, clinician, submission(pocId), [{ bytes: await readFile(path.join(fixtures, "ct-planted.dcm")) }]);
    await recordOutcome(database.db, clinician, { caseId: submitted.caseId, referencePresent: true, referenceSource: "PATHOLOGY", repeatExamOrdered: false, repeatExamAvoidable: null, timeToTreatmentHours: null, readmitted30d: null, complication: null, patientSatisfaction: null });
    const scoredCases = async () => {
      const dashboard = await getKpiDashboard(database.db, { role: "ADMIN", siteIds: [] }, pocId);
      return dashboard.kpis.find((kpi) => kpi.key === "aiSensitivity")!.n;
    };
    const before = await scoredCases();
    await runCaseInference(database.db, submitted.caseId);
    expect(await scoredCases()).toBe(before + 1);
    await expectRollupsToMatchRebuild(database.db, pocId);
  });

  it("refuses bad input with a clear code and keeps what was saved", async () => {
    const good = { bytes: await readFile(path.join(fixtures, "ct-planted.dcm")) };
    const count = await database.db.case.count();
    await expect(submitCase(database.db, clinician, submission(pocId, { labs: JSON.stringify({ ...labs, spo2: 300 }) }), [good])).rejects.toMatchObject({ code: "LAB_OUT_OF_RANGE", params: { labs: "spo2" } });
    await expect(submitCase(database.db, clinician, submission(pocId), [{ bytes: Buffer.from("%PDF-1.4 hello") }])).rejects.toMatchObject({ code: "FILE_TYPE_NOT_SUPPORTED", params: { file: 1 } });
    const truncated = good.bytes.subarray(0, 700);
    await expect(submitCase(database.db, clinician, submission(pocId), [good, { bytes: truncated }])).rejects.toMatchObject({ code: "FILE_UNREADABLE", params: { file: 2 } });
    await expect(submitCase(database.db, clinician, submission(pocId), [{ bytes: await readFile(path.join(fixtures, "us-burned-in.dcm")) }])).rejects.toMatchObject({ code: "BURNED_IN_CONFIRMATION_REQUIRED" });
    await expect(submitCase(database.db, clinician, submission(pocId), [])).rejects.toMatchObject({ code: "CASE_NO_IMAGE" });
    expect(await database.db.case.count()).toBe(count);
  });

  it("refuses control characters in text fields before any file is written (a NUL gave 500 and left an orphan file)", async () => {
    const storedFiles = async () => (await everythingStored(database)).length;
    const before = { cases: await database.db.case.count(), files: await storedFiles() };
    for (const [field, value] of [["note", "発熱\u0000咳嗽"], ["note", "fever\u0007"], ["note", "咳\u0085嗽"], ["pocId", `${pocId}\u0000`]] as const) {
      const parsed = caseSubmissionSchema.safeParse({ mode: "submit", pocId, idempotencyKey: randomUUID(), labs: JSON.stringify(labs), note: "発熱", noteLanguage: "ja", [field]: value });
      expect(parsed.success, `${field} ${JSON.stringify(value)}`).toBe(false);
      expect(fieldErrorsFromIssues(parsed.error!.issues)).toEqual({ [field]: "control_characters" });
    }
    // Tab, line breaks and ordinary Japanese and English text stay valid.
    expect(caseSubmissionSchema.safeParse({ mode: "submit", pocId, idempotencyKey: randomUUID(), labs: JSON.stringify(labs), note: "発熱\t咳嗽\r\nCRP 8.1", noteLanguage: "ja" }).success).toBe(true);
    // A caller that skips the form schema still writes nothing: the de-identification step refuses the note.
    const skipped = { ...submission(pocId), note: "発熱\u0000咳嗽" };
    await expect(submitCase(database.db, clinician, skipped, [{ bytes: await readFile(path.join(fixtures, "ct-planted.dcm")) }])).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect({ cases: await database.db.case.count(), files: await storedFiles() }).toEqual(before);
  });

  it("refuses PoCs of other sites and PoCs that are not running", async () => {
    const other = await buildPoc(database.db, { siteId: (await buildSite(database.db)).id });
    const draft = await buildPoc(database.db, { siteId: clinician.siteIds[0]!, status: "DRAFT" });
    const files = [{ bytes: await readFile(path.join(fixtures, "ct-planted.dcm")) }];
    await expect(submitCase(database.db, clinician, submission(other.id), files)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(submitCase(database.db, clinician, submission(draft.id), files)).rejects.toMatchObject({ code: "POC_NOT_RUNNING" });
  });
});
