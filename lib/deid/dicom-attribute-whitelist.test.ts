import dcmjs from "dcmjs";
import { describe, expect, it } from "vitest";
import { dicomAttributeWhitelist, fileMetaWhitelist, isPrivateTag, type DicomWhitelist } from "./dicom-attribute-whitelist";

function allRules(whitelist: DicomWhitelist): Array<[string, string]> {
  return [...whitelist.entries()].flatMap(([tag, rule]) => [[tag, rule.keyword] as [string, string], ...("items" in rule ? allRules(rule.items) : [])]);
}

describe("dicomAttributeWhitelist", () => {
  it("names every tag by its keyword in the DICOM dictionary, at every depth", () => {
    for (const [tag, keyword] of [...allRules(dicomAttributeWhitelist), ...allRules(fileMetaWhitelist)]) {
      const entry = dcmjs.data.DicomMetaDictionary.nameMap[keyword];
      expect(entry, keyword).toBeDefined();
      expect(entry?.tag.replace(/[(),]/g, "").toUpperCase(), keyword).toBe(tag);
    }
  });

  it("lets in none of the attributes PS3.15 Table E.1-1 names as identifying", () => {
    const identifying = [
      "PatientBirthDate", "PatientAddress", "OtherPatientIDs", "OtherPatientNames", "PatientTelephoneNumbers", "InstitutionName",
      "InstitutionAddress", "ReferringPhysicianName", "PerformingPhysicianName", "OperatorsName", "AccessionNumber", "StudyID",
      "StudyDescription", "SeriesDescription", "StationName", "DeviceSerialNumber", "ImageComments", "AdditionalPatientHistory",
      "RequestAttributesSequence", "ReferencedStudySequence", "ReferencedPatientSequence", "InstitutionalDepartmentName",
      "PatientComments", "IconImageSequence", "OverlayData", "CurveData", "DerivationDescription", "AcquisitionDeviceProcessingDescription",
    ];
    const whitelistedKeywords = new Set(allRules(dicomAttributeWhitelist).map(([, keyword]) => keyword));
    for (const keyword of identifying) expect(whitelistedKeywords.has(keyword), keyword).toBe(false);
  });

  it("has no private tag and keeps every UID that names an instance behind a replaceUid rule", () => {
    for (const [tag] of allRules(dicomAttributeWhitelist)) expect(isPrivateTag(tag)).toBe(false);
    const uidRules = [...dicomAttributeWhitelist.values()].filter((rule) => rule.keyword.endsWith("InstanceUID") || rule.keyword === "FrameOfReferenceUID");
    for (const rule of uidRules) expect(rule.action, rule.keyword).toBe("replaceUid");
  });
});

describe("isPrivateTag", () => {
  it("is true for odd groups only", () => {
    expect(isPrivateTag("00091001")).toBe(true);
    expect(isPrivateTag("00290010")).toBe(true);
    expect(isPrivateTag("7FE10010")).toBe(true);
    expect(isPrivateTag("00100010")).toBe(false);
    expect(isPrivateTag("7FE00010")).toBe(false);
  });
});
