import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor as Clinician } from "@/lib/auth/site-scope";
import { demoLabObservations, startDemoFhirServer, type DemoFhirServer } from "@/lib/ehr/demo-fhir-server";
import { registerImportWorkers } from "@/lib/integrations/job-runtime";
import { searchPocPacs } from "@/lib/integrations/search-pacs";
import { saveSiteIntegration } from "@/lib/integrations/site-integration";
import { listImportJobs, retryImportStudy, startPacsImport } from "@/lib/integrations/start-import";
import { createInProcessQueue } from "@/lib/jobs/in-process-queue";
import type { JobQueue } from "@/lib/jobs/job-queue";
import { createPgBossQueue } from "@/lib/jobs/pg-boss-queue";
import { registerReferenceModel } from "@/lib/models/register-reference-model";
import { buildDemoStudies, buildDemoStudy, type DemoStudy } from "@/lib/pacs/demo-studies";
import { storeInstances, type DicomWebConnection } from "@/lib/pacs/dicomweb-client";
import { startOrthanc, type RunningOrthanc } from "@/lib/pacs/orthanc-process";
import { studyTimeOf } from "@/lib/integrations/read-study-instance";
import { uidFrom, writeDicomPart10 } from "@/lib/pacs/write-dicom";
import { storageRoot } from "@/lib/storage/blob-store";
import { buildPoc, buildSite, buildUser } from "./builders";
import { createTestDatabase, testTargets, type TestDatabase } from "./test-database";

process.env.AUTH_SECRET ??= "pacs-import-test-secret-0123456789";

/** A study whose only instance is a structured report: nothing to import as an image. */
function reportOnlyStudy(): Uint8Array {
  return writeDicomPart10({
    SOPClassUID: "1.2.840.10008.5.1.4.1.1.88.22",
    SOPInstanceUID: uidFrom(),
    PatientID: "DEMO-PID-REPORT",
    PatientName: "DEMO^REPORTONLY",
    StudyInstanceUID: uidFrom("report-only-study"),
    SeriesInstanceUID: uidFrom(),
    StudyDate: "20260301",
    Modality: "SR",
    ValueType: "CONTAINER",
  });
}

async function everythingStored(database: TestDatabase): Promise<string> {
  const dump = JSON.stringify([
    await database.db.case.findMany(),
    await database.db.caseImage.findMany(),
    await database.db.auditEvent.findMany(),
    await database.db.importJob.findMany(),
    await database.db.importStudy.findMany(),
    await database.db.inference.findMany(),
  ]);
  const files: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files.push((await readFile(full)).toString("latin1"));
    }
  };
  await walk(storageRoot());
  return dump + files.join("\n");
}

async function waitUntilFinished(database: TestDatabase, jobId: string) {
  for (let attempt = 0; attempt < 600; attempt++) {
    const studies = await database.db.importStudy.findMany({ where: { jobId } });
    if (studies.every((study) => study.status === "DONE" || study.status === "FAILED")) return studies;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("import did not finish");
}

describe.each(testTargets)("PACS import on %s", (kind) => {
  let database: TestDatabase;
  let orthanc: RunningOrthanc;
  let fhir: DemoFhirServer;
  let queue: JobQueue;
  let orthancDir: string;
  let clinician: Clinician;
  let pocId: string;
  let siteId: string;
  let pacs: DicomWebConnection;
  const studies: DemoStudy[] = buildDemoStudies(3, { seed: `import-${kind}` });
  const multiFrame = buildDemoStudy(7, { seed: `import-${kind}`, frames: 3 });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    orthancDir = await mkdtemp(path.join(tmpdir(), "mmfm-orthanc-import-"));
    [orthanc, fhir] = await Promise.all([startOrthanc({ dataDir: orthancDir, username: "portal", password: "pacs-pass" }), startDemoFhirServer()]);
    pacs = { baseUrl: orthanc.dicomWebUrl, username: "portal", password: "pacs-pass" };
    for (const study of [...studies, multiFrame]) {
      await storeInstances(pacs, study.instances);
      const patient = fhir.addPatient(study.patientId);
      for (const observation of demoLabObservations(patient, studyTimeOf(study.studyDate, "093000")!, { abnormal: study.opacity, idPrefix: study.accessionNumber })) fhir.addObservation(observation);
    }
    await storeInstances(pacs, [reportOnlyStudy()]);

    const site = await buildSite(database.db);
    siteId = site.id;
    const user = await buildUser(database.db, { siteIds: [site.id] });
    const admin = await buildUser(database.db, { role: "ADMIN" });
    clinician = { id: user.id, role: user.role, siteIds: [site.id] };
    const model = await registerReferenceModel(database.db);
    pocId = (await buildPoc(database.db, { siteId: site.id, modelVersionId: model.id })).id;
    await saveSiteIntegration(database.db, { id: admin.id, role: "ADMIN" }, { siteId: site.id, dicomWebUrl: orthanc.dicomWebUrl, dicomWebUsername: "portal", dicomWebPassword: "pacs-pass", fhirUrl: fhir.baseUrl, fhirAuth: "bearer", fhirUsername: "", fhirSecret: fhir.token, labWindowHours: 72 });
    queue = kind === "postgres" ? await createPgBossQueue(database.target.kind === "postgres" ? database.target.url : "", { retryDelaySeconds: 1 }) : createInProcessQueue({ retryDelaySeconds: 0.05 });
    await registerImportWorkers(database.db, queue, { concurrency: 2 });
  });
  afterAll(async () => {
    await queue?.stop();
    await Promise.all([orthanc?.stop(), fhir?.stop()]);
    await rm(orthancDir, { recursive: true, force: true });
    await database?.drop();
  });

  it("searches the site's PACS and audits the search without identifiers", async () => {
    const found = await searchPocPacs(database.db, clinician, { pocId, accessionNumber: "", patientId: studies[1]!.patientId, studyDateFrom: "", studyDateTo: "", modality: "", studyDescription: "" });
    expect(found.map((study) => study.accessionNumber)).toEqual([studies[1]!.accessionNumber]);
    const event = await database.db.auditEvent.findFirstOrThrow({ where: { action: "pacs.search" }, orderBy: { seq: "desc" } });
    expect(event.details).toEqual({ criteria: ["patientId"], results: 1 });
    expect(JSON.stringify(event)).not.toContain(studies[1]!.patientId);
  });

  it("imports picked studies as de-identified cases with the EHR's labs, keeping multi-frame images", async () => {
    const uids = [...studies.map((study) => study.studyInstanceUid), multiFrame.studyInstanceUid, uidFrom("report-only-study")];
    const { jobId } = await startPacsImport(database.db, queue, clinician, { pocId, studyInstanceUids: uids, confirmBurnedIn: false });
    const finished = await waitUntilFinished(database, jobId);
    expect(finished.filter((study) => study.status === "DONE")).toHaveLength(4);
    expect(finished.filter((study) => study.status === "FAILED").map((study) => study.errorCode)).toEqual(["NO_IMAGE_INSTANCES"]);
    const cases = await database.db.case.findMany({ where: { pocId }, include: { images: true, inferences: true } });
    expect(cases).toHaveLength(4);
    for (const item of cases) {
      expect(Object.keys(item.labValues as object).sort()).toEqual(["bodyTemperature", "crp", "ldh", "lymphocytePct", "neutrophilPct", "procalcitonin", "spo2", "wbc"]);
      expect(item.inferences[0]?.status).toBe("SUCCEEDED");
    }
    expect(cases.map((item) => item.images[0]!.frames).sort()).toEqual([1, 1, 1, 3]);
    // CRP came as mg/L and temperature as °F from the EHR: stored in the manifest's units.
    const temperatures = cases.map((item) => (item.labValues as Record<string, number>).bodyTemperature);
    expect(temperatures.every((value) => value > 36 && value < 39)).toBe(true);
    const jobs = await listImportJobs(database.db, clinician, pocId);
    expect(jobs[0]!.studies.filter((study) => study.caseCode?.startsWith("C-"))).toHaveLength(4);
  });

  it("imports the same study again into the same case", async () => {
    const before = await database.db.case.count({ where: { pocId } });
    const { jobId } = await startPacsImport(database.db, queue, clinician, { pocId, studyInstanceUids: [studies[0]!.studyInstanceUid], confirmBurnedIn: false });
    const [again] = await waitUntilFinished(database, jobId);
    expect(again!.status).toBe("DONE");
    expect(await database.db.case.count({ where: { pocId } })).toBe(before);
  });

  it("fails a study with a translated reason when PACS is unreachable, and the retry imports it", async () => {
    const late = buildDemoStudy(11, { seed: `import-${kind}` });
    await storeInstances(pacs, late.instances);
    await saveSiteIntegration(database.db, { id: clinician.id, role: "ADMIN" }, { siteId, dicomWebUrl: "http://127.0.0.1:9/dicom-web", dicomWebUsername: "portal", dicomWebPassword: "", fhirUrl: fhir.baseUrl, fhirAuth: "bearer", fhirUsername: "", fhirSecret: "", labWindowHours: 72 });
    const { jobId } = await startPacsImport(database.db, queue, clinician, { pocId, studyInstanceUids: [late.studyInstanceUid], confirmBurnedIn: false });
    const [failed] = await waitUntilFinished(database, jobId);
    expect(failed).toMatchObject({ status: "FAILED", errorCode: "PACS_UNREACHABLE", attempts: 5, caseId: null });
    expect(failed!.sealedStudyUid).not.toBeNull();

    await saveSiteIntegration(database.db, { id: clinician.id, role: "ADMIN" }, { siteId, dicomWebUrl: orthanc.dicomWebUrl, dicomWebUsername: "portal", dicomWebPassword: "", fhirUrl: fhir.baseUrl, fhirAuth: "bearer", fhirUsername: "", fhirSecret: "", labWindowHours: 72 });
    await retryImportStudy(database.db, queue, clinician, failed!.id);
    const [retried] = await waitUntilFinished(database, jobId);
    expect(retried).toMatchObject({ status: "DONE", sealedStudyUid: null });
  });

  it("imports with the labs withheld, naming the refusals, when the EHR answers garbage or partially", async () => {
    fhir.mode = "garbage";
    const odd = buildDemoStudy(12, { seed: `import-${kind}` });
    await storeInstances(pacs, odd.instances);
    const { jobId } = await startPacsImport(database.db, queue, clinician, { pocId, studyInstanceUids: [odd.studyInstanceUid], confirmBurnedIn: false });
    const [failed] = await waitUntilFinished(database, jobId);
    fhir.mode = "normal";
    expect(failed).toMatchObject({ status: "FAILED", errorCode: "EHR_BAD_RESPONSE", caseId: null });

    // A partial panel: the model refuses partial panels, so the case runs without labs and says why.
    const patient = fhir.addPatient(odd.patientId);
    for (const observation of demoLabObservations(patient, studyTimeOf(odd.studyDate, "093000")!, { idPrefix: "partial" }).slice(0, 3)) fhir.addObservation(observation);
    fhir.addObservation({ ...demoLabObservations(patient, studyTimeOf(odd.studyDate, "093000")!, { idPrefix: "bad-unit" })[5]!, valueQuantity: { value: 3, unit: "mmol/L", system: "http://unitsofmeasure.org", code: "mmol/L" } });
    await retryImportStudy(database.db, queue, clinician, failed!.id);
    const [done] = await waitUntilFinished(database, jobId);
    expect(done!.status).toBe("DONE");
    expect(done!.labSummary).toMatchObject({ source: "ehr", withheld: true, used: [], refusals: [{ labKey: "ldh", loinc: "2532-0", reason: "UNIT_NOT_CONVERTIBLE" }] });
    const item = await database.db.case.findUniqueOrThrow({ where: { id: done!.caseId! } });
    expect(item.labValues).toEqual({});
  });

  it("stores and logs no identifier of the demo studies anywhere", async () => {
    const stored = await everythingStored(database);
    for (const study of [...studies, multiFrame]) {
      for (const identifier of [study.patientId, study.patientName, study.accessionNumber, study.studyInstanceUid, study.patientBirthDate]) expect(stored).not.toContain(identifier);
    }
  });
});
