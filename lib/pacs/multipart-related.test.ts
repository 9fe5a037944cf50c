import { describe, expect, it } from "vitest";
import { boundaryOf, buildMultipartRelated, parseMultipartRelated } from "./multipart-related";

describe("multipart/related", () => {
  it("round-trips binary parts, including bytes that look like CRLF and dashes", () => {
    const parts = [new Uint8Array([0x0d, 0x0a, 0x2d, 0x2d, 0, 255]), new Uint8Array(0), new Uint8Array(Array.from({ length: 300 }, (_, index) => index % 256))];
    const { body, contentType } = buildMultipartRelated(parts, "application/dicom");
    const boundary = boundaryOf(contentType);
    expect(boundary).toBeTruthy();
    const parsed = parseMultipartRelated(body, boundary!);
    expect(parsed.map((part) => Array.from(part.body))).toEqual(parts.map((part) => Array.from(part)));
    expect(parsed[0]!.headers["content-type"]).toBe("application/dicom");
  });

  it("reads a quoted boundary and refuses a body that is not closed", () => {
    expect(boundaryOf('multipart/related; type="application/dicom"; boundary="abc def"')).toBe("abc def");
    expect(boundaryOf("application/json")).toBeNull();
    const unclosed = new TextEncoder().encode("--b\r\nContent-Type: application/dicom\r\n\r\nDICM");
    expect(() => parseMultipartRelated(unclosed, "b")).toThrow(/not closed/);
  });
});
