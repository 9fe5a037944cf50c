import dcmjs, { type DcmjsElement } from "dcmjs";

// A whitelisted attribute is kept only if it looks like what the standard says it is. A damaged
// file can make a kept tag's length run over the attributes that follow (a VR byte flipped to UN or
// OB takes a 32-bit length), and that value would then carry a name or a phone number out with it.

// PS3.5 Table 6.2-1: maximum length per value and the characters allowed.
const stringVrShapes: Record<string, { maxLength: number; pattern: RegExp }> = {
  AE: { maxLength: 16, pattern: /^[\x20-\x5b\x5d-\x7e]*$/ },
  AS: { maxLength: 4, pattern: /^(\d{3}[DWMY])?$/ },
  CS: { maxLength: 16, pattern: /^[A-Z0-9 _]*$/ },
  DA: { maxLength: 8, pattern: /^(\d{8})?$/ },
  DS: { maxLength: 16, pattern: /^[0-9+\-Ee. ]*$/ },
  IS: { maxLength: 12, pattern: /^[0-9+\- ]*$/ },
  LO: { maxLength: 64, pattern: /^[^\\\u0000-\u001f\ufffd]*$/u },
  SH: { maxLength: 16, pattern: /^[^\\\u0000-\u001f\ufffd]*$/u },
  TM: { maxLength: 16, pattern: /^[0-9.: ]*$/ },
  UI: { maxLength: 64, pattern: /^[0-9.]*$/ },
};
// Dictionary pseudo-VRs: "xs" is US or SS by Pixel Representation, "ox" OB or OW, "lt" US, SS or OW.
const vrAliases: Record<string, string[]> = { xs: ["US", "SS", "xs"], ox: ["OB", "OW", "ox"], lt: ["US", "SS", "OW", "lt"] };
const binaryVrs = new Set(["US", "SS", "UL", "SL", "FL", "FD", "AT", "OB", "OW", "xs", "ox", "lt"]);
// A kept binary attribute is a pixel descriptor or a lookup table; 64 KiB entries of 16 bits at most.
const maxBinaryBytes = 131_072;

function expectedVrs(keyword: string): string[] | undefined {
  const vr = dcmjs.data.DicomMetaDictionary.nameMap[keyword]?.vr;
  return vr ? (vrAliases[vr] ?? [vr]) : undefined;
}

function byteLength(value: unknown): number {
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  return typeof value === "number" ? 8 : Number.POSITIVE_INFINITY;
}

export function isWellFormedKeptValue(keyword: string, element: DcmjsElement): boolean {
  const allowed = expectedVrs(keyword);
  if (!allowed || !allowed.includes(element.vr)) return false;
  const values = element.Value ?? [];
  const stringShape = stringVrShapes[element.vr];
  if (stringShape) {
    // dcmjs reads IS and DS as numbers: a finite number (an integer for IS) is judged by its text.
    const asText = (value: unknown) => (typeof value === "number" && Number.isFinite(value) && (element.vr !== "IS" || Number.isInteger(value)) && (element.vr === "IS" || element.vr === "DS") ? String(value) : value);
    return values.map(asText).every((value) => typeof value === "string" && value.length <= stringShape.maxLength && stringShape.pattern.test(value));
  }
  if (binaryVrs.has(element.vr)) {
    return values.reduce<number>((total, value) => total + byteLength(value), 0) <= maxBinaryBytes;
  }
  return false;
}
