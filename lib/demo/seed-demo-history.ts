import { randomBytes } from "node:crypto";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { instantiateChecklist } from "@/lib/governance/instantiate-checklist";
import { rebuildPocKpis } from "@/lib/kpi/kpi-rollups";
import { normalDraw, seededRandom } from "@/lib/kpi/seeded-random";
import { seedDemoSignOffs } from "./seed-demo-sign-offs";

/** Fixed, so every fresh demo database shows the same synthetic history. */
const demoHistorySeed = 20_260_601;
const demoHistoryCases = 200;
const readersPerCase = 2;

/**
 * Demo PoC C: a randomised reading study that has finished collecting (EVALUATING), with ~200
 * synthetic cases, two reads each by demo readers, AI outputs and outcomes, so an executive sees
 * realistic KPIs and intervals. Every row is synthetic and labelled as demo; written with createMany.
 */
export async function seedDemoHistory(db: Db, options: { siteId: string; modelVersionId: string; clinicianId: string; complianceOfficerId: string; adminId: string; readerPasswordHash: string; now?: Date }) {
  const random = seededRandom(demoHistorySeed);
  const now = options.now ?? new Date();
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
  const id = (prefix: string) => `${prefix}${randomBytes(10).toString("hex")}`;

  await db.$transaction(async (tx) => {
    // Two more synthetic readers who cannot sign in (disabled), beside the demo clinician.
    const extraReaders = await Promise.all(
      [1, 2].map((index) =>
        tx.user.create({ data: { email: `demo-reader-${index}@demo.example`, name: `Demo Reader ${index} / デモ読影医${index}`, role: "CLINICIAN", passwordHash: options.readerPasswordHash, disabled: true, isDemo: true, sites: { create: [{ siteId: options.siteId }] } } }),
      ),
    );
    const readerIds = [options.clinicianId, ...extraReaders.map((reader) => reader.id)];
    const poc = await tx.poc.create({
      data: {
        title: "Demo PoC C (synthetic history): randomised reading study, evaluation phase / デモPoC C（合成データの履歴）：ランダム化読影試験・評価段階",
        clinicalQuestion: "Does the multimodal model shorten reading time without lowering sensitivity? / マルチモーダルモデルは感度を下げずに読影時間を短縮するか",
        siteId: options.siteId,
        modelVersionId: options.modelVersionId,
        status: "EVALUATING",
        readingDesign: "RANDOMISED",
        aiMode: "CONCURRENT",
        aidedShare: 0.5,
        washoutDays: 0,
        randomSeed: demoHistorySeed,
        deidSecret: randomBytes(32).toString("hex"),
        isDemo: true,
        kpiTargets: {
          create: [
            { kpi: "readingTimeRelativeChange", comparator: "lte", targetValue: -0.2, unit: "ratio", isPrimary: true },
            { kpi: "sensitivityDifference", comparator: "gte", targetValue: -0.02, unit: "ratio" },
            { kpi: "repeatExamRateDifference", comparator: "lte", targetValue: 0, unit: "ratio" },
          ],
        },
      },
    });
    await instantiateChecklist(tx, poc);
    await seedDemoSignOffs(tx, { id: options.complianceOfficerId, role: "COMPLIANCE" }, poc.id);

    const cases: Prisma.CaseCreateManyInput[] = [];
    const inferences: Prisma.InferenceCreateManyInput[] = [];
    const reads: Prisma.ReadCreateManyInput[] = [];
    const outcomes: Prisma.OutcomeCreateManyInput[] = [];
    for (let index = 0; index < demoHistoryCases; index++) {
      const caseId = id("democ");
      const truth = chance(0.35);
      const aided = chance(0.5);
      const createdAt = new Date(now.getTime() - (120 - Math.floor((index / demoHistoryCases) * 115)) * 86_400_000);
      cases.push({
        id: caseId, pocId: poc.id, code: `C-DEMO${String(index + 1).padStart(3, "0")}`, modality: chance(0.8) ? "CR" : "CT",
        labValues: { crp: Math.round(clamp(truth ? 6 + 3 * normalDraw(random) : 1.5 + normalDraw(random), 0, 30) * 10) / 10 },
        noteText: "Synthetic demo case. / 合成デモ症例。", noteLanguage: "ja", deidSummary: { demo: true },
        ageBand: pick(["20-39", "40-59", "60-79", "80+"] as const), sex: pick(["F", "M"] as const), scannerVendor: pick(["Vendor A", "Vendor B", "Vendor C"] as const),
        createdById: options.clinicianId, createdAt,
      });
      const probability = clamp((truth ? 0.74 : 0.26) + 0.17 * normalDraw(random), 0.01, 0.99);
      inferences.push({ caseId, modelVersionId: options.modelVersionId, status: "SUCCEEDED", probability, executionProvider: "cpu", latencyMs: 4, createdAt });
      let discrepant = false;
      for (const readerId of readerIds.slice(0, readersPerCase).map((_, offset) => readerIds[(index + offset) % readerIds.length]!)) {
        // Unaided accuracy: sensitivity 0.80, specificity 0.88; with the AI a differing first impression follows the AI half the time.
        const firstCall = truth ? chance(0.8) : !chance(0.88);
        const aiCall = probability >= 0.5;
        const changed = aided && firstCall !== aiCall && chance(0.5);
        const finalCall = changed ? aiCall : firstCall;
        if (finalCall !== truth) discrepant = true;
        const activeMs = Math.round(Math.exp(Math.log(aided ? 60_000 : 75_000) + 0.35 * normalDraw(random)));
        const endedAt = new Date(createdAt.getTime() + Math.floor(random() * 3 * 86_400_000));
        reads.push({
          caseId, readerId, arm: aided ? "AIDED" : "UNAIDED", period: 1, status: "COMPLETED", assignedAt: createdAt, availableFrom: createdAt,
          startedAt: new Date(endedAt.getTime() - activeMs - 5_000), endedAt, totalMs: activeMs + 5_000, activeMs,
          finalCall, confidence: 50 + Math.floor(random() * 50),
          changedAfterAi: aided ? changed : null, usefulness: aided ? 2 + Math.floor(random() * 4) : null, aiOpened: aided ? chance(0.9) : null,
        });
      }
      const repeat = chance(discrepant ? 0.45 : 0.08);
      outcomes.push({
        caseId, referencePresent: truth, referenceSource: pick(["PATHOLOGY", "FOLLOW_UP_IMAGING", "EXPERT_PANEL"] as const),
        repeatExamOrdered: repeat, repeatExamAvoidable: repeat ? discrepant : null,
        timeToTreatmentHours: truth ? Math.round(Math.exp(Math.log(aided ? 40 : 48) + 0.4 * normalDraw(random)) * 10) / 10 : null,
        readmitted30d: chance(aided ? 0.08 : 0.1), complication: chance(0.05), patientSatisfaction: 3 + Math.floor(random() * 3),
        recordedById: options.clinicianId, recordedAt: new Date(createdAt.getTime() + 20 * 86_400_000),
      });
    }
    await tx.case.createMany({ data: cases });
    await tx.inference.createMany({ data: inferences });
    await tx.read.createMany({ data: reads });
    await tx.outcome.createMany({ data: outcomes });
    await rebuildPocKpis(tx, poc.id);
    await recordAuditEvent(tx, { ...actorFields({ id: options.adminId, role: "SYSTEM" }), action: "demo.seed_history", entityType: "Poc", entityId: poc.id, details: { cases: cases.length, reads: reads.length, seed: demoHistorySeed } });
    // A one-off start-up step: Prisma's 5 s default is no limit to hold it to on a loaded machine.
  }, { timeout: 120_000 });
}
