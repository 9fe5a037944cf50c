import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { encodeRgbaPng } from "./encode-rgba-png";
import { renderHeatmapOverlay } from "./render-heatmap-overlay";

describe("encodeRgbaPng", () => {
  it("writes a PNG that pngjs decodes to the same pixels", () => {
    const rgba = Uint8Array.from({ length: 7 * 5 * 4 }, (_, i) => (i * 37) % 256);
    const decoded = PNG.sync.read(encodeRgbaPng(rgba, 7, 5));
    expect([decoded.width, decoded.height]).toEqual([7, 5]);
    expect(Uint8Array.from(decoded.data)).toEqual(rgba);
  });
});

describe("renderHeatmapOverlay", () => {
  const heatmap = Float32Array.from({ length: 16 * 16 }, (_, i) => (i % 16 >= 8 ? 0.9 : 0));

  it("upsamples to the requested size, transparent where there is no heat", () => {
    const png = PNG.sync.read(renderHeatmapOverlay(heatmap, 16, 16, 128, 96));
    expect([png.width, png.height]).toEqual([128, 96]);
    const alphaAt = (x: number, y: number) => png.data[(y * 128 + x) * 4 + 3];
    expect(alphaAt(5, 50)).toBe(0);
    expect(alphaAt(120, 50)).toBeGreaterThan(100);
  });

  it("makes alpha grow with heat and respects maxOpacity", () => {
    const levels = Float32Array.from({ length: 4 }, (_, i) => [0.05, 0.4, 0.7, 1][i]);
    const png = PNG.sync.read(renderHeatmapOverlay(levels, 4, 1, 4, 1, { maxOpacity: 0.5 }));
    const alphas = [0, 1, 2, 3].map((x) => png.data[x * 4 + 3]);
    expect(alphas[0]).toBe(0);
    expect(alphas[1]).toBeLessThan(alphas[2]);
    expect(alphas[3]).toBe(128);
  });
});
