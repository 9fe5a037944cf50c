import type { OriginalStudy } from "./build-ai-result-sr";
import { dicomDate, uidFrom, writeDicomPart10 } from "./write-dicom";

// The heat map as a Secondary Capture image for PACS viewers that cannot show segmentations: the
// windowed image in gray with the model's RGBA overlay blended on top, 8-bit RGB, in the original
// study. Its pixels are the image's own (no text is drawn), so nothing identifying is burned in.

const secondaryCaptureStorage = "1.2.840.10008.5.1.4.1.1.7";

export type CaptureInput = {
  /** Modality values of one frame, row-major, with the window to show them in. */
  image: { width: number; height: number; pixels: Float32Array; window: { center: number; width: number }; invert: boolean };
  /** The inference's RGBA overlay (any size; scaled to the image by nearest neighbour). */
  overlay: { width: number; height: number; rgba: Uint8Array } | null;
  manufacturer: string;
  description: string;
};

function blendHeatmap(input: CaptureInput): Uint8Array {
  const { width, height, pixels, window, invert } = input.image;
  const rgb = new Uint8Array(width * height * 3);
  const low = window.center - window.width / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = y * width + x;
      let gray = Math.min(255, Math.max(0, ((pixels[index]! - low) / Math.max(1, window.width)) * 255));
      if (invert) gray = 255 - gray;
      let [red, green, blue] = [gray, gray, gray];
      if (input.overlay) {
        const ox = Math.min(input.overlay.width - 1, Math.floor((x * input.overlay.width) / width));
        const oy = Math.min(input.overlay.height - 1, Math.floor((y * input.overlay.height) / height));
        const at = (oy * input.overlay.width + ox) * 4;
        const alpha = input.overlay.rgba[at + 3]! / 255;
        red = red * (1 - alpha) + input.overlay.rgba[at]! * alpha;
        green = green * (1 - alpha) + input.overlay.rgba[at + 1]! * alpha;
        blue = blue * (1 - alpha) + input.overlay.rgba[at + 2]! * alpha;
      }
      rgb.set([Math.round(red), Math.round(green), Math.round(blue)], index * 3);
    }
  }
  return rgb;
}

export function buildHeatmapCapture(original: OriginalStudy, input: CaptureInput, { now = new Date(), seriesInstanceUid = uidFrom(), sopInstanceUid = uidFrom() } = {}): Uint8Array {
  const rgb = blendHeatmap(input);
  // Pixel Data must have even length.
  const pixelData = new Uint8Array(rgb.length + (rgb.length % 2));
  pixelData.set(rgb);
  return writeDicomPart10({
    SOPClassUID: secondaryCaptureStorage,
    SOPInstanceUID: sopInstanceUid,
    SpecificCharacterSet: "ISO_IR 192",
    ...original.patient,
    ...original.study,
    Modality: "OT",
    SeriesInstanceUID: seriesInstanceUid,
    SeriesNumber: "9902",
    SeriesDescription: "AI heat map (PoC, not for clinical use)",
    ConversionType: "WSD",
    Laterality: "",
    Manufacturer: input.manufacturer,
    InstanceNumber: "1",
    PatientOrientation: [],
    ContentDate: dicomDate(now),
    ContentTime: now.toISOString().slice(11, 19).replaceAll(":", ""),
    ImageType: ["DERIVED", "SECONDARY"],
    DerivationDescription: input.description,
    BurnedInAnnotation: "NO",
    SamplesPerPixel: 3,
    PhotometricInterpretation: "RGB",
    PlanarConfiguration: 0,
    Rows: input.image.height,
    Columns: input.image.width,
    BitsAllocated: 8,
    BitsStored: 8,
    HighBit: 7,
    PixelRepresentation: 0,
    PixelData: [pixelData.buffer],
    _vrMap: { PixelData: "OB" },
  });
}
