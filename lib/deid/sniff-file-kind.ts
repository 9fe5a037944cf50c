import { DeidError } from "./deid-error";
import type { FileKind } from "./schema";

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  return bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);
}

/**
 * What a file is, from its first bytes only: a DICOM Part 10 file has "DICM" after its 128-byte
 * preamble, a PNG its 8-byte signature, a JPEG the SOI marker followed by another marker. The file
 * name and the browser's MIME type are never consulted: a file named .dcm that is not DICOM is not
 * DICOM. Anything else, raw DICOM data sets without the Part 10 header included, is NOT_SUPPORTED.
 */
export function sniffFileKind(bytes: Uint8Array): FileKind {
  if (startsWith(bytes, [0x44, 0x49, 0x43, 0x4d], 128)) return "dicom";
  if (startsWith(bytes, pngSignature)) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  throw new DeidError("NOT_SUPPORTED");
}
