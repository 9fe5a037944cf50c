import { describe, expect, it } from "vitest";
import { suppressSmallCell } from "./suppress-small-cells";

describe("suppressSmallCell", () => {
  it("hides values below n = 5 and keeps them from 5 on", () => {
    expect(suppressSmallCell({ estimate: 0.75, lower: 0.3, upper: 0.95, n: 4 })).toEqual({ suppressed: true, n: 4 });
    expect(suppressSmallCell({ estimate: 0.8, lower: 0.37, upper: 0.96, n: 5 })).toEqual({ suppressed: false, estimate: 0.8, lower: 0.37, upper: 0.96, n: 5 });
  });
});
