// `npm run pacs:demo`: a demo PACS (Debian's Orthanc with DICOMweb) and a demo EHR (FHIR R4) on
// 127.0.0.1, loaded with synthetic studies and labs under fake identifiers; prints how to connect the
// demo site. Stop with Ctrl-C. Ports: PACS_DEMO_HTTP_PORT (8042), PACS_DEMO_DICOM_PORT (4242),
// PACS_DEMO_FHIR_PORT (8043); storage under data/orthanc-demo; PACS_DEMO_STUDIES (20) studies.
import path from "node:path";
import { demoLabObservations, startDemoFhirServer } from "@/lib/ehr/demo-fhir-server";
import { studyTimeOf } from "@/lib/integrations/read-study-instance";
import { buildDemoStudies } from "@/lib/pacs/demo-studies";
import { searchStudies, storeInstances } from "@/lib/pacs/dicomweb-client";
import { startOrthanc } from "@/lib/pacs/orthanc-process";

const httpPort = Number(process.env.PACS_DEMO_HTTP_PORT ?? 8042);
const dicomPort = Number(process.env.PACS_DEMO_DICOM_PORT ?? 4242);
const fhirPort = Number(process.env.PACS_DEMO_FHIR_PORT ?? 8043);
const count = Number(process.env.PACS_DEMO_STUDIES ?? 20);
const username = "demo";
const password = "demo-pacs-pass";

const orthanc = await startOrthanc({ dataDir: path.resolve("data/orthanc-demo"), httpPort, dicomPort, username, password });
const fhir = await startDemoFhirServer({ port: fhirPort });
const pacs = { baseUrl: orthanc.dicomWebUrl, username, password };
const studies = buildDemoStudies(count);
const present = new Set((await searchStudies(pacs, { studyDescription: "DEMO", limit: 1000 })).map((study) => study.studyInstanceUid));
for (const study of studies) {
  if (!present.has(study.studyInstanceUid)) await storeInstances(pacs, study.instances);
  const patient = fhir.addPatient(study.patientId);
  for (const observation of demoLabObservations(patient, studyTimeOf(study.studyDate, "093000")!, { abnormal: study.opacity, idPrefix: study.accessionNumber })) fhir.addObservation(observation);
}

console.log(`Demo PACS (Orthanc + DICOMweb) and demo EHR (FHIR R4) are running with ${count} synthetic studies (fake identifiers, DEMO-PID-0001…).

Connect the demo site: sign in as the admin, open Sites → PACS / EHR of the demo site, and enter
  DICOMweb URL   ${orthanc.dicomWebUrl}
  user / pass    ${username} / ${password}
  FHIR URL       ${fhir.baseUrl}
  FHIR auth      bearer, token ${fhir.token}
Then a clinician opens Import from PACS, searches (e.g. description "DEMO"), and imports.
Orthanc's own UI: http://127.0.0.1:${httpPort}/app/explorer.html  (DICOM port ${dicomPort}). Ctrl-C stops both.`);

const stop = async () => {
  await Promise.all([orthanc.stop(), fhir.stop()]);
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
