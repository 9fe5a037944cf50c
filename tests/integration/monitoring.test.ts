import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signOffItem } from "@/lib/governance/sign-off-item";
import { evaluateStopRules } from "@/lib/monitoring/evaluate-stop-rules";
import { getMonitoringDashboard } from "@/lib/monitoring/get-monitoring-dashboard";
import { listDeployments } from "@/lib/monitoring/list-deployments";
import { recordObservations } from "@/lib/monitoring/record-observations";
import { registerStopRule } from "@/lib/monitoring/register-stop-rule";
import { setPeriodLength } from "@/lib/monitoring/set-period-length";
import type { MonitoringObservation } from "@/lib/monitoring/schema";
import { transitionPoc } from "@/lib/pocs/transition-poc";
import { buildCase, buildModelVersion, buildPoc, buildSite, buildUser } from "./builders";
import { createTestDatabase, testTargets, type TestDatabase } from "./test-database";

const password = "correct horse battery";

describe.each(testTargets)("post-deployment monitoring on %s", (kind) => {
  let database: TestDatabase;
  let siteId: string;
  let pocId: string;
  let deploymentId: string;
  let executive: { id: string; role: "EXECUTIVE"; siteIds: string[] };
  let officer: { id: string; role: "COMPLIANCE"; siteIds: string[] };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const { db } = database;
    siteId = (await buildSite(db)).id;
    executive = { id: (await buildUser(db, { role: "EXECUTIVE", siteIds: [siteId] })).id, role: "EXECUTIVE", siteIds: [siteId] };
    officer = { id: (await buildUser(db, { role: "COMPLIANCE", siteIds: [siteId], password })).id, role: "COMPLIANCE", siteIds: [siteId] };
    const reader = await buildUser(db, { siteIds: [siteId] });
    const model = await buildModelVersion(db);
    const poc = await buildPoc(db, { siteId, modelVersionId: model.id, status: "EVALUATING" });
    pocId = poc.id;
    await db.checklistItem.create({ data: { pocId, key: "model.decision", family: "MODEL", phase: "PRE_DECISION", titleEn: "t", titleJa: "t", evidenceEn: "e", evidenceJa: "e", status: "APPROVED" } });
    // 40 PoC cases, all from one vendor; a calibrated-ish AI and aided reads that mostly follow it.
    for (let i = 0; i < 40; i++) {
      const truth = i % 2 === 0;
      const probability = truth ? 0.7 + (i % 5) * 0.05 : 0.1 + (i % 5) * 0.05;
      const item = await buildCase(db, { pocId, createdById: reader.id, scannerVendor: "Siemens", sex: i % 3 === 0 ? "F" : "M", ageBand: "60-64", labValues: { crp: i / 4 } });
      await db.inference.create({ data: { caseId: item.id, modelVersionId: model.id, status: "SUCCEEDED", probability } });
      await db.outcome.create({ data: { caseId: item.id, referencePresent: truth, referenceSource: "PATHOLOGY", repeatExamOrdered: false, recordedById: reader.id } });
      await db.read.create({ data: { caseId: item.id, readerId: reader.id, arm: "AIDED", status: "COMPLETED", activeMs: 40_000, finalCall: i % 10 === 0 ? !truth : truth } });
    }
  }, 600_000);
  afterAll(() => database.drop());

  it("deciding to scale freezes a baseline from the PoC", async () => {
    await transitionPoc(database.db, executive, { pocId, transition: "decide", decision: "SCALE", reason: "met its targets" }, new Date("2026-01-10T00:00:00Z"));
    const deployment = await database.db.deployment.findUniqueOrThrow({ where: { pocId } });
    deploymentId = deployment.id;
    const baseline = deployment.baseline as { cases: number; inputs: Record<string, Record<string, number>>; discordance: { successes: number; n: number }; labEdges: Record<string, number[]> };
    expect(baseline.cases).toBe(40);
    expect(baseline.inputs.scannerVendor).toEqual({ Siemens: 40 });
    expect(baseline.discordance).toEqual({ successes: 4, n: 40 });
    expect(baseline.labEdges.crp).toHaveLength(9);
    // crp = 0, 0.25, …, 9.75: ten deciles of four values each.
    expect(Object.values(baseline.inputs["lab:crp"]!)).toEqual(Array(10).fill(4));
    expect(await database.db.auditEvent.count({ where: { action: "monitoring.deployment_start", entityId: deploymentId } })).toBe(1);
  });

  it("lets the period length change only before the first observation, and refuses scores of another model", async () => {
    const admin = { id: executive.id, role: "ADMIN" as const, siteIds: [] };
    await setPeriodLength(database.db, admin, { deploymentId, periodLength: "WEEK" });
    await setPeriodLength(database.db, admin, { deploymentId, periodLength: "MONTH" });
    const observation: MonitoringObservation = { kind: "case", observedAt: "2026-02-01T00:00:00.000Z", modality: "CR", aiScore: 0.5 };
    await expect(database.db.$transaction((tx) => recordObservations(tx, deploymentId, [observation], "f".repeat(64)))).rejects.toMatchObject({ code: "DEPLOYMENT_MODEL_MISMATCH" });
  });

  it("refuses a stop rule whose signature is not confirmed", async () => {
    await expect(registerStopRule(database.db, officer, { deploymentId, kind: "INPUT_DRIFT", dimension: "scannerVendor", threshold: 0.25, statement: "s", password: "wrong" })).rejects.toMatchObject({ code: "SIGN_OFF_PASSWORD_INVALID" });
  });

  it("a new scanner vendor after month 4 fires the pre-registered rule once, opens a review and notifies", async () => {
    await registerStopRule(database.db, officer, { deploymentId, kind: "INPUT_DRIFT", dimension: "scannerVendor", threshold: 0.25, statement: "Stop and review when the scanner mix shifts.", password });
    const observations: MonitoringObservation[] = [];
    for (let month = 1; month <= 6; month++) {
      for (let i = 0; i < 50; i++) {
        const vendor = month > 4 && i % 2 === 0 ? "Canon" : "Siemens";
        observations.push({ kind: "case", observedAt: `2026-${String(month + 1).padStart(2, "0")}-15T09:00:00.000Z`, modality: "CR", scannerVendor: vendor, sex: "M", aiScore: i % 2 ? 0.8 : 0.2, finalCall: i % 2 === 1, readMs: 30_000 + i * 100, readerExperience: "mid", referencePresent: i % 2 === 1, labs: { crp: i / 5 } });
      }
    }
    await database.db.$transaction((tx) => recordObservations(tx, deploymentId, observations));
    await expect(setPeriodLength(database.db, { id: executive.id, role: "ADMIN", siteIds: [] }, { deploymentId, periodLength: "WEEK" })).rejects.toMatchObject({ code: "CONFLICT" });
    const dashboard = await getMonitoringDashboard(database.db, executive, deploymentId);
    expect(dashboard.figures.periods).toHaveLength(6);
    const vendorDrift = dashboard.figures.periods.map((p) => p.drift.find((d) => d.dimension === "scannerVendor")!.psi);
    expect(vendorDrift.slice(0, 4).every((psi) => psi < 0.1)).toBe(true);
    expect(vendorDrift[4]).toBeGreaterThan(0.25);
    expect(dashboard.figures.periods[0]!.sensitivity).toMatchObject({ successes: 25, n: 25 });

    const fired = await evaluateStopRules(database.db, deploymentId, new Date("2026-08-01T00:00:00Z"));
    expect(fired).toHaveLength(1);
    // The first breach: month 5 of the observations (they start in February).
    expect(fired[0]!.periodStart).toBe("2026-06-01");
    expect(await evaluateStopRules(database.db, deploymentId)).toHaveLength(0);
    const [summary] = await listDeployments(database.db, executive);
    expect(summary!.status).toBe("UNDER_REVIEW");
    expect(await database.db.notification.count({ where: { userId: { in: [executive.id, officer.id] }, kind: "monitoring.stop_rule_fired" } })).toBe(2);
    expect(await database.db.auditEvent.count({ where: { action: "monitoring.stop_rule_fired", entityId: deploymentId } })).toBe(1);

    // The compliance officer resolves the review with a confirmed signature: the deployment is monitored again.
    await signOffItem(database.db, officer, { itemId: summary!.openReviewItemIds[0]!, status: "APPROVED", statement: "New vendor validated on 200 local cases.", password });
    const [after] = await listDeployments(database.db, executive);
    expect(after!.status).toBe("MONITORING");
    // The accepted shift does not reopen on the periods already reviewed.
    expect(await evaluateStopRules(database.db, deploymentId)).toHaveLength(0);
  });

  it("keeps the cells additive: recording in two batches equals one", async () => {
    const before = await getMonitoringDashboard(database.db, executive, deploymentId);
    const extra: MonitoringObservation[] = [{ kind: "reference", observedAt: "2026-02-20T00:00:00.000Z", aiScore: 0.9, referencePresent: true }];
    await database.db.$transaction((tx) => recordObservations(tx, deploymentId, extra));
    const after = await getMonitoringDashboard(database.db, executive, deploymentId);
    expect(after.figures.periods[0]!.sensitivity.n).toBe(before.figures.periods[0]!.sensitivity.n + 1);
    expect(after.figures.periods[0]!.cases).toBe(before.figures.periods[0]!.cases);
  });

  it("does not disclose another site's deployment", async () => {
    await expect(getMonitoringDashboard(database.db, { role: "EXECUTIVE", siteIds: ["elsewhere"] }, deploymentId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
