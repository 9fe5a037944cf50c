import type { DataSet } from "dicom-parser";
import { type BurnedInRiskReason } from "./assess-burned-in-risk";
import { DeidError, isDeidError } from "./deid-error";
import { deidentifyDicom, type DicomDeidCounts } from "./deidentify-dicom";
import { emptyImageMetadataCounts, type ImageMetadataCounts } from "./image-metadata-counts";
import { caseInputsSchema, type CaseInputs, type DeidKeys, type FileKind } from "./schema";
import { deriveDateShiftDays } from "./derive-pseudonymous-uid";
import type { NoteIdentifierCategory } from "./note-identifier-categories";
import { scrubNote } from "./scrub-note";
import { sniffFileKind } from "./sniff-file-kind";
import { stripJpegMetadata } from "./strip-jpeg-metadata";
import { stripPngMetadata } from "./strip-png-metadata";

export type DeidentifiedFile = {
  /** Position in the input list, so the caller can match results to uploads. */
  index: number;
  kind: FileKind;
  bytes: Uint8Array;
  burnedInRisk: boolean;
  burnedInReasons: BurnedInRiskReason[];
  /** DICOM only: the de-identified output, already parsed, for decoding and attributes downstream. */
  dataSet?: DataSet;
};

/** One summary for the whole case: categories and counts only, safe for the audit log. */
export type CaseDeidSummary = {
  files: Record<FileKind, number>;
  dicom: DicomDeidCounts;
  images: ImageMetadataCounts;
  note: Record<NoteIdentifierCategory, number>;
  burnedInRisk: { files: number; reasons: Partial<Record<BurnedInRiskReason, number>> };
};

export type DeidentifiedCaseInputs<F extends DeidentifiedFile = DeidentifiedFile> = {
  files: F[];
  note: string;
  summary: CaseDeidSummary;
};

function emptyDicomCounts(): DicomDeidCounts {
  return { removedAttributes: 0, privateTags: 0, sequencesRecursed: 0, uidsReplaced: 0, datesShifted: 0, agesGeneralised: 0 };
}

function addCounts<T extends Record<string, number>>(total: T, part: T): void {
  for (const key of Object.keys(part) as Array<keyof T>) total[key] = (total[key] + part[key]) as T[keyof T];
}

function deidentifyFile(bytes: Uint8Array, claimedKind: FileKind, keys: Pick<CaseInputs, "pocSecret" | "pseudonym" | "caseKey">): Omit<DeidentifiedCaseFile, "index"> {
  // The kind is checked again from the bytes: an upload labelled DICOM that is a PNG must not skip PNG stripping.
  const kind = sniffFileKind(bytes);
  if (kind !== claimedKind) throw new DeidError("FILE_KIND_MISMATCH", { claimedKind, sniffedKind: kind });

  if (kind === "dicom") {
    const { bytes: output, dataSet, summary: dicomSummary } = deidentifyDicom(bytes, keys);
    const { burnedInRisk, reasons, ...counts } = dicomSummary;
    return { kind, bytes: output, dataSet, burnedInRisk, burnedInReasons: reasons, counts: { dicom: counts } };
  }
  const stripped = kind === "png" ? stripPngMetadata(bytes) : stripJpegMetadata(bytes);
  const reasons: BurnedInRiskReason[] = ["NON_DICOM_IMAGE"];
  return { kind, bytes: stripped.bytes, burnedInRisk: true, burnedInReasons: reasons, counts: { images: stripped.summary } };
}

/** One file's result with its share of the case summary's counts. */
export type DeidentifiedCaseFile = DeidentifiedFile & { counts: { dicom?: DicomDeidCounts; images?: ImageMetadataCounts } };

/**
 * De-identifies one file of a case (position `index`), in memory. Synchronous and free of I/O, so it
 * can run in a worker thread. A failure is a DeidError whose details name the position, never content.
 */
export function deidentifyCaseFile(file: { bytes: Uint8Array; kind: FileKind }, index: number, keys: DeidKeys): DeidentifiedCaseFile {
  try {
    return { index, ...deidentifyFile(file.bytes, file.kind, keys) };
  } catch (error) {
    if (isDeidError(error)) throw new DeidError(error.code, { ...error.details, fileIndex: index }, { cause: error });
    // Anything else is a defect; its message may quote bytes, so only the position goes out.
    throw new DeidError("INTERNAL", { fileIndex: index }, { cause: error });
  }
}

export type DeidentifyCaseInputsOptions<F extends DeidentifiedCaseFile> = {
  referenceDate?: Date;
  /** Runs deidentifyCaseFile somewhere else (a worker pool) and may add to its result; files run concurrently. */
  processFile?: (file: { bytes: Uint8Array; kind: FileKind }, index: number, keys: DeidKeys) => Promise<F>;
};

/**
 * De-identifies everything a case brings in, in memory, before any of it is written to disk or the
 * database: each DICOM file (deidentifyDicom), each PNG/JPEG (metadata stripped losslessly;
 * re-encoding is the caller's job) and the clinical note (scrubNote; a birth date's age band is taken
 * at `referenceDate`, today by default). All or nothing: the first file
 * that cannot be de-identified refuses the whole case with a DeidError whose details name the file's
 * position, never its content.
 */
export async function deidentifyCaseInputs<F extends DeidentifiedCaseFile = DeidentifiedCaseFile>(inputs: CaseInputs, options: DeidentifyCaseInputsOptions<F> = {}): Promise<DeidentifiedCaseInputs<F>> {
  const { referenceDate = new Date() } = options;
  const processFile = options.processFile ?? (async (file, index, keys) => deidentifyCaseFile(file, index, keys) as F);
  const parsed = caseInputsSchema.safeParse(inputs);
  if (!parsed.success) throw new DeidError("INVALID_OPTIONS", { field: String(parsed.error.issues[0]?.path.join(".") ?? "") });
  const { pocSecret, pseudonym, caseKey, files, note } = parsed.data;

  // The note's dates move by the same per-case offset as the DICOM dates, so intervals between them hold.
  const scrubbed = await scrubNote(note, { shiftDays: deriveDateShiftDays(pocSecret, caseKey), referenceDate });
  const summary: CaseDeidSummary = {
    files: { dicom: 0, png: 0, jpeg: 0 },
    dicom: emptyDicomCounts(),
    images: emptyImageMetadataCounts(),
    note: scrubbed.removed,
    burnedInRisk: { files: 0, reasons: {} },
  };

  // All files run; the lowest position that failed refuses the case, as if they had run in order.
  const settled = await Promise.allSettled(files.map((file, index) => processFile(file, index, { pocSecret, pseudonym, caseKey })));
  const failed = settled.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  const deidentified = settled.map((result) => (result as PromiseFulfilledResult<F>).value);
  for (const file of deidentified) {
    summary.files[file.kind] += 1;
    if (file.counts.dicom) addCounts(summary.dicom, file.counts.dicom);
    if (file.counts.images) addCounts(summary.images, file.counts.images);
    if (file.burnedInRisk) summary.burnedInRisk.files += 1;
    for (const reason of file.burnedInReasons) summary.burnedInRisk.reasons[reason] = (summary.burnedInRisk.reasons[reason] ?? 0) + 1;
  }

  return { files: deidentified, note: scrubbed.text, summary };
}
