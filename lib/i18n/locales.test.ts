import { describe, expect, it } from "vitest";
import { catalogues } from "./catalogue";
import { localeFromAcceptLanguage } from "./locales";

const { ja, en } = catalogues;

function keyPaths(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, item]) => keyPaths(item, prefix ? `${prefix}.${key}` : key));
}

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)(?=[,}])/g)].map((match) => match[1]!))].sort();
}

describe("message catalogues", () => {
  it("have the same keys in Japanese and English", () => {
    expect(keyPaths(ja).sort()).toEqual(keyPaths(en).sort());
  });

  it("use the same placeholders in both languages", () => {
    const lookup = (catalogue: unknown, path: string) => path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], catalogue);
    for (const path of keyPaths(en)) expect(placeholders(lookup(ja, path) as string), path).toEqual(placeholders(lookup(en, path) as string));
  });

  it("has no empty message", () => {
    for (const catalogue of [en, ja]) for (const path of keyPaths(catalogue)) expect(path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], catalogue)).not.toBe("");
  });
});

describe("localeFromAcceptLanguage", () => {
  it("takes the first supported language", () => {
    expect(localeFromAcceptLanguage("fr-FR,en-US;q=0.8,ja;q=0.5")).toBe("en");
    expect(localeFromAcceptLanguage("ja-JP")).toBe("ja");
    expect(localeFromAcceptLanguage("de")).toBeUndefined();
    expect(localeFromAcceptLanguage(null)).toBeUndefined();
  });
});
