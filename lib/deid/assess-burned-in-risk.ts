// PS3.15 E.1.1 leaves text burned into the pixels to the user: the Basic Profile cleans attributes,
// not pixels (the Clean Pixel Data Option, 113101, is not applied here). These are the signs that an
// image may show a name, an ID or a date in its pixels, so the caller can ask for confirmation or refuse.

/** @public The catalogue its type is derived from. */
export const burnedInRiskReasons = [
  "BURNED_IN_ANNOTATION_YES",
  "RECOGNIZABLE_VISUAL_FEATURES_YES",
  "ULTRASOUND_MODALITY",
  "ULTRASOUND_SOP_CLASS",
  "SECONDARY_CAPTURE_SOP_CLASS",
  "VISIBLE_LIGHT_SOP_CLASS",
  // A PNG or JPEG is a screenshot or an export: the same risk as a Secondary Capture, and no attribute to say otherwise.
  "NON_DICOM_IMAGE",
] as const;

export type BurnedInRiskReason = (typeof burnedInRiskReasons)[number];

export type BurnedInRisk = { burnedInRisk: boolean; reasons: BurnedInRiskReason[] };

export type BurnedInRiskAttributes = {
  burnedInAnnotation?: string;
  recognizableVisualFeatures?: string;
  modality?: string;
  sopClassUid?: string;
};

// Ultrasound scanners write patient and exam text onto the image as a matter of course.
const ultrasoundModalities = new Set(["US", "IVUS"]);
const ultrasoundSopClasses = new Set([
  "1.2.840.10008.5.1.4.1.1.6.1", // Ultrasound Image Storage
  "1.2.840.10008.5.1.4.1.1.3.1", // Ultrasound Multi-frame Image Storage
  "1.2.840.10008.5.1.4.1.1.6", // retired Ultrasound Image Storage
  "1.2.840.10008.5.1.4.1.1.3", // retired Ultrasound Multi-frame Image Storage
  "1.2.840.10008.5.1.4.1.1.6.2", // Enhanced US Volume Storage
]);
// Secondary Capture (…1.7) and its multi-frame variants (…1.7.1 to …1.7.4): screenshots and scans of paper.
const secondaryCapturePrefix = "1.2.840.10008.5.1.4.1.1.7";
// Visible Light (…1.77.1.*): endoscopy, microscopy, photographs; faces and labels are common.
const visibleLightPrefix = "1.2.840.10008.5.1.4.1.1.77.1";

function hasPrefixClass(uid: string, prefix: string): boolean {
  return uid === prefix || uid.startsWith(`${prefix}.`);
}

export function assessBurnedInRisk(attributes: BurnedInRiskAttributes): BurnedInRisk {
  const reasons: BurnedInRiskReason[] = [];
  const normalise = (value: string | undefined) => value?.trim().toUpperCase() ?? "";
  const sopClassUid = attributes.sopClassUid?.trim() ?? "";

  if (normalise(attributes.burnedInAnnotation) === "YES") reasons.push("BURNED_IN_ANNOTATION_YES");
  if (normalise(attributes.recognizableVisualFeatures) === "YES") reasons.push("RECOGNIZABLE_VISUAL_FEATURES_YES");
  if (ultrasoundModalities.has(normalise(attributes.modality))) reasons.push("ULTRASOUND_MODALITY");
  if (ultrasoundSopClasses.has(sopClassUid)) reasons.push("ULTRASOUND_SOP_CLASS");
  if (hasPrefixClass(sopClassUid, secondaryCapturePrefix)) reasons.push("SECONDARY_CAPTURE_SOP_CLASS");
  if (hasPrefixClass(sopClassUid, visibleLightPrefix)) reasons.push("VISIBLE_LIGHT_SOP_CLASS");

  return { burnedInRisk: reasons.length > 0, reasons };
}
