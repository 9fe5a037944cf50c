import { expect, test, type Request } from "@playwright/test";
import { demoAccount, signInThroughApi } from "./helpers";

// React's reply decoder deletes an own __proto__ key from action arguments before any of our code runs,
// so a payload carrying one used to be saved as if it were clean. It must be refused instead.
test("a server action call whose arguments carry __proto__ is refused and changes nothing; the same call without it saves", async ({ page }) => {
  // The ROI tab re-runs the Monte Carlo on every load: slow on a shared 2-core machine, so no tight limit.
  test.setTimeout(300_000);
  const executive = demoAccount("EXECUTIVE");
  await signInThroughApi(page.request, executive.email, executive.password);
  await page.goto("/dashboard");
  await page.locator("article").filter({ hasText: "Demo PoC C" }).getByRole("link", { name: "ダッシュボードを開く" }).click();
  await page.getByRole("link", { name: "ROI", exact: true }).click();
  await expect(page).toHaveURL(/tab=roi/);
  const roiUrl = page.url();
  const editor = page.getByTestId("scenario-editor-CONSERVATIVE");
  await editor.locator("summary").click();
  const volume = editor.locator('input[name="annualCaseVolume"]');
  const savedVolume = await volume.inputValue();
  // The editor shows volumes with thousands separators (12,000).
  const hostileVolume = String(Number(savedVolume.replace(/,/g, "")) + 1234);

  // The browser's own call, captured on its way out and never delivered.
  let captured: Request | undefined;
  await page.route("**/*", async (route) => {
    if (route.request().method() === "POST" && route.request().headers()["next-action"]) {
      captured = route.request();
      await route.abort();
    } else await route.continue();
  });
  await volume.fill(hostileVolume);
  await editor.getByRole("button", { name: "シナリオを保存" }).click();
  await expect.poll(() => captured).toBeDefined();
  await page.unroute("**/*");
  const call = captured!;
  const body = call.postData()!;
  expect(body).toContain(`"annualCaseVolume":${hostileVolume}`);

  const replay = (data: string) =>
    page.request.post(call.url(), {
      headers: { "next-action": call.headers()["next-action"]!, "content-type": call.headers()["content-type"]!, accept: "text/x-component", origin: new URL(call.url()).origin },
      data,
    });
  const hostile = [
    body.replace("[{", '[{"__proto__":{"polluted":true},'),
    body.replace('"inputs":{', '"inputs":{"__proto__":{"annualCaseVolume":1},'),
    body.replace('"inputs":{', '"inputs":{"constructor":{"prototype":{"polluted":true}},'),
  ];
  for (const data of hostile) {
    expect(data).not.toBe(body);
    const response = await replay(data);
    expect(response.status(), data).toBe(400);
    expect(await response.text()).toContain("INVALID_INPUT");
  }
  await page.goto(roiUrl);
  await page.getByTestId("scenario-editor-CONSERVATIVE").locator("summary").click();
  await expect(page.getByTestId("scenario-editor-CONSERVATIVE").locator('input[name="annualCaseVolume"]')).toHaveValue(savedVolume);

  // The untouched call goes through the same way, so the refusals above were for the key alone.
  expect(await (await replay(body)).text()).toContain('{"ok":true');
  await page.goto(roiUrl);
  await page.getByTestId("scenario-editor-CONSERVATIVE").locator("summary").click();
  await expect(page.getByTestId("scenario-editor-CONSERVATIVE").locator('input[name="annualCaseVolume"]')).toHaveValue(Number(hostileVolume).toLocaleString("en-US"));
});
