import { decodeImageBytes } from "@/lib/inference/preprocess-image";

export type ViewerFrame = { width: number; height: number; frames: number; frameIndex: number; invert: boolean; window: { center: number; width: number }; pixels: Float32Array };

/**
 * One frame's modality values for the browser viewer, which does window/level itself (no server
 * round trip while the reader drags). The default window is the file's own, else min-max.
 */
export function decodeViewerFrame(bytes: Uint8Array, frameIndex: number): ViewerFrame {
  const image = decodeImageBytes(bytes, { frameIndex });
  let window = image.fileWindow;
  if (!window) {
    let min = Infinity;
    let max = -Infinity;
    for (const value of image.pixels) {
      if (value < min) min = value;
      if (value > max) max = value;
    }
    window = { center: (min + max) / 2, width: Math.max(1, max - min) };
  }
  return { width: image.width, height: image.height, frames: image.frameCount, frameIndex: image.frameIndex, invert: image.invert, window, pixels: image.pixels };
}
