import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildAiResultSr, type OriginalStudy } from "./build-ai-result-sr";
import { buildHeatmapCapture } from "./build-heatmap-capture";
import { computedRadiographyStorage } from "./demo-studies";

// Debian's dcmtk (dsrdump) and dicom3tools (dciodvfy) judge what we send to PACS; CI installs both.
for (const tool of ["/usr/bin/dsrdump", "/usr/bin/dciodvfy"]) {
  if (!existsSync(tool)) throw new Error(`${tool} is missing: apt-get install -y dcmtk dicom3tools`);
}

const original: OriginalStudy = {
  patient: { PatientName: "DEMO^PATIENT0001", PatientID: "DEMO-PID-0001", PatientBirthDate: "19700101", PatientSex: "F" },
  study: { StudyInstanceUID: "2.25.1111", StudyDate: "20260302", StudyTime: "093000", AccessionNumber: "DEMOACC0001", ReferringPhysicianName: "DEMO^REFERRER", StudyID: "0001" },
  instances: [{ sopClassUid: computedRadiographyStorage, sopInstanceUid: "2.25.3333", seriesInstanceUid: "2.25.2222" }],
};
const result = {
  modelName: "mmfm-reference",
  modelVersion: "1.0.0",
  manufacturer: "MMFM PoC Portal",
  modelCardUrl: "https://portal.example/models/abc",
  probability: 0.8731,
  finding: { code: "233604007", scheme: "SCT", meaning: "Pneumonia" },
  sourceInstance: { sopClassUid: computedRadiographyStorage, sopInstanceUid: "2.25.3333" },
};
const dir = mkdtempSync(path.join(tmpdir(), "mmfm-sr-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(tool: string, file: string): string {
  try {
    return execFileSync(tool, ["+Pl", "+Pt", file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return `${failed.stdout ?? ""}${failed.stderr ?? ""}`;
  }
}
const dciodvfy = (file: string) => execFileSync("sh", ["-c", `dciodvfy "${file}" 2>&1 || true`], { encoding: "utf8" });

describe("AI result as DICOM", () => {
  it("is a TID 1500 measurement report that dsrdump reads and dciodvfy finds no error in", () => {
    const file = path.join(dir, "sr.dcm");
    writeFileSync(file, buildAiResultSr(original, result));
    const dump = run("dsrdump", file);
    expect(dump).toContain("Imaging Measurement Report");
    expect(dump).toContain("Algorithm Name");
    expect(dump).toContain('"mmfm-reference"');
    expect(dump).toContain("Algorithm Version");
    expect(dump).toMatch(/AI probability of finding.*="0\.8731" \(1,UCUM,"no units"\)/);
    expect(dump).toContain('(233604007,SCT,"Pneumonia")');
    expect(dump).toContain("https://portal.example/models/abc");
    expect(dump).toContain("TID 1500");
    const report = dciodvfy(file);
    expect(report).toContain("ComprehensiveSR");
    expect(report.split("\n").filter((line) => line.startsWith("Error"))).toEqual([]);
  });

  it("puts the heat map over the image as an RGB secondary capture that dciodvfy accepts", () => {
    const file = path.join(dir, "sc.dcm");
    const pixels = Float32Array.from({ length: 16 * 16 }, (_, index) => index);
    const overlay = { width: 4, height: 4, rgba: new Uint8Array(4 * 4 * 4).fill(255) };
    writeFileSync(file, buildHeatmapCapture(original, { image: { width: 16, height: 16, pixels, window: { center: 128, width: 256 }, invert: false }, overlay, manufacturer: "MMFM PoC Portal", description: "AI heat map" }));
    const report = dciodvfy(file);
    expect(report).toContain("SC");
    expect(report.split("\n").filter((line) => line.startsWith("Error"))).toEqual([]);
  });
});
