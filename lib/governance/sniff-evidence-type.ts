// Evidence files are identified by their first bytes, never by the name or the browser's claimed type.
const signatures = [
  { mimeType: "application/pdf", extension: ".pdf", magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // "%PDF-"
  { mimeType: "image/png", extension: ".png", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mimeType: "image/jpeg", extension: ".jpg", magic: [0xff, 0xd8, 0xff] },
] as const;

export type EvidenceFileType = { mimeType: (typeof signatures)[number]["mimeType"]; extension: string };

export const maxEvidenceBytes = 10 * 1024 * 1024;

export function sniffEvidenceType(bytes: Uint8Array): EvidenceFileType | null {
  const match = signatures.find((signature) => signature.magic.every((byte, index) => bytes[index] === byte));
  return match ? { mimeType: match.mimeType, extension: match.extension } : null;
}
