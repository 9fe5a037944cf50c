import { describe, expect, it } from "vitest";
import { hasPrototypeKey, parseJsonWithoutPrototypeKeys } from "./prototype-keys";

describe("prototype keys", () => {
  it("finds an own __proto__, constructor or prototype key at any depth, in objects and arrays", () => {
    for (const key of ["__proto__", "constructor", "prototype"]) {
      expect(hasPrototypeKey(JSON.parse(`{"${key}":{}}`)), key).toBe(true);
      expect(hasPrototypeKey(JSON.parse(`[{"inputs":{"ramp":[1,{"${key}":1}]}}]`)), key).toBe(true);
    }
  });

  it("ignores inherited members, values that merely say the word, and plain data", () => {
    expect(hasPrototypeKey({ scenarioId: "s1", inputs: { annualCaseVolume: 12_000, adoptionRamp: [0.5, 1] } })).toBe(false);
    expect(hasPrototypeKey({ note: "__proto__", list: ["constructor", "prototype"] })).toBe(false);
    expect(hasPrototypeKey(Object.create({ constructor: 1 }))).toBe(false);
    for (const scalar of [null, undefined, 0, "", true]) expect(hasPrototypeKey(scalar)).toBe(false);
  });

  it("walks a deeply nested payload without overflowing the stack", () => {
    const depth = 200_000;
    const nested = JSON.parse(`${"[".repeat(depth)}{"__proto__":1}${"]".repeat(depth)}`);
    expect(hasPrototypeKey(nested)).toBe(true);
    expect(hasPrototypeKey([Array.from({ length: 1_000_000 }, (_, index) => index), { prototype: 1 }])).toBe(true);
  });

  it("parses JSON text, refusing a prototype key as a syntax error", () => {
    expect(parseJsonWithoutPrototypeKeys('{"wbc":14.2,"crp":[1,2]}')).toEqual({ wbc: 14.2, crp: [1, 2] });
    expect(() => parseJsonWithoutPrototypeKeys('{"wbc":1,"__proto__":{"polluted":true}}')).toThrow(SyntaxError);
    expect(() => parseJsonWithoutPrototypeKeys('{"nested":[{"constructor":1}]}')).toThrow(SyntaxError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
