import { createRequire } from "node:module";

// UCUM conversion through the NLM's @lhncbc/ucum-lhc (CommonJS, no types): loaded once per process.
type UcumUtils = { convertUnitTo(from: string, value: number, to: string): { status: string; toVal?: number } };

let utils: UcumUtils | undefined;

function ucum(): UcumUtils {
  if (!utils) {
    const require = createRequire(import.meta.url);
    const ucumPackage = require("@lhncbc/ucum-lhc") as { UcumLhcUtils: { getInstance(): UcumUtils } };
    utils = ucumPackage.UcumLhcUtils.getInstance();
  }
  return utils;
}

/** `value` in `fromUnit` expressed in `toUnit` (both UCUM codes), or null when they do not convert. */
export function convertUcum(value: number, fromUnit: string, toUnit: string): number | null {
  if (fromUnit === toUnit) return value;
  let result;
  try {
    result = ucum().convertUnitTo(fromUnit, value, toUnit);
  } catch {
    return null;
  }
  if (result.status !== "succeeded" || typeof result.toVal !== "number" || !Number.isFinite(result.toVal)) return null;
  // Floating-point conversion noise (38.50000000000006) is not information.
  return Number(result.toVal.toPrecision(12));
}
