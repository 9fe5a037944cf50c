import { describe, expect, it } from "vitest";
import { formatJpy, formatKpiValue } from "./format-kpi-value";

describe("formatKpiValue", () => {
  it("writes every unit with its label", () => {
    expect(formatKpiValue(-0.183, "ratio", "en", "%")).toBe("-18.3%");
    expect(formatKpiValue(12_750, "ms", "ja", "秒")).toBe("12.8 秒");
    expect(formatKpiValue(0.5, "kappa", "en", "")).toBe("0.500");
    expect(formatKpiValue(null, "ratio", "en", "%")).toBe("—");
    expect(formatJpy(1234567.4, "en")).toBe("¥1,234,567");
  });
});
