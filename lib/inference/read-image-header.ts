import type { DataSet } from "dicom-parser";
import { defaultImageSizeLimits, type ImageSizeLimits } from "./decoded-image";
import { InferenceError } from "./inference-error";

/** What a file declares about its pixels, read before any pixel is decoded. */
export type ImageHeader = {
  format: "png" | "jpeg" | "dicom";
  width: number;
  height: number;
  /** Bits per sample as stored (PNG bit depth, JPEG precision, DICOM BitsAllocated). */
  bitsPerSample: number;
  /** Samples per pixel as stored (PNG colour type, JPEG components, DICOM SamplesPerPixel). */
  channels: number;
  frames: number;
};

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// PNG colour type -> samples per pixel (0 gray, 2 RGB, 3 palette index, 4 gray+alpha, 6 RGBA).
const pngChannels: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function corrupt(format: ImageHeader["format"], reason: string): InferenceError {
  return new InferenceError("CORRUPT_IMAGE", { format, reason });
}

/** PNG: the IHDR chunk, which the format requires to come first. */
function readPngHeader(bytes: Uint8Array): ImageHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 33 || String.fromCharCode(...bytes.subarray(12, 16)) !== "IHDR") throw corrupt("png", "no IHDR");
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const bitDepth = bytes[24]!;
  const channels = pngChannels[bytes[25]!];
  if (width === 0 || height === 0 || channels === undefined || ![1, 2, 4, 8, 16].includes(bitDepth)) throw corrupt("png", "bad IHDR");
  return { format: "png", width, height, bitsPerSample: bitDepth, channels, frames: 1 };
}

// Start-of-frame markers: every SOFn (baseline, extended, progressive, lossless, hierarchical,
// arithmetic) except C4 (DHT), C8 (reserved JPG) and CC (DAC), which share the range.
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** JPEG: walks the marker segments up to the first SOFn (or the scan, which must not come first). */
function readJpegHeader(bytes: Uint8Array): ImageHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 2;
  while (offset + 4 <= bytes.byteLength) {
    if (bytes[offset] !== 0xff) throw corrupt("jpeg", "marker expected");
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    // Standalone markers carry no length: TEM, RSTn.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break; // scan or end before any frame header
    const length = view.getUint16(offset + 2);
    if (length < 2) throw corrupt("jpeg", "segment length");
    if (isStartOfFrame(marker)) {
      if (offset + 10 > bytes.byteLength) break;
      const precision = bytes[offset + 4]!;
      const height = view.getUint16(offset + 5);
      const width = view.getUint16(offset + 7);
      const channels = bytes[offset + 9]!;
      // Height 0 defers it to a DNL marker after the first scan: refused rather than guessed.
      if (width === 0 || height === 0 || channels === 0) throw corrupt("jpeg", "frame size");
      return { format: "jpeg", width, height, bitsPerSample: precision, channels, frames: 1 };
    }
    offset += 2 + length;
  }
  throw corrupt("jpeg", "no frame header");
}

/** PNG or JPEG, from the header alone. */
export function readRasterHeader(bytes: Uint8Array): ImageHeader {
  if (bytes.byteLength >= 8 && pngSignature.every((byte, i) => bytes[i] === byte)) return readPngHeader(bytes);
  if (bytes.byteLength >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return readJpegHeader(bytes);
  throw new InferenceError("NOT_AN_IMAGE");
}

/** DICOM: Rows, Columns, BitsAllocated, SamplesPerPixel and NumberOfFrames of a parsed data set. */
export function dicomImageHeader(dataSet: DataSet): ImageHeader {
  const height = dataSet.uint16("x00280010") ?? 0;
  const width = dataSet.uint16("x00280011") ?? 0;
  if (width === 0 || height === 0) throw new InferenceError("CORRUPT_IMAGE", { reason: "zero rows or columns" });
  return {
    format: "dicom",
    width,
    height,
    bitsPerSample: dataSet.uint16("x00280100") ?? 0,
    channels: dataSet.uint16("x00280002") ?? 1,
    frames: Math.max(1, dataSet.intString("x00280008") ?? 1),
  };
}

/**
 * Bytes one decode holds at its peak, from the header: one frame's samples as the decoder keeps them
 * plus the 4-byte luminance plane. pngjs and jpeg-js always expand to RGBA (16-bit PNG samples stay
 * 16-bit); a DICOM frame is read in place at its stored size.
 */
export function decodedBytesOf(header: ImageHeader): number {
  const bytesPerSample = header.bitsPerSample > 8 ? 2 : 1;
  const samples = header.format === "dicom" ? header.channels : 4;
  return header.width * header.height * (samples * bytesPerSample + 4);
}

/** Refuses, before any pixel is decoded, a file whose decoded size would exceed the budget. */
export function checkDecodeBudget(header: ImageHeader, limits: ImageSizeLimits = defaultImageSizeLimits): void {
  const decodedBytes = decodedBytesOf(header);
  const maxDecodedBytes = limits.maxDecodedBytes ?? defaultImageSizeLimits.maxDecodedBytes!;
  if (decodedBytes > maxDecodedBytes || header.width * header.height > limits.maxPixelsPerFrame || header.frames > limits.maxFrames) {
    const { width, height, bitsPerSample, channels, frames } = header;
    throw new InferenceError("IMAGE_TOO_LARGE", { width, height, bitsPerSample, channels, frames, decodedBytes, maxDecodedBytes, maxFrames: limits.maxFrames });
  }
}
