import { readFileSync } from "node:fs";
import * as dicomParserNamespace from "dicom-parser";
import { afterEach, describe, expect, it, vi } from "vitest";
import { craftDicom } from "@/lib/inference/testing/crafted-images";
import { prepareUploadFile } from "./prepare-upload-file";

const dicomParser = (dicomParserNamespace as { default?: typeof dicomParserNamespace }).default ?? dicomParserNamespace;
const keys = { pocSecret: "poc-A-secret-0123456789abcdef0123456789", pseudonym: "C-TEST0001", caseKey: "case-1" };

afterEach(() => vi.restoreAllMocks());

describe("prepareUploadFile", () => {
  it("parses a DICOM upload once and its de-identified output once (it was parsed about five times)", () => {
    const parse = vi.spyOn(dicomParser, "parseDicom");
    const header = vi.spyOn(dicomParser, "readPart10Header");
    const prepared = prepareUploadFile({ bytes: readFileSync("tests/fixtures/deid/ct-planted.dcm"), kind: "dicom" }, 0, keys);
    expect(prepared.attributes).toMatchObject({ modality: "CT", frames: 1 });
    expect(prepared.attributes.width).toBeGreaterThan(0);
    expect(parse).toHaveBeenCalledTimes(2);
    expect(header).not.toHaveBeenCalled();
    expect("dataSet" in prepared).toBe(false);
  });

  it("refuses a DICOM whose header declares more than the decode budget, with the figures", () => {
    const bomb = craftDicom({ rows: 8192, columns: 8192, bitsAllocated: 16, samplesPerPixel: 3, pixelBytes: 64 });
    expect(() => prepareUploadFile({ bytes: bomb, kind: "dicom" }, 2, keys)).toThrow(expect.objectContaining({ code: "IMAGE_TOO_LARGE", params: { file: 3, decodedMb: 640, maxMb: 192, maxFrames: 2000 } }));
  });
});
