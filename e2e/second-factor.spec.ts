import { expect, test, type Browser } from "@playwright/test";
import { base32Decode, hotp, totpStep } from "../lib/auth/totp";
import { callAction, demoAccount, signInThroughApi, signInThroughForm } from "./helpers";

const password = "totp user passphrase";

async function newPage(browser: Browser) {
  return (await browser.newContext({ locale: "ja-JP" })).newPage();
}

test("a user enrols TOTP, signs in again with a computed code, and uses a recovery code once", async ({ browser, baseURL }) => {
  const admin = await newPage(browser);
  await signInThroughApi(admin.request, demoAccount("ADMIN").email, demoAccount("ADMIN").password);
  const email = `totp.${Date.now()}@e2e.example`;
  await callAction(admin.request, baseURL!, "createUserAction", { email, name: "TOTP Reader", role: "EXECUTIVE", siteIds: [], locale: "ja", password });

  // Enrol through the header link.
  const user = await newPage(browser);
  await signInThroughForm(user, email, password);
  await user.getByRole("link", { name: "アカウントのセキュリティ" }).click();
  await user.getByRole("button", { name: "2段階認証を設定する" }).click();
  const secretBase32 = await user.getByTestId("totp-secret").inputValue();
  await expect(user.getByTestId("otpauth-uri")).toHaveValue(new RegExp(`^otpauth://totp/.+\\?secret=${secretBase32}&`));
  const secret = base32Decode(secretBase32)!;
  await user.locator('input[name="code"]').fill(hotp(secret, totpStep(Date.now())));
  await user.getByRole("button", { name: "確認して有効にする" }).click();
  await expect(user.getByTestId("recovery-codes").locator("code")).toHaveCount(10);
  const codes = await user.getByTestId("recovery-codes").locator("code").allTextContents();
  await expect(user.getByTestId("totp-status")).toHaveText("2段階認証は有効です。");
  await user.getByRole("button", { name: "サインアウト", exact: true }).click();
  await expect(user).toHaveURL(/\/sign-in$/);

  // Password, then the code the server asks for: a wrong one gets the generic error, the next step's code works
  // (the enrolment already used the current step, and a step is never accepted twice).
  await signInThroughForm(user, email, password);
  const codeInput = user.locator('input[name="otp"]');
  await expect(codeInput).toBeVisible();
  await codeInput.fill(hotp(secret, totpStep(Date.now()) + 7));
  await user.locator('button[type="submit"]').click();
  await expect(user.locator(".alert")).toHaveText("サインインできませんでした。入力内容を確認するか、しばらくしてからお試しください。");
  await codeInput.fill(hotp(secret, totpStep(Date.now()) + 1));
  await user.locator('button[type="submit"]').click();
  await expect(user.getByTestId("current-user")).toContainText("TOTP Reader");
  await user.context().close();

  // A recovery code signs in once; the second use is refused.
  for (const expectation of ["signed in", "refused"] as const) {
    const page = await newPage(browser);
    await signInThroughForm(page, email, password);
    await page.locator('input[name="otp"]').fill(codes[0]!);
    await page.locator('button[type="submit"]').click();
    if (expectation === "signed in") await expect(page.getByTestId("current-user")).toContainText("TOTP Reader");
    else {
      await expect(page.locator(".alert")).toHaveText("サインインできませんでした。入力内容を確認するか、しばらくしてからお試しください。");
      await expect(page).toHaveURL(/\/sign-in$/);
    }
    await page.context().close();
  }

  // The API path gives nothing away beyond "a code is needed" for the right password only.
  const api = await newPage(browser);
  const { csrfToken } = await (await api.request.get("/api/auth/csrf")).json();
  const wrong = await api.request.post("/api/auth/callback/credentials", { form: { email, password: "not the password", csrfToken }, maxRedirects: 0 });
  expect(wrong.headers()["location"]).toContain("code=credentials");
  const right = await api.request.post("/api/auth/callback/credentials", { form: { email, password, csrfToken }, maxRedirects: 0 });
  expect(right.headers()["location"]).toContain("code=second_factor_required");
  await api.context().close();

  // The admin sees the state and can reset it.
  await admin.goto("/admin/users");
  await expect(admin.getByTestId(`user-row-${email}`).getByTestId("totp-state")).toHaveText("有効");
  await admin.getByTestId(`user-row-${email}`).getByRole("button", { name: "2段階認証をリセット" }).click();
  await expect(admin.getByTestId(`user-row-${email}`).getByTestId("totp-state")).toHaveText("無効");
  await admin.context().close();
});
