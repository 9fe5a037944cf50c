import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixturePath } from "@/lib/inference/testing/reference-model";
import { readIntendedUseAttributes } from "./read-intended-use-attributes";

const read = (name: string) => readIntendedUseAttributes(new Uint8Array(readFileSync(fixturePath("dicom", name))));

describe("readIntendedUseAttributes", () => {
  it("reads a chest radiograph's modality, body part, photometric interpretation, detector spacing and age", () => {
    expect(read("chest-cr.dcm")).toEqual({ isDicom: true, modality: "CR", bodyPart: "CHEST", photometricInterpretation: "MONOCHROME2", pixelSpacingMm: [0.15, 0.15], patientAgeYears: 45 });
  });

  it("reads a CT slice's PixelSpacing when there is no ImagerPixelSpacing", () => {
    expect(read("chest-ct-slice.dcm")).toMatchObject({ modality: "CT", bodyPart: "CHEST", pixelSpacingMm: [0.7, 0.7] });
  });

  it("says null for what a file does not carry, and isDicom false without a DICOM file", () => {
    expect(read("MR_small.dcm").bodyPart).toBeNull();
    expect(readIntendedUseAttributes(null).isDicom).toBe(false);
  });
});
