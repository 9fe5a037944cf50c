import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { computeCrc32 } from "./compute-crc32";
import { isDeidError } from "./deid-error";
import { stripPngMetadata } from "./strip-png-metadata";

const plantedName = "KAGURAZAKA Hanzo";
const plantedId = "PID-88231977";

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(computeCrc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function buildPng(): Buffer {
  const png = new PNG({ width: 4, height: 3 });
  for (let index = 0; index < png.data.length; index += 1) png.data[index] = (index * 37) % 256;
  return PNG.sync.write(png);
}

/** A PNG with identifiers in every metadata chunk kind, inserted after IHDR, plus bytes after IEND. */
function buildPngWithMetadata(): Buffer {
  const clean = buildPng();
  const ihdrEnd = 8 + 12 + 13;
  const text = (value: string) => new TextEncoder().encode(value);
  const metadata = [
    chunk("tEXt", text(`Author\0${plantedName}`)),
    chunk("iTXt", text(`Comment\0\0\0ja\0\0患者 山田太郎 ${plantedId}`)),
    chunk("zTXt", text("Title\0\0x\x9c")),
    chunk("eXIf", text(`MM\0*${plantedName}`)),
    chunk("tIME", new Uint8Array([0x07, 0xe8, 1, 2, 3, 4, 5])),
    chunk("iCCP", text(`profile of ${plantedName}\0\0x`)),
    chunk("prVt", text(plantedId)),
  ];
  return Buffer.concat([clean.subarray(0, ihdrEnd), ...metadata, clean.subarray(ihdrEnd), Buffer.from(`trailer ${plantedName}`)]);
}

describe("stripPngMetadata", () => {
  it("removes text, Exif, time, ICC, private chunks and trailing bytes, and counts them by category", () => {
    const input = buildPngWithMetadata();
    const { bytes, summary } = stripPngMetadata(input);
    const output = Buffer.from(bytes);
    for (const planted of [plantedName, plantedId, "山田太郎", "tEXt", "iTXt", "zTXt", "eXIf", "tIME", "iCCP", "prVt"]) {
      expect(input.includes(Buffer.from(planted))).toBe(true);
      expect(output.includes(Buffer.from(planted))).toBe(false);
    }
    expect(summary).toEqual({ textRemoved: 3, exifRemoved: 1, otherMetadataRemoved: 3, thumbnailsRemoved: 0, trailingBytesRemoved: 24 });
  });

  it("leaves the image itself untouched: same bytes as the clean file, same pixels", () => {
    const { bytes } = stripPngMetadata(buildPngWithMetadata());
    expect(Buffer.compare(Buffer.from(bytes), buildPng())).toBe(0);
    expect(PNG.sync.read(Buffer.from(bytes)).data).toEqual(PNG.sync.read(buildPng()).data);
  });

  it("returns a clean PNG unchanged", () => {
    const { bytes, summary } = stripPngMetadata(buildPng());
    expect(Buffer.compare(Buffer.from(bytes), buildPng())).toBe(0);
    expect(Object.values(summary).every((count) => count === 0)).toBe(true);
  });

  it.each([
    ["truncated", (png: Buffer) => png.subarray(0, png.length - 40)],
    ["a flipped bit in a chunk", (png: Buffer) => Buffer.concat([png.subarray(0, 40), Buffer.from([png[40] ^ 1]), png.subarray(41)])],
    ["no IHDR first", (png: Buffer) => Buffer.concat([png.subarray(0, 8), chunk("tEXt", new Uint8Array([0x41])), png.subarray(8)])],
    ["only the signature", (png: Buffer) => png.subarray(0, 8)],
  ])("refuses a damaged PNG (%s) with IMAGE_UNREADABLE", (_label, damage) => {
    let thrown: unknown;
    try {
      stripPngMetadata(damage(buildPngWithMetadata()));
    } catch (error) {
      thrown = error;
    }
    expect(isDeidError(thrown, "IMAGE_UNREADABLE")).toBe(true);
  });
});
