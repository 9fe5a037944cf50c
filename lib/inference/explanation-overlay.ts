import { renderHeatmapOverlay, type HeatmapOverlayOptions } from "./render-heatmap-overlay";

export type ExplainOptions = HeatmapOverlayOptions & {
  /** Overlay size follows the source image, scaled down to at most this many pixels a side. */
  maxOverlaySidePx?: number;
};

export type ExplanationOverlay = { png: Buffer; width: number; height: number };

/** The heat map as a transparent PNG the size of the source image (capped), for the viewer. */
export function renderExplanationOverlay(
  heatmap: { values: Float32Array; width: number; height: number },
  source: { sourceWidth: number; sourceHeight: number },
  options: ExplainOptions = {},
): ExplanationOverlay {
  const maxSide = options.maxOverlaySidePx ?? 512;
  const scale = Math.min(1, maxSide / Math.max(source.sourceWidth, source.sourceHeight));
  const width = Math.max(1, Math.round(source.sourceWidth * scale));
  const height = Math.max(1, Math.round(source.sourceHeight * scale));
  return { png: renderHeatmapOverlay(heatmap.values, heatmap.width, heatmap.height, width, height, options), width, height };
}
