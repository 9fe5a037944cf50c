import { randomBytes, randomInt } from "node:crypto";
import { actorFields, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { demoCredentials, type DemoCredential } from "@/lib/demo/demo-credentials";
import { instantiateChecklist } from "@/lib/governance/instantiate-checklist";
import { registerReferenceModel, registerReferenceModelsV2 } from "@/lib/models/register-reference-model";
import { seedDemoDeployment } from "./seed-demo-deployment";
import { seedDemoHistory } from "./seed-demo-history";
import { seedDemoSignOffs } from "./seed-demo-sign-offs";

const demoNames: Record<Role, string> = {
  CLINICIAN: "Demo Radiologist / デモ放射線科医",
  EXECUTIVE: "Demo Executive / デモ経営層",
  COMPLIANCE: "Demo Compliance Officer / デモコンプライアンス担当",
  ADMIN: "Demo Administrator / デモ管理者",
};

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  return (await db.user.count()) === 0;
}

/** One site, one user per role, the reference model, two running PoCs and one with a synthetic history, all labelled as demo. */
export async function seedDemoData(db: Db): Promise<DemoCredential[]> {
  const model = await registerReferenceModel(db);
  // Model 2.0.0 is registered beside 1.0.0 so a new PoC can choose it; the demo PoCs keep 1.0.0.
  await registerReferenceModelsV2(db);
  const passwordHashes = await Promise.all(demoCredentials.map((credential) => hashPassword(credential.password)));
  // The synthetic readers are disabled; their password is random and never shown.
  const readerPasswordHash = await hashPassword(randomBytes(24).toString("hex"));
  const seeded = await db.$transaction(async (tx) => {
    const site = await tx.site.create({
      data: { code: "DEMO-RAD", nameEn: "Demo University Hospital (demo)", nameJa: "デモ大学病院（デモ）", department: "Radiology / 放射線科", isDemo: true },
    });
    const users = await Promise.all(
      demoCredentials.map((credential, index) =>
        tx.user.create({
          data: {
            email: credential.email,
            name: demoNames[credential.role],
            role: credential.role,
            passwordHash: passwordHashes[index]!,
            isDemo: true,
            sites: { create: [{ siteId: site.id }] },
          },
        }),
      ),
    );
    const admin = users.find((user) => user.role === "ADMIN")!;
    const complianceOfficer = users.find((user) => user.role === "COMPLIANCE")!;
    // Two designs a single demo reader can try end to end at once: a crossover with no washout
    // (both arms of every case right away) and a second-reader PoC where every case is AI-aided.
    const demoPocs = [
      {
        title: "Demo PoC A: pneumonia on chest radiograph with labs and note (crossover, no washout for the demo) / デモPoC A：胸部X線・検査値・所見による肺炎（クロスオーバー、デモのためウォッシュアウトなし）",
        readingDesign: "CROSSOVER",
        aiMode: "CONCURRENT",
        washoutDays: 0,
        aidedShare: 0.5,
      },
      {
        title: "Demo PoC B: second-reader mode, every case AI-aided / デモPoC B：セカンドリーダー方式（全症例AIあり）",
        readingDesign: "RANDOMISED",
        aiMode: "SECOND_READER",
        washoutDays: 0,
        aidedShare: 1,
      },
    ] as const;
    for (const design of demoPocs) {
      const poc = await tx.poc.create({
        data: {
          ...design,
          siteId: site.id,
          modelVersionId: model.id,
          clinicalQuestion: "Does the multimodal model shorten reading time without lowering sensitivity? / マルチモーダルモデルは感度を下げずに読影時間を短縮するか",
          status: "RUNNING",
          randomSeed: randomInt(1, 2 ** 31 - 1),
          deidSecret: randomBytes(32).toString("hex"),
          isDemo: true,
          kpiTargets: {
            create: [
              { kpi: "readingTimeRelativeChange", comparator: "lte", targetValue: -0.2, unit: "ratio", isPrimary: true },
              { kpi: "sensitivityDifference", comparator: "gte", targetValue: -0.02, unit: "ratio" },
            ],
          },
        },
      });
      await instantiateChecklist(tx, poc);
      await seedDemoSignOffs(tx, { id: complianceOfficer.id, role: complianceOfficer.role }, poc.id);
    }
    await recordAuditEvent(tx, { ...actorFields({ id: admin.id, role: "SYSTEM" }), action: "demo.seed", entityType: "Site", entityId: site.id, details: { pocs: demoPocs.length, users: users.length } });
    const clinician = users.find((user) => user.role === "CLINICIAN")!;
    const executive = users.find((user) => user.role === "EXECUTIVE")!;
    return { siteId: site.id, clinicianId: clinician.id, complianceOfficerId: complianceOfficer.id, adminId: admin.id, executiveId: executive.id };
    // A one-off start-up step (evidence, sign-offs and their audit rows): Prisma's 5 s default failed on a loaded machine.
  }, { timeout: 120_000 });
  const { executiveId, ...history } = seeded;
  await seedDemoHistory(db, { ...history, modelVersionId: model.id, readerPasswordHash });
  await seedDemoDeployment(db, { ...seeded, executiveId, modelVersionId: model.id, modelSha256: model.sha256 });
  return demoCredentials;
}
