import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/kpi/seeded-random";
import { meanInterval } from "@/lib/kpi/mean-interval";
import { newcombeDifference } from "@/lib/kpi/newcombe-difference";
import { wilsonInterval } from "@/lib/kpi/wilson-interval";
import { exportEvidenceBundle } from "@/lib/federation/export-evidence-bundle";
import { findSigningPublicKey } from "@/lib/federation/site-signing-key";
import { getFederatedPool } from "@/lib/federation/get-federated-pool";
import { importEvidenceBundle } from "@/lib/federation/import-evidence-bundle";
import { createFederatedStudy, registerFederatedSite } from "@/lib/federation/manage-federation-hub";
import { riskDifference } from "@/lib/meta/effect-sizes";
import { buildPoc, buildSite, buildUser } from "./builders";
import { createTestDatabase, type TestDatabase } from "./test-database";

const authSecret = "federation-test-secret-0123456789";
const manifest = { name: "shared-model", inputs: ["image", "labs"] };
// Two or three instances on separate databases: PostgreSQL where the CI provides it, PGlite always.
const siteKinds: ("pglite" | "postgres")[] = process.env.TEST_POSTGRES_URL ? ["pglite", "postgres", "postgres"] : ["pglite", "pglite", "pglite"];

type RawRead = { arm: "AIDED" | "UNAIDED"; truth: boolean; finalCall: boolean; activeMs: number };

async function runSitePoc(database: TestDatabase, code: string, seed: number, aidedSensitivity: number) {
  const { db } = database;
  const site = await buildSite(db, { code });
  const admin = await buildUser(db, { role: "ADMIN", siteIds: [site.id] });
  const model = await db.modelVersion.create({ data: { name: "shared-model", version: "1.0", sha256: "c".repeat(64), storagePath: "m.onnx", fileBytes: 1, manifest } });
  const poc = await buildPoc(db, {
    siteId: site.id, modelVersionId: model.id, status: "EVALUATING",
    kpiTargets: { create: [{ kpi: "sensitivityDifference", comparator: "gte", targetValue: -0.02, unit: "ratio" }, { kpi: "readingTimeRelativeChange", comparator: "lte", targetValue: -0.2, unit: "ratio", isPrimary: true }] },
  });
  const random = seededRandom(seed);
  const reads: RawRead[] = [];
  // Written with createMany (four statements per site): a loaded CI machine made 320 single inserts per site too slow.
  const rows = Array.from({ length: 80 }, (_, i) => {
    const truth = random() < 0.5;
    const arm: RawRead["arm"] = i % 2 === 0 ? "AIDED" : "UNAIDED";
    const finalCall = truth ? random() < (arm === "AIDED" ? aidedSensitivity : 0.7) : random() < 0.15;
    const activeMs = Math.round((arm === "AIDED" ? 45_000 : 60_000) * (0.7 + 0.6 * random()));
    const repeatExamOrdered = random() < (arm === "AIDED" ? 0.08 : 0.15);
    reads.push({ arm, truth, finalCall, activeMs });
    return { caseId: `${code}-case-${i}`, i, truth, arm, finalCall, activeMs, repeatExamOrdered };
  });
  await db.case.createMany({
    data: rows.map((r) => ({ id: r.caseId, pocId: poc.id, code: `C-${code}-${r.i}`, modality: "CR", labValues: {}, noteText: "", noteLanguage: "en", deidSummary: {}, createdById: admin.id, sex: r.i % 2 ? "F" : "M", ageBand: r.i < 4 ? "90-94" : "60-64" })),
  });
  await db.inference.createMany({ data: rows.map((r) => ({ caseId: r.caseId, modelVersionId: model.id, status: "SUCCEEDED" as const, probability: r.truth ? 0.8 : 0.2 })) });
  await db.outcome.createMany({ data: rows.map((r) => ({ caseId: r.caseId, referencePresent: r.truth, referenceSource: "PATHOLOGY", repeatExamOrdered: r.repeatExamOrdered, recordedById: admin.id })) });
  await db.read.createMany({ data: rows.map((r) => ({ caseId: r.caseId, readerId: admin.id, arm: r.arm, status: "COMPLETED" as const, activeMs: r.activeMs, finalCall: r.finalCall, endedAt: new Date(Date.UTC(2026, 5, 1 + (r.i % 28))) })) });
  const actor = { id: admin.id, role: "ADMIN" as const, siteIds: [site.id] };
  return { siteId: site.id, pocId: poc.id, actor, reads };
}

describe("multi-site evidence: sites export signed aggregates, a hub pools them", () => {
  const sites: (Awaited<ReturnType<typeof runSitePoc>> & { database: TestDatabase; code: string; bundle: string; publicKeyPem: string })[] = [];
  let hub: TestDatabase;
  let hubActor: { id: string; role: "ADMIN"; siteIds: string[] };

  beforeAll(async () => {
    const specs = [{ code: "KYOTO", seed: 11, sensitivity: 0.9 }, { code: "OSAKA", seed: 22, sensitivity: 0.8 }, { code: "NAGOYA", seed: 33, sensitivity: 0.95 }];
    for (const [index, spec] of specs.entries()) {
      const database = await createTestDatabase(siteKinds[index]!);
      const site = await runSitePoc(database, spec.code, spec.seed, spec.sensitivity);
      const exported = await exportEvidenceBundle(database.db, site.actor, { pocId: site.pocId, exportedAt: new Date("2026-07-01T00:00:00Z") }, authSecret);
      const key = await findSigningPublicKey(database.db, site.siteId);
      sites.push({ ...site, database, code: spec.code, bundle: exported.bytes, publicKeyPem: key!.publicKeyPem });
    }
    hub = await createTestDatabase("pglite");
    hubActor = { id: (await buildUser(hub.db, { role: "ADMIN" })).id, role: "ADMIN", siteIds: [] };
  }, 600_000);
  afterAll(async () => {
    for (const site of sites) await site.database.drop();
    await hub?.drop();
  });

  it("exports reproducible bytes with nothing at case level", async () => {
    const site = sites[0]!;
    const again = await exportEvidenceBundle(site.database.db, site.actor, { pocId: site.pocId, exportedAt: new Date("2026-07-01T00:00:00Z") }, authSecret);
    expect(again.bytes).toBe(site.bundle);
    expect(site.bundle).not.toContain(`C-${site.code}-`);
    expect(site.bundle).not.toContain(site.pocId);
    // Four cases in the 90-94 band: that subgroup leaves the site suppressed.
    const payload = JSON.parse(site.bundle).payload;
    const oldest = payload.statistics.subgroups.find((g: { groupKey: string }) => g.groupKey === "90-94");
    expect(oldest.sensitivity).toEqual({ suppressed: true });
  });

  it("refuses bundles from unknown keys, tampered bundles, other plans and replays, with the reason audited", async () => {
    const [first, second, third] = sites;
    await expect(importEvidenceBundle(hub.db, hubActor, first!.bundle)).rejects.toMatchObject({ code: "BUNDLE_UNKNOWN_KEY" });
    for (const site of sites) await registerFederatedSite(hub.db, hubActor, { code: site.code, name: `${site.code} hospital`, publicKeyPem: site.publicKeyPem });
    await expect(importEvidenceBundle(hub.db, hubActor, first!.bundle)).rejects.toMatchObject({ code: "BUNDLE_PLAN_MISMATCH" });
    await createFederatedStudy(hub.db, hubActor, { title: "Pneumonia reading study", bundleJson: first!.bundle });

    const tampered = JSON.parse(second!.bundle);
    tampered.payload.statistics.arms.AIDED.sensitivity.successes += 1;
    await expect(importEvidenceBundle(hub.db, hubActor, JSON.stringify(tampered))).rejects.toMatchObject({ code: "BUNDLE_SIGNATURE_INVALID" });
    await expect(importEvidenceBundle(hub.db, hubActor, "{not json")).rejects.toMatchObject({ code: "BUNDLE_INVALID" });

    for (const site of sites) await importEvidenceBundle(hub.db, hubActor, site.bundle);
    await expect(importEvidenceBundle(hub.db, hubActor, third!.bundle)).rejects.toMatchObject({ code: "BUNDLE_REPLAYED" });
    const refusals = await hub.db.auditEvent.findMany({ where: { action: "federation.bundle_import", outcome: "DENIED" }, select: { details: true } });
    expect(refusals.map((r) => (r.details as { reason: string }).reason).sort()).toEqual(
      ["BUNDLE_INVALID", "BUNDLE_PLAN_MISMATCH", "BUNDLE_REPLAYED", "BUNDLE_SIGNATURE_INVALID", "BUNDLE_UNKNOWN_KEY"].sort(),
    );
  });

  it("pools counts exactly: the hub's figures equal a direct computation on the union of the sites' reads", async () => {
    const study = await hub.db.federatedStudy.findFirstOrThrow();
    const pool = await getFederatedPool(hub.db, study.id);
    expect(pool.bundles).toHaveLength(3);
    const union = sites.flatMap((site) => site.reads);
    const count = (where: (r: RawRead) => boolean) => union.filter(where).length;
    const sensitivity = (arm: RawRead["arm"]) => [count((r) => r.arm === arm && r.truth && r.finalCall), count((r) => r.arm === arm && r.truth)] as const;
    expect(pool.exact!.sensitivityAided).toEqual(wilsonInterval(...sensitivity("AIDED")));
    expect(pool.exact!.sensitivityUnaided).toEqual(wilsonInterval(...sensitivity("UNAIDED")));
    expect(pool.exact!.sensitivityDifference).toEqual(newcombeDifference(...sensitivity("AIDED"), ...sensitivity("UNAIDED")));
    const times = union.filter((r) => r.arm === "AIDED").map((r) => r.activeMs);
    const direct = meanInterval({ n: times.length, sum: times.reduce((a, b) => a + b, 0), sumOfSquares: times.reduce((a, b) => a + b * b, 0) });
    expect(pool.exact!.readingTimeMeanAidedMs.estimate).toBeCloseTo(direct.estimate!, 6);
    expect(pool.exact!.readingTimeMeanAidedMs.upper).toBeCloseTo(direct.upper!, 6);
  });

  it("meta-analyses each site's effect as computed from its own reads", async () => {
    const study = await hub.db.federatedStudy.findFirstOrThrow();
    const pool = await getFederatedPool(hub.db, study.id);
    const sensitivity = pool.pooled.find((p) => p.key === "sensitivityDifference")!;
    expect(sensitivity.studies).toHaveLength(3);
    for (const site of sites) {
      const n = (arm: RawRead["arm"], hit: boolean) => site.reads.filter((r) => r.arm === arm && r.truth && (!hit || r.finalCall)).length;
      const expected = riskDifference(site.code, { eventsA: n("AIDED", true), totalA: n("AIDED", false), eventsB: n("UNAIDED", true), totalB: n("UNAIDED", false) });
      const actual = sensitivity.studies.find((s) => s.label === site.code)!;
      expect(actual.estimate).toBeCloseTo(expected.estimate, 12);
      expect(actual.variance).toBeCloseTo(expected.variance, 12);
    }
    const analysis = sensitivity.analysis!;
    expect(analysis.reml.tauSquared).toBeGreaterThanOrEqual(0);
    expect(analysis.reml.hartungKnapp.degreesOfFreedom).toBe(2);
    expect(pool.newSiteRoi).not.toBeNull();
  });
});
