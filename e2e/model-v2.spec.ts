import { expect, test } from "@playwright/test";
import { demoAccount, signInThroughApi } from "./helpers";

test("a compliance officer reads model 2.0.0's card (calibration, intended inputs, out-of-distribution score, shared encoders) and exports it as FHIR and CHAI JSON in both languages", async ({ page }) => {
  const officer = demoAccount("COMPLIANCE");
  await signInThroughApi(page.request, officer.email, officer.password);
  await page.goto("/models");
  // 1.0.0 stays registered beside 2.0.0; the second finding's head shares 2.0.0's encoders.
  const rows = page.locator("tr", { hasText: "reference-pneumonia-fusion" });
  await expect(rows.filter({ hasText: "1.0.0" })).toHaveCount(1);
  await rows.filter({ hasText: "2.0.0" }).getByRole("link").click();
  await page.getByTestId("model-card-link").click();
  const card = page.getByTestId("model-card");
  await expect(card.getByTestId("calibration")).toBeVisible();
  await expect(card.getByTestId("reliability-chart")).toBeVisible();
  await expect(card.getByTestId("intended-inputs")).toContainText("CR, DX");
  await expect(card.getByTestId("out-of-distribution")).toBeVisible();

  const fhir = await page.request.get(await page.getByTestId("export-fhir-en").getAttribute("href") ?? "");
  expect(fhir.status()).toBe(200);
  const bundle = await fhir.json();
  expect(bundle.resourceType).toBe("Bundle");
  expect(bundle.entry.map((entry: { resource: { resourceType: string } }) => entry.resource.resourceType)).toEqual(["Device", "DocumentReference"]);
  const chai = await (await page.request.get(await page.getByTestId("export-chai-ja").getAttribute("href") ?? "")).json();
  expect(chai.language).toBe("ja");
  expect(chai.TrustIngredients.Calibration.Temperature).toBeGreaterThan(0);

  await page.goto("/models");
  await page.locator("tr", { hasText: "reference-extent-fusion" }).getByRole("link").click();
  await page.getByTestId("model-card-link").click();
  await expect(page.getByTestId("shares-encoders")).toContainText("reference-pneumonia-fusion 2.0.0");
  await expect(page.getByTestId("reuse")).toBeVisible();
});
