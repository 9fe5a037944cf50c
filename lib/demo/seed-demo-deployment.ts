import { randomBytes } from "node:crypto";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { normalDraw, seededRandom } from "@/lib/kpi/seeded-random";
import { evaluateStopRules } from "@/lib/monitoring/evaluate-stop-rules";
import { recordObservations } from "@/lib/monitoring/record-observations";
import type { MonitoringObservation } from "@/lib/monitoring/schema";
import { startDeployment } from "@/lib/monitoring/start-deployment";

const demoDeploymentSeed = 20_261_015;
const baselineCases = 120;
const monitoredMonths = 8;
const casesPerMonth = 150;
/** From this month after adoption, a new scanner vendor sends a share of the studies. */
const demoShiftMonth = 5;

/**
 * Demo PoC D: adopted ("scale") eight months ago and monitored since. Its synthetic input shifts
 * after month 4 — a new scanner vendor, whose images the model scores less well — so the signed stop
 * rule on the scanner mix fires, the deployment goes under review and a review item waits for the
 * compliance officer. Everything goes through the same functions as real data.
 */
export async function seedDemoDeployment(db: Db, options: { siteId: string; modelVersionId: string; modelSha256: string; clinicianId: string; executiveId: string; complianceOfficerId: string; now?: Date }) {
  const random = seededRandom(demoDeploymentSeed);
  const now = options.now ?? new Date();
  const adoptedAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monitoredMonths, 1));
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
  const deploymentId = await db.$transaction(async (tx) => {
    const poc = await tx.poc.create({
      data: {
        title: "Demo PoC D (synthetic): adopted and monitored after deployment / デモPoC D（合成データ）：導入後のモニタリング",
        clinicalQuestion: "Does the model keep its performance after adoption? / 導入後もモデルの性能は保たれるか",
        siteId: options.siteId,
        modelVersionId: options.modelVersionId,
        status: "DECIDED",
        decision: "SCALE",
        decisionReason: "Demo: targets met in the PoC. / デモ：PoCで目標を達成。",
        decidedById: options.executiveId,
        decidedAt: adoptedAt,
        randomSeed: demoDeploymentSeed,
        deidSecret: randomBytes(32).toString("hex"),
        isDemo: true,
      },
    });
    const cases: Prisma.CaseCreateManyInput[] = [];
    const inferences: Prisma.InferenceCreateManyInput[] = [];
    const reads: Prisma.ReadCreateManyInput[] = [];
    const outcomes: Prisma.OutcomeCreateManyInput[] = [];
    for (let index = 0; index < baselineCases; index++) {
      const caseId = `demod${randomBytes(10).toString("hex")}`;
      const truth = chance(0.35);
      const createdAt = new Date(adoptedAt.getTime() - (90 - Math.floor((index / baselineCases) * 85)) * 86_400_000);
      const probability = clamp((truth ? 0.74 : 0.26) + 0.17 * normalDraw(random), 0.01, 0.99);
      cases.push({
        id: caseId, pocId: poc.id, code: `C-DEMOD${String(index + 1).padStart(3, "0")}`, modality: "CR", labValues: { crp: Math.round(clamp(truth ? 6 + 3 * normalDraw(random) : 1.5 + normalDraw(random), 0, 30) * 10) / 10 },
        noteText: "Synthetic demo case. / 合成デモ症例。", noteLanguage: "ja", deidSummary: { demo: true },
        ageBand: pick(["20-39", "40-59", "60-79", "80+"] as const), sex: pick(["F", "M"] as const), scannerVendor: pick(["Vendor A", "Vendor B"] as const), createdById: options.clinicianId, createdAt,
      });
      inferences.push({ caseId, modelVersionId: options.modelVersionId, status: "SUCCEEDED", probability, executionProvider: "cpu", latencyMs: 4, createdAt });
      const finalCall = chance(0.9) ? probability >= 0.5 : probability < 0.5;
      reads.push({ caseId, readerId: options.clinicianId, arm: "AIDED", status: "COMPLETED", assignedAt: createdAt, startedAt: createdAt, endedAt: new Date(createdAt.getTime() + 60_000), activeMs: 55_000, totalMs: 60_000, finalCall, aiOpened: true, changedAfterAi: false });
      outcomes.push({ caseId, referencePresent: truth, referenceSource: "FOLLOW_UP_IMAGING", repeatExamOrdered: false, recordedById: options.clinicianId, recordedAt: createdAt });
    }
    await tx.case.createMany({ data: cases });
    await tx.inference.createMany({ data: inferences });
    await tx.read.createMany({ data: reads });
    await tx.outcome.createMany({ data: outcomes });
    const deployment = await startDeployment(tx, { id: options.executiveId, role: "EXECUTIVE" }, { id: poc.id, modelVersionId: options.modelVersionId, isDemo: true }, adoptedAt);
    // Pre-registered at adoption and signed by the demo compliance officer (the seed has no password to confirm).
    const rule = await tx.stopRule.create({
      data: {
        deploymentId: deployment.id, kind: "INPUT_DRIFT", dimension: "scannerVendor", threshold: 0.25, signedById: options.complianceOfficerId, signedAt: adoptedAt,
        statement: "Review the deployment when the scanner-vendor mix shifts (PSI ≥ 0.25) against the PoC. / スキャナーベンダー構成がPoCから大きく変化したら（PSI ≥ 0.25）レビューする。",
      },
    });
    await recordAuditEvent(tx, { ...actorFields({ id: options.complianceOfficerId, role: "COMPLIANCE" }), action: "monitoring.stop_rule_register", entityType: "Deployment", entityId: deployment.id, details: { pocId: poc.id, ruleId: rule.id, kind: rule.kind, demo: true } });

    const observations: MonitoringObservation[] = [];
    for (let month = 1; month <= monitoredMonths; month++) {
      for (let i = 0; i < casesPerMonth; i++) {
        const newVendor = month >= demoShiftMonth && chance(0.4);
        const truth = chance(0.35);
        // On the new vendor's images the model separates less well: its scores drift toward the middle.
        const spread = newVendor ? 0.1 : 0.24;
        const aiScore = clamp(0.5 + (truth ? spread : -spread) + 0.17 * normalDraw(random), 0.01, 0.99);
        const observedAt = new Date(Date.UTC(adoptedAt.getUTCFullYear(), adoptedAt.getUTCMonth() + month - 1, 1 + Math.floor(random() * 27), 9));
        if (observedAt > now) continue;
        observations.push({
          kind: "case", observedAt: observedAt.toISOString(), modality: "CR", scannerVendor: newVendor ? "Vendor N" : pick(["Vendor A", "Vendor B"] as const),
          ageBand: pick(["20-39", "40-59", "60-79", "80+"] as const), sex: pick(["F", "M"] as const), labs: { crp: Math.round(clamp(truth ? 6 + 3 * normalDraw(random) : 1.5 + normalDraw(random), 0, 30) * 10) / 10 },
          aiScore, finalCall: chance(0.9) ? aiScore >= 0.5 : aiScore < 0.5, readMs: Math.round(Math.exp(Math.log(aiScore >= 0.5 ? 52_000 : 45_000) - 0.02 * month + 0.3 * normalDraw(random))),
          readerExperience: pick(["junior", "mid", "senior"] as const), ...(chance(0.6) ? { referencePresent: truth } : {}),
        });
      }
    }
    await recordObservations(tx, deployment.id, observations, options.modelSha256);
    return deployment.id;
  }, { timeout: 120_000 });
  await evaluateStopRules(db, deploymentId, now);
  return deploymentId;
}
