import * as dicomParserNamespace from "dicom-parser";
import type { DataSet } from "dicom-parser";
import { dicomAttributeWhitelist, fileMetaWhitelist, isPrivateTag, type DicomWhitelist } from "./dicom-attribute-whitelist";

const dicomParser: typeof dicomParserNamespace =
  (dicomParserNamespace as { default?: typeof dicomParserNamespace }).default ?? dicomParserNamespace;

export type DicomVerificationProblem = {
  code:
    | "UNREADABLE"
    | "PRIVATE_TAG"
    | "NOT_WHITELISTED"
    | "IDENTITY_NOT_REMOVED"
    | "MEDIA_STORAGE_UID_MISMATCH"
    | "PIXEL_DATA_CHANGED";
  /** Tag number ("GGGGEEEE") and path of nested sequences; never a value. */
  tag?: string;
};

export type VerifyDeidentifiedDicomOptions = {
  /** The original Pixel Data value; when given, the output's must be identical byte for byte. */
  expectedPixelData?: Uint8Array;
};

function walk(dataSet: DataSet, whitelist: DicomWhitelist, path: string, problems: DicomVerificationProblem[], topLevel: boolean): void {
  for (const [key, element] of Object.entries(dataSet.elements)) {
    const tag = key.slice(1).toUpperCase();
    const where = path ? `${path}/${tag}` : tag;
    if (tag.startsWith("FFFE")) continue; // item and sequence delimiters: structure, not attributes
    if (isPrivateTag(tag)) {
      problems.push({ code: "PRIVATE_TAG", tag: where });
      continue;
    }
    const rule = (topLevel && tag.startsWith("0002") ? fileMetaWhitelist : whitelist).get(tag);
    if (!rule) {
      problems.push({ code: "NOT_WHITELISTED", tag: where });
      continue;
    }
    for (const item of element.items ?? []) {
      if (!("items" in rule) || !item.dataSet) {
        problems.push({ code: "NOT_WHITELISTED", tag: where });
        break;
      }
      walk(item.dataSet, rule.items, where, problems, false);
    }
  }
}

/**
 * Re-reads a de-identified file with a second, independent parser (dicom-parser, not the dcmjs that
 * wrote it) and lists what should not be there. Used as a last check before bytes leave lib/deid, and
 * by the tests.
 */
export function verifyDeidentifiedDicom(bytes: Uint8Array, options: VerifyDeidentifiedDicomOptions = {}): DicomVerificationProblem[] {
  return parseAndVerifyDeidentifiedDicom(bytes, options).problems;
}

/** As verifyDeidentifiedDicom, and hands back the parsed output so nothing downstream parses it again. */
export function parseAndVerifyDeidentifiedDicom(bytes: Uint8Array, options: VerifyDeidentifiedDicomOptions = {}): { problems: DicomVerificationProblem[]; dataSet: DataSet | null } {
  let dataSet: DataSet;
  try {
    dataSet = dicomParser.parseDicom(bytes);
  } catch {
    return { problems: [{ code: "UNREADABLE" }], dataSet: null };
  }
  const problems: DicomVerificationProblem[] = [];
  walk(dataSet, dicomAttributeWhitelist, "", problems, true);

  if (dataSet.string("x00120062")?.trim() !== "YES") problems.push({ code: "IDENTITY_NOT_REMOVED", tag: "00120062" });
  const sopInstanceUid = dataSet.string("x00080018")?.trim();
  if (!sopInstanceUid || sopInstanceUid !== dataSet.string("x00020003")?.trim()) {
    problems.push({ code: "MEDIA_STORAGE_UID_MISMATCH", tag: "00020003" });
  }
  if (options.expectedPixelData) {
    const element = dataSet.elements.x7fe00010;
    const actual = element ? bytes.subarray(element.dataOffset, element.dataOffset + element.length) : undefined;
    if (!actual || Buffer.compare(actual, options.expectedPixelData) !== 0) problems.push({ code: "PIXEL_DATA_CHANGED", tag: "7FE00010" });
  }
  return { problems, dataSet };
}
