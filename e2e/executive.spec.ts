import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { demoAccount, signInThroughApi } from "./helpers";

test("an executive reads the dashboard in both languages, edits a scenario, drills down and exports", async ({ page, browser }) => {
  // A PoC of our own that surely has no reads yet (other specs read the running demo PoCs).
  const emptyTitle = `E2E PoC without reads ${Date.now()}`;
  const adminPage = await (await browser.newContext({ locale: "ja-JP" })).newPage();
  const admin = demoAccount("ADMIN");
  await signInThroughApi(adminPage.request, admin.email, admin.password);
  await adminPage.goto("/admin/pocs");
  const createForm = adminPage.getByTestId("create-poc-form");
  await createForm.locator('input[name="title"]').fill(emptyTitle);
  await createForm.locator('textarea[name="clinicalQuestion"]').fill("読影のない空のPoC");
  await createForm.getByRole("button", { name: "PoCを作成" }).click();
  await expect(adminPage.getByRole("link", { name: emptyTitle })).toBeVisible();
  await adminPage.context().close();

  const executive = demoAccount("EXECUTIVE");
  await signInThroughApi(page.request, executive.email, executive.password);

  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "KPI・ROI ダッシュボード" })).toBeVisible();
  const card = page.locator("article").filter({ hasText: "Demo PoC C" });
  await expect(card.getByTestId("summary")).toContainText("読影時間は");
  await expect(card.getByTestId("summary")).toContainText("95%信頼区間");
  await expect(card.getByTestId("reading-time-change")).toContainText("n = ");
  await expect(card.getByText("評価中：決定待ち")).toBeVisible();
  // A PoC without reads says so instead of drawing a blank chart.
  await expect(page.locator("article").filter({ hasText: emptyTitle }).getByText("完了した読影はまだありません")).toBeVisible();

  await card.getByRole("link", { name: "ダッシュボードを開く" }).click();
  await expect(page.getByTestId("kpi-readingTimeRelativeChange")).toContainText("%");
  await expect(page.getByTestId("fairness")).toBeVisible();

  // A click on a number lists the de-identified cases behind it.
  await page.getByTestId("kpi-aiSensitivity").getByRole("link").click();
  await expect(page.getByTestId("cases-behind")).toContainText("C-DEMO");
  await page.goBack();

  await page.getByRole("link", { name: "ROI", exact: true }).click();
  const baseNpv = page.getByTestId("npv-BASE");
  const before = await baseNpv.textContent();
  const editor = page.getByTestId("scenario-editor-BASE");
  await editor.locator("summary").click();
  await editor.locator('input[name="annualCaseVolume"]').fill("24000");
  await editor.locator('input[name="note"]').fill("e2e: double the volume");
  await editor.getByRole("button", { name: "シナリオを保存" }).click();
  await expect(editor.getByRole("status")).toHaveText("保存しました。");
  // The refresh re-renders every KPI and the Monte Carlo; on a shared 2-core machine that can take a while.
  const afterRefresh = { timeout: 30_000 };
  await expect(baseNpv).not.toHaveText(before ?? "", afterRefresh);
  await expect(page.getByTestId("scenario-editor-BASE").getByText("e2e: double the volume")).toBeAttached();

  const csvDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "KPIをCSVでダウンロード" }).click();
  const csv = readFileSync((await (await csvDownload).path())!, "utf8");
  expect(csv).toContain("kpi,horizon,unit,estimate,ci95_lower,ci95_upper,n");
  expect(csv).toContain("readingTimeRelativeChange,short,ratio");

  const readsDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "再解析用データセット（CSV、1 読影 1 行）" }).click();
  const reads = readFileSync((await (await readsDownload).path())!, "utf8");
  expect(reads.split("\r\n")[0]).toMatch(/^reader,readerExperienceBand,caseCode,caseNumber,arm,.*,activeMs,aiScore,aiThreshold,/);
  expect(reads).toMatch(/R\d+,,C-DEMO\d{3},\d+,(AIDED|UNAIDED),/);
  const rjafrocDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "RJafroc MRMC ファイル（CSV）" }).click();
  const rjafroc = readFileSync((await (await rjafrocDownload).path())!, "utf8");
  expect(rjafroc.split("\r\n")[0]).toBe("ReaderID,ModalityID,CaseID,Truth,Rating");
  expect(rjafroc).toMatch(/R\d+,(AIDED|UNAIDED),\d+,[01],\d+/);

  await page.getByRole("link", { name: "印刷用の経営会議レポート" }).click();
  await expect(page.getByRole("heading", { name: /経営会議レポート/ })).toBeVisible();
  await expect(page.getByTestId("board-report").getByTestId("summary")).toContainText("正味現在価値");

  // English: the same numbers, in the other language.
  await page.goto("/dashboard");
  await page.getByRole("combobox", { name: "言語" }).selectOption("en");
  await expect(page.getByRole("heading", { name: "KPI and ROI dashboard" })).toBeVisible(afterRefresh);
  await expect(page.locator("article").filter({ hasText: "Demo PoC C" }).getByTestId("summary")).toContainText("Reading time changed by");
  await page.goto(`${new URL(page.url()).origin}/dashboard`);
  await page.locator("article").filter({ hasText: "Demo PoC C" }).getByRole("link", { name: "Open dashboard" }).click();
  await page.getByRole("link", { name: "Printable board report" }).click();
  await expect(page.getByRole("heading", { name: /Board report/ })).toBeVisible();
  await expect(page.getByTestId("board-report")).toContainText("95% CI");

  // Leave the executive's saved language as the other journeys expect it.
  await page.getByRole("combobox", { name: "Language" }).selectOption("ja");
  await expect(page.getByRole("heading", { name: /経営会議レポート/ })).toBeVisible(afterRefresh);
});

test("a clinician cannot open the dashboard or its exports", async ({ page }) => {
  const clinician = demoAccount("CLINICIAN");
  await signInThroughApi(page.request, clinician.email, clinician.password);
  expect((await page.goto("/dashboard"))?.status()).toBe(403);
  expect((await page.request.get("/dashboard/anything/kpi-csv")).status()).toBe(403);
});
