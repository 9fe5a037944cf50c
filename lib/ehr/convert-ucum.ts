import ucumPackage from "@lhncbc/ucum-lhc";

// UCUM conversion through the NLM's @lhncbc/ucum-lhc (CommonJS; external to the Next bundle, see
// next.config.js). Its unit tables load once per process, on first use.
let utils: ReturnType<typeof ucumPackage.UcumLhcUtils.getInstance> | undefined;

function ucum() {
  utils ??= ucumPackage.UcumLhcUtils.getInstance();
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
