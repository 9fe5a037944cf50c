import { describe, expect, it } from "vitest";
import { binSample } from "./binned-sample";
import { medianInterval } from "./median-interval";

describe("medianInterval", () => {
  it("uses order statistics n/2 ∓ 1.96√n/2", () => {
    // 1..9: median 5; ranks ⌊4.5 − 2.94⌋ = 1 and ⌈5.5 + 2.94⌉ = 9
    expect(medianInterval(binSample([1, 2, 3, 4, 5, 6, 7, 8, 9], 1))).toMatchObject({ estimate: 5, lower: 1, upper: 9, n: 9 });
  });
});
