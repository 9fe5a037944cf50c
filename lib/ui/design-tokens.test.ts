import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The colour tokens of app/globals.css, read from the file itself so a changed token is checked.
const css = readFileSync(path.resolve(import.meta.dirname, "../../app/globals.css"), "utf8");
const token = (name: string) => {
  const match = css.match(new RegExp(`--color-${name}:\\s*(#[0-9a-fA-F]{6});`));
  if (!match) throw new Error(`no --color-${name} token`);
  return match[1]!;
};

// WCAG 2.1 relative luminance and contrast ratio (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).
function luminance(hex: string) {
  const [r, g, b] = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(foreground: string, background: string) {
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
  return (light! + 0.05) / (dark! + 0.05);
}

describe("design tokens", () => {
  // Every text/background pair the components use (badges, alerts, links, buttons, muted text).
  const pairs: [string, string][] = [
    ["ink", "canvas"], ["ink", "panel"], ["muted", "panel"], ["muted", "canvas"], ["muted", "subtle"],
    ["brand", "panel"], ["brand", "canvas"], ["on-brand", "brand"], ["brand-strong", "brand-soft"], ["brand", "brand-soft"],
    ["ok", "ok-soft"], ["warn", "warn-soft"], ["danger", "danger-soft"], ["info", "info-soft"], ["on-brand", "danger"],
  ];

  it.each(pairs)("%s on %s reaches 4.5:1 (WCAG AA for text)", (foreground, background) => {
    expect(contrast(token(foreground), token(background))).toBeGreaterThanOrEqual(4.5);
  });

  it("computes the contrast ratio as WCAG does", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
  });
});
