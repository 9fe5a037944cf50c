import dicomParser from "dicom-parser";

// What the import needs from an original (identified) instance before de-identification, read in
// memory and never stored: whether it is an image, and the patient ID and study time for the EHR.

export type StudyInstanceFacts = { isImage: boolean; patientId: string; studyTime: Date | null; studyInstanceUid: string; sopClassUid: string; sopInstanceUid: string };

/** DICOM DA + TM as local time of the portal's server (PACS and EHR share the hospital's clock). */
export function studyTimeOf(date: string | undefined, time: string | undefined): Date | null {
  const day = /^(\d{4})(\d{2})(\d{2})$/.exec(date?.trim() ?? "");
  if (!day) return null;
  const clock = /^(\d{2})(\d{2})?(\d{2})?/.exec(time?.trim() ?? "");
  const parsed = new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]), Number(clock?.[1] ?? 0), Number(clock?.[2] ?? 0), Number(clock?.[3] ?? 0));
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** Null when the bytes are not a readable DICOM file. */
export function readStudyInstance(bytes: Uint8Array): StudyInstanceFacts | null {
  let dataSet;
  try {
    dataSet = dicomParser.parseDicom(bytes);
  } catch {
    return null;
  }
  return {
    // Images carry Pixel Data (or Float/Double Float Pixel Data); SR, KO, PR and the like do not.
    isImage: Boolean(dataSet.elements.x7fe00010 ?? dataSet.elements.x7fe00008 ?? dataSet.elements.x7fe00009),
    patientId: dataSet.string("x00100020")?.trim() ?? "",
    studyTime: studyTimeOf(dataSet.string("x00080020"), dataSet.string("x00080030")),
    studyInstanceUid: dataSet.string("x0020000d")?.trim() ?? "",
    sopClassUid: dataSet.string("x00080016")?.trim() ?? "",
    sopInstanceUid: dataSet.string("x00080018")?.trim() ?? "",
  };
}
