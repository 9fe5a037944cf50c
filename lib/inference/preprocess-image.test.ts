import { readFileSync } from "node:fs";
import { encode as encodeJpeg } from "jpeg-js";
import { describe, expect, it } from "vitest";
import { decodeDicom } from "./decode-dicom";
import { decodeImage } from "./decode-image";
import type { DecodedImage } from "./decoded-image";
import { isInferenceError } from "./inference-error";
import { parseModelManifest } from "./load-model";
import type { ImagePreprocessing } from "./manifest";
import { decodeImageBytes, preprocessDecodedImage, preprocessImageBytes, windowPlane } from "./preprocess-image";
import { resamplePlane } from "./resample-plane";
import { fixturePath, readReferenceManifestJson } from "./testing/reference-model";

const spec = parseModelManifest(readReferenceManifestJson()).preprocessing.image;
const fixture = (...parts: string[]) => new Uint8Array(readFileSync(fixturePath(...parts)));

function decoded(overrides: Partial<DecodedImage> = {}): DecodedImage {
  return { source: "dicom", width: 2, height: 2, pixels: Float32Array.from([0, 100, 200, 400]), modality: null, invert: false, fileWindow: null, frameCount: 1, frameIndex: 0, ...overrides };
}

describe("decodeImage (PNG, JPEG)", () => {
  it("keeps 16-bit grayscale samples", () => {
    const image = decodeImage(fixture("images", "gradient-gray16-48x40.png"));
    expect([image.width, image.height, image.source]).toEqual([48, 40, "png"]);
    expect(image.pixels[3 * 48 + 5]).toBeCloseTo(1000 * 5 + 10 * 3, 2); // value = 1000x + 10y
  });

  it("converts 8-bit RGB to BT.601 luma", () => {
    const image = decodeImage(fixture("images", "rgb8-6x4.png"));
    expect(image.pixels[1 * 6 + 2]).toBeCloseTo(0.299 * 80 + 0.587 * 60 + 0.114 * 100, 4);
  });

  it("decodes a JPEG to luminance (lossy: within a few grey levels)", () => {
    const width = 32;
    const height = 16;
    const rgba = new Uint8Array(width * height * 4);
    for (let i = 0; i < width * height; i++) rgba.set([(i % width) * 8, (i % width) * 8, (i % width) * 8, 255], i * 4);
    const jpeg = encodeJpeg({ data: rgba, width, height }, 95).data;
    const image = decodeImageBytes(new Uint8Array(jpeg));
    expect([image.source, image.width, image.height]).toEqual(["jpeg", 32, 16]);
    expect(Math.abs(image.pixels[5 * width + 20] - 160)).toBeLessThan(6);
  });

  it("refuses random bytes, a truncated JPEG and an oversized PNG", () => {
    const codeOf = (run: () => unknown) => { try { run(); } catch (e) { return isInferenceError(e) ? e.code : e; } };
    expect(codeOf(() => decodeImageBytes(new TextEncoder().encode("plain text")))).toBe("NOT_AN_IMAGE");
    expect(codeOf(() => decodeImageBytes(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2])))).toBe("CORRUPT_IMAGE");
    expect(codeOf(() => decodeImage(fixture("images", "gradient-gray16-48x40.png"), { maxPixelsPerFrame: 100, maxFrames: 1 }))).toBe("IMAGE_TOO_LARGE");
  });
});

describe("windowPlane", () => {
  it("stretches min-max to [0,1]", () => {
    expect(Array.from(windowPlane(decoded(), { kind: "minmax" }).plane)).toEqual([0, 0.25, 0.5, 1]);
  });

  it("applies the DICOM linear VOI function for a fixed window", () => {
    // c = 200, w = 201: lower edge 200 - 0.5 - 100 = 99.5, upper 299.5
    const { plane } = windowPlane(decoded(), { kind: "fixed", center: 200, width: 201 });
    expect(Array.from(plane)).toEqual([0, expect.closeTo(0.5 / 200, 6), expect.closeTo(100.5 / 200, 6), 1]);
  });

  it("uses the file window for fileVoi and min-max when the file has none", () => {
    expect(windowPlane(decoded({ fileWindow: { center: 200, width: 201 } }), { kind: "fileVoi" }).window.kind).toBe("fileVoi");
    expect(windowPlane(decoded(), { kind: "fileVoi" }).window.kind).toBe("fileVoiMissingUsedMinmax");
  });

  it("inverts MONOCHROME1 after windowing", () => {
    expect(Array.from(windowPlane(decoded({ invert: true }), { kind: "minmax" }).plane)).toEqual([1, 0.75, 0.5, 0]);
  });
});

describe("resamplePlane", () => {
  it("area-averages when shrinking, including fractional coverage", () => {
    const plane = Float32Array.from({ length: 16 }, (_, i) => i);
    expect(Array.from(resamplePlane(plane, 4, 4, 2, 2, "area"))).toEqual([2.5, 4.5, 10.5, 12.5]);
    // 3 -> 2: output 0 covers input [0, 1.5): (1 * a + 0.5 * b) / 1.5
    expect(resamplePlane(Float32Array.from([0, 3, 6]), 3, 1, 2, 1, "area")[0]).toBeCloseTo(1, 6);
  });

  it("keeps a constant image constant and is the identity at equal size", () => {
    expect(new Set(resamplePlane(new Float32Array(100 * 70).fill(7), 100, 70, 64, 64, "area"))).toEqual(new Set([expect.closeTo(7, 5)]));
    const plane = Float32Array.from([1, 2, 3, 4]);
    expect(resamplePlane(plane, 2, 2, 2, 2, "area")).toEqual(plane);
  });

  it("upsamples bilinearly with aligned pixel centres", () => {
    expect(Array.from(resamplePlane(Float32Array.from([0, 4]), 2, 1, 4, 1, "bilinear"))).toEqual([0, 1, 3, 4]);
  });
});

describe("preprocessImageBytes", () => {
  const normalised = (value: number) => (value - spec.normalisation.mean) / spec.normalisation.std;

  it("windows CT with the manifest's fixed preset and resizes 128 -> 64", () => {
    const bytes = fixture("dicom", "CT_small.dcm");
    const result = preprocessImageBytes(bytes, spec);
    expect(result.window).toEqual({ kind: "fixed", center: -600, width: 1500 });
    expect([result.size, result.sourceWidth, result.sourceHeight, result.tensor.length]).toEqual([64, 128, 128, 64 * 64]);
    // each output pixel is the mean of a 2x2 block of windowed HU
    const hu = decodeDicom(bytes).pixels;
    const voi = (x: number) => Math.min(1, Math.max(0, (x - (-600 - 0.5)) / 1499 + 0.5));
    const block = (voi(hu[0]) + voi(hu[1]) + voi(hu[128]) + voi(hu[129])) / 4;
    expect(result.tensor[0]).toBeCloseTo(normalised(block), 5);
  });

  it("windows MR min-max at its native 64x64", () => {
    const bytes = fixture("dicom", "MR_small.dcm");
    const result = preprocessImageBytes(bytes, spec);
    expect(result.window.kind).toBe("minmax");
    const mr = decodeDicom(bytes).pixels;
    expect(result.tensor[5]).toBeCloseTo(normalised((mr[5] - 127) / (2145 - 127)), 5);
  });

  it("preprocesses a PNG with the default preset", () => {
    const result = preprocessImageBytes(fixture("images", "gradient-gray16-48x40.png"), spec);
    expect(result.window.kind).toBe("minmax");
    expect(result.tensor).toHaveLength(64 * 64);
    // the gradient rises along x, so the normalised values must too
    expect(result.tensor[10]).toBeLessThan(result.tensor[50]);
    expect(Math.min(...result.tensor)).toBeCloseTo(normalised(0), 5);
  });

  it("picks the preset by DICOM Modality", () => {
    const custom: ImagePreprocessing = { ...spec, windowing: { default: { kind: "minmax" }, DX: { kind: "fixed", center: 0, width: 2 } } };
    expect(preprocessDecodedImage(decoded({ modality: "DX" }), custom).window.kind).toBe("fixed");
    expect(preprocessDecodedImage(decoded({ modality: "US" }), custom).window.kind).toBe("minmax");
  });
});
