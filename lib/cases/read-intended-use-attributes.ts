import dicomParser from "dicom-parser";
import type { IntendedUseAttributes } from "@/lib/inference/check-intended-use";

/** DICOM age string (nnnD/W/M/Y) in years; null when absent or malformed. */
function ageInYears(age: string | undefined): number | null {
  const match = /^(\d{3})([DWMY])$/.exec(age?.trim() ?? "");
  if (!match) return null;
  const value = Number(match[1]);
  return { D: value / 365, W: value / 52, M: value / 12, Y: value }[match[2] as "D" | "W" | "M" | "Y"];
}

function spacing(dataSet: dicomParser.DataSet, tag: string): number[] | null {
  const text = dataSet.string(tag);
  if (!text) return null;
  const values = text.split("\\").map((part) => Number(part.trim()));
  return values.length > 0 && values.every(Number.isFinite) ? values : null;
}

/**
 * The attributes the intended-use gate checks, read from the de-identified file (the whitelist keeps
 * Modality, BodyPartExamined, PhotometricInterpretation, the pixel spacings and a generalised age).
 * Projection radiographs state the detector's spacing in ImagerPixelSpacing; others in PixelSpacing.
 */
export function readIntendedUseAttributes(input: Uint8Array | dicomParser.DataSet | null): IntendedUseAttributes {
  if (input === null) return { isDicom: false, modality: null, bodyPart: null, photometricInterpretation: null, pixelSpacingMm: null, patientAgeYears: null };
  const dataSet = input instanceof Uint8Array ? dicomParser.parseDicom(input) : input;
  return {
    isDicom: true,
    modality: dataSet.string("x00080060")?.trim() || null,
    bodyPart: dataSet.string("x00180015")?.trim() || null,
    photometricInterpretation: dataSet.string("x00280004")?.trim() || null,
    pixelSpacingMm: spacing(dataSet, "x00181164") ?? spacing(dataSet, "x00280030"),
    patientAgeYears: ageInYears(dataSet.string("x00101010")),
  };
}
