import type { DataSet } from "dicom-parser";
import { type BurnedInRiskReason } from "./assess-burned-in-risk";
import { DeidError, isDeidError } from "./deid-error";
import { deidentifyDicom, type DicomDeidCounts } from "./deidentify-dicom";
import { emptyImageMetadataCounts, type ImageMetadataCounts } from "./image-metadata-counts";
import { caseInputsSchema, type CaseInputs, type FileKind } from "./schema";
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

export type DeidentifiedCaseInputs = {
  files: DeidentifiedFile[];
  note: string;
  summary: CaseDeidSummary;
};

function emptyDicomCounts(): DicomDeidCounts {
  return { removedAttributes: 0, privateTags: 0, sequencesRecursed: 0, uidsReplaced: 0, datesShifted: 0, agesGeneralised: 0 };
}

function addCounts<T extends Record<string, number>>(total: T, part: T): void {
  for (const key of Object.keys(part) as Array<keyof T>) total[key] = (total[key] + part[key]) as T[keyof T];
}

function deidentifyFile(bytes: Uint8Array, claimedKind: FileKind, keys: Pick<CaseInputs, "pocSecret" | "pseudonym" | "caseKey">, summary: CaseDeidSummary) {
  // The kind is checked again from the bytes: an upload labelled DICOM that is a PNG must not skip PNG stripping.
  const kind = sniffFileKind(bytes);
  if (kind !== claimedKind) throw new DeidError("FILE_KIND_MISMATCH", { claimedKind, sniffedKind: kind });
  summary.files[kind] += 1;

  if (kind === "dicom") {
    const { bytes: output, dataSet, summary: dicomSummary } = deidentifyDicom(bytes, keys);
    const { burnedInRisk, reasons, ...counts } = dicomSummary;
    addCounts(summary.dicom, counts);
    return { kind, bytes: output, dataSet, burnedInRisk, burnedInReasons: reasons };
  }
  const stripped = kind === "png" ? stripPngMetadata(bytes) : stripJpegMetadata(bytes);
  addCounts(summary.images, stripped.summary);
  const reasons: BurnedInRiskReason[] = ["NON_DICOM_IMAGE"];
  return { kind, bytes: stripped.bytes, burnedInRisk: true, burnedInReasons: reasons };
}

/**
 * De-identifies everything a case brings in, in memory, before any of it is written to disk or the
 * database: each DICOM file (deidentifyDicom), each PNG/JPEG (metadata stripped losslessly;
 * re-encoding is the caller's job) and the clinical note (scrubNote; a birth date's age band is taken
 * at `referenceDate`, today by default). All or nothing: the first file
 * that cannot be de-identified refuses the whole case with a DeidError whose details name the file's
 * position, never its content.
 */
export async function deidentifyCaseInputs(inputs: CaseInputs, { referenceDate = new Date() }: { referenceDate?: Date } = {}): Promise<DeidentifiedCaseInputs> {
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

  const deidentified = files.map((file, index): DeidentifiedFile => {
    try {
      const result = deidentifyFile(file.bytes, file.kind, { pocSecret, pseudonym, caseKey }, summary);
      if (result.burnedInRisk) summary.burnedInRisk.files += 1;
      for (const reason of result.burnedInReasons) summary.burnedInRisk.reasons[reason] = (summary.burnedInRisk.reasons[reason] ?? 0) + 1;
      return { index, ...result };
    } catch (error) {
      if (isDeidError(error)) throw new DeidError(error.code, { ...error.details, fileIndex: index }, { cause: error });
      // Anything else is a defect; its message may quote bytes, so only the position goes out.
      throw new DeidError("INTERNAL", { fileIndex: index }, { cause: error });
    }
  });

  return { files: deidentified, note: scrubbed.text, summary };
}
