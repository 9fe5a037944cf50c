// The slice of @lhncbc/ucum-lhc 7.1 that lib/ehr uses; the package ships no type declarations.
declare module "@lhncbc/ucum-lhc" {
  type ConversionResult = { status: string; toVal?: number; msg?: string[] };
  const ucum: { UcumLhcUtils: { getInstance(): { convertUnitTo(from: string, value: number, to: string): ConversionResult } } };
  export default ucum;
}
