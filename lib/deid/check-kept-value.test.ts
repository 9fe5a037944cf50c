import { describe, expect, it } from "vitest";
import { isWellFormedKeptValue } from "./check-kept-value";

describe("isWellFormedKeptValue", () => {
  // Failed before: dcmjs reads DS as numbers, so every PixelSpacing and ImagerPixelSpacing was dropped.
  it("keeps decimal strings that dcmjs parsed into numbers", () => {
    expect(isWellFormedKeptValue("ImagerPixelSpacing", { vr: "DS", Value: [0.15, 0.15] })).toBe(true);
    expect(isWellFormedKeptValue("PixelSpacing", { vr: "DS", Value: ["0.7", "0.7"] })).toBe(true);
  });

  it("still refuses non-finite numbers, text in a DS and a wrong VR", () => {
    expect(isWellFormedKeptValue("PixelSpacing", { vr: "DS", Value: [Number.NaN] })).toBe(false);
    expect(isWellFormedKeptValue("PixelSpacing", { vr: "DS", Value: ["Yamada"] })).toBe(false);
    expect(isWellFormedKeptValue("PixelSpacing", { vr: "LO", Value: ["0.7"] })).toBe(false);
  });
});
