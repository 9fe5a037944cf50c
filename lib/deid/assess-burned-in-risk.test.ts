import { describe, expect, it } from "vitest";
import { assessBurnedInRisk } from "./assess-burned-in-risk";

describe("assessBurnedInRisk", () => {
  it("flags burned-in annotation, ultrasound, secondary capture and visible light, with reasons", () => {
    expect(assessBurnedInRisk({ burnedInAnnotation: "YES", modality: "CT", sopClassUid: "1.2.840.10008.5.1.4.1.1.2" }).reasons).toEqual(["BURNED_IN_ANNOTATION_YES"]);
    expect(assessBurnedInRisk({ modality: "US" }).reasons).toEqual(["ULTRASOUND_MODALITY"]);
    expect(assessBurnedInRisk({ sopClassUid: "1.2.840.10008.5.1.4.1.1.3.1" }).reasons).toEqual(["ULTRASOUND_SOP_CLASS"]);
    expect(assessBurnedInRisk({ sopClassUid: "1.2.840.10008.5.1.4.1.1.7" }).reasons).toEqual(["SECONDARY_CAPTURE_SOP_CLASS"]);
    expect(assessBurnedInRisk({ sopClassUid: "1.2.840.10008.5.1.4.1.1.7.4" }).reasons).toEqual(["SECONDARY_CAPTURE_SOP_CLASS"]);
    expect(assessBurnedInRisk({ sopClassUid: "1.2.840.10008.5.1.4.1.1.77.1.1" }).reasons).toEqual(["VISIBLE_LIGHT_SOP_CLASS"]);
    expect(assessBurnedInRisk({ recognizableVisualFeatures: "yes " }).reasons).toEqual(["RECOGNIZABLE_VISUAL_FEATURES_YES"]);
  });

  it("does not flag a CT or a chest radiograph without those signs", () => {
    expect(assessBurnedInRisk({ burnedInAnnotation: "NO", modality: "CT", sopClassUid: "1.2.840.10008.5.1.4.1.1.2" })).toEqual({ burnedInRisk: false, reasons: [] });
    expect(assessBurnedInRisk({ modality: "DX", sopClassUid: "1.2.840.10008.5.1.4.1.1.1.1" }).burnedInRisk).toBe(false);
    // A class that merely starts with the same digits is not Secondary Capture (…1.1.77 is not …1.1.7).
    expect(assessBurnedInRisk({ sopClassUid: "1.2.840.10008.5.1.4.1.1.77.2" }).burnedInRisk).toBe(false);
  });
});
