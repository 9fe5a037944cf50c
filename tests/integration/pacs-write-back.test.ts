import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor as Clinician } from "@/lib/auth/site-scope";
import { appendSignOff } from "@/lib/governance/sign-off-item";
import { registerImportWorkers } from "@/lib/integrations/job-runtime";
import { enableResultsToPacs, pocAllowsWriteBack, pseudonymisedProcessingItemKey } from "@/lib/integrations/results-to-pacs";
import { saveSiteIntegration } from "@/lib/integrations/site-integration";
import { startPacsImport } from "@/lib/integrations/start-import";
import { createInProcessQueue } from "@/lib/jobs/in-process-queue";
import type { JobQueue } from "@/lib/jobs/job-queue";
import { registerReferenceModel } from "@/lib/models/register-reference-model";
import { buildDemoStudy } from "@/lib/pacs/demo-studies";
import { retrieveStudy, retrieveStudyMetadata, storeInstances, dicomJsonString, type DicomWebConnection } from "@/lib/pacs/dicomweb-client";
import { startOrthanc, type RunningOrthanc } from "@/lib/pacs/orthanc-process";
import { buildPoc, buildSite, buildUser } from "./builders";
import { createTestDatabase, type TestDatabase } from "./test-database";

process.env.AUTH_SECRET ??= "pacs-write-back-test-secret-0123456789";
process.env.PACS_LINK_KEYS = "k2026:write-back-test-link-key-0123456789abcdef";

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, what: string): Promise<T> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("results back to PACS (PGlite)", () => {
  let database: TestDatabase;
  let orthanc: RunningOrthanc;
  let orthancDir: string;
  let queue: JobQueue;
  let clinician: Clinician;
  let pocId: string;
  let pacs: DicomWebConnection;
  let complianceId: string;
  const before = buildDemoStudy(0, { seed: "write-back" });
  const after = buildDemoStudy(1, { seed: "write-back" });

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    orthancDir = await mkdtemp(path.join(tmpdir(), "mmfm-orthanc-wb-"));
    orthanc = await startOrthanc({ dataDir: orthancDir, username: "portal", password: "pacs-pass" });
    pacs = { baseUrl: orthanc.dicomWebUrl, username: "portal", password: "pacs-pass" };
    for (const study of [before, after]) await storeInstances(pacs, study.instances);
    const site = await buildSite(database.db);
    const user = await buildUser(database.db, { siteIds: [site.id] });
    const admin = await buildUser(database.db, { role: "ADMIN" });
    complianceId = (await buildUser(database.db, { role: "COMPLIANCE", siteIds: [site.id] })).id;
    clinician = { id: user.id, role: user.role, siteIds: [site.id] };
    const model = await registerReferenceModel(database.db);
    pocId = (await buildPoc(database.db, { siteId: site.id, modelVersionId: model.id })).id;
    await saveSiteIntegration(database.db, { id: admin.id, role: "ADMIN" }, { siteId: site.id, dicomWebUrl: orthanc.dicomWebUrl, dicomWebUsername: "portal", dicomWebPassword: "pacs-pass", fhirUrl: "", fhirAuth: "none", fhirUsername: "", fhirSecret: "", labWindowHours: 72 });
    await enableResultsToPacs(database.db, { id: admin.id, role: "ADMIN" }, pocId);
    queue = createInProcessQueue({ retryDelaySeconds: 0.05 });
    await registerImportWorkers(database.db, queue, { concurrency: 2 });
  });
  afterAll(async () => {
    await queue?.stop();
    await orthanc?.stop();
    await rm(orthancDir, { recursive: true, force: true });
    await database?.drop();
  });

  const seriesModalities = async (studyUid: string) => (await retrieveStudyMetadata(pacs, studyUid)).map((instance) => dicomJsonString(instance, "00080060")).sort();

  it("keeps no link and sends nothing while the pseudonymised-processing item is not approved", async () => {
    expect(await pocAllowsWriteBack(database.db, pocId)).toBe(false);
    const { jobId } = await startPacsImport(database.db, queue, clinician, { pocId, studyInstanceUids: [before.studyInstanceUid], confirmBurnedIn: false });
    const study = await waitFor(async () => (await database.db.importStudy.findFirst({ where: { jobId, status: "DONE" } })) ?? null, "import");
    expect(await database.db.caseStudyLink.findUnique({ where: { caseId: study.caseId! } })).toBeNull();
    expect(await seriesModalities(before.studyInstanceUid)).toEqual(["CR"]);
  });

  it("after a compliance officer approves it, sends an SR and a secondary capture into the original study", async () => {
    const item = await database.db.checklistItem.findUniqueOrThrow({ where: { pocId_key: { pocId, key: pseudonymisedProcessingItemKey } } });
    await database.db.evidence.create({ data: { itemId: item.id, kind: "LINK", url: "https://intranet.example/appi-record", addedById: complianceId } });
    await database.db.$transaction((tx) => appendSignOff(tx, { id: complianceId, role: "COMPLIANCE" }, item, { status: "APPROVED", statement: "Processing record reviewed" }));
    expect(await pocAllowsWriteBack(database.db, pocId)).toBe(true);

    const { jobId } = await startPacsImport(database.db, queue, clinician, { pocId, studyInstanceUids: [after.studyInstanceUid], confirmBurnedIn: false });
    const study = await waitFor(async () => (await database.db.importStudy.findFirst({ where: { jobId, status: "DONE" } })) ?? null, "import");
    const link = await waitFor(async () => (await database.db.caseStudyLink.findFirst({ where: { caseId: study.caseId!, sentAt: { not: null } } })) ?? null, "write-back");
    expect(link.sealedStudyUid.startsWith("k2026.")).toBe(true);
    expect(link.sealedStudyUid).not.toContain(after.studyInstanceUid);
    expect(await seriesModalities(after.studyInstanceUid)).toEqual(["CR", "OT", "SR"]);

    // Read the SR back from Orthanc and let dcmtk print it.
    const instances = await retrieveStudy(pacs, after.studyInstanceUid);
    const dir = await mkdtemp(path.join(tmpdir(), "mmfm-sr-back-"));
    const dumps = await Promise.all(
      instances.map(async (bytes, index) => {
        const file = path.join(dir, `${index}.dcm`);
        await writeFile(file, bytes);
        try {
          return execFileSync("/usr/bin/dsrdump", ["+Pl", file], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
        } catch {
          return "";
        }
      }),
    );
    await rm(dir, { recursive: true, force: true });
    const report = dumps.find((dump) => dump.includes("Imaging Measurement Report"));
    expect(report).toContain(`#${after.patientId}`);
    expect(report).toMatch(/AI probability of finding.*="0\.\d{4}"/);
    expect(report).toContain("reference-pneumonia-fusion");

    const actions = (await database.db.auditEvent.findMany({ where: { entityId: study.caseId! } })).map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(["pacs.study_link", "pacs.study_relink", "pacs.write_back"]));
  });
});
