import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { callAction, demoAccount, signInThroughApi } from "./helpers";

// Security headers, and script/HTML stored in free text shown as text to every role.
const payload = `<img src=x onerror="window.__xss=1;alert('xss')"><script>window.__xss=1;alert('xss')</script>`;
const labs = { wbc: 14.2, crp: 8.1, procalcitonin: 0.9, neutrophilPct: 82, lymphocytePct: 10, ldh: 260, spo2: 91, bodyTemperature: 38.6 };

/** Fails the test on any dialog or on the payload's side effect, and on CSP violations of our own scripts. */
function watchForScripts(page: Page) {
  const problems: string[] = [];
  page.on("dialog", async (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text()) && !/onerror|inline/i.test(message.text())) problems.push(message.text());
  });
  return problems;
}

test("pages carry a nonce CSP and the security headers, and Next's scripts run under it", async ({ page, baseURL }) => {
  const problems = watchForScripts(page);
  await signInThroughApi(page.request, demoAccount("CLINICIAN").email, demoAccount("CLINICIAN").password);
  const response = await page.goto("/");
  const headers = response!.headers();
  const csp = headers["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toContain("'unsafe-inline' 'strict-dynamic'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  // Plain HTTP: no HSTS (it would only be honoured over TLS).
  expect(headers["strict-transport-security"]).toBeUndefined();
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  // Every script the server sends carries the nonce; scripts those load later run under 'strict-dynamic'
  // (Next's client navigation adds chunk scripts of its own), and any violation would show in `problems`.
  const scripts = [...(await response!.text()).matchAll(/<script\b[^>]*>/g)].map((tag) => /\snonce="([^"]*)"/.exec(tag[0])?.[1]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const scriptNonce of scripts) expect(scriptNonce).toBe(nonce);
  // The page is interactive (hydrated) under the policy: the locale switch works.
  await page.getByRole("combobox", { name: "言語" }).selectOption("en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("combobox", { name: "Language" }).selectOption("ja");
  expect(problems).toEqual([]);
  // Each response gets its own nonce.
  const second = await page.request.get("/");
  expect(second.headers()["content-security-policy"]).not.toBe(csp);
  // Behind a TLS proxy (TRUST_PROXY_TLS=1) HSTS would be sent; without the flag a forged header does nothing.
  expect((await page.request.get("/", { headers: { "x-forwarded-proto": "https" } })).headers()["strict-transport-security"]).toBeUndefined();
  void baseURL;
});

test("script and HTML in a case note, a user name, a site name and a checklist comment are shown as text to every role", async ({ browser, baseURL }) => {
  const contexts = Object.fromEntries(
    await Promise.all(
      (["CLINICIAN", "EXECUTIVE", "COMPLIANCE", "ADMIN"] as const).map(async (role) => {
        const context = await browser.newContext({ locale: "ja-JP" });
        await signInThroughApi(context.request, demoAccount(role).email, demoAccount(role).password);
        return [role, context] as const;
      }),
    ),
  );
  const admin = contexts.ADMIN!.request;
  const siteCode = `XSS-${Date.now() % 100000}`;
  await callAction(admin, baseURL!, "createSiteAction", { code: siteCode, nameEn: `Site ${payload}`.slice(0, 120), nameJa: `施設 ${payload}`.slice(0, 120) });
  const xssEmail = `xss.${Date.now()}@e2e.example`;
  const sitesPage = await admin.get("/admin/sites");
  expect(sitesPage.status()).toBe(200);
  // The demo site, so the new clinician shares the demo PoCs.
  const demoSiteId = /name="siteIds" value="([^"]+)"/.exec(await (await admin.get("/admin/users")).text())?.[1];
  expect(demoSiteId).toBeTruthy();
  await callAction(admin, baseURL!, "createUserAction", { email: xssEmail, name: `Dr ${payload}`.slice(0, 120), role: "CLINICIAN", siteIds: [demoSiteId], locale: "ja", password: "xss clinician passphrase" });

  // A case note, through the clinician's upload route.
  const clinician = contexts.CLINICIAN!.request;
  // Demo PoC A is running on model 1.0.0, which takes PNG; the governance list links to each PoC.
  const governanceList = await (await contexts.COMPLIANCE!.request.get("/governance")).text();
  const pocId = [...governanceList.matchAll(/href="\/governance\/(?!templates)([a-z0-9]+)"/g)].find((match) => governanceList.slice(match.index, match.index + 600).includes("Demo PoC A"))?.[1];
  expect(pocId, "a running demo PoC").toBeTruthy();
  const submitted = await clinician.post("/api/cases", {
    headers: { origin: baseURL! },
    multipart: { mode: "submit", pocId: pocId!, idempotencyKey: crypto.randomUUID(), labs: JSON.stringify(labs), note: `Note ${payload}`, noteLanguage: "en", confirmBurnedIn: "true", files: { name: "x.png", mimeType: "image/png", buffer: readFileSync("tests/fixtures/images/gradient-gray16-48x40.png") } },
  });
  expect(submitted.status(), await submitted.text()).toBe(200);
  const caseId = (await submitted.json()).case.caseId as string;

  // A checklist comment on the same PoC.
  const compliance = contexts.COMPLIANCE!.request;
  const governance = await (await compliance.get(`/governance/${pocId}`)).text();
  // Item ids travel to the client components in the page's RSC payload.
  const itemId = /itemId\\?":\\?"([a-z0-9]+)/.exec(governance)?.[1];
  expect(itemId, "a checklist item id on the governance page").toBeTruthy();
  await callAction(compliance, baseURL!, "addCommentAction", { itemId, body: `Comment ${payload}` });

  const visits: [keyof typeof contexts, string, string][] = [
    ["ADMIN", "/admin/users", `Dr <img src=x onerror=`],
    ["ADMIN", "/admin/sites", `Site <img src=x onerror=`],
    ["CLINICIAN", `/cases/${caseId}`, `<script>window.__xss=1;alert('xss')</script>`],
    ["COMPLIANCE", `/governance/${pocId}`, `Comment <img src=x onerror=`],
    ["EXECUTIVE", `/governance/${pocId}`, `Comment <img src=x onerror=`],
    ["ADMIN", `/governance/${pocId}`, `Comment <img src=x onerror=`],
  ];
  for (const [role, path, literal] of visits) {
    const page = await contexts[role]!.newPage();
    const problems = watchForScripts(page);
    const response = await page.goto(path);
    expect(response?.status(), `${role} ${path}`).toBe(200);
    await expect(page.locator("body"), `${role} ${path}`).toContainText(literal);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss), `${role} ${path}`).toBeUndefined();
    expect(problems, `${role} ${path}`).toEqual([]);
    await page.close();
  }
  // The new clinician sees their own name, as text, in the header of every page.
  const xssContext = await browser.newContext({ locale: "ja-JP" });
  await signInThroughApi(xssContext.request, xssEmail, "xss clinician passphrase");
  const own = await xssContext.newPage();
  const problems = watchForScripts(own);
  await own.goto("/");
  await expect(own.locator("body")).toContainText("Dr <img src=x onerror=");
  expect(await own.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  expect(problems).toEqual([]);
  await xssContext.close();
  for (const context of Object.values(contexts)) await context.close();
});
