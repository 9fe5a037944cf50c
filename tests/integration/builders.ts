import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { CreatePocInput } from "@/lib/pocs/schema";

const unique = () => randomBytes(4).toString("hex");

export async function buildSite(db: Db, overrides: Partial<Prisma.SiteCreateInput> = {}) {
  return db.site.create({ data: { code: `S-${unique().toUpperCase()}`, nameEn: "Test Hospital", nameJa: "テスト病院", ...overrides } });
}

export async function buildUser(db: Db, overrides: Partial<Omit<Prisma.UserUncheckedCreateInput, "passwordHash">> & { password?: string; siteIds?: string[] } = {}) {
  const { password = "correct horse battery", siteIds = [], ...data } = overrides;
  return db.user.create({
    data: {
      email: `user-${unique()}@test.example`,
      name: "Test User",
      role: "CLINICIAN",
      passwordHash: await hashPassword(password),
      sites: { create: siteIds.map((siteId) => ({ siteId })) },
      ...data,
    },
  });
}

export async function buildModelVersion(db: Db, overrides: Partial<Prisma.ModelVersionCreateInput> = {}) {
  const sha256 = randomBytes(32).toString("hex");
  return db.modelVersion.create({ data: { name: "test-model", version: unique(), sha256, storagePath: `models/${sha256}.onnx`, fileBytes: 1, manifest: {}, ...overrides } });
}

export async function buildPoc(db: Db, overrides: Partial<Prisma.PocUncheckedCreateInput> & { siteId: string }) {
  const modelVersionId = overrides.modelVersionId ?? (await buildModelVersion(db)).id;
  return db.poc.create({
    data: { title: "Test PoC", clinicalQuestion: "Q", status: "RUNNING", randomSeed: 1234, deidSecret: randomBytes(16).toString("hex"), modelVersionId, ...overrides },
  });
}

export async function buildCase(db: Db, overrides: Partial<Prisma.CaseUncheckedCreateInput> & { pocId: string; createdById: string }) {
  return db.case.create({
    data: { code: `C-${unique().toUpperCase()}`, modality: "CR", labValues: {}, noteText: "", noteLanguage: "en", deidSummary: {}, ...overrides },
  });
}

/** A PoC input as an admin would submit it; createPoc turns it into a DRAFT with its checklist. */
export function pocInput(siteId: string, modelVersionId: string, overrides: Partial<CreatePocInput> = {}): CreatePocInput {
  return {
    siteId,
    modelVersionId,
    title: `Test PoC ${unique()}`,
    clinicalQuestion: "Pneumonia on chest X-ray with labs and note",
    readingDesign: "RANDOMISED",
    aiMode: "CONCURRENT",
    aidedShare: 0.5,
    washoutDays: 28,
    outOfIntendedUsePolicy: "REFUSE",
    kpiTargets: [
      { kpi: "readingTimeRelativeChange", targetValue: -0.2, isPrimary: true },
      { kpi: "sensitivityDifference", targetValue: -0.02, isPrimary: false },
    ],
    ...overrides,
  };
}
