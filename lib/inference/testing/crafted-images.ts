import { crc32, deflateSync } from "node:zlib";

// Tiny files that declare whatever size a test needs: for the decode budget tests, the bad-file
// corpus and bench:isolation. No real patient image is involved.

function pngChunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG with the given IHDR and IDAT (by default a deflated run of zeros far shorter than declared). */
export function craftPng(options: { width: number; height: number; bitDepth: number; colorType: number; idat?: Uint8Array }): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(options.width, 0);
  header.writeUInt32BE(options.height, 4);
  header.set([options.bitDepth, options.colorType, 0, 0, 0], 8);
  const idat = options.idat ?? deflateSync(Buffer.alloc(64 * 1024));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk("IHDR", header), pngChunk("IDAT", idat), pngChunk("IEND", Buffer.alloc(0))]);
}

/**
 * A complete, decodable 16-bit RGBA PNG (a smooth gradient stored with PNG's Sub filter, so it
 * compresses to a small file) whose decoding does all the work its size asks for.
 */
export function craftGradientPng16Rgba(width: number, height: number): Buffer {
  const bytesPerPixel = 8;
  const rowBytes = 1 + width * bytesPerPixel;
  const raw = Buffer.alloc(rowBytes * height);
  const row = Buffer.alloc(width * bytesPerPixel);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = x * bytesPerPixel;
      row.writeUInt16BE(Math.floor((x * 65535) / width), at);
      row.writeUInt16BE(Math.floor((y * 65535) / height), at + 2);
      row.writeUInt16BE(Math.floor(((x + y) * 32767) / (width + height)), at + 4);
      row.writeUInt16BE(65535, at + 6);
    }
    const start = y * rowBytes;
    raw[start] = 1; // Sub: each byte minus the same byte of the pixel to its left
    for (let i = 0; i < row.length; i++) raw[start + 1 + i] = (row[i]! - (i >= bytesPerPixel ? row[i - bytesPerPixel]! : 0)) & 0xff;
  }
  return craftPng({ width, height, bitDepth: 16, colorType: 6, idat: deflateSync(raw, { level: 6 }) });
}

/** A JPEG whose frame header (any SOFn marker) declares the given size, after an APP0 segment and fill bytes. */
export function craftJpeg(options: { sofMarker: number; width: number; height: number; components: number; precision?: number }): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.alloc(10 + options.components * 3);
  sof.set([0xff, options.sofMarker]);
  sof.writeUInt16BE(8 + options.components * 3, 2);
  sof[4] = options.precision ?? 8;
  sof.writeUInt16BE(options.height, 5);
  sof.writeUInt16BE(options.width, 7);
  sof[9] = options.components;
  for (let c = 0; c < options.components; c++) sof.set([c + 1, 0x11, 0], 10 + c * 3);
  // A scan that is not really there: a decoder that gets past the header fails on it.
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, Buffer.from([0xff, 0xff]), sof, Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]), Buffer.alloc(32), Buffer.from([0xff, 0xd9])]);
}

function element(group: number, elementNumber: number, vr: string, value: Buffer): Buffer {
  const long = ["OB", "OW", "SQ", "UN", "UT"].includes(vr);
  const header = Buffer.alloc(long ? 12 : 8);
  header.writeUInt16LE(group, 0);
  header.writeUInt16LE(elementNumber, 2);
  header.write(vr, 4, "latin1");
  if (long) header.writeUInt32LE(value.length, 8);
  else header.writeUInt16LE(value.length, 6);
  return Buffer.concat([header, value]);
}

const text = (value: string) => Buffer.from(value.length % 2 ? `${value} ` : value, "latin1");
const uid = (value: string) => Buffer.from(value.length % 2 ? `${value}\0` : value, "latin1");
const us = (value: number) => Buffer.from(Uint16Array.of(value).buffer);

/** An explicit-VR little-endian DICOM image declaring the given geometry, with `pixelBytes` of pixel data. */
export function craftDicom(options: { rows: number; columns: number; bitsAllocated: number; samplesPerPixel: number; frames?: number; pixelBytes: number }): Buffer {
  const meta = Buffer.concat([
    element(0x0002, 0x0001, "OB", Buffer.from([0, 1])),
    element(0x0002, 0x0002, "UI", uid("1.2.840.10008.5.1.4.1.1.7")),
    element(0x0002, 0x0003, "UI", uid("2.25.1")),
    element(0x0002, 0x0010, "UI", uid("1.2.840.10008.1.2.1")),
  ]);
  const body = Buffer.concat([
    element(0x0002, 0x0000, "UL", Buffer.from(Uint32Array.of(meta.length).buffer)),
    meta,
    element(0x0008, 0x0016, "UI", uid("1.2.840.10008.5.1.4.1.1.7")),
    element(0x0008, 0x0018, "UI", uid("2.25.1")),
    element(0x0008, 0x0060, "CS", text("OT")),
    element(0x0028, 0x0002, "US", us(options.samplesPerPixel)),
    element(0x0028, 0x0004, "CS", text(options.samplesPerPixel === 3 ? "RGB" : "MONOCHROME2")),
    element(0x0028, 0x0008, "IS", text(String(options.frames ?? 1))),
    element(0x0028, 0x0010, "US", us(options.rows)),
    element(0x0028, 0x0011, "US", us(options.columns)),
    element(0x0028, 0x0100, "US", us(options.bitsAllocated)),
    element(0x0028, 0x0101, "US", us(options.bitsAllocated)),
    element(0x0028, 0x0103, "US", us(0)),
    element(0x7fe0, 0x0010, "OW", Buffer.alloc(options.pixelBytes + (options.pixelBytes % 2))),
  ]);
  return Buffer.concat([Buffer.alloc(128), Buffer.from("DICM", "latin1"), body]);
}
