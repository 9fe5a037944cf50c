import type { OutOfIntendedUsePolicy } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { checkIntendedUse, type IntendedUseAttributes, type IntendedUseReasonCode } from "@/lib/inference/check-intended-use";
import { modelManifestSchema } from "@/lib/inference/manifest";
import type { IntendedInputs } from "@/lib/inference/manifest-evidence";

export type IntendedUseAssessment = { outOfIntendedUse: boolean; reasons: IntendedUseReasonCode[] };

/** The failed checks in DICOM's own keywords (the same in both languages), with what was intended; never the age itself. */
function describeIntendedUseReasons(reasons: IntendedUseReasonCode[], intended: IntendedInputs, found: IntendedUseAttributes): string {
  const text: Record<IntendedUseReasonCode, () => string> = {
    NOT_DICOM: () => `PNG/JPEG ≠ DICOM ${intended.dicomModalities.join("/")}`,
    DICOM_MODALITY: () => `Modality ${found.modality ?? "—"} ≠ ${intended.dicomModalities.join("/")}`,
    BODY_PART: () => `BodyPartExamined ${found.bodyPart ?? "—"} ≠ ${intended.bodyParts.join("/")}`,
    PHOTOMETRIC_INTERPRETATION: () => `PhotometricInterpretation ${found.photometricInterpretation ?? "—"} ≠ ${intended.photometricInterpretations.join("/")}`,
    PIXEL_SPACING: () => `PixelSpacing ${found.pixelSpacingMm?.join("\\") ?? "—"} mm ∉ ${intended.pixelSpacingMm.min}–${intended.pixelSpacingMm.max} mm`,
    PATIENT_AGE: () => `PatientAge ∉ ${intended.patientAgeYears.min}–${intended.patientAgeYears.max} y`,
  };
  return reasons.map((reason) => text[reason]()).join("; ");
}

/**
 * The declared intended-use gate at submission, on the image the model will see (the first file,
 * after de-identification). A model without declared intended inputs (schemaVersion 1) passes
 * everything. Outside it: refused under REFUSE (nothing is written), flagged under FLAG (the case is
 * kept, marked, and left out of the KPIs).
 */
export function assessIntendedUse(
  manifestJson: unknown,
  policy: OutOfIntendedUsePolicy,
  /** Read from the first file's de-identified data set (prepare-upload-file.ts). */
  attributes: IntendedUseAttributes,
  options: { preview?: boolean } = {},
): IntendedUseAssessment & { details: string } {
  const manifest = modelManifestSchema.parse(manifestJson);
  if (manifest.schemaVersion === 1) return { outOfIntendedUse: false, reasons: [], details: "" };
  const reasons = checkIntendedUse(manifest.intendedInputs, attributes);
  const details = describeIntendedUseReasons(reasons, manifest.intendedInputs, attributes);
  // The preview reports what submitting would do; only the submission itself is refused.
  if (reasons.length > 0 && policy === "REFUSE" && !options.preview) throw new AppError("CASE_OUTSIDE_INTENDED_USE", { reasons: details });
  return { outOfIntendedUse: reasons.length > 0, reasons, details };
}
