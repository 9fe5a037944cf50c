import { expect, test } from "@playwright/test";
import { demoAccount, signInThroughApi } from "./helpers";

test("an executive reads the one-pager of a PoC and takes it to the board as a PDF and a PowerPoint deck", async ({ page }) => {
  test.setTimeout(240_000);
  const executive = demoAccount("EXECUTIVE");
  await signInThroughApi(page.request, executive.email, executive.password);
  await page.goto("/dashboard");
  await page.locator("article").filter({ hasText: "Demo PoC C" }).getByRole("link", { name: "ダッシュボードを開く" }).click();
  await page.getByTestId("open-one-pager").click();

  const onePager = page.getByTestId("one-pager");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("1ページサマリー");
  await expect(onePager.getByTestId("payoff-headline")).toContainText("NPV > 0 となる確率");
  await expect(onePager.getByTestId("certainty-headline")).toContainText(/目標 \d+ 件中 \d+ 件を達成/);
  // Each KPI tile carries its estimate, interval, n, target and a verdict in words.
  const primary = onePager.getByTestId("tile-readingTimeRelativeChange");
  await expect(primary).toContainText("主要");
  await expect(primary).toContainText("95%信頼区間");
  await expect(primary).toContainText("n = ");
  await expect(primary).toContainText("目標");
  await expect(onePager.getByTestId("roi-tiles")).toContainText("万円");
  // The forest plot has a text alternative with the same numbers.
  await expect(onePager.getByRole("img", { name: /読影時間の相対変化.*n = \d+/ })).toBeVisible();

  const onePagerUrl = page.url();
  const pdf = await page.request.get(`${onePagerUrl}/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const pdfBytes = await pdf.body();
  expect(pdfBytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(pdfBytes.length).toBeGreaterThan(20_000);

  const deck = await page.request.get(`${onePagerUrl}/pptx`);
  expect(deck.status()).toBe(200);
  expect(deck.headers()["content-type"]).toContain("presentationml");
  const deckBytes = await deck.body();
  // A zip whose directory names the slides and the chart pictures.
  expect(deckBytes.subarray(0, 2).toString("latin1")).toBe("PK");
  expect(deckBytes.includes(Buffer.from("ppt/slides/slide1.xml"))).toBe(true);
  expect(deckBytes.includes(Buffer.from("ppt/media/"))).toBe(true);

  // The portfolio puts every PoC on one page, each linking to its one-pager.
  await page.goto("/dashboard/portfolio");
  await expect(page.getByTestId("portfolio").getByRole("link", { name: /Demo PoC C/ })).toHaveAttribute("href", /\/one-pager$/);
  await expect(page.getByTestId("portfolio-counts")).toContainText("見合う可能性が高い");

  // Without a session there is neither.
  await page.context().clearCookies();
  // The proxy sends a visitor without a session to sign in before the route runs.
  const anonymous = await page.request.get(`${onePagerUrl}/pdf`, { maxRedirects: 0 });
  expect(anonymous.status()).toBe(307);
});
