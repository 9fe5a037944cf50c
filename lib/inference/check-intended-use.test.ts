import { describe, expect, it } from "vitest";
import { checkIntendedUse, type IntendedUseAttributes } from "./check-intended-use";
import type { IntendedInputs } from "./manifest-evidence";

const intended: IntendedInputs = {
  dicomModalities: ["CR", "DX"],
  bodyParts: ["CHEST"],
  photometricInterpretations: ["MONOCHROME1", "MONOCHROME2"],
  pixelSpacingMm: { min: 0.05, max: 0.5 },
  patientAgeYears: { min: 18, max: 89 },
};

const chestRadiograph = (overrides: Partial<IntendedUseAttributes> = {}): IntendedUseAttributes => ({
  isDicom: true,
  modality: "CR",
  bodyPart: "CHEST",
  photometricInterpretation: "MONOCHROME2",
  pixelSpacingMm: [0.15, 0.15],
  patientAgeYears: 45,
  ...overrides,
});

describe("checkIntendedUse", () => {
  it("passes an adult chest radiograph", () => {
    expect(checkIntendedUse(intended, chestRadiograph())).toEqual([]);
    expect(checkIntendedUse(intended, chestRadiograph({ modality: "dx ", bodyPart: "chest" }))).toEqual([]);
  });

  it("refuses a chest CT slice by its modality (the case the issue reports)", () => {
    expect(checkIntendedUse(intended, chestRadiograph({ modality: "CT", pixelSpacingMm: [0.7, 0.7] }))).toEqual(["DICOM_MODALITY", "PIXEL_SPACING"]);
  });

  it("names each failed check", () => {
    expect(checkIntendedUse(intended, chestRadiograph({ bodyPart: "HAND" }))).toEqual(["BODY_PART"]);
    expect(checkIntendedUse(intended, chestRadiograph({ photometricInterpretation: "RGB" }))).toEqual(["PHOTOMETRIC_INTERPRETATION"]);
    expect(checkIntendedUse(intended, chestRadiograph({ pixelSpacingMm: [0.15, 0.6] }))).toEqual(["PIXEL_SPACING"]);
    expect(checkIntendedUse(intended, chestRadiograph({ patientAgeYears: 12 }))).toEqual(["PATIENT_AGE"]);
    expect(checkIntendedUse(intended, chestRadiograph({ patientAgeYears: 90 }))).toEqual(["PATIENT_AGE"]);
  });

  it("fails a check whose attribute the file does not carry", () => {
    expect(checkIntendedUse(intended, chestRadiograph({ bodyPart: null, pixelSpacingMm: null, patientAgeYears: null }))).toEqual(["BODY_PART", "PIXEL_SPACING", "PATIENT_AGE"]);
  });

  it("gives a PNG or JPEG the one reason NOT_DICOM", () => {
    expect(checkIntendedUse(intended, { isDicom: false, modality: null, bodyPart: null, photometricInterpretation: null, pixelSpacingMm: null, patientAgeYears: null })).toEqual(["NOT_DICOM"]);
  });
});
