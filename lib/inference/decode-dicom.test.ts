import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeDicom } from "./decode-dicom";
import { isInferenceError } from "./inference-error";
import { fixturePath } from "./testing/reference-model";

const dicom = (name: string) => new Uint8Array(readFileSync(fixturePath("dicom", name)));

function expectCode(run: () => unknown, code: string) {
  try {
    run();
    expect.unreachable();
  } catch (error) {
    expect(isInferenceError(error) ? error.code : error).toBe(code);
  }
}

// Reference values come from pydicom's pixel_array on the same files.
describe("decodeDicom", () => {
  it("decodes signed 16-bit CT and applies Rescale Slope/Intercept (HU)", () => {
    const ct = decodeDicom(dicom("CT_small.dcm"));
    expect([ct.width, ct.height, ct.modality, ct.invert, ct.frameCount]).toEqual([128, 128, "CT", false, 1]);
    expect(Array.from(ct.pixels.slice(0, 4))).toEqual([175 - 1024, 180 - 1024, 166 - 1024, 143 - 1024]);
    expect(ct.pixels[10 * 128 + 20]).toBe(185 - 1024);
    expect(Math.min(...ct.pixels)).toBe(128 - 1024);
    expect(Math.max(...ct.pixels)).toBe(2191 - 1024);
    expect(ct.pixels.reduce((a, b) => a + b, 0) / ct.pixels.length).toBeCloseTo(904.9261474609375 - 1024, 6);
    expect(ct.fileWindow).toBeNull();
  });

  it("decodes MR with its file VOI window", () => {
    const mr = decodeDicom(dicom("MR_small.dcm"));
    expect([mr.width, mr.height, mr.modality]).toEqual([64, 64, "MR"]);
    expect(Array.from(mr.pixels.slice(0, 4))).toEqual([905, 1019, 1227, 1259]);
    expect(mr.pixels[10 * 64 + 20]).toBe(316);
    expect(mr.fileWindow).toEqual({ center: 600, width: 1600 });
  });

  it.each(["MR_small_bigendian.dcm", "MR_small_implicit.dcm"])("decodes %s to the same pixels as explicit little endian", (name) => {
    expect(decodeDicom(dicom(name)).pixels).toEqual(decodeDicom(dicom("MR_small.dcm")).pixels);
  });

  it("decodes 8-bit MONOCHROME1 multi-frame, middle frame by default", () => {
    const file = dicom("synthetic-mono1-8bit-3frames.dcm");
    const middle = decodeDicom(file);
    expect([middle.width, middle.height, middle.frameCount, middle.frameIndex, middle.invert, middle.modality]).toEqual([6, 4, 3, 1, true, "DX"]);
    // stored value 10 * frame + 6 * row + column, modality value = 2 * stored - 10
    expect(middle.pixels[2 * 6 + 3]).toBe(2 * (10 + 12 + 3) - 10);
    expect(decodeDicom(file, { frameIndex: 2 }).pixels[0]).toBe(2 * 20 - 10);
    expect(middle.fileWindow).toEqual({ center: 100, width: 200 });
  });

  it("refuses compressed transfer syntaxes", () => {
    expectCode(() => decodeDicom(dicom("JPEG-lossy.dcm")), "UNSUPPORTED_TRANSFER_SYNTAX");
  });

  it("refuses files that are not DICOM", () => {
    expectCode(() => decodeDicom(new TextEncoder().encode("hello, this is not a DICOM file")), "NOT_DICOM");
  });

  it("refuses images above the size limits before decoding pixels", () => {
    expectCode(() => decodeDicom(dicom("CT_small.dcm"), { limits: { maxPixelsPerFrame: 64 * 64, maxFrames: 10 } }), "IMAGE_TOO_LARGE");
  });

  it("refuses an out-of-range frame index", () => {
    expectCode(() => decodeDicom(dicom("MR_small.dcm"), { frameIndex: 1 }), "CORRUPT_IMAGE");
  });
});
