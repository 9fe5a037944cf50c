import { isDeidError } from "@/lib/deid/deid-error";
import { deidentifyCaseFile, type DeidentifiedCaseFile } from "@/lib/deid/deidentify-case-inputs";
import type { DeidKeys, FileKind } from "@/lib/deid/schema";
import { AppError } from "@/lib/errors";
import { isInferenceError } from "@/lib/inference/inference-error";
import { decodeImageBytes } from "@/lib/inference/preprocess-image";
import { readDicomCaseAttributes, type CaseAttributes } from "./read-case-attributes";

// Pure and synchronous: this runs in the image worker pool (image-tasks.ts), off the event loop.

/** A de-identified upload checked to decode, without its parsed data set (which stays in the worker). */
export type PreparedUploadFile = Omit<DeidentifiedCaseFile, "dataSet"> & { attributes: CaseAttributes };

/** An image's decoding error as the catalogued error the clinician sees, naming the file by position. */
export function imageError(error: unknown, index: number): AppError {
  const file = index + 1;
  if (isInferenceError(error, "IMAGE_TOO_LARGE")) {
    const { decodedBytes, maxDecodedBytes, maxFrames } = error.details as { decodedBytes: number; maxDecodedBytes: number; maxFrames: number };
    return new AppError("IMAGE_TOO_LARGE", { file, decodedMb: Math.ceil(decodedBytes / 1024 / 1024), maxMb: Math.floor(maxDecodedBytes / 1024 / 1024), maxFrames });
  }
  if (isInferenceError(error, "UNSUPPORTED_TRANSFER_SYNTAX") || isInferenceError(error, "UNSUPPORTED_PIXEL_FORMAT")) return new AppError("IMAGE_FORMAT_UNSUPPORTED", { file });
  return new AppError("FILE_UNREADABLE", { file });
}

function describeImage(file: DeidentifiedCaseFile): CaseAttributes {
  let decoded;
  try {
    // The data set de-identification verified is decoded as it is: the file is parsed once here.
    decoded = decodeImageBytes(file.bytes, { dataSet: file.dataSet });
  } catch (error) {
    throw imageError(error, file.index);
  }
  const fromDicom = file.kind === "dicom" && file.dataSet ? readDicomCaseAttributes(file.dataSet) : { modality: "OT", sex: null, ageBand: null, scannerVendor: null };
  return { ...fromDicom, frames: decoded.frameCount, width: decoded.width, height: decoded.height };
}

/** De-identifies one uploaded file in memory and checks that it decodes; refusals are AppErrors. */
export function prepareUploadFile(file: { bytes: Uint8Array; kind: FileKind }, index: number, keys: DeidKeys): PreparedUploadFile {
  let deidentified: DeidentifiedCaseFile;
  try {
    deidentified = deidentifyCaseFile(file, index, keys);
  } catch (error) {
    if (isDeidError(error, "INVALID_OPTIONS")) throw new AppError("INVALID_INPUT");
    if (isDeidError(error)) throw new AppError(error.code === "UNSUPPORTED_TRANSFER_SYNTAX" ? "IMAGE_FORMAT_UNSUPPORTED" : "FILE_UNREADABLE", { file: index + 1 });
    throw error;
  }
  const attributes = describeImage(deidentified);
  const { dataSet: _parsed, ...prepared } = deidentified;
  return { ...prepared, attributes };
}
