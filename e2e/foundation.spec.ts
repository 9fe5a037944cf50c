import { expect, test } from "@playwright/test";
import { demoAccount, signInThroughApi, signInThroughForm } from "./helpers";

const homes = {
  CLINICIAN: { ja: "臨床医ホーム", en: "Clinician home", nav: ["ホーム"], hidden: ["ユーザー", "施設"] },
  EXECUTIVE: { ja: "経営層ホーム", en: "Executive home", nav: ["ホーム"], hidden: ["ユーザー", "施設"] },
  COMPLIANCE: { ja: "コンプライアンスホーム", en: "Compliance home", nav: ["ホーム"], hidden: ["ユーザー", "施設"] },
  ADMIN: { ja: "管理", en: "Administration", nav: ["ホーム", "ユーザー", "施設"], hidden: [] },
} as const;

for (const role of ["CLINICIAN", "EXECUTIVE", "COMPLIANCE", "ADMIN"] as const) {
  test(`${role} signs in through the form, sees their home and navigation, and signs out`, async ({ page }) => {
    const account = demoAccount(role);
    await signInThroughForm(page, account.email, account.password);
    await expect(page.getByTestId("role-home")).toHaveText(homes[role].ja);
    const nav = page.getByRole("navigation");
    for (const label of homes[role].nav) await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
    for (const label of homes[role].hidden) await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(0);
    await expect(page.getByText("デモPoC").first()).toBeVisible();
    await page.getByRole("button", { name: "サインアウト" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
  });
}

test("a role's forbidden page is refused on the server, and anonymous visitors are sent to sign in", async ({ page, request }) => {
  const anonymous = await request.get("/admin/users", { maxRedirects: 0 });
  expect(anonymous.status()).toBe(307);
  await signInThroughApi(page.request, demoAccount("CLINICIAN").email, demoAccount("CLINICIAN").password);
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "アクセスできません" })).toBeVisible();
  await expect(page.locator("table")).toHaveCount(0);
});

test("the locale switch changes every text and is remembered for the user", async ({ page, browser }) => {
  const account = demoAccount("EXECUTIVE");
  await signInThroughApi(page.request, account.email, account.password);
  await page.goto("/");
  await expect(page.getByTestId("role-home")).toHaveText(homes.EXECUTIVE.ja);
  await page.getByRole("combobox", { name: "言語" }).selectOption("en");
  await expect(page.getByTestId("role-home")).toHaveText(homes.EXECUTIVE.en);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  // A new browser with a Japanese Accept-Language still gets English once this user signs in.
  const fresh = await browser.newContext({ locale: "ja-JP" });
  const freshPage = await fresh.newPage();
  await signInThroughForm(freshPage, account.email, account.password);
  await expect(freshPage.getByTestId("role-home")).toHaveText(homes.EXECUTIVE.en);
  await fresh.close();

  await page.getByRole("combobox", { name: "Language" }).selectOption("ja");
  await expect(page.getByTestId("role-home")).toHaveText(homes.EXECUTIVE.ja);
});

test("an admin creates a user who can sign in; repeated failures lock that address out with a generic error", async ({ page, browser }) => {
  const admin = demoAccount("ADMIN");
  await signInThroughApi(page.request, admin.email, admin.password);
  await page.goto("/admin/users");
  const email = `reader.${Date.now()}@e2e.example`;
  const form = page.locator("form").filter({ has: page.locator('input[name="name"]') });
  await form.locator('input[name="email"]').fill(admin.email);
  await form.locator('input[name="name"]').fill("E2E Reader");
  await form.locator('select[name="role"]').selectOption("CLINICIAN");
  await form.locator('input[name="siteIds"]').first().check();
  await form.locator('input[name="password"]').fill("e2e reader passphrase");
  await form.getByRole("button", { name: "ユーザーを作成" }).click();
  await expect(form.getByRole("alert")).toHaveText("このメールアドレスのユーザーは既に存在します。");
  await form.locator('input[name="email"]').fill(email);
  await form.getByRole("button", { name: "ユーザーを作成" }).click();
  await expect(page.getByTestId(`user-row-${email}`)).toBeVisible();

  const reader = await (await browser.newContext({ locale: "ja-JP" })).newPage();
  await signInThroughForm(reader, email, "e2e reader passphrase");
  await expect(reader.getByTestId("role-home")).toHaveText(homes.CLINICIAN.ja);
  await reader.context().close();

  const attacker = await (await browser.newContext({ locale: "en-US" })).newPage();
  for (let attempt = 0; attempt < 3; attempt++) {
    await signInThroughForm(attacker, email, `wrong password ${attempt}`);
    await expect(attacker.locator(".alert")).toHaveText("Sign-in failed. Check what you entered, or try again later.");
  }
  await signInThroughForm(attacker, email, "e2e reader passphrase");
  await expect(attacker.locator(".alert")).toHaveText("Sign-in failed. Check what you entered, or try again later.");
  await expect(attacker).toHaveURL(/\/sign-in$/);
  await attacker.context().close();

  // Failures from one address lock that address out of the account, not the account itself (LOGIN_MAX_FAILURES_PER_ACCOUNT).
  await page.reload();
  await expect(page.getByTestId(`user-row-${email}`)).toBeVisible();
  await expect(page.getByTestId(`user-row-${email}`)).not.toContainText("までロック中");
});

test("a server action called directly by the wrong role is refused and changes nothing", async ({ page, browser }) => {
  const admin = demoAccount("ADMIN");
  await signInThroughApi(page.request, admin.email, admin.password);
  await page.goto("/admin/sites");
  const form = page.locator("form").filter({ has: page.locator('input[name="code"]') });
  await form.locator('input[name="code"]').fill("E2E-ONE");
  await form.locator('input[name="nameJa"]').fill("試験病院");
  await form.locator('input[name="nameEn"]').fill("Trial Hospital");
  const [actionRequest] = await Promise.all([page.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"])), form.getByRole("button").click()]);
  await expect(page.getByRole("cell", { name: "E2E-ONE" })).toBeVisible();

  // Replay the very same action request, with another site code, as a clinician.
  const clinicianContext = await browser.newContext();
  const clinician = demoAccount("CLINICIAN");
  await signInThroughApi(clinicianContext.request, clinician.email, clinician.password);
  const replay = await clinicianContext.request.post(actionRequest.url(), {
    headers: { "next-action": actionRequest.headers()["next-action"]!, "content-type": actionRequest.headers()["content-type"]!, accept: "text/x-component", origin: new URL(actionRequest.url()).origin },
    // Bytes, not text: the form's body is multipart with Japanese fields, and a re-encoded string changes its length.
    data: Buffer.from(actionRequest.postDataBuffer()!.toString("latin1").replace("E2E-ONE", "E2E-TWO"), "latin1"),
  });
  expect(await replay.text()).toContain("FORBIDDEN");
  await clinicianContext.close();

  await page.reload();
  await expect(page.getByRole("cell", { name: "E2E-TWO" })).toHaveCount(0);
});
