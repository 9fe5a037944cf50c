import { randomUUID } from "node:crypto";
import { mkdir, readFile, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseSubmissionSchema } from "@/lib/cases/schema";
import type { Actor } from "@/lib/auth/site-scope";
import { previewCase, submitCase } from "@/lib/cases/submit-case";
import { craftPng } from "@/lib/inference/testing/crafted-images";
import { registerReferenceModel } from "@/lib/models/register-reference-model";
import { storageRoot } from "@/lib/storage/blob-store";
import { sweepOrphanBlobs } from "@/lib/storage/sweep-orphan-blobs";
import { buildPoc, buildSite, buildUser } from "./builders";
import { createTestDatabase, testTargets, type TestDatabase } from "./test-database";

const labs = { wbc: 14.2, crp: 8.1, procalcitonin: 0.9, neutrophilPct: 82, lymphocytePct: 10, ldh: 260, spo2: 91, bodyTemperature: 38.6 };
const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
const exists = (absolute: string) => stat(absolute).then(() => true, () => false);

async function plant(storagePath: string, mtime: Date): Promise<string> {
  const absolute = path.join(storageRoot(), storagePath);
  await mkdir(path.dirname(absolute), { recursive: true });
  await writeFile(absolute, "not referenced by any row");
  await utimes(absolute, mtime, mtime);
  return absolute;
}

describe.each(testTargets)("upload safety on %s (issue #11 §5, §6)", (kind) => {
  let database: TestDatabase;
  let clinician: Actor;
  let pocId: string;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const site = await buildSite(database.db);
    const user = await buildUser(database.db, { siteIds: [site.id] });
    clinician = { id: user.id, role: user.role, siteIds: [site.id] };
    const model = await registerReferenceModel(database.db);
    pocId = (await buildPoc(database.db, { siteId: site.id, modelVersionId: model.id })).id;
  });
  afterAll(() => database.drop());

  it("refuses the issue's 8192 × 8192 16-bit RGBA PNG from its header, with the limit, storing nothing", async () => {
    const before = { cases: await database.db.case.count(), images: await database.db.caseImage.count() };
    const submission = caseSubmissionSchema.parse({ mode: "submit", pocId, idempotencyKey: randomUUID(), labs: JSON.stringify(labs), note: "", noteLanguage: "en", confirmBurnedIn: "true" });
    const good = await readFile("tests/fixtures/images/gradient-gray16-48x40.png");
    const bomb = craftPng({ width: 8192, height: 8192, bitDepth: 16, colorType: 6 });
    await expect(submitCase(database.db, clinician, submission, [{ bytes: good }, { bytes: bomb }])).rejects.toMatchObject({ code: "IMAGE_TOO_LARGE", params: { file: 2, decodedMb: 768, maxMb: 192 } });
    await expect(previewCase(database.db, clinician, { ...submission, mode: "preview" }, [{ bytes: bomb }])).rejects.toMatchObject({ code: "IMAGE_TOO_LARGE", params: { file: 1 } });
    expect({ cases: await database.db.case.count(), images: await database.db.caseImage.count() }).toEqual(before);
  });

  it("removes old files no row references, and keeps referenced and recent ones", async () => {
    const submission = caseSubmissionSchema.parse({ mode: "submit", pocId, idempotencyKey: randomUUID(), labs: JSON.stringify(labs), note: "発熱", noteLanguage: "ja" });
    const submitted = await submitCase(database.db, clinician, submission, [{ bytes: await readFile("tests/fixtures/deid/ct-planted.dcm") }]);
    const image = await database.db.caseImage.findFirstOrThrow({ where: { caseId: submitted.caseId } });
    const kept = path.join(storageRoot(), image.storagePath);
    await utimes(kept, twoHoursAgo, twoHoursAgo);

    const orphanImage = await plant(`images/zz/${randomUUID()}.dcm`, twoHoursAgo);
    const orphanOverlay = await plant(`overlays/zz/${randomUUID()}.png`, twoHoursAgo);
    const crashedWrite = await plant(`evidence/zz/${randomUUID()}.pdf.${randomUUID()}.tmp`, twoHoursAgo);
    const inFlight = await plant(`images/zz/${randomUUID()}.png`, new Date());

    const result = await sweepOrphanBlobs(database.db, { graceMs: 3600 * 1000 });
    expect(result.removedFiles).toBeGreaterThanOrEqual(3);
    expect(await exists(orphanImage)).toBe(false);
    expect(await exists(orphanOverlay)).toBe(false);
    expect(await exists(crashedWrite)).toBe(false);
    expect(await exists(inFlight), "a file younger than the grace period is an in-flight submission").toBe(true);
    expect(await exists(kept), "a file with its row stays").toBe(true);
    const model = await database.db.modelVersion.findFirstOrThrow();
    expect(await exists(path.join(storageRoot(), model.storagePath))).toBe(true);
  });
});
