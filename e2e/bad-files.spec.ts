import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { errorCodes } from "../lib/errors";
import { craftDicom, craftJpeg, craftPng } from "../lib/inference/testing/crafted-images";
import { demoAccount, signInThroughApi } from "./helpers";

// A corpus of bad files, generated here (no large binaries in git), against every upload route.
// Each must get a 4xx with a code from the catalogue (translated in both languages), and the server
// must keep serving.
const labs = { wbc: 14.2, crp: 8.1, procalcitonin: 0.9, neutrophilPct: 82, lymphocytePct: 10, ldh: 260, spo2: 91, bodyTemperature: 38.6 };
const png = readFileSync("tests/fixtures/images/gradient-gray16-48x40.png");
const dicom = readFileSync("tests/fixtures/dicom/CT_small.dcm");
const en = JSON.parse(readFileSync("lib/i18n/messages/en/common.json", "utf8")) as { errors: Record<string, string> };
const ja = JSON.parse(readFileSync("lib/i18n/messages/ja/common.json", "utf8")) as { errors: Record<string, string> };

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A well-formed PNG header claiming 100000 × 100000 pixels, with a tiny compressed body. */
function hugeDimensionsPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(100_000, 0);
  header.writeUInt32BE(100_000, 4);
  header.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk("IHDR", header), pngChunk("IDAT", deflateSync(Buffer.alloc(1000))), pngChunk("IEND", Buffer.alloc(0))]);
}

const caseFileCorpus: { name: string; fileName: string; bytes: Buffer; expected: string[] }[] = [
  { name: "zero-byte file", fileName: "empty.png", bytes: Buffer.alloc(0), expected: ["FILE_TYPE_NOT_SUPPORTED", "FILE_UNREADABLE", "CASE_NO_IMAGE"] },
  { name: "truncated PNG", fileName: "cut.png", bytes: png.subarray(0, 60), expected: ["FILE_UNREADABLE"] },
  { name: "truncated DICOM", fileName: "cut.dcm", bytes: dicom.subarray(0, 400), expected: ["FILE_UNREADABLE", "IMAGE_FORMAT_UNSUPPORTED"] },
  { name: "random bytes behind a DICOM preamble", fileName: "noise.dcm", bytes: Buffer.concat([Buffer.alloc(128), Buffer.from("DICM"), randomBytes(4096)]), expected: ["FILE_UNREADABLE", "IMAGE_FORMAT_UNSUPPORTED"] },
  { name: "PNG claiming 100000×100000 pixels", fileName: "huge.png", bytes: hugeDimensionsPng(), expected: ["IMAGE_TOO_LARGE"] },
  // Issue #11 §5: small on disk, 8192 × 8192 16-bit RGBA once decoded; refused from its header.
  { name: "PNG declaring 8192×8192 16-bit RGBA", fileName: "bomb.png", bytes: craftPng({ width: 8192, height: 8192, bitDepth: 16, colorType: 6 }), expected: ["IMAGE_TOO_LARGE"] },
  { name: "JPEG (lossless SOF3) declaring 60000×60000", fileName: "bomb.jpg", bytes: craftJpeg({ sofMarker: 0xc3, width: 60000, height: 60000, components: 3 }), expected: ["IMAGE_TOO_LARGE"] },
  { name: "DICOM declaring 8192×8192 16-bit RGB", fileName: "bomb.dcm", bytes: craftDicom({ rows: 8192, columns: 8192, bitsAllocated: 16, samplesPerPixel: 3, pixelBytes: 64 }), expected: ["IMAGE_TOO_LARGE", "FILE_UNREADABLE"] },
  { name: "GIF/HTML polyglot", fileName: "poly.png", bytes: Buffer.from("GIF89a<html><script>alert(1)</script></html>"), expected: ["FILE_TYPE_NOT_SUPPORTED"] },
  { name: "PDF/HTML polyglot as an image", fileName: "poly.pdf", bytes: Buffer.from("%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF"), expected: ["FILE_TYPE_NOT_SUPPORTED"] },
  { name: "random bytes", fileName: "random.bin", bytes: randomBytes(2048), expected: ["FILE_TYPE_NOT_SUPPORTED"] },
  { name: "file over the 30 MB per-file limit", fileName: "big.png", bytes: Buffer.concat([png, Buffer.alloc(31 * 1024 * 1024)]), expected: ["FILE_TOO_LARGE"] },
];

async function expectCataloguedRefusal(response: Awaited<ReturnType<APIRequestContext["post"]>>, expected: string[], what: string) {
  expect(response.status(), what).toBeGreaterThanOrEqual(400);
  expect(response.status(), what).toBeLessThan(500);
  const body = (await response.json()) as { error: string };
  expect(expected, `${what}: got ${body.error}`).toContain(body.error);
  expect(errorCodes, what).toContain(body.error);
  expect(en.errors[body.error], `${what}: English message`).toBeTruthy();
  expect(ja.errors[body.error], `${what}: Japanese message`).toBeTruthy();
}

test("a corpus of bad case files, fields and bodies gets clear catalogued errors, and the server keeps serving", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const clinician = page.request;
  await signInThroughApi(clinician, demoAccount("CLINICIAN").email, demoAccount("CLINICIAN").password);
  const compliance = await (await page.context().browser()!.newContext()).request;
  await signInThroughApi(compliance, demoAccount("COMPLIANCE").email, demoAccount("COMPLIANCE").password);
  // A running PoC: the submission form lists only those.
  const pocId = /<option value="(c[a-z0-9]{20,})"/.exec(await (await clinician.get("/cases/new")).text())![1]!;
  const fields = (overrides: Record<string, string> = {}) => ({ mode: "submit", pocId, idempotencyKey: crypto.randomUUID(), labs: JSON.stringify(labs), note: "", noteLanguage: "en", confirmBurnedIn: "true", ...overrides });
  const headers = { origin: baseURL! };

  for (const bad of caseFileCorpus) {
    const response = await clinician.post("/api/cases", { headers, multipart: { ...fields(), files: { name: bad.fileName, mimeType: "application/octet-stream", buffer: bad.bytes } } });
    await expectCataloguedRefusal(response, bad.expected, bad.name);
  }
  const nine = Array.from({ length: 9 }, (_, index) => ({ name: `f${index}.png`, mimeType: "image/png", buffer: png }));
  // Playwright's multipart takes one file per field name: build the nine-file form by hand.
  const form = new FormData();
  for (const [key, value] of Object.entries(fields())) form.set(key, value);
  for (const file of nine) form.append("files", new Blob([new Uint8Array(file.buffer)]), file.name);
  const multipart = new Response(form);
  const nineResponse = await clinician.post("/api/cases", { headers: { ...headers, "content-type": multipart.headers.get("content-type")! }, data: Buffer.from(await multipart.arrayBuffer()) });
  await expectCataloguedRefusal(nineResponse, ["TOO_MANY_FILES"], "nine files");

  const otherBodies: [string, Parameters<APIRequestContext["post"]>[1], string[]][] = [
    ["labs that are not JSON", { headers, multipart: { ...fields({ labs: "{not json" }), files: { name: "a.png", mimeType: "image/png", buffer: png } } }, ["INVALID_INPUT"]],
    ["an unknown lab", { headers, multipart: { ...fields({ labs: JSON.stringify({ ...labs, bogus: 1 }) }), files: { name: "a.png", mimeType: "image/png", buffer: png } } }, ["LAB_UNKNOWN"]],
    ["a lab out of range", { headers, multipart: { ...fields({ labs: JSON.stringify({ ...labs, spo2: 1e9 }) }), files: { name: "a.png", mimeType: "image/png", buffer: png } } }, ["LAB_OUT_OF_RANGE"]],
    // Issue #11 §6: a NUL gave 500 and left a stored file with no row.
    ["a NUL byte in the note", { headers, multipart: { ...fields({ note: "fever\u0000cough" }), files: { name: "a.png", mimeType: "image/png", buffer: png } } }, ["INVALID_INPUT"]],
    ["a note over 5000 characters", { headers, multipart: { ...fields({ note: "x".repeat(6000) }), files: { name: "a.png", mimeType: "image/png", buffer: png } } }, ["INVALID_INPUT"]],
    ["no file", { headers, multipart: fields() }, ["CASE_NO_IMAGE"]],
    ["a JSON body instead of multipart", { headers, data: { mode: "submit" } }, ["INVALID_INPUT"]],
    ["a path-traversal pocId", { headers, multipart: { ...fields({ pocId: "../../etc/passwd" }), files: { name: "a.png", mimeType: "image/png", buffer: png } } }, ["NOT_FOUND"]],
  ];
  for (const [what, options, expected] of otherBodies) await expectCataloguedRefusal(await clinician.post("/api/cases", options), expected, what);

  // A valid image under a path-traversal file name: the name is never used for storage, so it is accepted.
  const traversal = await clinician.post("/api/cases", { headers, multipart: { ...fields(), files: { name: "../../../../etc/passwd.png", mimeType: "image/png", buffer: png } } });
  expect(traversal.status(), await traversal.text()).toBe(200);

  // Evidence uploads: oversize, empty, wrong type, polyglot, and a traversal name stored only as a label.
  const evidenceItem = /itemId\\?":\\?"([a-z0-9]+)/.exec(await (await compliance.get(`/governance/${pocId}`)).text())![1]!;
  const evidence = (name: string, buffer: Buffer) => compliance.post("/api/evidence", { headers, multipart: { itemId: evidenceItem, file: { name, mimeType: "application/octet-stream", buffer } } });
  await expectCataloguedRefusal(await evidence("big.pdf", Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(11 * 1024 * 1024)])), ["EVIDENCE_TOO_LARGE"], "evidence over 10 MB");
  await expectCataloguedRefusal(await evidence("empty.pdf", Buffer.alloc(0)), ["EVIDENCE_EMPTY", "EVIDENCE_TYPE_NOT_ALLOWED"], "empty evidence");
  await expectCataloguedRefusal(await evidence("page.html", Buffer.from("<html><script>alert(1)</script></html>")), ["EVIDENCE_TYPE_NOT_ALLOWED"], "HTML evidence");
  await expectCataloguedRefusal(await evidence("noise.dcm", Buffer.concat([Buffer.alloc(128), Buffer.from("DICM"), randomBytes(512)])), ["EVIDENCE_TYPE_NOT_ALLOWED"], "DICOM noise as evidence");
  const polyglot = await evidence("../../../poly.pdf", Buffer.from("%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF"));
  if (polyglot.status() === 200) {
    // Accepted as a PDF by its first bytes: it must come back as a PDF download the browser will not sniff into HTML.
    const evidenceId = ((await polyglot.json()) as { data: { id?: string; evidenceId?: string } }).data;
    const id = evidenceId.id ?? evidenceId.evidenceId;
    const download = await compliance.get(`/api/evidence/${id}`);
    expect(download.headers()["content-type"]).toBe("application/pdf");
    // The directory part of a traversal name is dropped; only the base name is kept as a label.
    expect(download.headers()["content-disposition"]).toBe("attachment; filename=\"evidence\"; filename*=UTF-8''poly.pdf");
    expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  } else await expectCataloguedRefusal(polyglot, ["EVIDENCE_TYPE_NOT_ALLOWED"], "PDF/HTML polyglot evidence");

  // Model registration as an admin: random bytes and a DICOM as the ONNX file, and a broken manifest.
  const admin = await (await page.context().browser()!.newContext()).request;
  await signInThroughApi(admin, demoAccount("ADMIN").email, demoAccount("ADMIN").password);
  for (const [what, onnx, manifest, expected] of [
    ["random bytes as ONNX", randomBytes(4096), "{}", ["MODEL_NOT_ONNX", "MODEL_MANIFEST_INVALID"]],
    ["a DICOM as ONNX", dicom, "{}", ["MODEL_NOT_ONNX", "MODEL_MANIFEST_INVALID"]],
    ["a zero-byte ONNX", Buffer.alloc(0), '{"name":"x"}', ["MODEL_NOT_ONNX", "MODEL_MANIFEST_INVALID"]],
    ["a manifest that is not JSON", randomBytes(64), "{{{", ["MODEL_MANIFEST_INVALID", "MODEL_NOT_ONNX"]],
  ] as const) {
    const response = await admin.post("/api/models", { headers, multipart: { onnx: { name: "../../model.onnx", mimeType: "application/octet-stream", buffer: onnx }, manifest } });
    await expectCataloguedRefusal(response, [...expected], what);
  }

  // Still serving, and a good upload still works.
  expect((await page.request.get("/sign-in")).status()).toBe(200);
  const good = await clinician.post("/api/cases", { headers, multipart: { ...fields(), files: { name: "ok.png", mimeType: "image/png", buffer: png } } });
  expect(good.status(), await good.text()).toBe(200);
});
