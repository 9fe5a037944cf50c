import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { demoCredentials } from "../lib/demo/demo-credentials";
import { builtActions } from "../tests/access-control/build-endpoints";
import type { Role } from "../lib/db/generated/enums";

export function demoAccount(role: Role) {
  return demoCredentials.find((credential) => credential.role === role)!;
}

export async function signInThroughForm(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}

/** Signs in through Auth.js's credentials endpoint; the session cookie lands in the page's context. */
export async function signInThroughApi(request: APIRequestContext, email: string, password: string) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const response = await request.post("/api/auth/callback/credentials", { form: { email, password, csrfToken }, maxRedirects: 0 });
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).not.toContain("error");
}

/** Calls a built server action the way the browser does; fails the test unless it answers ok. */
export async function callAction(request: APIRequestContext, baseURL: string, exportedName: string, input: unknown) {
  const action = builtActions().find((candidate) => candidate.key.endsWith(`#${exportedName}`))!;
  const response = await request.post(action.pagePath, {
    headers: { "next-action": action.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: baseURL },
    data: JSON.stringify([input]),
  });
  const body = await response.text();
  expect(body, exportedName).toContain('{"ok":true');
  return body;
}

/** The work queue folds each checklist item's forms away; opens them once (a second click would fold them again). */
export async function openItemForms(item: Locator) {
  const forms = item.getByTestId("item-forms");
  if ((await forms.getAttribute("open")) === null) await forms.locator("summary").click();
  await expect(forms).toHaveAttribute("open", "");
}
