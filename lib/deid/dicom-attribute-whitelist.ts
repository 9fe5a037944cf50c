// The attributes a de-identified image keeps. Everything not listed here is removed, at every depth,
// which is stricter than PS3.15 Annex E Table E.1-1 read as a blacklist: a tag the table forgot, a
// vendor's misuse of a standard tag, or a new attribute added to the standard after this list was
// written cannot leak, because it was never let in. Tags are 8-digit upper-case hex ("GGGGEEEE").

type WhitelistAction =
  /** Value copied unchanged: image geometry, pixel encoding, acquisition technique. */
  | "keep"
  /** Every value replaced with an HMAC-derived 2.25 UID (Table E.1-1 action U). */
  | "replaceUid"
  /** DA value moved back by the case's day offset (Retain Longitudinal Temporal Information with Modified Dates Option). */
  | "shiftDate"
  /** Date part of a DT moved back by the same offset. */
  | "shiftDateTime"
  /** Patient's Age kept up to 89 years, otherwise the 90-or-older band; derived from birth and study dates when absent. */
  | "generaliseAge"
  /** Whatever the file carried is dropped; the de-identifier writes its own value. */
  | "setByDeidentifier"
  /** Pixel Data is copied byte for byte, outside dcmjs. */
  | "pixelData";

type WhitelistRule =
  | { keyword: string; action: WhitelistAction }
  /** A sequence whose items keep only the attributes in `items`. */
  | { keyword: string; action: "sequence"; items: DicomWhitelist };

export type DicomWhitelist = ReadonlyMap<string, WhitelistRule>;

function whitelist(entries: Array<[tag: string, rule: WhitelistRule]>): DicomWhitelist {
  return new Map(entries);
}

const keep = (keyword: string): WhitelistRule => ({ keyword, action: "keep" });

// Items of Referenced/Source Image Sequence: Table E.1-1 gives these sequences X/Z/U*, i.e. they may
// stay when the UIDs inside are replaced; the frame number and the class are not identifying.
const referencedInstanceItem = whitelist([
  ["00081150", keep("ReferencedSOPClassUID")],
  ["00081155", { keyword: "ReferencedSOPInstanceUID", action: "replaceUid" }],
]);

const codeItem = whitelist([
  ["00080100", { keyword: "CodeValue", action: "setByDeidentifier" }],
  ["00080102", { keyword: "CodingSchemeDesignator", action: "setByDeidentifier" }],
  ["00080104", { keyword: "CodeMeaning", action: "setByDeidentifier" }],
]);

const lutItem = whitelist([
  ["00283002", keep("LUTDescriptor")],
  ["00283004", keep("ModalityLUTType")],
  ["00283006", keep("LUTData")],
]);

export const dicomAttributeWhitelist: DicomWhitelist = whitelist([
  // SOP Common and General Study/Series/Image
  ["00080005", { keyword: "SpecificCharacterSet", action: "setByDeidentifier" }],
  ["00080008", keep("ImageType")],
  ["00080016", keep("SOPClassUID")], // identifies a kind of object, not a person
  ["00080018", { keyword: "SOPInstanceUID", action: "replaceUid" }],
  ["00080020", { keyword: "StudyDate", action: "shiftDate" }],
  ["00080021", { keyword: "SeriesDate", action: "shiftDate" }],
  ["00080022", { keyword: "AcquisitionDate", action: "shiftDate" }],
  ["00080023", { keyword: "ContentDate", action: "shiftDate" }],
  ["0008002A", { keyword: "AcquisitionDateTime", action: "shiftDateTime" }],
  // Times of day stay: a whole-day shift leaves them true, and they order the series of a study.
  ["00080030", keep("StudyTime")],
  ["00080031", keep("SeriesTime")],
  ["00080032", keep("AcquisitionTime")],
  ["00080033", keep("ContentTime")],
  ["00080060", keep("Modality")],
  ["00080064", keep("ConversionType")],
  // Manufacturer and model name a product sold to many hospitals, not a person or one machine (the
  // machine-level Station Name and Device Serial Number are removed). The PoC needs them for the
  // scanner-vendor subgroup of the bias review (DOMAIN.md section 6, "bias / subgroup review").
  ["00080070", keep("Manufacturer")],
  ["00081090", keep("ManufacturerModelName")],
  ["00081140", { keyword: "ReferencedImageSequence", action: "sequence", items: referencedInstanceItem }],
  ["00082112", { keyword: "SourceImageSequence", action: "sequence", items: referencedInstanceItem }],
  // Patient: the caller's pseudonymous case code replaces name and ID (Table E.1-1 action Z would
  // allow empty values, but the viewer and the inference service need a stable non-empty key).
  ["00100010", { keyword: "PatientName", action: "setByDeidentifier" }],
  ["00100020", { keyword: "PatientID", action: "setByDeidentifier" }],
  // Sex and age are kept for the fairness subgroups (Retain Patient Characteristics Option, 113108).
  ["00100040", keep("PatientSex")],
  ["00101010", { keyword: "PatientAge", action: "generaliseAge" }],
  ["00120062", { keyword: "PatientIdentityRemoved", action: "setByDeidentifier" }],
  ["00120063", { keyword: "DeidentificationMethod", action: "setByDeidentifier" }],
  ["00120064", { keyword: "DeidentificationMethodCodeSequence", action: "sequence", items: codeItem }],
  // Acquisition technique: numbers and enumerated codes only.
  ["00180015", keep("BodyPartExamined")],
  ["00180050", keep("SliceThickness")],
  ["00180060", keep("KVP")],
  ["00180080", keep("RepetitionTime")],
  ["00180081", keep("EchoTime")],
  ["00180087", keep("MagneticFieldStrength")],
  ["00180088", keep("SpacingBetweenSlices")],
  ["00181164", keep("ImagerPixelSpacing")],
  ["00185100", keep("PatientPosition")],
  ["00185101", keep("ViewPosition")],
  // Image geometry and identity
  ["0020000D", { keyword: "StudyInstanceUID", action: "replaceUid" }],
  ["0020000E", { keyword: "SeriesInstanceUID", action: "replaceUid" }],
  ["00200011", keep("SeriesNumber")],
  ["00200012", keep("AcquisitionNumber")],
  ["00200013", keep("InstanceNumber")],
  ["00200020", keep("PatientOrientation")],
  ["00200032", keep("ImagePositionPatient")],
  ["00200037", keep("ImageOrientationPatient")],
  ["00200052", { keyword: "FrameOfReferenceUID", action: "replaceUid" }],
  ["00200060", keep("Laterality")],
  ["00200062", keep("ImageLaterality")],
  ["00201041", keep("SliceLocation")],
  // Image Pixel module (PS3.3 C.7.6.3): what a viewer or the model needs to decode the pixels.
  ["00280002", keep("SamplesPerPixel")],
  ["00280004", keep("PhotometricInterpretation")],
  ["00280006", keep("PlanarConfiguration")],
  ["00280008", keep("NumberOfFrames")],
  ["00280009", keep("FrameIncrementPointer")],
  ["00280010", keep("Rows")],
  ["00280011", keep("Columns")],
  ["00280030", keep("PixelSpacing")],
  ["00280034", keep("PixelAspectRatio")],
  ["00280100", keep("BitsAllocated")],
  ["00280101", keep("BitsStored")],
  ["00280102", keep("HighBit")],
  ["00280103", keep("PixelRepresentation")],
  ["00280106", keep("SmallestImagePixelValue")],
  ["00280107", keep("LargestImagePixelValue")],
  ["00280120", keep("PixelPaddingValue")],
  ["00280121", keep("PixelPaddingRangeLimit")],
  // Kept so that a reader downstream can still see that the pixels may carry text or a face.
  ["00280301", keep("BurnedInAnnotation")],
  ["00280302", keep("RecognizableVisualFeatures")],
  ["00280303", { keyword: "LongitudinalTemporalInformationModified", action: "setByDeidentifier" }],
  ["00281050", keep("WindowCenter")],
  ["00281051", keep("WindowWidth")],
  ["00281052", keep("RescaleIntercept")],
  ["00281053", keep("RescaleSlope")],
  ["00281054", keep("RescaleType")],
  ["00281056", keep("VOILUTFunction")],
  ["00281101", keep("RedPaletteColorLookupTableDescriptor")],
  ["00281102", keep("GreenPaletteColorLookupTableDescriptor")],
  ["00281103", keep("BluePaletteColorLookupTableDescriptor")],
  ["00281201", keep("RedPaletteColorLookupTableData")],
  ["00281202", keep("GreenPaletteColorLookupTableData")],
  ["00281203", keep("BluePaletteColorLookupTableData")],
  ["00282110", keep("LossyImageCompression")],
  ["00282112", keep("LossyImageCompressionRatio")],
  ["00282114", keep("LossyImageCompressionMethod")],
  ["00283000", { keyword: "ModalityLUTSequence", action: "sequence", items: lutItem }],
  ["00283010", { keyword: "VOILUTSequence", action: "sequence", items: lutItem }],
  ["20500020", keep("PresentationLUTShape")],
  ["7FE00010", { keyword: "PixelData", action: "pixelData" }],
]);

// The file meta group is rebuilt from scratch; Source Application Entity Title and the sender's
// implementation identity are not carried over (an AE title can name a hospital's device).
export const fileMetaWhitelist: DicomWhitelist = whitelist([
  ["00020000", { keyword: "FileMetaInformationGroupLength", action: "setByDeidentifier" }],
  ["00020001", { keyword: "FileMetaInformationVersion", action: "setByDeidentifier" }],
  ["00020002", { keyword: "MediaStorageSOPClassUID", action: "setByDeidentifier" }],
  ["00020003", { keyword: "MediaStorageSOPInstanceUID", action: "setByDeidentifier" }],
  ["00020010", { keyword: "TransferSyntaxUID", action: "setByDeidentifier" }],
  ["00020012", { keyword: "ImplementationClassUID", action: "setByDeidentifier" }],
  ["00020013", { keyword: "ImplementationVersionName", action: "setByDeidentifier" }],
]);

/** Odd groups are private (PS3.5 7.8); all of them go, creators included (Table E.1-1, private attributes: X). */
export function isPrivateTag(tag: string): boolean {
  return (Number.parseInt(tag.slice(0, 4), 16) & 1) === 1;
}
