import { createHash, randomBytes } from "node:crypto";
import dcmjs from "dcmjs";

// Writes DICOM Part 10 files from keyword-keyed data sets with dcmjs (explicit VR little endian).
// Used for the demo studies and for the results sent back to PACS (SR and secondary capture).

const explicitVrLittleEndian = "1.2.840.10008.1.2.1";
const implementationClassUid = "2.25.255474539245963512874619235197862791146";

/** A UID under the 2.25 root (ITU-T X.667): from a seed when it must be stable, else random. */
export function uidFrom(seed?: string): string {
  const bytes = seed === undefined ? randomBytes(16) : createHash("sha256").update(seed).digest().subarray(0, 16);
  return `2.25.${BigInt(`0x${bytes.toString("hex")}`).toString(10)}`;
}

/** `dataset` uses dcmjs keywords (PatientID, PixelData as [ArrayBuffer], sequences as arrays of data sets). */
export function writeDicomPart10(dataset: Record<string, unknown> & { SOPClassUID: string; SOPInstanceUID: string }): Uint8Array {
  const meta = {
    "00020001": { vr: "OB", Value: [new Uint8Array([0, 1]).buffer] },
    "00020002": { vr: "UI", Value: [dataset.SOPClassUID] },
    "00020003": { vr: "UI", Value: [dataset.SOPInstanceUID] },
    "00020010": { vr: "UI", Value: [explicitVrLittleEndian] },
    "00020012": { vr: "UI", Value: [implementationClassUid] },
    "00020013": { vr: "SH", Value: ["MMFM_PORTAL"] },
  };
  const dict = new dcmjs.data.DicomDict(meta);
  dict.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset(dataset);
  return new Uint8Array(dict.write());
}

/** DICOM DA from a Date (UTC). */
export function dicomDate(date: Date): string {
  return date.toISOString().slice(0, 10).replaceAll("-", "");
}
