import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { decode, encode } from "next-auth/jwt";
import { callAction, demoAccount, signInThroughApi } from "./helpers";

// Must match playwright.config.ts's AUTH_SECRET: the test forges cookies the server would have issued.
const authSecret = "e2e-only-secret-not-for-production-0123456789";
const cookieName = "authjs.session-token";
const sessionIdleSeconds = 30 * 60;
const sessionMaxAgeSeconds = 8 * 3600;

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

test("the session cookie is HttpOnly and SameSite=Lax, expires after the idle time, and is Secure behind TLS", async ({ baseURL }) => {
  const account = demoAccount("CLINICIAN");
  const plain = await playwrightRequest.newContext({ baseURL });
  const cookie = await signInAndReadCookie(plain, account.email, account.password);
  expect(cookie).toMatch(new RegExp(`^${cookieName}=`));
  expect(cookie).toMatch(/; HttpOnly/i);
  expect(cookie).toMatch(/; SameSite=Lax/i);
  expect(cookie).not.toMatch(/; Secure/i);
  const expiresMs = Date.parse(/; Expires=([^;]+)/i.exec(cookie)![1]!);
  expect(Math.abs(expiresMs - (Date.now() + sessionIdleSeconds * 1000))).toBeLessThan(60_000);
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

test("the server refuses a session past its idle expiry or absolute lifetime, and a tampered one", async ({ baseURL }) => {
  const account = demoAccount("CLINICIAN");
  const context = await playwrightRequest.newContext({ baseURL });
  const cookie = await signInAndReadCookie(context, account.email, account.password);
  await context.dispose();
  const issued = (await decode({ token: cookie.split(";")[0]!.split("=").slice(1).join("="), secret: authSecret, salt: cookieName }))!;
  const forge = (claims: Record<string, unknown>, maxAge = sessionIdleSeconds) => encode({ token: { ...issued, ...claims }, secret: authSecret, salt: cookieName, maxAge });

  expect(await homeWith(baseURL!, await forge({}))).toBe("/");
  // Idle: the token's own expiry passed (no request for longer than SESSION_IDLE_SECONDS).
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
