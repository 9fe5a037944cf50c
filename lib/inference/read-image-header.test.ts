import dicomParser from "dicom-parser";
import { describe, expect, it } from "vitest";
import { decodeDicom } from "./decode-dicom";
import { decodeImage } from "./decode-image";
import { isInferenceError } from "./inference-error";
import { checkDecodeBudget, decodedBytesOf, dicomImageHeader, readRasterHeader } from "./read-image-header";
import { craftDicom, craftJpeg, craftPng } from "./testing/crafted-images";

function codeOf(run: () => unknown): unknown {
  try {
    run();
    return "no error";
  } catch (error) {
    return isInferenceError(error) ? error.code : error;
  }
}

// Issue #11 §5: a 0.5 MB PNG declaring 8192 × 8192 16-bit RGBA took 18 s and 500 MB to preview.
const issuePng = craftPng({ width: 8192, height: 8192, bitDepth: 16, colorType: 6 });

describe("readRasterHeader", () => {
  it("reads width, height, bit depth and channels from a PNG's IHDR", () => {
    expect(readRasterHeader(issuePng)).toEqual({ format: "png", width: 8192, height: 8192, bitsPerSample: 16, channels: 4, frames: 1 });
    expect(readRasterHeader(craftPng({ width: 3, height: 5, bitDepth: 8, colorType: 0 }))).toMatchObject({ width: 3, height: 5, channels: 1 });
  });

  it("reads the frame header of every SOFn marker, past APPn segments and fill bytes", () => {
    const sofMarkers = [0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf];
    for (const sofMarker of sofMarkers) {
      expect(readRasterHeader(craftJpeg({ sofMarker, width: 40000, height: 30000, components: 3, precision: 12 })), sofMarker.toString(16)).toEqual({ format: "jpeg", width: 40000, height: 30000, bitsPerSample: 12, channels: 3, frames: 1 });
    }
  });

  it("refuses headers it cannot trust", () => {
    expect(codeOf(() => readRasterHeader(issuePng.subarray(0, 20)))).toBe("CORRUPT_IMAGE");
    expect(codeOf(() => readRasterHeader(craftPng({ width: 4, height: 4, bitDepth: 8, colorType: 5 })))).toBe("CORRUPT_IMAGE");
    expect(codeOf(() => readRasterHeader(craftJpeg({ sofMarker: 0xc0, width: 10, height: 0, components: 1 })))).toBe("CORRUPT_IMAGE");
    expect(codeOf(() => readRasterHeader(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 8])))).toBe("CORRUPT_IMAGE");
    expect(codeOf(() => readRasterHeader(Buffer.from("GIF89a")))).toBe("NOT_AN_IMAGE");
  });
});

describe("the decode budget, checked before any pixel is decoded", () => {
  it("refuses the issue's PNG from its header (its pixel data is not even there)", () => {
    expect(decodedBytesOf(readRasterHeader(issuePng))).toBe(8192 * 8192 * 12);
    // Before the budget, pngjs started on it (and failed only on the missing data, after allocating).
    expect(codeOf(() => decodeImage(issuePng))).toBe("IMAGE_TOO_LARGE");
  });

  it("admits a 4096 × 4096 16-bit RGBA PNG and refuses one a pixel taller", () => {
    expect(codeOf(() => checkDecodeBudget(readRasterHeader(craftPng({ width: 4096, height: 4096, bitDepth: 16, colorType: 6 }))))).toBe("no error");
    expect(codeOf(() => checkDecodeBudget(readRasterHeader(craftPng({ width: 4096, height: 4097, bitDepth: 16, colorType: 6 }))))).toBe("IMAGE_TOO_LARGE");
  });

  it("refuses a JPEG of any SOFn that declares too much, lossless and arithmetic ones included", () => {
    for (const sofMarker of [0xc0, 0xc2, 0xc3, 0xcb]) {
      expect(codeOf(() => decodeImage(craftJpeg({ sofMarker, width: 20000, height: 20000, components: 3 }))), sofMarker.toString(16)).toBe("IMAGE_TOO_LARGE");
    }
  });

  it("refuses a DICOM by Rows, Columns, BitsAllocated, SamplesPerPixel and NumberOfFrames", () => {
    const rgb16 = craftDicom({ rows: 8192, columns: 8192, bitsAllocated: 16, samplesPerPixel: 3, pixelBytes: 64 });
    expect(dicomImageHeader(dicomParser.parseDicom(rgb16))).toEqual({ format: "dicom", width: 8192, height: 8192, bitsPerSample: 16, channels: 3, frames: 1 });
    expect(codeOf(() => decodeDicom(rgb16))).toBe("IMAGE_TOO_LARGE");
    // The same geometry at 8 bits gray fits; its missing pixel data is what fails then.
    expect(codeOf(() => decodeDicom(craftDicom({ rows: 4096, columns: 4096, bitsAllocated: 8, samplesPerPixel: 1, pixelBytes: 64 })))).toBe("CORRUPT_IMAGE");
    expect(codeOf(() => decodeDicom(craftDicom({ rows: 16, columns: 16, bitsAllocated: 8, samplesPerPixel: 1, frames: 5000, pixelBytes: 64 })))).toBe("IMAGE_TOO_LARGE");
  });

  it("carries the figures the error message needs and nothing else", () => {
    try {
      checkDecodeBudget(readRasterHeader(issuePng));
      expect.unreachable();
    } catch (error) {
      expect(isInferenceError(error) && error.details).toMatchObject({ decodedBytes: 8192 * 8192 * 12, maxDecodedBytes: 192 * 1024 * 1024 });
    }
  });
});
