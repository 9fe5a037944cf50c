import { renderHeatmapOverlay, type HeatmapOverlayOptions } from "./render-heatmap-overlay";

export type ExplainOptions = HeatmapOverlayOptions & {
  /** Overlay size follows the source image's aspect, scaled down to at most this many pixels a side. */
  maxOverlaySidePx?: number;
  /** Overlay pixels per heat-map cell along the longer side (default 2): the viewer scales it up smoothly. */
  overlayPixelsPerCell?: number;
};

export type ExplanationOverlay = { png: Buffer; width: number; height: number };

/**
 * The heat map as a transparent PNG with the source image's aspect, for the viewer, which stretches it
 * over the image. It carries nothing beyond the heat map's cells, so it is rendered at a few pixels per
 * cell rather than at the image's size: a 512-pixel overlay of a 16x16 map cost milliseconds per case.
 */
export function renderExplanationOverlay(
  heatmap: { values: Float32Array; width: number; height: number },
  source: { sourceWidth: number; sourceHeight: number },
  options: ExplainOptions = {},
): ExplanationOverlay {
  const cellSide = Math.max(heatmap.width, heatmap.height) * (options.overlayPixelsPerCell ?? 2);
  const maxSide = Math.min(options.maxOverlaySidePx ?? 512, cellSide);
  const scale = Math.min(1, maxSide / Math.max(source.sourceWidth, source.sourceHeight));
  const width = Math.max(1, Math.round(source.sourceWidth * scale));
  const height = Math.max(1, Math.round(source.sourceHeight * scale));
  return { png: renderHeatmapOverlay(heatmap.values, heatmap.width, heatmap.height, width, height, options), width, height };
}
