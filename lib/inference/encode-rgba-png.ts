import { crc32, deflateSync } from "node:zlib";

// Minimal PNG writer for 8-bit RGBA (PNG spec, ISO/IEC 15948: signature, IHDR, IDAT, IEND).
// pngjs's synchronous writer spends ~0.25 ms in per-pixel JavaScript on a 64x64 overlay, more
// than a model run; row copies (filter type None) + native deflate and crc32 take a fraction.

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export function encodeRgbaPng(rgba: Uint8Array, width: number, height: number, deflateLevel = 3): Buffer {
  if (rgba.length !== width * height * 4) throw new RangeError("rgba length must be width * height * 4");
  const stride = width * 4;
  // Filter type 0 (None) on every row: a zero byte before each row; smooth overlays deflate well anyway.
  const filtered = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) filtered.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(filtered, { level: deflateLevel })), chunk("IEND", Buffer.alloc(0))]);
}
