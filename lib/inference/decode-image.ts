import { decode as decodeJpeg } from "jpeg-js";
import { PNG } from "pngjs";
import { defaultImageSizeLimits, type DecodedImage, type ImageSizeLimits } from "./decoded-image";
import { InferenceError } from "./inference-error";
import { checkDecodeBudget, readRasterHeader } from "./read-image-header";

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export type RasterFormat = "png" | "jpeg" | "unknown";

export function sniffRasterFormat(bytes: Uint8Array): RasterFormat {
  if (bytes.byteLength >= 8 && pngSignature.every((byte, i) => bytes[i] === byte)) return "png";
  if (bytes.byteLength >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  return "unknown";
}

/** Decodes a PNG (8- or 16-bit, gray or colour) or a baseline/progressive JPEG into a luminance plane. */
export function decodeImage(bytes: Uint8Array, limits: ImageSizeLimits = defaultImageSizeLimits): DecodedImage {
  const format = sniffRasterFormat(bytes);
  if (format === "png") return decodePng(bytes, limits);
  if (format === "jpeg") return decodeJpegImage(bytes, limits);
  throw new InferenceError("NOT_AN_IMAGE");
}

function decodePng(bytes: Uint8Array, limits: ImageSizeLimits): DecodedImage {
  // The IHDR's size, depth and colour type are checked before pngjs allocates the whole bitmap.
  checkDecodeBudget(readRasterHeader(bytes), limits);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let png: PNG;
  try {
    // skipRescale keeps 16-bit samples as they are (pngjs would otherwise reduce them to 8 bits).
    png = PNG.sync.read(buffer, { skipRescale: true });
  } catch (cause) {
    throw new InferenceError("CORRUPT_IMAGE", { format: "png" }, { cause });
  }
  // Buffer for 8-bit, Uint16Array for 16-bit; always expanded to RGBA.
  return rgbaToLuminance(png.data as unknown as ArrayLike<number>, png.width, png.height, "png");
}

function decodeJpegImage(bytes: Uint8Array, limits: ImageSizeLimits): DecodedImage {
  checkDecodeBudget(readRasterHeader(bytes), limits);
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = decodeJpeg(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      // jpeg-js checks these before allocating: a bomb fails fast instead of exhausting memory.
      maxResolutionInMP: limits.maxPixelsPerFrame / 1e6,
      maxMemoryUsageInMB: Math.ceil((limits.maxPixelsPerFrame * 8) / 1024 / 1024),
    });
  } catch (cause) {
    const tooLarge = cause instanceof Error && /maxResolutionInMP|maxMemoryUsageInMB/.test(cause.message);
    throw new InferenceError(tooLarge ? "IMAGE_TOO_LARGE" : "CORRUPT_IMAGE", { format: "jpeg" }, { cause });
  }
  return rgbaToLuminance(decoded.data, decoded.width, decoded.height, "jpeg");
}

function rgbaToLuminance(samples: ArrayLike<number>, width: number, height: number, source: "png" | "jpeg"): DecodedImage {
  const pixels = new Float32Array(width * height);
  for (let i = 0; i < pixels.length; i++) {
    // Alpha is ignored (radiographs are opaque). ITU-R BT.601 luma.
    pixels[i] = 0.299 * samples[4 * i] + 0.587 * samples[4 * i + 1] + 0.114 * samples[4 * i + 2];
  }
  return { source, width, height, pixels, modality: null, invert: false, fileWindow: null, frameCount: 1, frameIndex: 0 };
}
