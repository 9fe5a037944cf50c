import { describe, expect, it } from "vitest";
import { isWellFormedKeptValue } from "./check-kept-value";

describe("isWellFormedKeptValue", () => {
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
