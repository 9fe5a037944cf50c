import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isDeidError } from "./deid-error";
import { sniffFileKind } from "./sniff-file-kind";

const fixture = (name: string) => new Uint8Array(readFileSync(path.resolve(__dirname, "../../tests/fixtures/deid", name)));

describe("sniffFileKind", () => {
  it("recognises DICOM Part 10, PNG and JPEG by their magic bytes", () => {
    expect(sniffFileKind(fixture("ct-planted.dcm"))).toBe("dicom");
    expect(sniffFileKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe("png");
    expect(sniffFileKind(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toBe("jpeg");
  });

  it.each([
    ["an empty file", new Uint8Array(0)],
    ["a DICOM data set without the Part 10 preamble", fixture("ct-planted.dcm").subarray(132)],
    ["a 'DICM' at the wrong offset", new TextEncoder().encode("DICM".padEnd(200, " "))],
    ["a PDF", new TextEncoder().encode("%PDF-1.7\n")],
    ["a truncated PNG signature", new Uint8Array([0x89, 0x50, 0x4e, 0x47])],
    ["a lone JPEG SOI", new Uint8Array([0xff, 0xd8])],
    ["a text file someone named scan.dcm", new TextEncoder().encode("Patient: KAGURAZAKA Hanzo\n".repeat(10))],
  ])("refuses %s as NOT_SUPPORTED", (_label, bytes) => {
    let thrown: unknown;
    try {
      sniffFileKind(bytes);
    } catch (error) {
      thrown = error;
    }
    expect(isDeidError(thrown, "NOT_SUPPORTED")).toBe(true);
  });
});
