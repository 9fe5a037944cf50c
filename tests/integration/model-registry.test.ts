import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { deleteModelVersion, registerModelVersion } from "@/lib/models/register-model-version";
import { retireModelVersion } from "@/lib/models/retire-model-version";
import { referenceModelDir, registerReferenceModel } from "@/lib/models/register-reference-model";
import { absoluteBlobPath, sha256Hex } from "@/lib/storage/blob-store";
import { buildPoc, buildSite, buildUser } from "./builders";
import { createTestDatabase, testTargets, type TestDatabase } from "./test-database";

describe.each(testTargets)("model registry on %s", (kind) => {
  let database: TestDatabase;
  let admin: { id: string; role: string };
  let onnx: Buffer;
  let manifestJson: string;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const user = await buildUser(database.db, { role: "ADMIN" });
    admin = { id: user.id, role: user.role };
    onnx = await readFile(path.join(referenceModelDir(), "model.onnx"));
    manifestJson = await readFile(path.join(referenceModelDir(), "model.json"), "utf8");
  });
  afterAll(() => database.drop());

  it("registers the reference model once, stored by sha256, with an audit event", async () => {
    const first = await registerReferenceModel(database.db);
    const again = await registerReferenceModel(database.db);
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ sha256: sha256Hex(onnx), isReference: true, fileBytes: onnx.byteLength });
    expect(sha256Hex(await readFile(absoluteBlobPath(first.storagePath)))).toBe(first.sha256);
    expect(await database.db.auditEvent.count({ where: { action: "model.register", entityId: first.id } })).toBe(1);
  });

  it("refuses a graph whose shapes break the manifest, and saves nothing", async () => {
    const wrong = await readFile(path.resolve("tests/fixtures/models/wrong-image-size.onnx"));
    const before = await database.db.modelVersion.count();
    const attempt = registerModelVersion(database.db, admin, { onnx: wrong, manifestJson: manifestJson.replace(/"version":\s*"[^"]+"/, '"version": "wrong-shape"') });
    await expect(attempt).rejects.toMatchObject({ code: "MODEL_MISMATCH" });
    expect(await database.db.modelVersion.count()).toBe(before);
    expect(existsSync(absoluteBlobPath(`models/${sha256Hex(wrong).slice(0, 2)}/${sha256Hex(wrong)}.onnx`))).toBe(false);
  });

  it("refuses a file that is not ONNX and a manifest that is not valid", async () => {
    await expect(registerModelVersion(database.db, admin, { onnx: Buffer.from("%PDF-1.7 not a model at all"), manifestJson })).rejects.toEqual(new AppError("MODEL_NOT_ONNX"));
    await expect(registerModelVersion(database.db, admin, { onnx, manifestJson: "{not json" })).rejects.toMatchObject({ code: "MODEL_MANIFEST_INVALID" });
    const manifest = JSON.parse(manifestJson);
    delete manifest.inputs;
    await expect(registerModelVersion(database.db, admin, { onnx, manifestJson: JSON.stringify(manifest) })).rejects.toMatchObject({ code: "MODEL_MANIFEST_INVALID", params: { issues: expect.stringContaining("inputs") } });
    await expect(registerModelVersion(database.db, admin, { onnx, manifestJson })).rejects.toEqual(new AppError("MODEL_ALREADY_REGISTERED"));
  });

  it("will not delete a version a PoC uses", async () => {
    const reference = await registerReferenceModel(database.db);
    await buildPoc(database.db, { siteId: (await buildSite(database.db)).id, modelVersionId: reference.id });
    await expect(deleteModelVersion(database.db, admin, reference.id)).rejects.toEqual(new AppError("MODEL_IN_USE"));
    expect(await database.db.modelVersion.findUnique({ where: { id: reference.id } })).not.toBeNull();
  });

  it("retires a version in use instead: it stays, is audited once, and retiring again changes nothing", async () => {
    const reference = await registerReferenceModel(database.db);
    expect(await retireModelVersion(database.db, admin, reference.id)).toEqual({ id: reference.id, status: "RETIRED" });
    expect(await retireModelVersion(database.db, admin, reference.id)).toEqual({ id: reference.id, status: "RETIRED" });
    expect(await database.db.auditEvent.count({ where: { action: "model.retire", entityId: reference.id } })).toBe(1);
    await expect(retireModelVersion(database.db, admin, "no-such-model")).rejects.toEqual(new AppError("NOT_FOUND"));
  });
});
