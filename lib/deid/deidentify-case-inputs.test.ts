import { readFileSync } from "node:fs";
import path from "node:path";
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import { computeCrc32 } from "./compute-crc32";
import { isDeidError } from "./deid-error";
import { deidentifyCaseInputs } from "./deidentify-case-inputs";
import { loadJapaneseTokenizer } from "./note-kuromoji-tokenizer";
import type { CaseInputs } from "./schema";

// The dictionary takes seconds to load on a busy machine: once, outside any test's own timeout.
beforeAll(() => loadJapaneseTokenizer(), 120_000);

const fixture = (name: string) => new Uint8Array(readFileSync(path.resolve(__dirname, "../../tests/fixtures/deid", name)));
const plantedName = "KAGURAZAKA Hanzo";

/** A PNG with a tEXt chunk naming the patient, after IHDR. */
function pngWithText(): Uint8Array {
  const png = new PNG({ width: 2, height: 2 });
  png.data.fill(128);
  const clean = PNG.sync.write(png);
  const data = Buffer.from(`Author\0${plantedName}`, "latin1");
  const text = Buffer.alloc(12 + data.length);
  text.writeUInt32BE(data.length, 0);
  text.write("tEXt", 4, "latin1");
  data.copy(text, 8);
  text.writeUInt32BE(computeCrc32(text.subarray(4, 8 + data.length)), 8 + data.length);
  return Buffer.concat([clean.subarray(0, 33), text, clean.subarray(33)]);
}

/** A JPEG with a COM segment naming the patient, after the JFIF header. */
function jpegWithComment(): Uint8Array {
  const clean = Buffer.from(jpeg.encode({ data: Buffer.alloc(8 * 8 * 4, 200), width: 8, height: 8 }, 80).data);
  const payload = Buffer.from(plantedName, "latin1");
  const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0, payload.length + 2]), payload]);
  return Buffer.concat([clean.subarray(0, 20), comment, clean.subarray(20)]);
}

function buildInputs(overrides: Partial<CaseInputs> = {}): CaseInputs {
  return {
    pocSecret: "poc-A-secret-0123456789abcdef0123456789",
    pseudonym: "POC1-C0007",
    caseKey: "case-7",
    files: [
      { bytes: fixture("ct-planted.dcm"), kind: "dicom" },
      { bytes: fixture("us-burned-in.dcm"), kind: "dicom" },
      { bytes: pngWithText(), kind: "png" },
      { bytes: jpegWithComment(), kind: "jpeg" },
    ],
    note: "患者氏名：山田 太郎　TEL 090-1234-5678。発熱、咳嗽。CRP 12.3 mg/dL。",
    ...overrides,
  };
}

function containsLatin1(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes).toString("latin1").includes(text);
}

describe("deidentifyCaseInputs", () => {
  it("de-identifies every file and the note, and sums one summary of counts", async () => {
    const inputs = buildInputs();
    const result = await deidentifyCaseInputs(inputs);

    expect(result.files.map((file) => [file.index, file.kind])).toEqual([[0, "dicom"], [1, "dicom"], [2, "png"], [3, "jpeg"]]);
    for (const [index, file] of result.files.entries()) {
      expect(containsLatin1(inputs.files[index].bytes, index < 2 ? "KAGURAZAKA" : plantedName)).toBe(index !== 1);
      expect(containsLatin1(file.bytes, "KAGURAZAKA")).toBe(false);
      expect(containsLatin1(file.bytes, "NISHIKATA")).toBe(false);
    }
    // The kept text is the clinician's own (full-width colon and space included); only identifiers change.
    expect(result.note).toBe("患者氏名：[NAME]　TEL [PHONE]。発熱、咳嗽。CRP 12.3 mg/dL。");

    const { summary } = result;
    expect(summary.files).toEqual({ dicom: 2, png: 1, jpeg: 1 });
    expect(summary.images.textRemoved).toBe(2);
    expect(summary.note.NAME).toBe(1);
    expect(summary.note.PHONE).toBe(1);
    expect(summary.dicom.privateTags).toBeGreaterThan(0);
    expect(summary.dicom.uidsReplaced).toBe(10); // 5 per file
    expect(summary.burnedInRisk).toEqual({ files: 3, reasons: { BURNED_IN_ANNOTATION_YES: 1, ULTRASOUND_MODALITY: 1, ULTRASOUND_SOP_CLASS: 1, NON_DICOM_IMAGE: 2 } });
    expect(result.files.map((file) => file.burnedInRisk)).toEqual([false, true, true, true]);
    expect(JSON.stringify(summary)).not.toMatch(/KAGURAZAKA|山田|090-1234/);
  });

  it("refuses a file whose bytes are not the claimed kind, naming only its position", async () => {
    const inputs = buildInputs({ files: [{ bytes: fixture("ct-planted.dcm"), kind: "dicom" }, { bytes: pngWithText(), kind: "dicom" }] });
    await expect(deidentifyCaseInputs(inputs)).rejects.toThrowError(
      expect.objectContaining({ code: "FILE_KIND_MISMATCH", details: { claimedKind: "dicom", sniffedKind: "png", fileIndex: 1 } }),
    );
  });

  it("refuses the whole case when one file cannot be de-identified", async () => {
    const truncated = fixture("ct-planted.dcm").subarray(0, 900);
    let thrown: unknown;
    try {
      await deidentifyCaseInputs(buildInputs({ files: [{ bytes: jpegWithComment(), kind: "jpeg" }, { bytes: truncated, kind: "dicom" }] }));
    } catch (error) {
      thrown = error;
    }
    expect(isDeidError(thrown, "DICOM_UNREADABLE")).toBe(true);
    if (isDeidError(thrown)) expect(thrown.details.fileIndex).toBe(1);
  });

  it("refuses an unsupported file as NOT_SUPPORTED, whatever it is called", async () => {
    const pdf = new TextEncoder().encode("%PDF-1.7 KAGURAZAKA");
    await expect(deidentifyCaseInputs(buildInputs({ files: [{ bytes: pdf, kind: "dicom" }] }))).rejects.toThrowError(
      expect.objectContaining({ code: "NOT_SUPPORTED", details: { fileIndex: 0 } }),
    );
  });

  it("refuses invalid options before touching any file", async () => {
    await expect(deidentifyCaseInputs(buildInputs({ pocSecret: "too-short" }))).rejects.toThrowError(expect.objectContaining({ code: "INVALID_OPTIONS" }));
    await expect(deidentifyCaseInputs({ ...buildInputs(), extra: 1 } as CaseInputs)).rejects.toThrowError(expect.objectContaining({ code: "INVALID_OPTIONS" }));
  });
});
