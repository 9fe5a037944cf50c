/** What was stripped from a PNG or JPEG, by category; never the content. */
export type ImageMetadataCounts = {
  /** PNG tEXt, iTXt, zTXt; JPEG COM. */
  textRemoved: number;
  /** PNG eXIf; JPEG APP1 (Exif, XMP). */
  exifRemoved: number;
  /** Every other block that is not needed to decode the image: tIME, ICC profiles, APP2-APP15, vendor blocks. */
  otherMetadataRemoved: number;
  /** JFIF and JFXX thumbnails: small copies of the image that would escape any later pixel cleaning. */
  thumbnailsRemoved: number;
  /** Bytes after the end of the image (IEND, EOI), where anything can hide. */
  trailingBytesRemoved: number;
};

export function emptyImageMetadataCounts(): ImageMetadataCounts {
  return { textRemoved: 0, exifRemoved: 0, otherMetadataRemoved: 0, thumbnailsRemoved: 0, trailingBytesRemoved: 0 };
}
