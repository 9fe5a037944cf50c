import { describe, expect, it } from "vitest";
import { sniffEvidenceType } from "./sniff-evidence-type";

describe("sniffEvidenceType", () => {
  it("recognises PDF, PNG and JPEG by their first bytes", () => {
    expect(sniffEvidenceType(new TextEncoder().encode("%PDF-1.4\n..."))?.mimeType).toBe("application/pdf");
    expect(sniffEvidenceType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))?.mimeType).toBe("image/png");
    expect(sniffEvidenceType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))?.mimeType).toBe("image/jpeg");
  });

  it("refuses anything else, whatever it is called", () => {
    expect(sniffEvidenceType(new TextEncoder().encode("<html><script>alert(1)</script>"))).toBeNull();
    expect(sniffEvidenceType(Uint8Array.from([0x50, 0x4b, 0x03, 0x04]))).toBeNull(); // zip / docx
    expect(sniffEvidenceType(new TextEncoder().encode("%PD"))).toBeNull();
    expect(sniffEvidenceType(new Uint8Array())).toBeNull();
  });
});
