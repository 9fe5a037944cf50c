import type { IntendedInputs } from "./manifest-evidence";

// The declared half of the intended-use gate: the image's own DICOM attributes against the
// manifest's `intendedInputs`. (The other half, the embedding-distance score, runs with the model.)

export type IntendedUseReasonCode = "NOT_DICOM" | "DICOM_MODALITY" | "BODY_PART" | "PHOTOMETRIC_INTERPRETATION" | "PIXEL_SPACING" | "PATIENT_AGE";

/** What the gate reads from a de-identified image; null = the file does not say. */
export type IntendedUseAttributes = {
  isDicom: boolean;
  modality: string | null;
  bodyPart: string | null;
  photometricInterpretation: string | null;
  /** Row and column spacing in mm (ImagerPixelSpacing for projection radiographs, else PixelSpacing). */
  pixelSpacingMm: number[] | null;
  patientAgeYears: number | null;
};

const normalised = (value: string | null) => (value === null ? null : value.trim().toUpperCase().replace(/\s+/g, " "));

/**
 * Reason codes, empty when the image is inside the intended use. An attribute the file does not
 * carry fails its check: a gate that passes what it cannot see would not be a gate. A non-DICOM
 * image (PNG, JPEG) carries none of them and gets the one reason NOT_DICOM.
 */
export function checkIntendedUse(intended: IntendedInputs, attributes: IntendedUseAttributes): IntendedUseReasonCode[] {
  if (!attributes.isDicom) return ["NOT_DICOM"];
  const reasons: IntendedUseReasonCode[] = [];
  const modality = normalised(attributes.modality);
  if (modality === null || !intended.dicomModalities.includes(modality)) reasons.push("DICOM_MODALITY");
  const bodyPart = normalised(attributes.bodyPart);
  if (bodyPart === null || !intended.bodyParts.includes(bodyPart)) reasons.push("BODY_PART");
  const photometric = normalised(attributes.photometricInterpretation);
  if (photometric === null || !(intended.photometricInterpretations as string[]).includes(photometric)) reasons.push("PHOTOMETRIC_INTERPRETATION");
  const spacing = attributes.pixelSpacingMm;
  const { min: minMm, max: maxMm } = intended.pixelSpacingMm;
  if (!spacing || spacing.length === 0 || spacing.some((mm) => !Number.isFinite(mm) || mm < minMm || mm > maxMm)) reasons.push("PIXEL_SPACING");
  const age = attributes.patientAgeYears;
  if (age === null || !Number.isFinite(age) || age < intended.patientAgeYears.min || age > intended.patientAgeYears.max) reasons.push("PATIENT_AGE");
  return reasons;
}
