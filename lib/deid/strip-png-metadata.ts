import { computeCrc32 } from "./compute-crc32";
import { DeidError } from "./deid-error";
import { emptyImageMetadataCounts, type ImageMetadataCounts } from "./image-metadata-counts";

const signatureLength = 8;

// Chunks needed to decode and display the image the same way (PNG spec 3rd ed., 5.6). Everything
// else goes: text (tEXt, iTXt, zTXt), Exif (eXIf), the time of last change (tIME), ICC profiles
// (iCCP: free-text description and copyright), APNG animation, and any private chunk.
const keptChunks = new Set(["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "sBIT", "pHYs", "bKGD", "cICP"]);
const textChunks = new Set(["tEXt", "iTXt", "zTXt"]);

export type StrippedImage = { bytes: Uint8Array; summary: ImageMetadataCounts };

function unreadable(reason: string): DeidError {
  return new DeidError("IMAGE_UNREADABLE", { format: "png", reason });
}

/**
 * Removes every metadata chunk from a PNG without touching the image: kept chunks are copied
 * verbatim (data and CRC), so the decoded pixels are identical. Each chunk's CRC is checked, so a
 * damaged file is refused rather than passed on.
 */
export function stripPngMetadata(bytes: Uint8Array): StrippedImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const counts = emptyImageMetadataCounts();
  const kept: Uint8Array[] = [bytes.subarray(0, signatureLength)];
  let offset = signatureLength;
  let sawImageData = false;
  let sawEnd = false;

  while (offset < bytes.length) {
    if (offset + 12 > bytes.length) throw unreadable("truncated chunk header");
    const dataLength = view.getUint32(offset);
    const chunkEnd = offset + 12 + dataLength;
    if (dataLength > 0x7fffffff || chunkEnd > bytes.length) throw unreadable("chunk runs past the end");
    const typeBytes = bytes.subarray(offset + 4, offset + 8);
    const type = String.fromCharCode(...typeBytes);
    if (!/^[A-Za-z]{4}$/.test(type)) throw unreadable("invalid chunk type");
    if (offset === signatureLength && type !== "IHDR") throw unreadable("first chunk is not IHDR");
    if (computeCrc32(bytes.subarray(offset + 4, chunkEnd - 4)) !== view.getUint32(chunkEnd - 4)) throw unreadable("chunk CRC mismatch");

    if (keptChunks.has(type)) kept.push(bytes.subarray(offset, chunkEnd));
    else if (textChunks.has(type)) counts.textRemoved += 1;
    else if (type === "eXIf") counts.exifRemoved += 1;
    else counts.otherMetadataRemoved += 1;

    if (type === "IDAT") sawImageData = true;
    offset = chunkEnd;
    if (type === "IEND") {
      sawEnd = true;
      break;
    }
  }
  if (!sawImageData || !sawEnd) throw unreadable("no image data or no IEND");
  counts.trailingBytesRemoved = bytes.length - offset;
  return { bytes: Buffer.concat(kept), summary: counts };
}
