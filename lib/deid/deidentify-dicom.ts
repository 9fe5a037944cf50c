import dcmjs, { type DcmjsDataset, type DcmjsElement, type DicomDict } from "dcmjs";
import * as dicomParserNamespace from "dicom-parser";
import type { DataSet } from "dicom-parser";
import { assessBurnedInRisk, type BurnedInRisk } from "./assess-burned-in-risk";
import { isWellFormedKeptValue } from "./check-kept-value";
import { DeidError, isDeidError } from "./deid-error";
import { deriveDateShiftDays, derivePseudonymousUid } from "./derive-pseudonymous-uid";
import { dicomAttributeWhitelist, isPrivateTag, type DicomWhitelist } from "./dicom-attribute-whitelist";
import { derivePatientAge, generalisePatientAge } from "./generalise-patient-age";
import { deidKeysSchema, type DeidKeys } from "./schema";
import { shiftDicomDate, shiftDicomDateTime } from "./shift-dicom-date";
import { parseAndVerifyDeidentifiedDicom } from "./verify-deidentified-dicom";

// dicom-parser ships a UMD bundle: under Node ESM its functions sit on `default`, under CJS on the namespace.
const dicomParser: typeof dicomParserNamespace =
  (dicomParserNamespace as { default?: typeof dicomParserNamespace }).default ?? dicomParserNamespace;

// dcmjs logs through loglevel and would print warnings (which can quote values) to the server log.
dcmjs.log.setLevel("silent");

const IMPLICIT_LITTLE_ENDIAN = "1.2.840.10008.1.2";
const EXPLICIT_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
const EXPLICIT_BIG_ENDIAN = "1.2.840.10008.1.2.2";
const nativeTransferSyntaxes = new Set([IMPLICIT_LITTLE_ENDIAN, EXPLICIT_LITTLE_ENDIAN, EXPLICIT_BIG_ENDIAN]);
// JPEG, JPEG-LS, JPEG 2000, HTJ2K, MPEG/HEVC (…1.2.4.*) and RLE (…1.2.5): pixel data is carried over as
// encapsulated bytes. Deflate (…1.2.1.99) compresses the whole data set and is refused.
const encapsulatedTransferSyntaxPrefixes = ["1.2.840.10008.1.2.4.", "1.2.840.10008.1.2.5"];

// Our implementation's identity in the rebuilt file meta, instead of the sending system's.
const implementationClassUid = "2.25.147520739519087447355190387014318592071";
const implementationVersionName = "MMFM_DEID_1";

// PS3.16 CID 7050 (De-identification Method): what was applied, as codes a receiving system can read.
const deidentificationMethodCodes = [
  ["113100", "Basic Application Confidentiality Profile"],
  ["113107", "Retain Longitudinal Temporal Information Modified Dates Option"],
  ["113108", "Retain Patient Characteristics Option"],
] as const;
// LO allows 64 characters per value, so the description is split into values.
const deidentificationMethod = [
  "PS3.15 E.1 Basic Profile; whitelist",
  "UIDs hashed (HMAC-SHA256, 2.25)",
  "dates shifted per case",
  "private tags removed",
];

const tagHex = {
  specificCharacterSet: "00080005",
  sopClassUid: "00080016",
  sopInstanceUid: "00080018",
  studyDate: "00080020",
  seriesDate: "00080021",
  acquisitionDate: "00080022",
  contentDate: "00080023",
  modality: "00080060",
  patientName: "00100010",
  patientId: "00100020",
  patientBirthDate: "00100030",
  patientAge: "00101010",
  patientIdentityRemoved: "00120062",
  deidentificationMethod: "00120063",
  deidentificationMethodCodeSequence: "00120064",
  burnedInAnnotation: "00280301",
  recognizableVisualFeatures: "00280302",
  longitudinalTemporalInformationModified: "00280303",
  pixelData: "7FE00010",
  mediaStorageSopClassUid: "00020002",
  mediaStorageSopInstanceUid: "00020003",
  transferSyntaxUid: "00020010",
} as const;

/**
 * Counts per category; never a value. `removedAttributes` counts every original public attribute that
 * did not come through (not whitelisted, undecodable, or overwritten such as Patient Name); the content
 * of a removed sequence is not counted again.
 */
export type DicomDeidCounts = {
  removedAttributes: number;
  privateTags: number;
  sequencesRecursed: number;
  uidsReplaced: number;
  datesShifted: number;
  agesGeneralised: number;
};

export type DeidentifiedDicom = {
  bytes: Uint8Array;
  /** The output as parsed for verification, passed along so the submit path parses it once. */
  dataSet: DataSet;
  summary: DicomDeidCounts & BurnedInRisk;
};

type FilterContext = { pocSecret: string; shiftDays: number; counts: DicomDeidCounts };

function emptyCounts(): DicomDeidCounts {
  return { removedAttributes: 0, privateTags: 0, sequencesRecursed: 0, uidsReplaced: 0, datesShifted: 0, agesGeneralised: 0 };
}

function firstString(element: DcmjsElement | undefined): string | undefined {
  const value = element?.Value?.[0];
  return typeof value === "string" ? value : undefined;
}

function stringValues(element: DcmjsElement): string[] | undefined {
  const values = element.Value ?? [];
  return values.every((value): value is string => typeof value === "string") ? values : undefined;
}

/** Maps every string value, or returns undefined when one cannot be mapped, so the caller drops the element. */
function mapStrings(element: DcmjsElement, vr: string, map: (value: string) => string | undefined): DcmjsElement | undefined {
  const values = stringValues(element);
  if (!values) return undefined;
  const mapped: string[] = [];
  for (const value of values) {
    if (value.trim() === "") {
      mapped.push("");
      continue;
    }
    const next = map(value);
    if (next === undefined) return undefined;
    mapped.push(next);
  }
  // The VR is set from the rule, not copied: a damaged file may have declared another one.
  return { vr, Value: mapped };
}

function filterDataset(dataset: DcmjsDataset, whitelist: DicomWhitelist, context: FilterContext): DcmjsDataset {
  const { counts } = context;
  const kept: DcmjsDataset = {};
  for (const [tag, element] of Object.entries(dataset)) {
    if (isPrivateTag(tag)) {
      counts.privateTags += 1;
      continue;
    }
    const rule = whitelist.get(tag);
    let next: DcmjsElement | undefined;
    switch (rule?.action) {
      case "keep":
        next = isWellFormedKeptValue(rule.keyword, element) ? element : undefined;
        break;
      case "replaceUid":
        next = mapStrings(element, "UI", (uid) => derivePseudonymousUid(context.pocSecret, uid));
        if (next) counts.uidsReplaced += next.Value?.filter((value) => value !== "").length ?? 0;
        break;
      case "shiftDate":
      case "shiftDateTime": {
        const shift = rule.action === "shiftDate" ? shiftDicomDate : shiftDicomDateTime;
        next = mapStrings(element, rule.action === "shiftDate" ? "DA" : "DT", (value) => shift(value, context.shiftDays));
        if (next) counts.datesShifted += next.Value?.filter((value) => value !== "").length ?? 0;
        break;
      }
      case "sequence":
        if (element.vr === "SQ" && "items" in rule) {
          const items = (element.Value ?? []).filter((item): item is DcmjsDataset => typeof item === "object" && item !== null);
          next = { vr: "SQ", Value: items.map((item) => filterDataset(item, rule.items, context)) };
          counts.sequencesRecursed += 1;
        }
        break;
      // Patient's Age, identity attributes and pixel data are written separately below.
      default:
        next = undefined;
    }
    if (next) kept[tag] = next;
    else if (rule?.action !== "pixelData") counts.removedAttributes += 1;
  }
  return kept;
}

function patientAge(original: DcmjsDataset, counts: DicomDeidCounts): string | undefined {
  const stated = firstString(original[tagHex.patientAge]);
  const studyDate = [tagHex.studyDate, tagHex.seriesDate, tagHex.acquisitionDate, tagHex.contentDate]
    .map((tag) => firstString(original[tag]))
    .find((value) => value !== undefined && value.trim() !== "");
  const birthDate = firstString(original[tagHex.patientBirthDate]);
  const generalised =
    stated && stated.trim() !== ""
      ? generalisePatientAge(stated)
      : birthDate && studyDate
        ? derivePatientAge(birthDate, studyDate)
        : undefined;
  if (!generalised) return undefined;
  if (generalised.capped || !stated) counts.agesGeneralised += 1;
  return generalised.age;
}

function codeItem(codeValue: string, codeMeaning: string): DcmjsDataset {
  return {
    "00080100": { vr: "SH", Value: [codeValue] },
    "00080102": { vr: "SH", Value: ["DCM"] },
    "00080104": { vr: "LO", Value: [codeMeaning] },
  };
}

function supportsTransferSyntax(transferSyntaxUid: string): boolean {
  return nativeTransferSyntaxes.has(transferSyntaxUid) || encapsulatedTransferSyntaxPrefixes.some((prefix) => transferSyntaxUid.startsWith(prefix));
}

function hasDicomPreamble(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

type PixelDataLocation = { start: number; end: number; valueStart: number; valueEnd: number };

/**
 * Where the top-level Pixel Data element lies in the input, header included, so it can be copied
 * byte for byte (dcmjs re-fragments encapsulated pixel data when it writes it).
 */
function locatePixelData(bytes: Uint8Array, dataSet: DataSet, transferSyntaxUid: string): PixelDataLocation {
  const element = dataSet.elements.x7fe00010;
  if (!element) throw new DeidError("NO_PIXEL_DATA");
  const headerLength = transferSyntaxUid === IMPLICIT_LITTLE_ENDIAN ? 8 : 12;
  const start = element.dataOffset - headerLength;
  const end = element.dataOffset + element.length;
  const littleEndian = transferSyntaxUid !== EXPLICIT_BIG_ENDIAN;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tagMatches = start >= 132 && view.getUint16(start, littleEndian) === 0x7fe0 && view.getUint16(start + 2, littleEndian) === 0x0010;
  if (!tagMatches || end > bytes.length) throw new DeidError("DICOM_UNREADABLE", { reason: "pixel data out of bounds" });
  return { start, end, valueStart: element.dataOffset, valueEnd: end };
}

function checkTransferSyntax(dataSet: DataSet): string {
  const transferSyntaxUid = (dataSet.string("x00020010") ?? "").trim();
  if (transferSyntaxUid === "") throw new DeidError("DICOM_UNREADABLE", { reason: "no transfer syntax" });
  if (!supportsTransferSyntax(transferSyntaxUid)) {
    // A UID names a standard transfer syntax, never a patient; cut to the UI length limit anyway.
    throw new DeidError("UNSUPPORTED_TRANSFER_SYNTAX", { transferSyntaxUid: transferSyntaxUid.replace(/[^0-9.]/g, "").slice(0, 64) });
  }
  return transferSyntaxUid;
}

function parseWithDicomParser(bytes: Uint8Array, part: "meta" | "all"): DataSet {
  try {
    return part === "meta" ? dicomParser.readPart10Header(bytes) : dicomParser.parseDicom(bytes);
  } catch (cause) {
    // dicom-parser throws strings and Errors alike, some quoting values; only the code goes out.
    throw new DeidError("DICOM_UNREADABLE", { reason: "structure" }, { cause });
  }
}

function readWithDcmjs(bytes: Uint8Array): DicomDict {
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const read = (ignoreErrors: boolean) =>
    dcmjs.data.DicomMessage.readFile(arrayBuffer, { ignoreErrors, untilTag: tagHex.pixelData, includeUntilTagValue: false });
  try {
    return read(false);
  } catch (cause) {
    // dcmjs refuses multi-valued Specific Character Sets such as "\ISO 2022 IR 87", the usual one in
    // Japanese archives. dicom-parser has already read the whole structure, so read again leniently:
    // the values that matter (names, IDs) are replaced anyway, and kept text that fails to decode is dropped.
    const message = cause instanceof Error ? cause.message : "";
    if (!/character set/i.test(message)) throw new DeidError("DICOM_UNREADABLE", { reason: "dataset" }, { cause });
    try {
      return read(true);
    } catch (retryCause) {
      throw new DeidError("DICOM_UNREADABLE", { reason: "dataset" }, { cause: retryCause });
    }
  }
}

/** Counts what follows Pixel Data at the top level (trailing padding, signatures, private groups), all dropped. */
function countTrailingElements(dataSet: DataSet, counts: DicomDeidCounts): void {
  for (const key of Object.keys(dataSet.elements)) {
    const tag = key.slice(1).toUpperCase();
    if (tag <= tagHex.pixelData) continue;
    if (isPrivateTag(tag)) counts.privateTags += 1;
    else counts.removedAttributes += 1;
  }
}

/**
 * De-identifies one DICOM Part 10 file in memory, before anything is stored: PS3.15 Annex E Basic
 * Profile applied as a whitelist (dicom-attribute-whitelist.ts), private tags dropped, UIDs replaced
 * by HMAC-derived ones, dates shifted by the case's offset, Patient Name and ID set to the case's
 * pseudonym, and the file meta rebuilt. Pixel data is copied byte for byte in the original transfer
 * syntax; whether the pixels themselves may show text is reported as `burnedInRisk`.
 */
export function deidentifyDicom(bytes: Uint8Array, keys: DeidKeys): DeidentifiedDicom {
  try {
    return deidentifyParsedDicom(bytes, keys);
  } catch (error) {
    if (isDeidError(error)) throw error;
    // A defect or a malformed value dcmjs tripped over; its message may quote the file, so only a code goes out.
    throw new DeidError("DICOM_UNREADABLE", { reason: "unexpected" }, { cause: error });
  }
}

function deidentifyParsedDicom(bytes: Uint8Array, keys: DeidKeys): DeidentifiedDicom {
  const parsedKeys = deidKeysSchema.safeParse(keys);
  if (!parsedKeys.success) throw new DeidError("INVALID_OPTIONS", { field: String(parsedKeys.error.issues[0]?.path[0] ?? "") });
  const { pocSecret, pseudonym, caseKey } = parsedKeys.data;

  if (!hasDicomPreamble(bytes)) throw new DeidError("NOT_DICOM");
  // One full parse; only when it fails is the file meta read alone, to tell a deflated or otherwise
  // unsupported transfer syntax (which dicom-parser cannot read at all) from a broken file.
  let dataSet: DataSet;
  try {
    dataSet = parseWithDicomParser(bytes, "all");
  } catch (error) {
    checkTransferSyntax(parseWithDicomParser(bytes, "meta"));
    throw error;
  }
  const transferSyntaxUid = checkTransferSyntax(dataSet);
  const pixelData = locatePixelData(bytes, dataSet, transferSyntaxUid);

  const dicomDict = readWithDcmjs(bytes);
  const original = dicomDict.dict;
  delete original[tagHex.pixelData]; // the untilTag marker dcmjs leaves behind, without its value

  const sopClassUid = firstString(original[tagHex.sopClassUid]) ?? firstString(dicomDict.meta[tagHex.mediaStorageSopClassUid]);
  const originalSopInstanceUid = firstString(original[tagHex.sopInstanceUid]) ?? firstString(dicomDict.meta[tagHex.mediaStorageSopInstanceUid]);
  if (!sopClassUid || !originalSopInstanceUid) throw new DeidError("DICOM_UNREADABLE", { reason: "missing SOP class or instance UID" });

  const burnedInRisk = assessBurnedInRisk({
    burnedInAnnotation: firstString(original[tagHex.burnedInAnnotation]),
    recognizableVisualFeatures: firstString(original[tagHex.recognizableVisualFeatures]),
    modality: firstString(original[tagHex.modality]),
    sopClassUid,
  });

  const counts = emptyCounts();
  const context: FilterContext = { pocSecret, shiftDays: deriveDateShiftDays(pocSecret, caseKey), counts };
  const dataset = filterDataset(original, dicomAttributeWhitelist, context);
  countTrailingElements(dataSet, counts);

  const sopInstanceUid = derivePseudonymousUid(pocSecret, originalSopInstanceUid);
  if (!dataset[tagHex.sopInstanceUid]) {
    dataset[tagHex.sopInstanceUid] = { vr: "UI", Value: [sopInstanceUid] };
    counts.uidsReplaced += 1;
  }
  dataset[tagHex.sopClassUid] = { vr: "UI", Value: [sopClassUid] };
  const age = patientAge(original, counts);
  if (age) dataset[tagHex.patientAge] = { vr: "AS", Value: [age] };
  // dcmjs decodes every character set to JS strings and writes UTF-8.
  dataset[tagHex.specificCharacterSet] = { vr: "CS", Value: ["ISO_IR 192"] };
  dataset[tagHex.patientName] = { vr: "PN", Value: [{ Alphabetic: pseudonym }] };
  dataset[tagHex.patientId] = { vr: "LO", Value: [pseudonym] };
  dataset[tagHex.patientIdentityRemoved] = { vr: "CS", Value: ["YES"] };
  dataset[tagHex.deidentificationMethod] = { vr: "LO", Value: [...deidentificationMethod] };
  dataset[tagHex.deidentificationMethodCodeSequence] = {
    vr: "SQ",
    Value: deidentificationMethodCodes.map(([value, meaning]) => codeItem(value, meaning)),
  };
  dataset[tagHex.longitudinalTemporalInformationModified] = { vr: "CS", Value: ["MODIFIED"] };

  const meta: DcmjsDataset = {
    "00020001": { vr: "OB", Value: [new Uint8Array([0, 1]).buffer] },
    [tagHex.mediaStorageSopClassUid]: { vr: "UI", Value: [sopClassUid] },
    [tagHex.mediaStorageSopInstanceUid]: { vr: "UI", Value: [sopInstanceUid] },
    [tagHex.transferSyntaxUid]: { vr: "UI", Value: [transferSyntaxUid] },
    "00020012": { vr: "UI", Value: [implementationClassUid] },
    "00020013": { vr: "SH", Value: [implementationVersionName] },
  };

  let withoutPixels: Uint8Array;
  try {
    const writer = new dcmjs.data.DicomDict(meta);
    writer.dict = dataset;
    withoutPixels = new Uint8Array(writer.write());
  } catch (cause) {
    throw new DeidError("DICOM_UNREADABLE", { reason: "rewrite" }, { cause });
  }

  // Pixel Data has the highest tag kept, so appending it keeps the data set in ascending tag order.
  const output = new Uint8Array(withoutPixels.length + (pixelData.end - pixelData.start));
  output.set(withoutPixels, 0);
  output.set(bytes.subarray(pixelData.start, pixelData.end), withoutPixels.length);

  const { problems, dataSet: outputDataSet } = parseAndVerifyDeidentifiedDicom(output, { expectedPixelData: bytes.subarray(pixelData.valueStart, pixelData.valueEnd) });
  if (problems.length > 0 || !outputDataSet) {
    throw new DeidError("VERIFICATION_FAILED", { problem: problems[0]?.code ?? "UNREADABLE", tag: problems[0]?.tag ?? "" });
  }

  return { bytes: output, dataSet: outputDataSet, summary: { ...counts, ...burnedInRisk } };
}
