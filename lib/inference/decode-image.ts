import { PNG } from "pngjs";
import { defaultImageSizeLimits, type DecodedImage, type ImageSizeLimits } from "./decoded-image";
import { InferenceError } from "./inference-error";

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export type RasterFormat = "png" | "jpeg" | "unknown";

export function sniffRasterFormat(bytes: Uint8Array): RasterFormat {
  if (bytes.byteLength >= 8 && pngSignature.every((byte, i) => bytes[i] === byte)) return "png";
  if (bytes.byteLength >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  return "unknown";
}

/**
 * Decodes a PNG (8- or 16-bit, gray or colour) into a luminance plane. JPEG is recognised but
 * refused: no pure-JS JPEG decoder is installed yet.
 */
export function decodeImage(bytes: Uint8Array, limits: ImageSizeLimits = defaultImageSizeLimits): DecodedImage {
  const format = sniffRasterFormat(bytes);
  if (format === "jpeg") throw new InferenceError("UNSUPPORTED_IMAGE_FORMAT", { format: "jpeg" });
  if (format !== "png") throw new InferenceError("NOT_AN_IMAGE");

  // IHDR sits at a fixed place: check the size before pngjs allocates the whole bitmap.
  const header = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declaredWidth = header.byteLength >= 24 ? header.readUInt32BE(16) : 0;
  const declaredHeight = header.byteLength >= 24 ? header.readUInt32BE(20) : 0;
  if (declaredWidth * declaredHeight > limits.maxPixelsPerFrame) {
    throw new InferenceError("IMAGE_TOO_LARGE", { width: declaredWidth, height: declaredHeight });
  }

  let png: PNG;
  try {
    // skipRescale keeps 16-bit samples as they are (pngjs would otherwise reduce them to 8 bits).
    png = PNG.sync.read(header, { skipRescale: true });
  } catch (cause) {
    throw new InferenceError("CORRUPT_IMAGE", { format: "png" }, { cause });
  }
  const { width, height, data } = png;
  const samples = data as unknown as ArrayLike<number>; // Buffer for 8-bit, Uint16Array for 16-bit
  const pixels = new Float32Array(width * height);
  for (let i = 0; i < pixels.length; i++) {
    // pngjs always expands to RGBA; alpha is ignored (radiographs are opaque). BT.601 luma.
    pixels[i] = 0.299 * samples[4 * i] + 0.587 * samples[4 * i + 1] + 0.114 * samples[4 * i + 2];
  }
  return { source: "png", width, height, pixels, modality: null, invert: false, fileWindow: null, frameCount: 1, frameIndex: 0 };
}
