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

  it("keeps IS and DS values that dcmjs has already read as numbers (multi-frame images keep NumberOfFrames)", () => {
    expect(isWellFormedKeptValue("NumberOfFrames", { vr: "IS", Value: [3], _rawValue: ["3 "] })).toBe(true);
    expect(isWellFormedKeptValue("WindowCenter", { vr: "DS", Value: [1800.5] })).toBe(true);
  });

  it("still refuses numeric strings that are not numbers, and values too long for the VR", () => {
    expect(isWellFormedKeptValue("NumberOfFrames", { vr: "IS", Value: ["03-1234-5678 Tanaka"] })).toBe(false);
    expect(isWellFormedKeptValue("NumberOfFrames", { vr: "IS", Value: [Number.NaN] })).toBe(false);
    expect(isWellFormedKeptValue("NumberOfFrames", { vr: "IS", Value: [1e15] })).toBe(false);
    expect(isWellFormedKeptValue("NumberOfFrames", { vr: "IS", Value: [1.5] })).toBe(false);
  });
});
