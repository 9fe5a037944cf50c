import { dicomDate, uidFrom, writeDicomPart10 } from "./write-dicom";

// The AI result as a DICOM Comprehensive SR following TID 1500 (Measurement Report): algorithm
// identification per TID 4019 (name, version; the manufacturer in the equipment module), the finding
// as a coded entry, the probability as a numeric measurement, the model card linked, and the
// original image referenced. Patient and study attributes are copied from the original study (read
// from PACS at send time, never stored), so the report files under the original study.

const comprehensiveSrStorage = "1.2.840.10008.5.1.4.1.1.88.33";

/** The original study as PACS holds it: the modules the result must repeat, and its instances. */
export type OriginalStudy = {
  patient: { PatientName: string; PatientID: string; PatientBirthDate: string; PatientSex: string };
  study: { StudyInstanceUID: string; StudyDate: string; StudyTime: string; AccessionNumber: string; ReferringPhysicianName: string; StudyID: string };
  instances: { sopClassUid: string; sopInstanceUid: string; seriesInstanceUid: string }[];
};

export type AiResult = {
  modelName: string;
  modelVersion: string;
  manufacturer: string;
  modelCardUrl: string;
  probability: number;
  finding: { code: string; scheme: string; meaning: string };
  /** The original instance the model read. */
  sourceInstance: { sopClassUid: string; sopInstanceUid: string };
};

type Code = { CodeValue: string; CodingSchemeDesignator: string; CodeMeaning: string };
const code = (CodeValue: string, CodingSchemeDesignator: string, CodeMeaning: string): Code => ({ CodeValue, CodingSchemeDesignator, CodeMeaning });
const concept = (value: Code) => ({ ConceptNameCodeSequence: [value] });
const text = (relationship: string, name: Code, value: string) => ({ RelationshipType: relationship, ValueType: "TEXT", ...concept(name), TextValue: value });

function evidence(original: OriginalStudy) {
  const bySeries = new Map<string, OriginalStudy["instances"]>();
  for (const instance of original.instances) bySeries.set(instance.seriesInstanceUid, [...(bySeries.get(instance.seriesInstanceUid) ?? []), instance]);
  return [
    {
      StudyInstanceUID: original.study.StudyInstanceUID,
      ReferencedSeriesSequence: [...bySeries].map(([SeriesInstanceUID, instances]) => ({
        SeriesInstanceUID,
        ReferencedSOPSequence: instances.map((instance) => ({ ReferencedSOPClassUID: instance.sopClassUid, ReferencedSOPInstanceUID: instance.sopInstanceUid })),
      })),
    },
  ];
}

export function buildAiResultSr(original: OriginalStudy, result: AiResult, { now = new Date(), seriesInstanceUid = uidFrom(), sopInstanceUid = uidFrom() } = {}): Uint8Array {
  const time = now.toISOString().slice(11, 19).replaceAll(":", "");
  const measurementGroup = {
    RelationshipType: "CONTAINS",
    ValueType: "CONTAINER",
    ...concept(code("125007", "DCM", "Measurement Group")),
    ContinuityOfContent: "SEPARATE",
    ContentSequence: [
      text("HAS OBS CONTEXT", code("112039", "DCM", "Tracking Identifier"), "AI result"),
      { RelationshipType: "HAS OBS CONTEXT", ValueType: "UIDREF", ...concept(code("112040", "DCM", "Tracking Unique Identifier")), UID: uidFrom(`${sopInstanceUid}:tracking`) },
      // TID 4019 Algorithm Identification.
      text("HAS OBS CONTEXT", code("111001", "DCM", "Algorithm Name"), result.modelName),
      text("HAS OBS CONTEXT", code("111003", "DCM", "Algorithm Version"), result.modelVersion),
      { RelationshipType: "CONTAINS", ValueType: "CODE", ...concept(code("121071", "DCM", "Finding")), ConceptCodeSequence: [code(result.finding.code, result.finding.scheme, result.finding.meaning)] },
      {
        RelationshipType: "CONTAINS",
        ValueType: "NUM",
        ...concept(code("PROB", "99MMFM", "AI probability of finding")),
        MeasuredValueSequence: [{ NumericValue: result.probability.toFixed(4), MeasurementUnitsCodeSequence: [code("1", "UCUM", "no units")] }],
        ContentSequence: [
          { RelationshipType: "INFERRED FROM", ValueType: "IMAGE", ...concept(code("121112", "DCM", "Source of Measurement")), ReferencedSOPSequence: [{ ReferencedSOPClassUID: result.sourceInstance.sopClassUid, ReferencedSOPInstanceUID: result.sourceInstance.sopInstanceUid }] },
        ],
      },
      text("CONTAINS", code("MODELCARD", "99MMFM", "Model card"), result.modelCardUrl),
    ],
  };
  return writeDicomPart10({
    SOPClassUID: comprehensiveSrStorage,
    SOPInstanceUID: sopInstanceUid,
    SpecificCharacterSet: "ISO_IR 192",
    ...original.patient,
    ...original.study,
    Modality: "SR",
    SeriesInstanceUID: seriesInstanceUid,
    SeriesNumber: "9901",
    SeriesDescription: "AI result (PoC, not for clinical use)",
    ReferencedPerformedProcedureStepSequence: [],
    Manufacturer: result.manufacturer,
    ManufacturerModelName: result.modelName,
    SoftwareVersions: result.modelVersion,
    InstanceNumber: "1",
    ContentDate: dicomDate(now),
    ContentTime: time,
    CompletionFlag: "COMPLETE",
    VerificationFlag: "UNVERIFIED",
    PerformedProcedureCodeSequence: [],
    CurrentRequestedProcedureEvidenceSequence: evidence(original),
    ValueType: "CONTAINER",
    ...concept(code("126000", "DCM", "Imaging Measurement Report")),
    ContinuityOfContent: "SEPARATE",
    ContentTemplateSequence: [{ MappingResource: "DCMR", TemplateIdentifier: "1500" }],
    ContentSequence: [
      { RelationshipType: "HAS CONCEPT MOD", ValueType: "CODE", ...concept(code("121049", "DCM", "Language of Content Item and Descendants")), ConceptCodeSequence: [code("en-US", "RFC5646", "English (United States)")] },
      { RelationshipType: "HAS OBS CONTEXT", ValueType: "CODE", ...concept(code("121005", "DCM", "Observer Type")), ConceptCodeSequence: [code("121007", "DCM", "Device")] },
      { RelationshipType: "HAS OBS CONTEXT", ValueType: "UIDREF", ...concept(code("121012", "DCM", "Device Observer UID")), UID: uidFrom(`device:${result.modelName}:${result.modelVersion}`) },
      text("HAS OBS CONTEXT", code("121013", "DCM", "Device Observer Name"), result.modelName),
      text("HAS OBS CONTEXT", code("121014", "DCM", "Device Observer Manufacturer"), result.manufacturer),
      { RelationshipType: "HAS CONCEPT MOD", ValueType: "CODE", ...concept(code("121058", "DCM", "Procedure reported")), ConceptCodeSequence: [code("399208008", "SCT", "Plain X-ray of chest")] },
      {
        RelationshipType: "CONTAINS",
        ValueType: "CONTAINER",
        ...concept(code("111028", "DCM", "Image Library")),
        ContinuityOfContent: "SEPARATE",
        ContentSequence: [
          {
            RelationshipType: "CONTAINS",
            ValueType: "CONTAINER",
            ...concept(code("126200", "DCM", "Image Library Group")),
            ContinuityOfContent: "SEPARATE",
            ContentSequence: original.instances.map((instance) => ({ RelationshipType: "CONTAINS", ValueType: "IMAGE", ReferencedSOPSequence: [{ ReferencedSOPClassUID: instance.sopClassUid, ReferencedSOPInstanceUID: instance.sopInstanceUid }] })),
          },
        ],
      },
      { RelationshipType: "CONTAINS", ValueType: "CONTAINER", ...concept(code("126010", "DCM", "Imaging Measurements")), ContinuityOfContent: "SEPARATE", ContentSequence: [measurementGroup] },
    ],
  });
}
