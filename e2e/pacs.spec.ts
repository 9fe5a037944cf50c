import { expect, test } from "@playwright/test";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { demoLabObservations, startDemoFhirServer, type DemoFhirServer } from "../lib/ehr/demo-fhir-server";
import { studyTimeOf } from "../lib/integrations/read-study-instance";
import { buildDemoStudies } from "../lib/pacs/demo-studies";
import { storeInstances } from "../lib/pacs/dicomweb-client";
import { startOrthanc, type RunningOrthanc } from "../lib/pacs/orthanc-process";
import { demoAccount, openItemForms, signInThroughApi } from "./helpers";

// The PACS journey: an admin connects the demo site to a real Orthanc and a FHIR endpoint and opts a
// PoC in to results back to PACS; a compliance officer approves the pseudonymised-processing item; a
// clinician searches PACS, imports two demo studies, watches them finish and opens one; the SR and
// the heat-map capture appear in Orthanc for the original study; no demo identifier is stored.

const studies = buildDemoStudies(2, { seed: `e2e-pacs-${Date.now()}` });
const orthancDir = path.resolve(".tmp/e2e-orthanc");
let orthanc: RunningOrthanc;
let fhir: DemoFhirServer;

function minimalPdf(text: string): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>", `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`];
  let body = "%PDF-1.4\n";
  const offsets = objects.map((object, index) => {
    const offset = body.length;
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("")}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

test.beforeAll(async () => {
  await rm(orthancDir, { recursive: true, force: true });
  [orthanc, fhir] = await Promise.all([startOrthanc({ dataDir: orthancDir, username: "portal", password: "e2e-pacs-pass" }), startDemoFhirServer()]);
  for (const study of studies) {
    await storeInstances({ baseUrl: orthanc.dicomWebUrl, username: "portal", password: "e2e-pacs-pass" }, study.instances);
    const patient = fhir.addPatient(study.patientId);
    for (const observation of demoLabObservations(patient, studyTimeOf(study.studyDate, "093000")!, { abnormal: study.opacity, idPrefix: study.accessionNumber })) fhir.addObservation(observation);
  }
});

test.afterAll(async () => {
  await Promise.all([orthanc?.stop(), fhir?.stop()]);
  await rm(orthancDir, { recursive: true, force: true });
});

test("a clinician imports demo studies from PACS, and the AI result goes back to PACS on a pseudonymised PoC", async ({ browser }) => {
  // The admin connects the demo site and opts Demo PoC A in to results back to PACS.
  const admin = await (await browser.newContext()).newPage();
  await signInThroughApi(admin.request, demoAccount("ADMIN").email, demoAccount("ADMIN").password);
  await admin.goto("/admin/sites");
  await admin.getByRole("row", { name: /DEMO-RAD/ }).getByRole("link", { name: "PACS／電子カルテ" }).click();
  await admin.locator('input[name="dicomWebUrl"]').fill(orthanc.dicomWebUrl);
  await admin.locator('input[name="dicomWebUsername"]').fill("portal");
  await admin.locator('input[name="dicomWebPassword"]').fill("e2e-pacs-pass");
  await admin.locator('input[name="fhirUrl"]').fill(fhir.baseUrl);
  await admin.locator('select[name="fhirAuth"]').selectOption("bearer");
  await admin.locator('input[name="fhirSecret"]').fill(fhir.token);
  await admin.getByRole("button", { name: "接続を保存" }).click();
  await expect(admin.getByRole("status")).toHaveText("保存しました。");
  await admin.reload();
  // The secret is never shown again, only that one is stored.
  await expect(admin.locator('input[name="dicomWebPassword"]')).toHaveValue("");
  await expect(admin.getByText("秘密情報は保存済みです。").first()).toBeVisible();
  const pocSection = admin.getByTestId("poc-integration").filter({ hasText: "Demo PoC A" });
  const pocId = (await pocSection.getAttribute("data-poc-id"))!;
  await pocSection.getByRole("button", { name: "結果を PACS に戻す（チェックリスト項目を追加）" }).click();
  await expect(pocSection).toContainText("承認待ち");

  // The compliance officer approves the pseudonymised-processing item with evidence.
  const officer = await (await browser.newContext()).newPage();
  await signInThroughApi(officer.request, demoAccount("COMPLIANCE").email, demoAccount("COMPLIANCE").password);
  await officer.goto(`/governance/${pocId}`);
  const item = officer.getByTestId("item-privacy.pseudonymised_processing");
  await openItemForms(item);
  await item.locator('input[type="file"]').setInputFiles({ name: "appi-record.pdf", mimeType: "application/pdf", buffer: minimalPdf("Pseudonymised processing record") });
  await item.getByRole("button", { name: "アップロード" }).click();
  await expect(item.getByTestId("evidence-list").getByRole("link", { name: "appi-record.pdf" })).toBeVisible();
  const signOff = item.getByTestId("sign-off-form");
  await signOff.locator('select[name="status"]').selectOption("APPROVED");
  await signOff.locator('textarea[name="statement"]').fill("仮名加工情報の取扱い記録を確認しました。");
  await signOff.locator('input[name="password"]').fill(demoAccount("COMPLIANCE").password);
  await signOff.getByRole("button", { name: "署名する" }).click();
  await expect(item.getByTestId("item-status")).toHaveText("承認済み");

  // The clinician searches PACS and imports both demo studies.
  const clinician = await (await browser.newContext()).newPage();
  await signInThroughApi(clinician.request, demoAccount("CLINICIAN").email, demoAccount("CLINICIAN").password);
  await clinician.goto("/cases");
  await clinician.getByRole("link", { name: "PACS から取り込む" }).click();
  // The import page's PoC (the case list it came from has a PoC filter of its own).
  await clinician.getByTestId("import-poc").selectOption(pocId);
  await clinician.locator('input[name="studyDescription"]').fill("DEMO");
  await clinician.getByRole("button", { name: "PACS を検索" }).click();
  await expect(clinician.getByRole("status").first()).toHaveText(/件の検査が見つかりました。/);
  for (const study of studies) {
    await expect(clinician.getByRole("cell", { name: study.patientId, exact: true })).toBeVisible();
    await clinician.getByLabel(`選択 ${study.accessionNumber}`).check();
  }
  await clinician.getByRole("button", { name: "2件の検査を取り込む" }).click();
  await expect(clinician.getByText("2件の検査の取り込みを開始しました。")).toBeVisible();
  const latestJob = clinician.locator(".import-studies").first();
  await expect(latestJob.locator('li[data-status="DONE"]')).toHaveCount(2, { timeout: 120_000 });
  await expect(latestJob).toContainText("電子カルテの検査値（8項目）");

  // It reads like any case.
  await latestJob.getByRole("link", { name: /^症例 C-/ }).first().click();
  await expect(clinician.locator("h1")).toContainText("C-");

  // The SR and the secondary capture land in Orthanc, in each original study.
  const auth = { authorization: `Basic ${Buffer.from("portal:e2e-pacs-pass").toString("base64")}` };
  for (const study of studies) {
    await expect
      .poll(async () => {
        const response = await fetch(`${orthanc.dicomWebUrl}/studies/${study.studyInstanceUid}/series?includefield=00080060`, { headers: { ...auth, accept: "application/dicom+json" } });
        const series = (await response.json()) as { "00080060"?: { Value?: string[] } }[];
        return series.map((entry) => entry["00080060"]?.Value?.[0]).sort().join(",");
      }, { timeout: 120_000 })
      .toBe("CR,OT,SR");
  }

  // No identifier of the demo studies anywhere the portal stores: database files and storage.
  const stored: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else stored.push((await readFile(full)).toString("latin1"));
    }
  };
  await walk(path.resolve(".tmp/e2e"));
  const everything = stored.join("\n");
  for (const study of studies) for (const identifier of [study.patientId, study.patientName, study.accessionNumber, study.studyInstanceUid]) expect(everything.includes(identifier), identifier).toBe(false);
});
