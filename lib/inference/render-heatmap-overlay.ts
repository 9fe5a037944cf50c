import { encodeRgbaPng } from "./encode-rgba-png";
import { resamplePlane } from "./resample-plane";

// Colour stops of a "hot" ramp (dark red -> red -> orange -> yellow -> white): reads as heat on
// a gray radiograph and stays distinguishable for the common red-green colour-vision deficiencies.
const colourStops: Array<[number, [number, number, number]]> = [
  [0.0, [128, 0, 0]],
  [0.35, [230, 30, 0]],
  [0.6, [255, 140, 0]],
  [0.85, [255, 235, 60]],
  [1.0, [255, 255, 230]],
];

const colourLookup = (() => {
  const table = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = i / 255;
    const upper = colourStops.findIndex(([stop]) => stop >= t);
    const [stopB, colourB] = colourStops[Math.max(upper, 1)];
    const [stopA, colourA] = colourStops[Math.max(upper, 1) - 1];
    const mix = (t - stopA) / (stopB - stopA);
    for (let c = 0; c < 3; c++) table[i * 3 + c] = Math.round(colourA[c] + (colourB[c] - colourA[c]) * mix);
  }
  return table;
})();

export type HeatmapOverlayOptions = {
  /** Heat below this stays fully transparent, so the image shows through where nothing was found. */
  floor?: number;
  /** Opacity at heat 1, 0..1. */
  maxOpacity?: number;
};

/**
 * Renders a heat map as a transparent RGBA PNG of the given size: bilinear upsampling, a colour
 * ramp, and alpha proportional to heat above the floor. Laid over the image by the viewer.
 */
export function renderHeatmapOverlay(
  heatmap: Float32Array,
  heatmapWidth: number,
  heatmapHeight: number,
  outWidth: number,
  outHeight: number,
  options: HeatmapOverlayOptions = {},
): Buffer {
  const floor = options.floor ?? 0.1;
  const maxAlpha = 255 * (options.maxOpacity ?? 0.6);
  const heat = resamplePlane(heatmap, heatmapWidth, heatmapHeight, outWidth, outHeight, "bilinear");
  const data = new Uint8Array(outWidth * outHeight * 4);
  const alphaScale = maxAlpha / (1 - floor);
  for (let i = 0; i < heat.length; i++) {
    const raw = heat[i];
    const value = raw < 0 ? 0 : raw > 1 ? 1 : raw;
    if (value <= floor) continue; // stays transparent black (the buffer starts zeroed)
    const level = ((value * 255 + 0.5) | 0) * 3;
    const o = i * 4;
    data[o] = colourLookup[level];
    data[o + 1] = colourLookup[level + 1];
    data[o + 2] = colourLookup[level + 2];
    data[o + 3] = ((value - floor) * alphaScale + 0.5) | 0;
  }
  return encodeRgbaPng(data, outWidth, outHeight);
}
