import { describe, expect, it } from "vitest";
import { chiSquareUpperTail } from "./chi-square";
import { studentTCdf, studentTQuantile, studentTTwoSidedP } from "./student-t";

describe("Student's t and chi-square", () => {
  it("matches tabulated quantiles", () => {
    // Tables: t(0.975; 12) = 2.178813, t(0.975; 1) = 12.706205, t(0.975; 30) = 2.042272.
    expect(studentTQuantile(0.975, 12)).toBeCloseTo(2.178813, 5);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706205, 4);
    expect(studentTQuantile(0.025, 30)).toBeCloseTo(-2.042272, 5);
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 12);
    expect(studentTTwoSidedP(2.178813, 12)).toBeCloseTo(0.05, 5);
  });
  it("matches tabulated chi-square tails", () => {
    // χ²(0.95; 1) = 3.841459, χ²(0.95; 12) = 21.02607, χ²(0.99; 4) = 13.2767.
    expect(chiSquareUpperTail(3.841459, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquareUpperTail(21.02607, 12)).toBeCloseTo(0.05, 6);
    expect(chiSquareUpperTail(13.2767, 4)).toBeCloseTo(0.01, 5);
    expect(chiSquareUpperTail(0, 3)).toBe(1);
  });
});
