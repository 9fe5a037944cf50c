import { createHash } from "node:crypto";
import { dicomDate, uidFrom, writeDicomPart10 } from "./write-dicom";

// Synthetic demo studies with fake identifiers, for `npm run pacs:demo`, the tests and bench:import.
// The images are drawn like the reference model's synthetic training images (two lung fields,
// optionally a round opacity); the names and IDs are obviously fake and are what the PHI checks
// look for after an import.

export const computedRadiographyStorage = "1.2.840.10008.5.1.4.1.1.1";

export type DemoStudy = {
  patientId: string;
  patientName: string;
  patientBirthDate: string;
  accessionNumber: string;
  studyInstanceUid: string;
  studyDate: string;
  studyDescription: string;
  /** Whether the synthetic image shows an opacity (the demo's ground truth). */
  opacity: boolean;
  instances: Uint8Array[];
};

function seededUnit(seed: string): () => number {
  let counter = 0;
  return () => createHash("sha256").update(`${seed}:${counter++}`).digest().readUInt32BE(0) / 2 ** 32;
}

function drawChest(size: number, random: () => number, opacity: boolean): Uint16Array {
  const pixels = new Uint16Array(size * size);
  const lungs = [
    { cx: 0.32, cy: 0.5 },
    { cx: 0.68, cy: 0.5 },
  ];
  const spot = { x: 0.25 + random() * 0.5, y: 0.35 + random() * 0.3, r: 0.06 + random() * 0.06 };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = x / size;
      const v = y / size;
      let value = 2600 + 300 * random();
      for (const lung of lungs) if (((u - lung.cx) / 0.15) ** 2 + ((v - lung.cy) / 0.3) ** 2 < 1) value = 900 + 250 * random();
      if (opacity && (u - spot.x) ** 2 + (v - spot.y) ** 2 < spot.r ** 2) value = 2200 + 200 * random();
      pixels[y * size + x] = Math.round(value);
    }
  }
  return pixels;
}

/** One demo study: one CR instance (or `frames` frames in one multi-frame instance). */
export function buildDemoStudy(index: number, { seed = "mmfm-demo", size = 128, frames = 1 }: { seed?: string; size?: number; frames?: number } = {}): DemoStudy {
  const random = seededUnit(`${seed}:${index}`);
  const number = String(index + 1).padStart(4, "0");
  const opacity = random() < 0.4;
  const studyDate = new Date(Date.UTC(2026, 0, 5) + Math.floor(random() * 300) * 86_400_000);
  const study: Omit<DemoStudy, "instances"> = {
    patientId: `DEMO-PID-${number}`,
    patientName: `DEMO^PATIENT${number}`,
    patientBirthDate: `19${50 + Math.floor(random() * 40)}0101`,
    accessionNumber: `DEMOACC${number}`,
    studyInstanceUid: uidFrom(`${seed}:study:${index}`),
    studyDate: dicomDate(studyDate),
    studyDescription: "DEMO Chest X-ray",
    opacity,
  };
  const pixelFrames = Array.from({ length: frames }, () => drawChest(size, random, opacity));
  const pixelData = new Uint16Array(size * size * frames);
  pixelFrames.forEach((frame, frameIndex) => pixelData.set(frame, frameIndex * size * size));
  const sopInstanceUid = uidFrom(`${seed}:instance:${index}`);
  const instance = writeDicomPart10({
    SOPClassUID: computedRadiographyStorage,
    SOPInstanceUID: sopInstanceUid,
    SpecificCharacterSet: "ISO_IR 192",
    PatientName: study.patientName,
    PatientID: study.patientId,
    PatientBirthDate: study.patientBirthDate,
    PatientSex: random() < 0.5 ? "F" : "M",
    StudyInstanceUID: study.studyInstanceUid,
    SeriesInstanceUID: uidFrom(`${seed}:series:${index}`),
    StudyDate: study.studyDate,
    StudyTime: "093000",
    SeriesDate: study.studyDate,
    AccessionNumber: study.accessionNumber,
    StudyID: number,
    StudyDescription: study.studyDescription,
    ReferringPhysicianName: "DEMO^REFERRER",
    InstitutionName: "DEMO General Hospital",
    Manufacturer: "MMFM Synthetic",
    Modality: "CR",
    BodyPartExamined: "CHEST",
    ViewPosition: "PA",
    PatientOrientation: ["L", "F"],
    SeriesNumber: "1",
    InstanceNumber: "1",
    ...(frames > 1 ? { NumberOfFrames: String(frames) } : {}),
    SamplesPerPixel: 1,
    PhotometricInterpretation: "MONOCHROME2",
    Rows: size,
    Columns: size,
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    WindowCenter: "1800",
    WindowWidth: "2400",
    BurnedInAnnotation: "NO",
    PixelData: [pixelData.buffer],
    _vrMap: { PixelData: "OW" },
  });
  return { ...study, instances: [instance] };
}

export function buildDemoStudies(count: number, options: { seed?: string; size?: number } = {}): DemoStudy[] {
  return Array.from({ length: count }, (_, index) => buildDemoStudy(index, options));
}
