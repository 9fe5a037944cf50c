import { readFile } from "node:fs/promises";
import { expect, test, type Browser } from "@playwright/test";
import { generateSigningKey, serialiseSignedBundle, signBundle } from "../lib/federation/bundle-signature";
import { demoAccount, openItemForms, signInThroughApi } from "./helpers";

async function signedInPage(browser: Browser, role: "ADMIN" | "COMPLIANCE" | "EXECUTIVE") {
  const context = await browser.newContext();
  const page = await context.newPage();
  const account = demoAccount(role);
  await signInThroughApi(page.request, account.email, account.password);
  return page;
}

test("the demo's stop rule has fired: the deployment is under review until the compliance officer resolves the review item", async ({ browser }) => {
  const executive = await signedInPage(browser, "EXECUTIVE");
  await executive.goto("/");
  await expect(executive.getByTestId("monitoring-alerts")).toContainText("デモPoC D");
  await expect(executive.getByTestId("notifications")).toContainText("入力ドリフト");
  await executive.goto("/monitoring");
  await executive.getByRole("link", { name: /デモPoC D/ }).click();
  await expect(executive.getByTestId("deployment-status")).toHaveText("レビュー中");
  await expect(executive.getByTestId("rule-timeline")).toContainText("入力ドリフト（PSI）");
  await expect(executive.getByTestId("drift-table")).toBeVisible();
  await executive.screenshot({ path: "test-results/monitoring-dashboard.png", fullPage: true });

  const officer = await signedInPage(browser, "COMPLIANCE");
  await officer.goto("/");
  await officer.getByTestId("monitoring-alerts").getByRole("link", { name: "レビュー項目" }).click();
  const item = officer.locator('[data-testid^="item-monitoring.review."]');
  await expect(item.getByTestId("item-status")).toHaveText("未着手");
  await openItemForms(item);
  const signOff = item.getByTestId("sign-off-form");
  await signOff.locator('select[name="status"]').selectOption("APPROVED");
  await signOff.locator('textarea[name="statement"]').fill("新しいベンダーの画像で局所検証を行い、継続を承認します。");
  await signOff.locator('input[name="password"]').fill(demoAccount("COMPLIANCE").password);
  await signOff.getByRole("button", { name: "署名する" }).click();
  await expect(item.getByTestId("item-status")).toHaveText("承認済み");

  await executive.goto("/monitoring");
  await expect(executive.locator('[data-testid^="deployment-"]').filter({ hasText: "デモPoC D" }).getByTestId("deployment-status")).toHaveText("監視中");
});

test("a hub imports signed bundles from two sites, refuses a tampered one, and shows the forest plots", async ({ browser }) => {
  const admin = await signedInPage(browser, "ADMIN");
  await admin.goto("/federation");
  const row = admin.getByRole("row").filter({ hasText: "デモPoC C" });
  const downloading = admin.waitForEvent("download");
  await row.getByRole("link").click();
  const ownBundle = await readFile((await (await downloading).path())!, "utf8");
  const own = JSON.parse(ownBundle);
  expect(ownBundle).not.toContain("C-DEMO");

  // A second site: another instance's bundle under the same analysis plan, signed with that site's own key.
  const otherKey = generateSigningKey();
  const otherPayload = structuredClone(own.payload);
  otherPayload.site = { code: "E2E-SITE-B", keyId: otherKey.keyId };
  otherPayload.statistics.arms.AIDED.sensitivity.successes = Math.max(0, otherPayload.statistics.arms.AIDED.sensitivity.successes - 3);
  // Slower unaided reads at that site: every time × 1.1, so Σx × 1.1 and Σx² × 1.21.
  otherPayload.statistics.arms.UNAIDED.readingMs.sum *= 1.1;
  otherPayload.statistics.arms.UNAIDED.readingMs.sumOfSquares *= 1.21;
  const otherBundle = serialiseSignedBundle(signBundle(otherPayload, otherKey.privateKeyPem));

  await admin.reload();
  const ownPublicKey = await admin.getByTestId("public-key").first().inputValue();
  await admin.goto("/federation/hub");
  for (const [code, key] of [[own.payload.site.code, ownPublicKey], ["E2E-SITE-B", otherKey.publicKeyPem]] as const) {
    const form = admin.getByTestId("register-site-form");
    await form.locator('input[name="code"]').fill(code);
    await form.locator('input[name="name"]').fill(`${code} hospital`);
    await form.locator('textarea[name="publicKeyPem"]').fill(key);
    await form.locator('button[type="submit"]').click();
    await expect(admin.getByTestId("federated-sites")).toContainText(code);
  }
  const study = admin.getByTestId("create-study-form");
  await study.locator('input[name="title"]').fill("E2E 多施設研究");
  await study.locator('input[name="bundle"]').setInputFiles({ name: "own.json", mimeType: "application/json", buffer: Buffer.from(ownBundle) });
  await study.locator('button[type="submit"]').click();
  await expect(admin.getByTestId("studies")).toContainText("E2E 多施設研究");

  const tampered = JSON.parse(otherBundle);
  tampered.payload.statistics.arms.AIDED.sensitivity.successes += 1;
  const importForm = admin.getByTestId("import-bundle-form");
  await importForm.locator('input[name="bundle"]').setInputFiles({ name: "tampered.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(tampered)) });
  await importForm.locator('button[type="submit"]').click();
  await expect(importForm.getByRole("alert")).toContainText("署名が内容と一致しません");

  await importForm.locator('input[name="bundle"]').setInputFiles({ name: "other.json", mimeType: "application/json", buffer: Buffer.from(otherBundle) });
  await importForm.locator('button[type="submit"]').click();
  await expect(importForm.getByRole("status")).toBeVisible();

  await admin.getByTestId("studies").getByRole("link", { name: "E2E 多施設研究" }).click();
  await expect(admin.getByTestId("exact-pool")).toBeVisible();
  for (const effect of ["readingTimeMeanDifferenceMs", "sensitivityDifference", "specificityDifference"]) {
    const plot = admin.getByTestId(`forest-${effect}`);
    await expect(plot).toContainText("E2E-SITE-B");
    await expect(plot.locator("svg.recharts-surface")).toBeVisible();
  }
  await expect(admin.getByTestId("new-site-roi")).toBeVisible();
  await admin.screenshot({ path: "test-results/federated-study.png", fullPage: true });
});
