import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { amendAnalysisPlan, lockAnalysisPlanOnApproval } from "@/lib/analysis-plan/manage-analysis-plan";
import { analysisPlanHash } from "@/lib/analysis-plan/lock-analysis-plan";
import type { AnalysisPlan } from "@/lib/analysis-plan/schema";
import { AppError } from "@/lib/errors";
import { getKpiDashboard } from "@/lib/kpi/get-kpi-dashboard";
import { buildPoc, buildSite, buildUser } from "./builders";
import { createTestDatabase, testTargets, type TestDatabase } from "./test-database";

describe.each(testTargets)("analysis plan (SAP) on %s", (kind) => {
  let database: TestDatabase;
  let siteId: string;
  let compliance: { id: string; role: "COMPLIANCE"; siteIds: string[] };
  let executive: { id: string; role: "EXECUTIVE"; siteIds: string[] };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    siteId = (await buildSite(database.db)).id;
    compliance = { id: (await buildUser(database.db, { role: "COMPLIANCE", siteIds: [siteId] })).id, role: "COMPLIANCE", siteIds: [siteId] };
    executive = { id: (await buildUser(database.db, { role: "EXECUTIVE", siteIds: [siteId] })).id, role: "EXECUTIVE", siteIds: [siteId] };
  });
  afterAll(() => database.drop());

  it("is locked with the PoC's approval, and every later change is an audited amendment with its reason", async () => {
    const poc = await buildPoc(database.db, {
      siteId, status: "DRAFT", readingDesign: "CROSSOVER",
      kpiTargets: { create: [{ kpi: "readingTimeRelativeChange", comparator: "lte", targetValue: -0.2, unit: "ratio", isPrimary: true }, { kpi: "sensitivityDifference", comparator: "gte", targetValue: -0.02, unit: "ratio" }] },
    });
    const locked = await database.db.$transaction((tx) => lockAnalysisPlanOnApproval(tx, poc.id, compliance, new Date("2026-12-01T00:00:00Z")));
    expect(locked.version).toBe(1);
    const [first] = await database.db.analysisPlanVersion.findMany({ where: { pocId: poc.id } });
    expect(first).toMatchObject({ status: "APPROVED", approvedById: compliance.id, planHash: locked.planHash });
    const plan = first!.plan as unknown as AnalysisPlan;
    // Built from what the PoC registered: crossover, primary reading time (a −20% target is a log ratio of 0.223).
    expect(plan).toMatchObject({ primaryEndpoint: "readingTimeRelativeChange", secondaryEndpoints: ["sensitivityDifference"], design: "CROSSOVER" });
    expect(plan.minimumDetectableEffect).toBeCloseTo(-Math.log(0.8), 10);
    expect(analysisPlanHash(plan)).toBe(locked.planHash);
    // Locking again (a second approval attempt) changes nothing.
    expect(await database.db.$transaction((tx) => lockAnalysisPlanOnApproval(tx, poc.id, compliance, new Date()))).toEqual(locked);

    const amended: AnalysisPlan = { ...plan, secondaryEndpoints: [...plan.secondaryEndpoints, "aiReaderKappa"], interimLooks: 1, alphaSpending: "obrienFleming" };
    await expect(amendAnalysisPlan(database.db, executive, { pocId: poc.id, plan: amended, reason: "add kappa and one interim look" })).rejects.toEqual(new AppError("FORBIDDEN"));
    await expect(amendAnalysisPlan(database.db, { ...compliance, siteIds: [] }, { pocId: poc.id, plan: amended, reason: "add kappa and one interim look" })).rejects.toEqual(new AppError("NOT_FOUND"));
    const result = await amendAnalysisPlan(database.db, compliance, { pocId: poc.id, plan: amended, reason: "add kappa and one interim look" });
    expect(result).toMatchObject({ version: 2, status: "AMENDMENT", planHash: analysisPlanHash(amended) });
    const event = await database.db.auditEvent.findFirst({ where: { action: "plan.amend", entityId: poc.id } });
    expect(event?.details).toMatchObject({ version: 2, planHash: analysisPlanHash(amended), fields: ["alphaSpending", "interimLooks", "secondaryEndpoints"] });

    const dashboard = await getKpiDashboard(database.db, executive, poc.id);
    expect(dashboard.analysisPlan?.versions.map((version) => [version.version, version.status, version.amendmentReason])).toEqual([[2, "AMENDMENT", "add kappa and one interim look"], [1, "APPROVED", null]]);
    // Paired: ((1.95996 + 0.84162)·0.35/0.22314)² = 19.31 → × 1.008 (O'Brien–Fleming, two analyses) → 20 pairs.
    expect(dashboard.analysisPlan?.sampleSize).toMatchObject({ formula: "pairedMean", perArmFixed: 20, perArm: 20, inflationFactor: 1.008 });
    const registration = Object.fromEntries(dashboard.kpis.map((kpi) => [kpi.key, kpi.registration]));
    expect(registration).toMatchObject({ readingTimeRelativeChange: "primary", sensitivityDifference: "secondary", aiReaderKappa: "secondary", aiAuc: "exploratory" });
  });
});
