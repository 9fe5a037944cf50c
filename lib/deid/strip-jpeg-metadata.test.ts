import jpeg from "jpeg-js";
import { describe, expect, it } from "vitest";
import { isDeidError } from "./deid-error";
import { stripJpegMetadata } from "./strip-jpeg-metadata";

const plantedName = "KAGURAZAKA Hanzo";
const plantedId = "PID-88231977";

function segment(marker: number, payload: Uint8Array | string): Buffer {
  const data = typeof payload === "string" ? Buffer.from(payload, "utf8") : Buffer.from(payload);
  const out = Buffer.alloc(4 + data.length);
  out[0] = 0xff;
  out[1] = marker;
  out.writeUInt16BE(data.length + 2, 2);
  data.copy(out, 4);
  return out;
}

function buildJpeg(): Buffer {
  const width = 16;
  const height = 8;
  const data = Buffer.alloc(width * height * 4);
  for (let index = 0; index < data.length; index += 1) data[index] = (index * 13) % 256;
  return Buffer.from(jpeg.encode({ data, width, height }, 90).data);
}

/** The clean JPEG's JFIF APP0 with a 1x1 thumbnail appended. */
function jfifWithThumbnail(clean: Buffer): Buffer {
  const jfifPayload = Buffer.from(clean.subarray(6, 20));
  jfifPayload[12] = 1;
  jfifPayload[13] = 1;
  return segment(0xe0, Buffer.concat([jfifPayload, Buffer.from([1, 2, 3])]));
}

/** Identifiers in every metadata place a JPEG has, plus the Adobe APP14 that must stay. */
function buildJpegWithMetadata(): { input: Buffer; adobe: Buffer } {
  const clean = buildJpeg();
  expect(clean.subarray(6, 10).toString("latin1")).toBe("JFIF");
  const adobe = segment(0xee, Buffer.from([0x41, 0x64, 0x6f, 0x62, 0x65, 0, 100, 0, 0, 0, 0, 1]));
  const metadata = [
    segment(0xe1, `Exif\0\0MM\0*${plantedName}`),
    segment(0xe1, `http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>${plantedId}</x:xmpmeta>`),
    segment(0xe2, `ICC_PROFILE\0${plantedName}`),
    segment(0xed, `Photoshop 3.0\0${plantedId}`),
    segment(0xe0, `JFXX\0\x10thumb of ${plantedName}`),
    segment(0xfe, `患者 山田太郎 ${plantedId}`),
    adobe,
  ];
  const input = Buffer.concat([clean.subarray(0, 2), jfifWithThumbnail(clean), ...metadata, clean.subarray(20), Buffer.from(`after EOI ${plantedName}`)]);
  return { input, adobe };
}

describe("stripJpegMetadata", () => {
  it("removes APP1-APP15, COM, thumbnails and trailing bytes, and counts them by category", () => {
    const { input } = buildJpegWithMetadata();
    const { bytes, summary } = stripJpegMetadata(input);
    const output = Buffer.from(bytes);
    for (const planted of [plantedName, plantedId, "山田太郎", "Exif", "xmpmeta", "ICC_PROFILE", "Photoshop", "JFXX"]) {
      expect(input.includes(Buffer.from(planted))).toBe(true);
      expect(output.includes(Buffer.from(planted))).toBe(false);
    }
    expect(summary).toEqual({ textRemoved: 1, exifRemoved: 2, otherMetadataRemoved: 2, thumbnailsRemoved: 2, trailingBytesRemoved: 26 });
  });

  it("keeps the fixed-size Adobe APP14 segment and decodes to the same pixels", () => {
    const { input, adobe } = buildJpegWithMetadata();
    const output = Buffer.from(stripJpegMetadata(input).bytes);
    expect(output.includes(adobe)).toBe(true);
    const clean = buildJpeg();
    expect(jpeg.decode(output, { useTArray: true }).data).toEqual(jpeg.decode(clean, { useTArray: true }).data);
    // Without the Adobe segment the file is the clean encoder output, byte for byte.
    expect(Buffer.compare(Buffer.from(output.toString("latin1").replace(adobe.toString("latin1"), ""), "latin1"), clean)).toBe(0);
  });

  it("returns a clean JPEG unchanged", () => {
    const { bytes, summary } = stripJpegMetadata(buildJpeg());
    expect(Buffer.compare(Buffer.from(bytes), buildJpeg())).toBe(0);
    expect(Object.values(summary).every((count) => count === 0)).toBe(true);
  });

  it.each([
    ["cut before EOI", (file: Buffer) => file.subarray(0, file.length - 40)],
    ["a segment length past the end", (file: Buffer) => Buffer.concat([file.subarray(0, 2), Buffer.from([0xff, 0xe1, 0xff, 0xff, 0x45])])],
    ["no SOI", (file: Buffer) => file.subarray(2)],
    ["only SOI and EOI", () => Buffer.from([0xff, 0xd8, 0xff, 0xd9])],
  ])("refuses a damaged JPEG (%s) with IMAGE_UNREADABLE", (_label, damage) => {
    let thrown: unknown;
    try {
      stripJpegMetadata(damage(buildJpegWithMetadata().input));
    } catch (error) {
      thrown = error;
    }
    expect(isDeidError(thrown, "IMAGE_UNREADABLE")).toBe(true);
  });
});
