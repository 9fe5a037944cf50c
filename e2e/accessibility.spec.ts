import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { demoAccount, signInThroughApi } from "./helpers";

/**
 * Every role's main screens in both languages: no serious or critical axe violation (WCAG 2.1 A/AA,
 * contrast included). With SCREENS_DIR set, each screen is also saved there (docs/screens in the README).
 */
type Screen = { name: string; path: string } | { name: string; from: string; linkPrefix: string; suffix?: string };

const screens: Record<"CLINICIAN" | "EXECUTIVE" | "COMPLIANCE" | "ADMIN", Screen[]> = {
  CLINICIAN: [
    { name: "home", path: "/" },
    { name: "reading-worklist", path: "/reading" },
    { name: "cases", path: "/cases" },
    { name: "case-new", path: "/cases/new" },
    { name: "models", path: "/models" },
  ],
  EXECUTIVE: [
    { name: "home", path: "/" },
    { name: "dashboard", path: "/dashboard" },
    { name: "portfolio", path: "/dashboard/portfolio" },
    { name: "poc-dashboard", from: "/dashboard", linkPrefix: "/dashboard/c" },
    { name: "one-pager", from: "/dashboard", linkPrefix: "/dashboard/c", suffix: "/one-pager" },
  ],
  COMPLIANCE: [
    { name: "home", path: "/" },
    { name: "governance", path: "/governance" },
    { name: "work-queue", from: "/governance", linkPrefix: "/governance/c" },
    { name: "audit", path: "/audit" },
    { name: "access-review", path: "/audit/access-review" },
  ],
  ADMIN: [
    { name: "home", path: "/" },
    { name: "users", path: "/admin/users" },
    { name: "sites", path: "/admin/sites" },
    { name: "pocs", path: "/admin/pocs" },
    { name: "templates", path: "/governance/templates" },
  ],
};

const screensDir = process.env.SCREENS_DIR;

async function open(page: Page, screen: Screen) {
  if ("path" in screen) return page.goto(screen.path);
  await page.goto(screen.from);
  const href = await page.locator(`main a[href^="${screen.linkPrefix}"]`).first().getAttribute("href");
  return page.goto(`${href}${screen.suffix ?? ""}`);
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(" ")).slice(0, 5).join(" | ")}`);
}

async function capture(page: Page, name: string) {
  if (!screensDir) return;
  mkdirSync(screensDir, { recursive: true });
  // The top of each page, up to 2,400 px: enough to see the layout without committing megabytes.
  const height = Math.min(2400, await page.evaluate(() => document.documentElement.scrollHeight));
  await page.screenshot({ path: path.join(screensDir, `${name}.png`), fullPage: true, clip: { x: 0, y: 0, width: page.viewportSize()!.width, height } });
}

for (const locale of ["ja", "en"] as const) {
  test(`the sign-in page has no serious accessibility violation (${locale})`, async ({ page, baseURL }) => {
    await page.context().addCookies([{ name: "portal_locale", value: locale, url: baseURL! }]);
    await page.goto("/sign-in");
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    expect(await seriousViolations(page)).toEqual([]);
    await capture(page, `sign-in-${locale}`);
  });

  for (const [role, list] of Object.entries(screens) as [keyof typeof screens, Screen[]][]) {
    test(`${role}'s main screens have no serious accessibility violation (${locale})`, async ({ page, baseURL }) => {
      test.setTimeout(300_000);
      const account = demoAccount(role);
      await signInThroughApi(page.request, account.email, account.password);
      // The sign-in sets the user's saved language; the cookie set after it picks the one under test.
      await page.context().addCookies([{ name: "portal_locale", value: locale, url: baseURL! }]);
      const failures: Record<string, string[]> = {};
      for (const screen of list) {
        const response = await open(page, screen);
        expect(response?.status(), screen.name).toBeLessThan(400);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        // One h1 per page, and a skip link to the main landmark.
        await expect(page.locator("h1"), screen.name).toHaveCount(1);
        await expect(page.getByRole("link", { name: locale === "ja" ? "本文へスキップ" : "Skip to main content" })).toHaveAttribute("href", "#main");
        const violations = await seriousViolations(page);
        if (violations.length > 0) failures[screen.name] = violations;
        await capture(page, `${role.toLowerCase()}-${screen.name}-${locale}`);
      }
      expect(failures).toEqual({});
    });
  }
}

test("the navigation never wraps a Japanese label onto several lines at 1440 px", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInThroughApi(page.request, demoAccount("ADMIN").email, demoAccount("ADMIN").password);
  await page.goto("/");
  const links = page.getByRole("navigation", { name: "メインナビゲーション" }).getByRole("link");
  expect(await links.count()).toBeGreaterThan(5);
  for (const link of await links.all()) {
    const box = (await link.boundingBox())!;
    // One line of text at this font size is under 40 px tall including padding.
    expect(box.height, await link.innerText()).toBeLessThan(40);
  }
});
