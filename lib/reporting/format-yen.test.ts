import { describe, expect, it } from "vitest";
import { formatYenCompact } from "./format-yen";

describe("formatYenCompact", () => {
  it("uses 億円 and 万円 in Japanese", () => {
    expect(formatYenCompact(123_000_000, "ja")).toBe("1.2億円");
    expect(formatYenCompact(3_500_000, "ja")).toBe("350万円");
    expect(formatYenCompact(-45_000, "ja")).toBe("−4.5万円");
    expect(formatYenCompact(980, "ja")).toBe("980円");
    expect(formatYenCompact(12_345_000_000, "ja")).toBe("123億円");
  });

  it("uses M JPY and k JPY in English, with thousands separators", () => {
    expect(formatYenCompact(123_000_000, "en")).toBe("123 M JPY");
    expect(formatYenCompact(3_500_000, "en")).toBe("3.5 M JPY");
    expect(formatYenCompact(-350_000, "en")).toBe("−350 k JPY");
    expect(formatYenCompact(1_234_000_000_000, "en")).toBe("1,234 bn JPY");
  });
});
