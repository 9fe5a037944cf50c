import "server-only";
import { chromium } from "playwright-core";

const launchArgs = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** Where this server answers itself: pages are rendered from the loopback, never through a proxy. */
function selfOrigin() {
  return `http://127.0.0.1:${process.env.PORT ?? "3000"}`;
}

/**
 * The headers that make the loopback request the user's own: their cookies (session, role, site scope,
 * language) and, behind a TLS proxy, the forwarded protocol and host, without which Auth.js would look
 * for the plain-HTTP cookie name and see no session.
 */
export function forwardedHeaders(request: Request): Record<string, string> {
  const forwarded: Record<string, string> = {};
  for (const name of ["cookie", "x-forwarded-proto", "x-forwarded-host"]) {
    const value = request.headers.get(name);
    if (value) forwarded[name] = value;
  }
  return forwarded;
}

/** Opens one of the portal's own pages in headless Chromium as the requesting user and hands it to `withPage`; the browser is closed whatever happens. */
async function withPortalPage<T>(pathname: string, headers: Record<string, string>, withPage: (page: import("playwright-core").Page) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: launchArgs });
  try {
    const context = await browser.newContext({ extraHTTPHeaders: headers, viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    const response = await page.goto(`${selfOrigin()}${pathname}`, { waitUntil: "networkidle" });
    if (!response || response.status() >= 400) throw new Error(`rendering ${pathname} answered ${response?.status()}`);
    return await withPage(page);
  } finally {
    await browser.close();
  }
}

/** An A4 PDF of a portal page, with its print styles (navigation hidden, backgrounds kept). */
export function renderPdf(pathname: string, headers: Record<string, string>): Promise<Buffer> {
  return withPortalPage(pathname, headers, async (page) => {
    await page.emulateMedia({ media: "print" });
    return page.pdf({ format: "A4", printBackground: true, margin: { top: "12mm", bottom: "12mm", left: "10mm", right: "10mm" } });
  });
}

/** PNG pictures of the page's figures (charts), in page order, with their captions' text. */
export function captureFigures(pathname: string, headers: Record<string, string>): Promise<{ title: string; png: Buffer }[]> {
  return withPortalPage(pathname, headers, async (page) => {
    const figures = await page.locator("main figure").all();
    const pictures: { title: string; png: Buffer }[] = [];
    for (const figure of figures) {
      const title = (await figure.locator("figcaption").first().innerText()).trim();
      pictures.push({ title, png: await figure.locator("svg").first().screenshot({ type: "png" }) });
    }
    return pictures;
  });
}
