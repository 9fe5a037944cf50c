import { DeidError } from "./deid-error";
import { emptyImageMetadataCounts, type ImageMetadataCounts } from "./image-metadata-counts";
import type { StrippedImage } from "./strip-png-metadata";

// Marker codes (ITU-T T.81, Table B.1).
const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP14 = 0xee;
const APP15 = 0xef;
const COM = 0xfe;
const TEM = 0x01;
const isRestart = (marker: number) => marker >= 0xd0 && marker <= 0xd7;
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function unreadable(reason: string): DeidError {
  return new DeidError("IMAGE_UNREADABLE", { format: "jpeg", reason });
}

function hasIdentifier(segment: Uint8Array, identifier: string): boolean {
  return identifier.split("").every((char, index) => segment[4 + index] === char.charCodeAt(0));
}

/** A JFIF APP0 without its optional thumbnail (JFIF 1.02: thumbnail size bytes at 18-19, data after). */
function jfifWithoutThumbnail(segment: Uint8Array, counts: ImageMetadataCounts): Uint8Array {
  const headerLength = 2 + 2 + 14; // marker, length, "JFIF\0" + version + units + densities + thumbnail size
  if (segment.length <= headerLength) return segment;
  counts.thumbnailsRemoved += 1;
  const trimmed = new Uint8Array(segment.subarray(0, headerLength));
  trimmed[2] = 0;
  trimmed[3] = 16; // new segment length, excluding the marker
  trimmed[headerLength - 2] = 0;
  trimmed[headerLength - 1] = 0;
  return trimmed;
}

/** End of the entropy-coded data that follows an SOS header: the next marker that is not a restart or a stuffed 0xFF00. */
function endOfScan(bytes: Uint8Array, start: number): number {
  let index = start;
  while (index + 1 < bytes.length) {
    if (bytes[index] !== 0xff) {
      index += 1;
      continue;
    }
    const next = bytes[index + 1];
    if (next === 0x00 || isRestart(next)) index += 2;
    else if (next === 0xff) index += 1; // fill byte before a marker
    else return index;
  }
  throw unreadable("scan runs past the end");
}

/**
 * Removes metadata from a JPEG losslessly, segment by segment: APP1-APP15 (Exif, XMP, ICC, Photoshop
 * IPTC, vendor blocks), COM comments, the JFIF thumbnail and the JFXX thumbnail extension, and
 * anything after EOI. Frame, tables and scan data are copied verbatim, so decoding gives the same
 * pixels. One exception: the fixed 12-byte Adobe APP14 segment is kept, because its colour-transform
 * flag decides whether a 3-component image is decoded as RGB or YCbCr, and it has no room for text.
 */
export function stripJpegMetadata(bytes: Uint8Array): StrippedImage {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) throw unreadable("no SOI");
  const counts = emptyImageMetadataCounts();
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let offset = 2;
  let sawFrame = false;
  let sawScan = false;

  for (;;) {
    if (offset + 1 >= bytes.length) throw unreadable("no EOI");
    if (bytes[offset] !== 0xff) throw unreadable("expected a marker");
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset += 1; // fill bytes between segments
      continue;
    }
    if (marker === EOI) {
      kept.push(bytes.subarray(offset, offset + 2));
      offset += 2;
      break;
    }
    if (isRestart(marker) || marker === TEM) {
      kept.push(bytes.subarray(offset, offset + 2));
      offset += 2;
      continue;
    }
    if (marker === SOI || marker === 0x00) throw unreadable("unexpected marker");
    if (offset + 4 > bytes.length) throw unreadable("truncated segment header");
    const segmentLength = (bytes[offset + 2] << 8) | bytes[offset + 3];
    const segmentEnd = offset + 2 + segmentLength;
    if (segmentLength < 2 || segmentEnd > bytes.length) throw unreadable("segment runs past the end");
    const segment = bytes.subarray(offset, segmentEnd);

    if (marker === APP0) {
      if (hasIdentifier(segment, "JFIF\0")) kept.push(jfifWithoutThumbnail(segment, counts));
      else if (hasIdentifier(segment, "JFXX\0")) counts.thumbnailsRemoved += 1;
      else counts.otherMetadataRemoved += 1;
    } else if (marker === APP1) {
      counts.exifRemoved += 1;
    } else if (marker === APP14 && segmentLength === 14 && hasIdentifier(segment, "Adobe")) {
      kept.push(segment);
    } else if (marker > APP0 && marker <= APP15) {
      counts.otherMetadataRemoved += 1;
    } else if (marker === COM) {
      counts.textRemoved += 1;
    } else {
      kept.push(segment);
      if (isStartOfFrame(marker)) sawFrame = true;
    }
    offset = segmentEnd;

    if (marker === SOS) {
      if (!sawFrame) throw unreadable("scan before frame");
      sawScan = true;
      const scanEnd = endOfScan(bytes, offset);
      kept.push(bytes.subarray(offset, scanEnd));
      offset = scanEnd;
    }
  }
  if (!sawScan) throw unreadable("no scan");
  counts.trailingBytesRemoved = bytes.length - offset;
  return { bytes: Buffer.concat(kept), summary: counts };
}
