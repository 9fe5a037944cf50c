import { randomBytes } from "node:crypto";

// multipart/related (RFC 2387) as DICOMweb uses it: WADO-RS answers with one part per instance and
// STOW-RS takes one part per instance. Bytes in, bytes out: DICOM parts are binary.

export type RelatedPart = { headers: Record<string, string>; body: Uint8Array };

/** The boundary parameter of a Content-Type header, or null. */
export function boundaryOf(contentType: string): string | null {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  outer: for (let index = haystack.indexOf(first!, from); index !== -1 && index <= haystack.length - needle.length; index = haystack.indexOf(first!, index + 1)) {
    for (let offset = 1; offset < needle.length; offset++) if (haystack[index + offset] !== needle[offset]) continue outer;
    return index;
  }
  return -1;
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Splits a multipart/related body into its parts; throws when the body is not well formed. */
export function parseMultipartRelated(body: Uint8Array, boundary: string): RelatedPart[] {
  const delimiter = new TextEncoder().encode(`--${boundary}`);
  const headerEnd = new TextEncoder().encode("\r\n\r\n");
  const parts: RelatedPart[] = [];
  let cursor = indexOf(body, delimiter, 0);
  if (cursor === -1) throw new Error("multipart body without its boundary");
  while (true) {
    const afterDelimiter = cursor + delimiter.length;
    // "--" after the delimiter closes the body.
    if (body[afterDelimiter] === 0x2d && body[afterDelimiter + 1] === 0x2d) return parts;
    const headersStart = afterDelimiter + 2;
    const headersStop = indexOf(body, headerEnd, headersStart);
    if (headersStop === -1) throw new Error("multipart part without a header end");
    const next = indexOf(body, delimiter, headersStop + 4);
    if (next === -1) throw new Error("multipart body not closed");
    // The CRLF before the next delimiter belongs to the delimiter, not the part.
    const bodyEnd = body[next - 2] === 0x0d && body[next - 1] === 0x0a ? next - 2 : next;
    parts.push({ headers: parseHeaders(Buffer.from(body.subarray(headersStart, headersStop)).toString("latin1")), body: body.subarray(headersStop + 4, bodyEnd) });
    cursor = next;
  }
}

/** Builds a multipart/related body of `type` parts; returns it with its Content-Type header. */
export function buildMultipartRelated(parts: Uint8Array[], type: string): { body: Uint8Array; contentType: string } {
  const boundary = `mmfm-${randomBytes(12).toString("hex")}`;
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Type: ${type}\r\nContent-Length: ${part.byteLength}\r\n\r\n`, "latin1"), part, Buffer.from("\r\n", "latin1"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, "latin1"));
  return { body: Buffer.concat(chunks), contentType: `multipart/related; type="${type}"; boundary=${boundary}` };
}
