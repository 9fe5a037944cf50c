import { decodeDicom, looksLikeDicom, type DecodeDicomOptions } from "./decode-dicom";
import { decodeImage, sniffRasterFormat } from "./decode-image";
import type { DecodedImage, ImageSizeLimits } from "./decoded-image";
import { InferenceError } from "./inference-error";
import type { ImagePreprocessing, WindowingPreset } from "./manifest";
import { resamplePlane } from "./resample-plane";

export type AppliedWindow = { kind: WindowingPreset["kind"] | "fileVoiMissingUsedMinmax"; center: number; width: number };

export type PreprocessedImage = {
  /** size x size values, windowed to [0,1], resized and normalised: ready for the image input. */
  tensor: Float32Array;
  size: number;
  /** The decoded image's own size, for rendering the heat-map overlay over the original. */
  sourceWidth: number;
  sourceHeight: number;
  window: AppliedWindow;
};

/** The manifest's preset for the file's DICOM Modality, or its default (always for PNG). */
function windowingFor(image: DecodedImage, spec: ImagePreprocessing): WindowingPreset {
  const presets = spec.windowing as Record<string, WindowingPreset>;
  return (image.modality && presets[image.modality]) || spec.windowing.default;
}

/**
 * Maps modality values to [0,1]. A fixed or file window uses the DICOM linear VOI function
 * (PS3.3 C.11.2.1.2.1: centre c, width w, y = ((x - (c - 0.5)) / (w - 1) + 0.5) clamped);
 * min-max stretches the frame's own range. MONOCHROME1 is inverted afterwards.
 */
export function windowPlane(image: DecodedImage, preset: WindowingPreset): { plane: Float32Array; window: AppliedWindow } {
  const { pixels } = image;
  const plane = new Float32Array(pixels.length);
  let window: AppliedWindow;
  const voi = preset.kind === "fixed" ? { center: preset.center, width: preset.width } : preset.kind === "fileVoi" ? image.fileWindow : null;
  if (voi) {
    const widthMinusOne = Math.max(voi.width - 1, 1e-6);
    const lower = voi.center - 0.5;
    for (let i = 0; i < pixels.length; i++) {
      const y = (pixels[i] - lower) / widthMinusOne + 0.5;
      plane[i] = y < 0 ? 0 : y > 1 ? 1 : y;
    }
    window = { kind: preset.kind, center: voi.center, width: voi.width };
  } else {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < pixels.length; i++) {
      const value = pixels[i];
      if (value < min) min = value;
      if (value > max) max = value;
    }
    const range = max - min;
    // A flat image carries no information; zeros keep it finite rather than NaN.
    if (range > 0) for (let i = 0; i < pixels.length; i++) plane[i] = (pixels[i] - min) / range;
    window = { kind: preset.kind === "fileVoi" ? "fileVoiMissingUsedMinmax" : "minmax", center: (min + max) / 2, width: range };
  }
  if (image.invert) for (let i = 0; i < plane.length; i++) plane[i] = 1 - plane[i];
  return { plane, window };
}

export function preprocessDecodedImage(image: DecodedImage, spec: ImagePreprocessing): PreprocessedImage {
  const { plane, window } = windowPlane(image, windowingFor(image, spec));
  const resized = resamplePlane(plane, image.width, image.height, spec.size, spec.size, spec.resize);
  const { mean, std } = spec.normalisation;
  for (let i = 0; i < resized.length; i++) resized[i] = (resized[i] - mean) / std;
  return { tensor: resized, size: spec.size, sourceWidth: image.width, sourceHeight: image.height, window };
}

/** Sniffs DICOM (DICM preamble) or PNG/JPEG and decodes; anything else is NOT_AN_IMAGE. */
export function decodeImageBytes(bytes: Uint8Array, options: DecodeDicomOptions = {}): DecodedImage {
  if (looksLikeDicom(bytes)) return decodeDicom(bytes, options);
  if (sniffRasterFormat(bytes) !== "unknown") return decodeImage(bytes, options.limits);
  throw new InferenceError("NOT_AN_IMAGE");
}

export function preprocessImageBytes(bytes: Uint8Array, spec: ImagePreprocessing, options: { frameIndex?: number; limits?: ImageSizeLimits } = {}): PreprocessedImage {
  return preprocessDecodedImage(decodeImageBytes(bytes, options), spec);
}
