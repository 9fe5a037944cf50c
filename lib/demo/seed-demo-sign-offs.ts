import { actorFields, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import type { Tx } from "@/lib/db/client";
import { appendSignOff } from "@/lib/governance/sign-off-item";

/**
 * A running demo PoC's pre-start items must read as signed, under the same rules as real ones: each
 * gets a placeholder evidence link first, and both say plainly that they are demo data.
 */
export async function seedDemoSignOffs(tx: Tx, complianceOfficer: AuditActor, pocId: string) {
  const items = await tx.checklistItem.findMany({ where: { pocId, phase: "PRE_START" }, select: { id: true, pocId: true, key: true, requiresEvidence: true } });
  for (const item of items) {
    if (item.requiresEvidence) {
      const evidence = await tx.evidence.create({
        data: {
          itemId: item.id,
          kind: "LINK",
          url: `https://governance.demo.example/evidence/${item.key}`,
          description: "DEMO EVIDENCE — placeholder link, no real document. / デモ用のリンクです（実際の文書はありません）。",
          addedById: complianceOfficer.id,
        },
      });
      await recordAuditEvent(tx, { ...actorFields(complianceOfficer), action: "checklist.add_evidence", entityType: "ChecklistItem", entityId: item.id, details: { pocId, evidenceId: evidence.id, kind: "LINK", demo: true } });
    }
    await appendSignOff(tx, complianceOfficer, item, {
      status: "APPROVED",
      statement: "DEMO SIGN-OFF — seeded demo data, no real review took place. / デモ用の承認です（デモデータであり、実際の審査は行われていません）。",
      details: { demo: true },
    });
  }
}
