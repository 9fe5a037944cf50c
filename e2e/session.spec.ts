import http from "node:http";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { decode, encode } from "next-auth/jwt";
import { builtActions } from "../tests/access-control/build-endpoints";
import { callAction, demoAccount, signInThroughApi, signInThroughForm } from "./helpers";

// Must match playwright.config.ts's AUTH_SECRET: the test forges cookies the server would have issued.
const authSecret = "e2e-only-secret-not-for-production-0123456789";
const cookieName = "authjs.session-token";
const sessionMaxAgeSeconds = 8 * 3600;
// Must match LOGIN_RATE_LIMIT_PER_ADDRESS in playwright.config.ts.
const perAddressLimit = 20;

async function signInAndReadCookie(request: APIRequestContext, email: string, password: string, headers: Record<string, string> = {}) {
  const csrf = await request.get("/api/auth/csrf", { headers });
  const { csrfToken } = await csrf.json();
  const csrfCookie = csrf.headersArray().find((header) => header.name.toLowerCase() === "set-cookie" && header.value.includes("csrf-token"))!.value.split(";")[0]!;
  const response = await request.post("/api/auth/callback/credentials", { form: { email, password, csrfToken }, headers: { ...headers, cookie: csrfCookie }, maxRedirects: 0 });
  expect(response.status()).toBe(302);
  return response.headersArray().find((header) => header.name.toLowerCase() === "set-cookie" && header.value.includes("session-token"))!.value;
}

/** Where a GET of the home page with this session cookie ends up: "/" when the session holds, "/sign-in" otherwise. */
async function homeWith(baseURL: string, token: string) {
  const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { cookie: `${cookieName}=${token}` } });
  const response = await context.get("/");
  const path = new URL(response.url()).pathname;
  await context.dispose();
  return path;
}

test("the session cookie is HttpOnly and SameSite=Lax, lasts the absolute lifetime, and is Secure behind TLS", async ({ baseURL }) => {
  const account = demoAccount("CLINICIAN");
  const plain = await playwrightRequest.newContext({ baseURL });
  const cookie = await signInAndReadCookie(plain, account.email, account.password);
  expect(cookie).toMatch(new RegExp(`^${cookieName}=`));
  expect(cookie).toMatch(/; HttpOnly/i);
  expect(cookie).toMatch(/; SameSite=Lax/i);
  expect(cookie).not.toMatch(/; Secure/i);
  // Pages and actions cannot refresh a cookie, so it lives as long as the session may; idleness is the server's check.
  const expiresMs = Date.parse(/; Expires=([^;]+)/i.exec(cookie)![1]!);
  expect(Math.abs(expiresMs - (Date.now() + sessionMaxAgeSeconds * 1000))).toBeLessThan(60_000);
  await plain.dispose();

  // What a TLS-terminating proxy sends: the cookie gets the __Secure- prefix and the Secure flag.
  const tls = await playwrightRequest.newContext({ baseURL });
  const secureCookie = await signInAndReadCookie(tls, account.email, account.password, { "x-forwarded-proto": "https" });
  expect(secureCookie).toMatch(new RegExp(`^__Secure-${cookieName}=`));
  expect(secureCookie).toMatch(/; Secure/i);
  expect(secureCookie).toMatch(/; HttpOnly/i);
  expect(secureCookie).toMatch(/; SameSite=Lax/i);
  await tls.dispose();
});

test("the server refuses a session past its token's expiry or absolute lifetime, and a tampered one", async ({ baseURL }) => {
  const account = demoAccount("CLINICIAN");
  const context = await playwrightRequest.newContext({ baseURL });
  const cookie = await signInAndReadCookie(context, account.email, account.password);
  await context.dispose();
  const issued = (await decode({ token: cookie.split(";")[0]!.split("=").slice(1).join("="), secret: authSecret, salt: cookieName }))!;
  const forge = (claims: Record<string, unknown>, maxAge = sessionMaxAgeSeconds) => encode({ token: { ...issued, ...claims }, secret: authSecret, salt: cookieName, maxAge });

  expect(await homeWith(baseURL!, await forge({}))).toBe("/");
  // The token's own expiry passed. (Idleness is kept on the server: tests/integration/session-user.test.ts.)
  expect(await homeWith(baseURL!, await forge({}, -60))).toBe("/sign-in");
  // Absolute: kept alive by activity, but signed in longer ago than SESSION_MAX_AGE_SECONDS.
  expect(await homeWith(baseURL!, await forge({ signedInAt: Date.now() - (sessionMaxAgeSeconds + 60) * 1000 }))).toBe("/sign-in");
  expect(await homeWith(baseURL!, await forge({ signedInAt: Date.now() - (sessionMaxAgeSeconds - 60) * 1000 }))).toBe("/");
  const valid = await forge({});
  expect(await homeWith(baseURL!, `${valid.slice(0, -4)}${valid.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`)).toBe("/sign-in");
  expect(await homeWith(baseURL!, await encode({ token: issued, secret: "another-secret-0123456789abcdef", salt: cookieName }))).toBe("/sign-in");
});

test("a role change and a disable take effect on the user's next request", async ({ baseURL }) => {
  const admin = await playwrightRequest.newContext({ baseURL });
  await signInThroughApi(admin, demoAccount("ADMIN").email, demoAccount("ADMIN").password);
  const email = `session.${Date.now()}@e2e.example`;
  const created = await callAction(admin, baseURL!, "createUserAction", { email, name: "Session Reader", role: "CLINICIAN", siteIds: [], locale: "en", password: "session reader passphrase" });
  const userId = /"id":"([^"]+)"/.exec(created)![1]!;

  const user = await playwrightRequest.newContext({ baseURL });
  await signInThroughApi(user, email, "session reader passphrase");
  expect(new URL((await user.get("/")).url()).pathname).toBe("/");
  expect((await user.get("/cases")).status()).toBe(200);

  await callAction(admin, baseURL!, "updateUserAccessAction", { userId, role: "EXECUTIVE", siteIds: [] });
  expect(new URL((await user.get("/cases")).url()).pathname).toBe("/sign-in");
  await signInThroughApi(user, email, "session reader passphrase");
  expect((await user.get("/cases")).status()).toBe(403);

  await callAction(admin, baseURL!, "setUserDisabledAction", { userId, disabled: true });
  expect(new URL((await user.get("/")).url()).pathname).toBe("/sign-in");
  await Promise.all([admin.dispose(), user.dispose()]);
});

/** Calls a built server action with a session cookie; answers the action's error code, "ok", or the HTTP status. */
async function actionAs(baseURL: string, token: string, exportedName: string, input: unknown) {
  const action = builtActions().find((candidate) => candidate.key.endsWith(`#${exportedName}`))!;
  const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { cookie: `${cookieName}=${token}` } });
  const response = await context.post(action.pagePath, {
    headers: { "next-action": action.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: baseURL },
    data: JSON.stringify([input]),
    maxRedirects: 0,
  });
  const body = await response.text();
  await context.dispose();
  const result = /\{"ok":(true|false,"error":"([A-Z_]+)")/.exec(body);
  return result ? (result[2] ?? "ok") : `HTTP ${response.status()}`;
}

/** Where GETs of the portal's pages end up with this cookie, and what a route handler answers. */
async function whatTheCookieOpens(baseURL: string, token: string) {
  const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { cookie: `${cookieName}=${token}` } });
  const pages: Record<string, string> = {};
  for (const path of ["/", "/cases", "/reading"]) pages[path] = new URL((await context.get(path)).url()).pathname;
  const overlay = (await context.get("/api/cases/no-such-case/overlay", { maxRedirects: 0 })).status();
  await context.dispose();
  // An action that reaches input validation with a live session (its input is deliberately empty).
  const action = await actionAs(baseURL, token, "recordOutcomeAction", {});
  return { pages, overlay, action };
}

const sessionTokenOf = (setCookie: string) => setCookie.split(";")[0]!.split("=").slice(1).join("=");

test("a cookie saved before sign-out is refused afterwards by pages, actions and route handlers", async ({ baseURL }) => {
  const account = demoAccount("CLINICIAN");
  const live = { pages: { "/": "/", "/cases": "/cases", "/reading": "/reading" }, overlay: 404, action: "INVALID_INPUT" };
  const signedOut = { pages: { "/": "/sign-in", "/cases": "/sign-in", "/reading": "/sign-in" }, overlay: 401, action: "UNAUTHENTICATED" };

  // Sign-out through the portal's own button (the server action).
  const browserLike = await playwrightRequest.newContext({ baseURL });
  const saved = sessionTokenOf(await signInAndReadCookie(browserLike, account.email, account.password));
  expect(await whatTheCookieOpens(baseURL!, saved)).toEqual(live);
  expect(await actionAs(baseURL!, saved, "signOutAction", undefined)).not.toBe("HTTP 500");
  expect(await whatTheCookieOpens(baseURL!, saved)).toEqual(signedOut);
  await browserLike.dispose();

  // Sign-out through Auth.js's own endpoint.
  const other = await playwrightRequest.newContext({ baseURL });
  const savedToo = sessionTokenOf(await signInAndReadCookie(other, account.email, account.password));
  const { csrfToken } = await (await other.get("/api/auth/csrf")).json();
  expect((await other.post("/api/auth/signout", { form: { csrfToken }, maxRedirects: 0 })).status()).toBe(302);
  expect(await whatTheCookieOpens(baseURL!, savedToo)).toEqual(signedOut);
  await other.dispose();
});

/**
 * A credentials sign-in over a socket bound to `localAddress` (any 127.x address reaches the server on
 * Linux), so a test can be a client at an address of its own. Answers whether it was signed in.
 */
function signInFrom(baseURL: string, localAddress: string, email: string, password: string, forwardedFor?: string): Promise<boolean> {
  const { hostname, port } = new URL(baseURL);
  const send = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const request = http.request({ host: hostname, port, localAddress, method, path, headers: { ...headers, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) } }, (response) => {
        let text = "";
        response.setEncoding("utf8").on("data", (chunk: string) => (text += chunk)).on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
      });
      request.on("error", reject).end(body);
    });
  return (async () => {
    const csrf = await send("GET", "/api/auth/csrf", {});
    const csrfCookie = csrf.headers["set-cookie"]!.find((cookie) => cookie.includes("csrf-token"))!.split(";")[0]!;
    const form = new URLSearchParams({ email, password, csrfToken: JSON.parse(csrf.body).csrfToken }).toString();
    const response = await send("POST", "/api/auth/callback/credentials", { cookie: csrfCookie, "content-type": "application/x-www-form-urlencoded" }, form);
    expect(response.status).toBe(302);
    return !String(response.headers.location).includes("error");
  })();
}

const randomAddress = () => `198.51.100.${Math.floor(Math.random() * 254) + 1}, 203.0.113.${Math.floor(Math.random() * 254) + 1}`;

test("rotating X-Forwarded-For does not escape the per-address limit", async ({ baseURL }) => {
  const account = demoAccount("EXECUTIVE");
  const run = Date.now();
  // LOGIN_RATE_LIMIT_PER_ADDRESS failures (playwright.config.ts), each claiming another address, for accounts that do not exist.
  for (let attempt = 0; attempt < perAddressLimit; attempt++) expect(await signInFrom(baseURL!, "127.0.0.3", `nobody.${run}.${attempt}@e2e.example`, "wrong password", randomAddress())).toBe(false);
  // The client is now over its limit whatever it claims: even the right password is not checked.
  expect(await signInFrom(baseURL!, "127.0.0.3", account.email, account.password, randomAddress())).toBe(false);
  expect(await signInFrom(baseURL!, "127.0.0.3", account.email, account.password)).toBe(false);
  // Another client is not affected.
  expect(await signInFrom(baseURL!, "127.0.0.4", account.email, account.password)).toBe(true);
});

test("wrong passwords from one address lock that address out of the account, not the account's owner", async ({ baseURL }) => {
  const admin = await playwrightRequest.newContext({ baseURL });
  await signInThroughApi(admin, demoAccount("ADMIN").email, demoAccount("ADMIN").password);
  const email = `lockout.${Date.now()}@e2e.example`;
  const password = "lockout owner passphrase";
  await callAction(admin, baseURL!, "createUserAction", { email, name: "Lockout Owner", role: "EXECUTIVE", siteIds: [], locale: "en", password });
  await admin.dispose();

  // LOGIN_MAX_FAILURES (3) wrong passwords from the attacker's address, each claiming another forwarded address.
  for (let attempt = 0; attempt < 3; attempt++) expect(await signInFrom(baseURL!, "127.0.0.5", email, `guess ${attempt}`, randomAddress())).toBe(false);
  expect(await signInFrom(baseURL!, "127.0.0.5", email, password, randomAddress())).toBe(false);
  // The owner, elsewhere, still signs in; and their right passwords never count as failures.
  for (let attempt = 0; attempt < 5; attempt++) expect(await signInFrom(baseURL!, "127.0.0.6", email, password)).toBe(true);
});

test("right passwords never use up the sign-in budget", async ({ baseURL }) => {
  const account = demoAccount("COMPLIANCE");
  // More successful sign-ins from one client than LOGIN_RATE_LIMIT_PER_ADDRESS allows failures.
  for (let attempt = 0; attempt <= perAddressLimit; attempt++) expect(await signInFrom(baseURL!, "127.0.0.7", account.email, account.password), `sign-in ${attempt + 1}`).toBe(true);
});

test("the account page ends another session, changes the password (this browser stays, the rest end) and signs out everywhere", async ({ browser, baseURL }) => {
  const admin = await playwrightRequest.newContext({ baseURL });
  await signInThroughApi(admin, demoAccount("ADMIN").email, demoAccount("ADMIN").password);
  const email = `sessions.${Date.now()}@e2e.example`;
  const [oldPassword, newPassword] = ["sessions old passphrase", "sessions new passphrase"];
  await callAction(admin, baseURL!, "createUserAction", { email, name: "Session Owner", role: "EXECUTIVE", siteIds: [], locale: "ja", password: oldPassword });
  await admin.dispose();

  const apiCookie = async (password: string) => sessionTokenOf(await signInAndReadCookie(await playwrightRequest.newContext({ baseURL }), email, password));
  const [phone, tablet] = [await apiCookie(oldPassword), await apiCookie(oldPassword)];
  const page = await (await browser.newContext({ locale: "ja-JP" })).newPage();
  await signInThroughForm(page, email, oldPassword);
  await expect(page.getByTestId("current-user")).toContainText("Session Owner");
  const browserCookie = async () => (await page.context().cookies()).find((cookie) => cookie.name === cookieName)!.value;
  const beforeChange = await browserCookie();

  await page.goto("/account/security");
  await expect(page.getByTestId("session-current")).toHaveCount(1);
  await expect(page.getByTestId("session-other")).toHaveCount(2);
  await page.getByTestId("session-other").first().getByRole("button", { name: "このセッションをサインアウト" }).click();
  await expect(page.getByTestId("session-other")).toHaveCount(1);
  // The list is ordered by last activity; whichever it was, one of the two API sessions is gone.
  expect([await homeWith(baseURL!, phone), await homeWith(baseURL!, tablet)].sort()).toEqual(["/", "/sign-in"]);

  const form = page.getByTestId("change-password");
  await form.locator('input[name="currentPassword"]').fill("not my password");
  await form.locator('input[name="newPassword"]').fill(newPassword);
  await form.locator('input[name="confirmPassword"]').fill(newPassword);
  await form.getByRole("button", { name: "パスワードを変更" }).click();
  await expect(form.getByRole("alert")).toHaveText("現在のパスワードが正しくないか、試行回数が多すぎます。しばらくしてからお試しください。");
  await form.locator('input[name="currentPassword"]').fill(oldPassword);
  await form.locator('input[name="confirmPassword"]').fill(`${newPassword}!`);
  await form.getByRole("button", { name: "パスワードを変更" }).click();
  await expect(form.getByRole("alert").first()).toHaveText("新しいパスワードが一致しません。");
  await form.locator('input[name="confirmPassword"]').fill(newPassword);
  await form.getByRole("button", { name: "パスワードを変更" }).click();
  await expect(form.getByRole("status")).toHaveText("パスワードを変更しました。ほかのすべてのセッションはサインアウトされました。");

  // This browser carries on with a fresh session; its old cookie and every other session are refused.
  await expect(page.getByTestId("session-other")).toHaveCount(0);
  expect(await browserCookie()).not.toBe(beforeChange);
  expect(await homeWith(baseURL!, await browserCookie())).toBe("/");
  for (const token of [beforeChange, phone, tablet]) expect(await homeWith(baseURL!, token)).toBe("/sign-in");
  const context = await playwrightRequest.newContext({ baseURL });
  const csrf = await (await context.get("/api/auth/csrf")).json();
  const withOld = await context.post("/api/auth/callback/credentials", { form: { email, password: oldPassword, csrfToken: csrf.csrfToken }, maxRedirects: 0 });
  expect(withOld.headers()["location"]).toContain("error");
  await context.dispose();
  const laptop = await apiCookie(newPassword);

  await page.reload();
  await page.getByRole("button", { name: "すべての端末からサインアウト" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect(await homeWith(baseURL!, laptop)).toBe("/sign-in");
  expect(await homeWith(baseURL!, await browserCookie().catch(() => ""))).toBe("/sign-in");
  await page.context().close();
});
