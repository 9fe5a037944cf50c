import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemoStudies } from "@/lib/pacs/demo-studies";
import { isPacsError, retrieveStudy, searchStudies, storeInstances, type DicomWebConnection } from "@/lib/pacs/dicomweb-client";
import { freePort, startOrthanc, type RunningOrthanc } from "@/lib/pacs/orthanc-process";

// A real Orthanc from Debian on free ports; a missing install fails here with the apt command to run.
describe("DICOMweb client against Orthanc", () => {
  let orthanc: RunningOrthanc;
  let dataDir: string;
  let connection: DicomWebConnection;
  const studies = buildDemoStudies(4, { seed: "dicomweb-test" });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "mmfm-orthanc-"));
    orthanc = await startOrthanc({ dataDir, username: "portal", password: "test-pass" });
    connection = { baseUrl: orthanc.dicomWebUrl, username: "portal", password: "test-pass" };
    for (const study of studies) await storeInstances(connection, study.instances);
  });
  afterAll(async () => {
    await orthanc?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("searches by patient ID, accession, date range and description (QIDO-RS)", async () => {
    const [first] = await searchStudies(connection, { patientId: studies[2]!.patientId });
    expect(first).toMatchObject({ studyInstanceUid: studies[2]!.studyInstanceUid, accessionNumber: studies[2]!.accessionNumber, modalities: ["CR"], instances: 1 });
    expect(await searchStudies(connection, { accessionNumber: studies[0]!.accessionNumber })).toHaveLength(1);
    expect(await searchStudies(connection, { studyDescription: "Chest", modality: "CR" })).toHaveLength(4);
    const date = studies[1]!.studyDate;
    const onThatDay = await searchStudies(connection, { studyDateFrom: date, studyDateTo: date });
    expect(onThatDay.map((study) => study.studyInstanceUid)).toContain(studies[1]!.studyInstanceUid);
    expect(await searchStudies(connection, { patientId: "NOBODY" })).toEqual([]);
  });

  it("retrieves a study byte for byte (WADO-RS)", async () => {
    const instances = await retrieveStudy(connection, studies[3]!.studyInstanceUid);
    expect(instances).toHaveLength(1);
    expect(Buffer.compare(Buffer.from(instances[0]!), Buffer.from(studies[3]!.instances[0]!))).toBe(0);
  });

  it("names wrong credentials, unknown studies, oversize answers and an unreachable PACS by code", async () => {
    const codeOf = (promise: Promise<unknown>) => promise.then(() => "resolved", (error) => (isPacsError(error) ? error.code : String(error)));
    expect(await codeOf(searchStudies({ ...connection, password: "wrong" }, {}))).toBe("PACS_AUTH_FAILED");
    expect(await codeOf(retrieveStudy(connection, "1.2.3.4"))).toBe("PACS_NOT_FOUND");
    expect(await codeOf(retrieveStudy(connection, studies[0]!.studyInstanceUid, { maxBytes: 1000 }))).toBe("PACS_TOO_LARGE");
    expect(await codeOf(searchStudies({ baseUrl: `http://127.0.0.1:${await freePort()}/dicom-web` }, {}))).toBe("PACS_UNREACHABLE");
  });
});
