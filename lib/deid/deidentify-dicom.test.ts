import { readFileSync } from "node:fs";
import path from "node:path";
import dcmjs from "dcmjs";
import * as dicomParserNamespace from "dicom-parser";
import type { DataSet } from "dicom-parser";
import { describe, expect, it } from "vitest";
import { isDeidError } from "./deid-error";
import { deidentifyDicom } from "./deidentify-dicom";
import { deriveDateShiftDays, derivePseudonymousUid } from "./derive-pseudonymous-uid";
import { shiftDicomDate } from "./shift-dicom-date";
import type { DeidKeys } from "./schema";
import { verifyDeidentifiedDicom } from "./verify-deidentified-dicom";

const dicomParser: typeof dicomParserNamespace =
  (dicomParserNamespace as { default?: typeof dicomParserNamespace }).default ?? dicomParserNamespace;

const fixtureDir = path.resolve(__dirname, "../../tests/fixtures/deid");

type PlantedFixture = {
  /** Values planted in the input; each must be found there and not in the output. */
  identifiers: string[];
  /** Other spellings of the planted names ("FAMILY GIVEN"); searched in the output only. */
  variants: string[];
  uids: string[];
  dates: string[];
  japaneseIdentifiers?: Array<{ text: string; jisHex: string }>;
  expectBurnedInRisk?: boolean;
  expectError?: string;
};
const planted = JSON.parse(readFileSync(path.join(fixtureDir, "planted.json"), "utf8")) as Record<string, PlantedFixture>;
const readableFixtures = Object.entries(planted).filter(([, fixture]) => !fixture.expectError);

function readFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(fixtureDir, name)));
}

function buildKeys(overrides: Partial<DeidKeys> = {}): DeidKeys {
  return { pocSecret: "poc-A-secret-0123456789abcdef0123456789", pseudonym: "POC1-C0007", caseKey: "case-7", ...overrides };
}

function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(needle) !== -1;
}

/** Finds a text in raw bytes as ASCII/Latin-1 and as UTF-8, ignoring case. */
function containsText(bytes: Uint8Array, text: string): boolean {
  const latin1 = Buffer.from(bytes).toString("latin1").toLowerCase();
  const utf8 = Buffer.from(bytes).toString("utf8").toLowerCase();
  return latin1.includes(text.toLowerCase()) || utf8.includes(text.toLowerCase());
}

function pixelValue(bytes: Uint8Array, dataSet: DataSet): Uint8Array {
  const element = dataSet.elements.x7fe00010;
  return bytes.subarray(element.dataOffset, element.dataOffset + element.length);
}

/** Every tag at every depth, read with dicom-parser; independent of the library's own verifier. */
function allTags(dataSet: DataSet, prefix = ""): string[] {
  const attributes = Object.entries(dataSet.elements).filter(([key]) => !key.startsWith("xfffe"));
  return attributes.flatMap(([key, element]) => {
    const tag = `${prefix}${key.slice(1).toUpperCase()}`;
    const nested = (element.items ?? []).flatMap((item) => (item.dataSet ? allTags(item.dataSet, `${tag}/`) : []));
    return [tag, ...nested];
  });
}

describe("deidentifyDicom on the planted fixtures", () => {
  it.each(readableFixtures)("%s: no planted identifier survives, in any encoding", (name, fixture) => {
    const input = readFixture(name);
    const { bytes } = deidentifyDicom(input, buildKeys());

    for (const identifier of fixture.identifiers) {
      expect(containsText(input, identifier), `planted in input: ${identifier}`).toBe(true);
      expect(containsText(bytes, identifier), `left in output: ${identifier}`).toBe(false);
    }
    for (const variant of fixture.variants) expect(containsText(bytes, variant), `left in output: ${variant}`).toBe(false);
    for (const { text, jisHex } of fixture.japaneseIdentifiers ?? []) {
      const jis = Buffer.from(jisHex, "hex");
      expect(containsBytes(input, jis), `planted in input: ${text}`).toBe(true);
      expect(containsBytes(bytes, jis), `left in output (ISO 2022): ${text}`).toBe(false);
      expect(containsBytes(bytes, Buffer.from(text, "utf8")), `left in output (UTF-8): ${text}`).toBe(false);
    }
  });

  it.each(readableFixtures)("%s: every original UID is replaced and every original date is gone", (name, fixture) => {
    const { bytes } = deidentifyDicom(readFixture(name), buildKeys());
    for (const uid of fixture.uids) expect(containsText(bytes, uid), uid).toBe(false);
    for (const date of fixture.dates) expect(containsText(bytes, date), date).toBe(false);
  });

  it.each(readableFixtures)("%s: only whitelisted public tags remain, at any depth", (name) => {
    const { bytes } = deidentifyDicom(readFixture(name), buildKeys());
    expect(verifyDeidentifiedDicom(bytes)).toEqual([]);
    const tags = allTags(dicomParser.parseDicom(bytes));
    const privateTags = tags.filter((tag) => tag.split("/").some((part) => (Number.parseInt(part.slice(0, 4), 16) & 1) === 1));
    expect(privateTags).toEqual([]);
    // Spot checks of what must be gone, nested places included.
    for (const gone of ["00100030", "00080080", "00080090", "00081070", "00080050", "00200010", "00081030", "00401001", "00081110", "0040A275", "00081140/00100010", "00081140/00081160"]) {
      expect(tags).not.toContain(gone);
    }
    expect(tags).toContain("00081140/00081155");
  });

  it.each(readableFixtures)("%s: re-reads with dicom-parser and dcmjs, pixel data unchanged byte for byte", (name) => {
    const input = readFixture(name);
    const { bytes } = deidentifyDicom(input, buildKeys());
    const before = dicomParser.parseDicom(input);
    const after = dicomParser.parseDicom(bytes);
    expect(Buffer.compare(pixelValue(bytes, after), pixelValue(input, before))).toBe(0);
    expect(after.string("x00020010")).toBe(before.string("x00020010"));

    const reread = dcmjs.data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(reread.dict["00100020"]?.Value).toEqual(["POC1-C0007"]);
  });

  it.each(readableFixtures)("%s: identity attributes, file meta and de-identification method are set", (name) => {
    const input = readFixture(name);
    const { bytes } = deidentifyDicom(input, buildKeys());
    const original = dicomParser.parseDicom(input);
    const dataSet = dicomParser.parseDicom(bytes);
    expect(dataSet.string("x00120062")).toBe("YES");
    expect(dataSet.string("x00100010")).toBe("POC1-C0007");
    expect(dataSet.string("x00100020")).toBe("POC1-C0007");
    expect(dataSet.string("x00020003")).toBe(dataSet.string("x00080018"));
    expect(dataSet.string("x00080018")).toBe(derivePseudonymousUid(buildKeys().pocSecret, original.string("x00080018") ?? ""));
    expect(dataSet.string("x00080016")).toBe(original.string("x00080016"));
    expect(dataSet.string("x00020002")).toBe(original.string("x00080016"));
    expect(dataSet.string("x00280303")).toBe("MODIFIED");
    expect(dataSet.string("x00120063")).toContain("PS3.15 E.1 Basic Profile");
    const codes = dataSet.elements.x00120064.items?.map((item) => item.dataSet?.string("x00080100"));
    expect(codes).toEqual(["113100", "113107", "113108"]);
  });
});

describe("deidentifyDicom keys: UIDs and dates", () => {
  const ctBytes = readFixture("ct-planted.dcm");
  const studyUidOf = (bytes: Uint8Array) => dicomParser.parseDicom(bytes).string("x0020000d");

  it("maps a UID to the same 2.25 UID within a PoC, whatever the case", () => {
    const first = deidentifyDicom(ctBytes, buildKeys());
    const again = deidentifyDicom(ctBytes, buildKeys({ caseKey: "another-case", pseudonym: "POC1-C0008" }));
    expect(studyUidOf(first.bytes)).toBe(studyUidOf(again.bytes));
    expect(studyUidOf(first.bytes)).toMatch(/^2\.25\.(0|[1-9]\d*)$/);
    expect(studyUidOf(first.bytes)!.length).toBeLessThanOrEqual(64);
  });

  it("maps the same UID to a different UID in another PoC", () => {
    const pocA = deidentifyDicom(ctBytes, buildKeys());
    const pocB = deidentifyDicom(ctBytes, buildKeys({ pocSecret: "poc-B-secret-0123456789abcdef0123456789" }));
    expect(studyUidOf(pocA.bytes)).not.toBe(studyUidOf(pocB.bytes));
  });

  it("replaces ReferencedSOPInstanceUID inside a kept sequence with the same mapping", () => {
    const { bytes } = deidentifyDicom(ctBytes, buildKeys());
    const item = dicomParser.parseDicom(bytes).elements.x00081140.items?.[0].dataSet;
    expect(item?.string("x00081155")).toBe(derivePseudonymousUid(buildKeys().pocSecret, "1.2.392.200036.9999.7.101.6"));
    expect(item?.string("x00081150")).toBe(dicomParser.parseDicom(ctBytes).string("x00080016"));
  });

  it("shifts every kept date by the case's offset, the same for every file of the case", () => {
    const keys = buildKeys();
    const shiftDays = deriveDateShiftDays(keys.pocSecret, keys.caseKey);
    expect(shiftDays).toBeLessThan(0);
    for (const name of ["ct-planted.dcm", "mr-planted-ja.dcm"]) {
      const input = readFixture(name);
      const original = dicomParser.parseDicom(input).string("x00080020") ?? "";
      const shifted = dicomParser.parseDicom(deidentifyDicom(input, keys).bytes).string("x00080020");
      expect(shifted).toBe(shiftDicomDate(original, shiftDays));
    }
    const otherCase = dicomParser.parseDicom(deidentifyDicom(ctBytes, buildKeys({ caseKey: "case-8" })).bytes).string("x00080020");
    expect(deriveDateShiftDays(keys.pocSecret, "case-8")).not.toBe(shiftDays);
    expect(otherCase).not.toBe(dicomParser.parseDicom(deidentifyDicom(ctBytes, keys).bytes).string("x00080020"));
  });

  it("caps an age over 89 to the 90-or-older band and derives a missing age from birth and study dates", () => {
    const ct = deidentifyDicom(ctBytes, buildKeys());
    expect(dicomParser.parseDicom(ct.bytes).string("x00101010")).toBe("090Y");
    // MR: born 1956-12-24, studied 2004-08-26, no Patient's Age in the file.
    const mr = deidentifyDicom(readFixture("mr-planted-ja.dcm"), buildKeys());
    expect(dicomParser.parseDicom(mr.bytes).string("x00101010")).toBe("047Y");
    expect(ct.summary.agesGeneralised).toBe(1);
    expect(mr.summary.agesGeneralised).toBe(1);
  });
});

describe("deidentifyDicom summary", () => {
  it.each(readableFixtures)("%s: flags burned-in risk as the fixture expects", (name, fixture) => {
    const { summary } = deidentifyDicom(readFixture(name), buildKeys());
    expect(summary.burnedInRisk).toBe(fixture.expectBurnedInRisk);
  });

  it("names the reasons: Secondary Capture and ultrasound with Burned In Annotation YES", () => {
    expect(deidentifyDicom(readFixture("sc-burned-in.dcm"), buildKeys()).summary.reasons).toEqual([
      "BURNED_IN_ANNOTATION_YES",
      "SECONDARY_CAPTURE_SOP_CLASS",
    ]);
    expect(deidentifyDicom(readFixture("us-burned-in.dcm"), buildKeys()).summary.reasons).toEqual([
      "BURNED_IN_ANNOTATION_YES",
      "ULTRASOUND_MODALITY",
      "ULTRASOUND_SOP_CLASS",
    ]);
    expect(deidentifyDicom(readFixture("ct-planted.dcm"), buildKeys()).summary.reasons).toEqual([]);
  });

  it("counts categories and carries no value from the file", () => {
    const { summary } = deidentifyDicom(readFixture("ct-planted.dcm"), buildKeys());
    // CT: the FAKEVENDOR block (creator, name, text, sequence) plus CT_small's own GE private groups.
    expect(summary.privateTags).toBeGreaterThanOrEqual(4);
    expect(summary.removedAttributes).toBeGreaterThan(20);
    expect(summary.sequencesRecursed).toBe(1); // ReferencedImageSequence
    // Study, Series, SOP Instance, Frame of Reference, and the referenced instance in the kept sequence.
    expect(summary.uidsReplaced).toBe(5);
    expect(summary.datesShifted).toBeGreaterThanOrEqual(1);
    const serialised = JSON.stringify(summary);
    for (const identifier of planted["ct-planted.dcm"].identifiers) expect(serialised).not.toContain(identifier);
    for (const value of Object.values(summary)) expect(["number", "boolean", "object"]).toContain(typeof value);
  });
});

describe("deidentifyDicom refuses what it cannot de-identify, with a typed error and no file content", () => {
  const refusals: Array<[label: string, bytes: () => Uint8Array, code: string]> = [
    ["an empty file", () => new Uint8Array(0), "NOT_DICOM"],
    ["a PNG named .dcm", () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(200).fill(0)]), "NOT_DICOM"],
    ["a text file", () => new TextEncoder().encode("Patient KAGURAZAKA^HANZO ".repeat(20)), "NOT_DICOM"],
    [
      "random bytes after a DICOM preamble",
      () => {
        const bytes = new Uint8Array(4096);
        let state = 12345;
        for (let index = 0; index < bytes.length; index += 1) bytes[index] = (state = (state * 1103515245 + 12345) >>> 0) >>> 24;
        bytes.set(new TextEncoder().encode("DICM"), 128);
        return bytes;
      },
      "DICOM_UNREADABLE",
    ],
    ["a file cut in its data set", () => readFixture("ct-planted.dcm").subarray(0, 900), "DICOM_UNREADABLE"],
    ["a file cut in its pixel data", () => readFixture("ct-planted.dcm").subarray(0, 20_000), "DICOM_UNREADABLE"],
    ["only a preamble", () => readFixture("ct-planted.dcm").subarray(0, 132), "DICOM_UNREADABLE"],
    ["a deflated data set", () => readFixture("mr-deflated.dcm"), "UNSUPPORTED_TRANSFER_SYNTAX"],
    ["a file without pixel data", () => readFixture("mr-no-pixels.dcm"), "NO_PIXEL_DATA"],
  ];

  it.each(refusals)("%s", (_label, bytes, code) => {
    let thrown: unknown;
    try {
      deidentifyDicom(bytes(), buildKeys());
    } catch (error) {
      thrown = error;
    }
    expect(isDeidError(thrown), String(thrown)).toBe(true);
    if (!isDeidError(thrown)) return;
    expect(thrown.code).toBe(code);
    expect(thrown.message).toBe(code);
    const exposed = `${thrown.message} ${JSON.stringify(thrown.details)}`;
    for (const identifier of planted["ct-planted.dcm"].identifiers) expect(exposed).not.toContain(identifier);
  });

  it("refuses keys that are too weak or a pseudonym that could carry anything but a code", () => {
    const ct = readFixture("ct-planted.dcm");
    expect(() => deidentifyDicom(ct, buildKeys({ pocSecret: "short" }))).toThrowError(expect.objectContaining({ code: "INVALID_OPTIONS" }));
    expect(() => deidentifyDicom(ct, buildKeys({ pseudonym: "山田太郎" }))).toThrowError(expect.objectContaining({ code: "INVALID_OPTIONS" }));
    expect(() => deidentifyDicom(ct, buildKeys({ pseudonym: "A^B" }))).toThrowError(expect.objectContaining({ code: "INVALID_OPTIONS" }));
  });
});

describe("deidentifyDicom on the repository's other DICOM samples", () => {
  const samplesDir = path.resolve(__dirname, "../../tests/fixtures/dicom");
  it.each(["CT_small.dcm", "MR_small.dcm", "MR_small_bigendian.dcm", "MR_small_implicit.dcm", "JPEG-lossy.dcm", "synthetic-mono1-8bit-3frames.dcm"])(
    "%s: verified output in the same transfer syntax with the same pixel data",
    (name) => {
      const input = new Uint8Array(readFileSync(path.join(samplesDir, name)));
      const before = dicomParser.parseDicom(input);
      const { bytes } = deidentifyDicom(input, buildKeys());
      const after = dicomParser.parseDicom(bytes);
      expect(verifyDeidentifiedDicom(bytes, { expectedPixelData: pixelValue(input, before) })).toEqual([]);
      expect(after.string("x00020010")).toBe(before.string("x00020010"));
      expect(after.uint16("x00280010")).toBe(before.uint16("x00280010"));
      expect(containsText(bytes, "CompressedSamples")).toBe(false);
    },
  );
});

describe("deidentifyDicom on damaged input", () => {
  // Deterministic mutations (xorshift PRNG): whatever happens, the only failure is a DeidError, and
  // whatever comes out has passed verification.
  function prng(seed: number): () => number {
    let state = seed >>> 0 || 1;
    return () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 2 ** 32;
    };
  }

  it.each(["ct-planted.dcm", "mr-planted-ja.dcm", "nm-jpeg-planted.dcm"])("%s: 60 corrupted copies give a DeidError or clean output", (name) => {
    const original = readFixture(name);
    const random = prng(name.length * 7919);
    const outcomes = { refused: 0, deidentified: 0 };
    for (let attempt = 0; attempt < 60; attempt += 1) {
      let bytes = new Uint8Array(original);
      if (attempt % 3 === 0) bytes = bytes.subarray(0, 132 + Math.floor(random() * (bytes.length - 132)));
      else {
        // Damage the header and data set region, where structure lives, not only the pixels.
        const region = Math.min(bytes.length, 3000);
        for (let flips = 0; flips < 1 + Math.floor(random() * 8); flips += 1) bytes[132 + Math.floor(random() * (region - 132))] = Math.floor(random() * 256);
      }
      try {
        const { bytes: output } = deidentifyDicom(bytes, buildKeys());
        outcomes.deidentified += 1;
        expect(verifyDeidentifiedDicom(output)).toEqual([]);
        for (const identifier of planted[name].identifiers.filter((value) => value.length >= 6)) expect(containsText(output, identifier), identifier).toBe(false);
      } catch (error) {
        expect(isDeidError(error), String(error)).toBe(true);
        outcomes.refused += 1;
      }
    }
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});
