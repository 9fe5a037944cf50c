import * as dicomParserNamespace from "dicom-parser";
import type { DataSet } from "dicom-parser";
import { defaultImageSizeLimits, type DecodedImage, type ImageSizeLimits } from "./decoded-image";
import { InferenceError } from "./inference-error";
import { checkDecodeBudget, dicomImageHeader } from "./read-image-header";

// dicom-parser ships a UMD bundle: under Node ESM its functions sit on `default`, under CJS on the namespace.
const dicomParser: typeof dicomParserNamespace =
  (dicomParserNamespace as { default?: typeof dicomParserNamespace }).default ?? dicomParserNamespace;

const IMPLICIT_LITTLE_ENDIAN = "1.2.840.10008.1.2";
const EXPLICIT_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
const EXPLICIT_BIG_ENDIAN = "1.2.840.10008.1.2.2";
const uncompressedTransferSyntaxes = new Set([IMPLICIT_LITTLE_ENDIAN, EXPLICIT_LITTLE_ENDIAN, EXPLICIT_BIG_ENDIAN]);

const tag = {
  transferSyntaxUid: "x00020010",
  modality: "x00080060",
  samplesPerPixel: "x00280002",
  photometricInterpretation: "x00280004",
  planarConfiguration: "x00280006",
  numberOfFrames: "x00280008",
  rows: "x00280010",
  columns: "x00280011",
  bitsAllocated: "x00280100",
  bitsStored: "x00280101",
  pixelRepresentation: "x00280103",
  windowCenter: "x00281050",
  windowWidth: "x00281051",
  rescaleIntercept: "x00281052",
  rescaleSlope: "x00281053",
  pixelData: "x7fe00010",
} as const;

export type DecodeDicomOptions = {
  /** Which frame of a multi-frame object to decode; default the middle one. */
  frameIndex?: number;
  limits?: ImageSizeLimits;
  /** `bytes` as dicom-parser already parsed them (on the submit path, by de-identification). */
  dataSet?: DataSet;
};

/**
 * Decodes one frame of an uncompressed DICOM image into modality values (Rescale Slope/Intercept
 * applied). Grayscale (MONOCHROME1/2) and RGB, 8 or 16 bits allocated, signed or unsigned.
 */
export function decodeDicom(bytes: Uint8Array, options: DecodeDicomOptions = {}): DecodedImage {
  const limits = options.limits ?? defaultImageSizeLimits;
  const dataSet = options.dataSet ?? parseDicomBytes(bytes);

  const transferSyntaxUid = dataSet.string(tag.transferSyntaxUid) ?? IMPLICIT_LITTLE_ENDIAN;
  const pixelElement = dataSet.elements[tag.pixelData];
  if (!uncompressedTransferSyntaxes.has(transferSyntaxUid) || pixelElement?.encapsulatedPixelData) {
    throw new InferenceError("UNSUPPORTED_TRANSFER_SYNTAX", { transferSyntaxUid });
  }
  if (!pixelElement) throw new InferenceError("NOT_AN_IMAGE", { reason: "no pixel data" });

  const rows = dataSet.uint16(tag.rows) ?? 0;
  const columns = dataSet.uint16(tag.columns) ?? 0;
  const samplesPerPixel = dataSet.uint16(tag.samplesPerPixel) ?? 1;
  const bitsAllocated = dataSet.uint16(tag.bitsAllocated) ?? 0;
  const bitsStored = dataSet.uint16(tag.bitsStored) ?? bitsAllocated;
  const signed = (dataSet.uint16(tag.pixelRepresentation) ?? 0) === 1;
  const photometric = (dataSet.string(tag.photometricInterpretation) ?? "MONOCHROME2").trim().toUpperCase();
  const planarConfiguration = dataSet.uint16(tag.planarConfiguration) ?? 0;
  const frameCount = Math.max(1, dataSet.intString(tag.numberOfFrames) ?? 1);

  checkDecodeBudget(dicomImageHeader(dataSet), limits);
  const grayscale = photometric === "MONOCHROME1" || photometric === "MONOCHROME2";
  const rgb = photometric === "RGB" && samplesPerPixel === 3;
  if (!(grayscale && samplesPerPixel === 1) && !rgb) {
    throw new InferenceError("UNSUPPORTED_PIXEL_FORMAT", { photometricInterpretation: photometric, samplesPerPixel });
  }
  if ((bitsAllocated !== 8 && bitsAllocated !== 16) || bitsStored < 1 || bitsStored > bitsAllocated) {
    throw new InferenceError("UNSUPPORTED_PIXEL_FORMAT", { bitsAllocated, bitsStored });
  }

  const frameIndex = options.frameIndex ?? Math.floor(frameCount / 2);
  if (!Number.isInteger(frameIndex) || frameIndex < 0 || frameIndex >= frameCount) {
    throw new InferenceError("CORRUPT_IMAGE", { reason: "frame index out of range", frameIndex, frameCount });
  }
  const bytesPerSample = bitsAllocated / 8;
  const pixelCount = rows * columns;
  const frameBytes = pixelCount * samplesPerPixel * bytesPerSample;
  const frameStart = pixelElement.dataOffset + frameIndex * frameBytes;
  // Pixel data may carry an odd-length pad byte, never less than the frames it announces.
  if (pixelElement.dataOffset + frameCount * frameBytes > Math.min(bytes.byteLength, pixelElement.dataOffset + pixelElement.length)) {
    throw new InferenceError("CORRUPT_IMAGE", { reason: "pixel data shorter than rows x columns x frames" });
  }

  const view = new DataView(bytes.buffer, bytes.byteOffset + frameStart, frameBytes);
  const littleEndian = transferSyntaxUid !== EXPLICIT_BIG_ENDIAN;
  const valueMask = bitsStored >= 32 ? 0xffffffff : (1 << bitsStored) - 1;
  const signBit = 1 << (bitsStored - 1);
  const readSample = (sampleIndex: number): number => {
    const raw = bytesPerSample === 1 ? view.getUint8(sampleIndex) : view.getUint16(sampleIndex * 2, littleEndian);
    // Bits above BitsStored may hold overlays or garbage: mask them, then sign-extend.
    const stored = raw & valueMask;
    return signed && stored & signBit ? stored - (valueMask + 1) : stored;
  };

  const slope = dataSet.floatString(tag.rescaleSlope) ?? 1;
  const intercept = dataSet.floatString(tag.rescaleIntercept) ?? 0;
  const pixels = new Float32Array(pixelCount);
  if (grayscale) {
    for (let i = 0; i < pixelCount; i++) pixels[i] = readSample(i) * slope + intercept;
  } else {
    // ITU-R BT.601 luma; planar configuration 1 stores RRR...GGG...BBB.
    for (let i = 0; i < pixelCount; i++) {
      const [r, g, b] =
        planarConfiguration === 1
          ? [readSample(i), readSample(pixelCount + i), readSample(2 * pixelCount + i)]
          : [readSample(3 * i), readSample(3 * i + 1), readSample(3 * i + 2)];
      pixels[i] = 0.299 * r + 0.587 * g + 0.114 * b;
    }
  }

  const center = dataSet.floatString(tag.windowCenter, 0);
  const width = dataSet.floatString(tag.windowWidth, 0);
  return {
    source: "dicom",
    width: columns,
    height: rows,
    pixels,
    modality: dataSet.string(tag.modality)?.trim().toUpperCase() || null,
    invert: photometric === "MONOCHROME1",
    fileWindow: center !== undefined && width !== undefined && Number.isFinite(center) && width > 0 ? { center, width } : null,
    frameCount,
    frameIndex,
  };
}

function parseDicomBytes(bytes: Uint8Array): DataSet {
  try {
    return dicomParser.parseDicom(bytes);
  } catch (cause) {
    // dicom-parser throws strings and Errors alike; neither is shown to users.
    throw new InferenceError("NOT_DICOM", {}, { cause });
  }
}

export function looksLikeDicom(bytes: Uint8Array): boolean {
  return bytes.byteLength > 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}
