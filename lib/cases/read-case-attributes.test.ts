import { readFileSync } from "node:fs";
import dicomParser from "dicom-parser";
import { describe, expect, it } from "vitest";
import { ageBandOf, readDicomCaseAttributes } from "./read-case-attributes";

describe("case attributes", () => {
  it("bands ages at the subgroup boundaries", () => {
    expect([0, 17, 18, 39, 40, 64, 65, 79, 80, 101].map(ageBandOf)).toEqual(["0-17", "0-17", "18-39", "18-39", "40-64", "40-64", "65-79", "65-79", "80+", "80+"]);
  });

  it("reads modality, sex, age band and vendor from a DICOM file", () => {
    const attributes = readDicomCaseAttributes(dicomParser.parseDicom(readFileSync("tests/fixtures/dicom/CT_small.dcm")));
    expect(attributes.modality).toBe("CT");
    expect(attributes.scannerVendor).toBe("GE MEDICAL SYSTEMS");
    expect(["F", "M", "O", null]).toContain(attributes.sex);
  });
});
