/** One grayscale plane as decoded from a file, before windowing. */
export type DecodedImage = {
  source: "dicom" | "png" | "jpeg";
  width: number;
  height: number;
  /** Row-major values: modality values (e.g. HU) for DICOM, luminance (0..255 or 0..65535) for PNG/JPEG. */
  pixels: Float32Array;
  /** DICOM Modality (CT, MR, CR, DX, ...); null for PNG/JPEG. Picks the manifest's windowing preset. */
  modality: string | null;
  /** MONOCHROME1: higher values display darker, so the windowed image is inverted. */
  invert: boolean;
  /** VOI window stored in the file (first value when multi-valued), in modality units. */
  fileWindow: { center: number; width: number } | null;
  frameCount: number;
  frameIndex: number;
};

/** Upper bounds checked from the header, before any pixel buffer is allocated (read-image-header.ts). */
export type ImageSizeLimits = {
  maxPixelsPerFrame: number;
  maxFrames: number;
  /** Peak bytes one decode may hold (decodedBytesOf); default 192 MiB. */
  maxDecodedBytes?: number;
};

// 192 MiB admits a 4096 × 4096 16-bit PNG (RGBA as decoded) or DICOM; the 0.5 MB PNG
// declaring 8192 × 8192 16-bit RGBA (768 MiB) is refused from its header.
export const defaultImageSizeLimits: ImageSizeLimits = { maxPixelsPerFrame: 8192 * 8192, maxFrames: 2000, maxDecodedBytes: 192 * 1024 * 1024 };
