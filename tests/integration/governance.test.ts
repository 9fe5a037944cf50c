import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Evidence files go to a storage directory of this test file's own (read once by serverEnv()).
const storageDir = await mkdtemp(path.join(os.tmpdir(), "mmfm-governance-storage-"));
process.env.STORAGE_DIR = storageDir;

const { auditRowHash } = await import("@/lib/audit/hash-chain");
const { checkChainHead, exportChainHead } = await import("@/lib/audit/chain-head");
const { recordAuditEvent } = await import("@/lib/audit/record-audit-event");
const { iterateAuditEvents, searchAuditEvents, summariseCaseAccess } = await import("@/lib/audit/search-audit-events");
const { verifyAuditChain } = await import("@/lib/audit/verify-audit-chain");
const { createPrismaClient } = await import("@/lib/db/client");
const { applyMigrations } = await import("@/lib/db/schema-engine");
const { AppError } = await import("@/lib/errors");
const { addComment } = await import("@/lib/governance/add-comment");
const { addEvidenceFile, addEvidenceLink } = await import("@/lib/governance/add-evidence");
const { builtInChecklistTemplates } = await import("@/lib/governance/checklist-templates");
const { createChecklistTemplateItem } = await import("@/lib/governance/create-checklist-template-item");
const { defaultChecklistDueDate } = await import("@/lib/governance/default-checklist-assignment");
const { setSecondSignerRule } = await import("@/lib/governance/set-second-signer-rule");
const { getGovernanceOverview, getPocChecklist } = await import("@/lib/governance/get-governance-overview");
const { signOffItemSchema, updateChecklistItemSchema } = await import("@/lib/governance/schema");
const { signOffItem } = await import("@/lib/governance/sign-off-item");
const { updateChecklistItem } = await import("@/lib/governance/update-checklist-item");
const { assertPocAcceptsCases } = await import("@/lib/pocs/assert-poc-accepts-cases");
const { createPoc } = await import("@/lib/pocs/create-poc");
const { transitionPoc } = await import("@/lib/pocs/transition-poc");
const { buildModelVersion, buildSite, buildUser, pocInput } = await import("./builders");
const { createTestDatabase, testTargets } = await import("./test-database");

type Db = import("@/lib/db/client").Db;
type Role = import("@/lib/db/generated/enums").Role;
type TestDatabase = import("./test-database").TestDatabase;

const password = "compliance officer passphrase";
const minimalPdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
const preStartCount = builtInChecklistTemplates.filter((template) => template.phase === "PRE_START").length;
const preDecisionCount = builtInChecklistTemplates.filter((template) => template.phase === "PRE_DECISION").length;
const highRiskKeys = ["privacy.legal_basis", "privacy.deid_images", "privacy.deid_text", "ethics.committee_approval", "regulation.samd_classification", "security.risk_assessment"];

afterAll(() => rm(storageDir, { recursive: true, force: true }));

describe.each(testTargets)("governance on %s", (kind) => {
  let database: TestDatabase;
  let db: Db;
  const actors = {} as Record<"admin" | "compliance" | "executive" | "clinician" | "otherCompliance", { id: string; role: Role; siteIds: string[] }>;
  let siteId: string;
  let modelVersionId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = database.db;
    const [site, otherSite, model] = await Promise.all([buildSite(db), buildSite(db), buildModelVersion(db)]);
    siteId = site.id;
    modelVersionId = model.id;
    const make = async (role: Role, siteIds: string[]) => {
      const user = await buildUser(db, { role, siteIds, password });
      return { id: user.id, role, siteIds };
    };
    actors.admin = await make("ADMIN", []);
    actors.compliance = await make("COMPLIANCE", [site.id]);
    actors.executive = await make("EXECUTIVE", [site.id]);
    actors.clinician = await make("CLINICIAN", [site.id]);
    actors.otherCompliance = await make("COMPLIANCE", [otherSite.id]);
  });
  afterAll(() => database.drop());

  const itemsOf = (pocId: string, phase?: "PRE_START" | "PRE_DECISION" | "ONGOING") => db.checklistItem.findMany({ where: { pocId, ...(phase ? { phase } : {}) }, orderBy: { sortOrder: "asc" } });
  const statusOf = async (pocId: string) => (await db.poc.findUniqueOrThrow({ where: { id: pocId } })).status;
  const attachEvidence = (itemId: string, actor = actors.compliance) => addEvidenceLink(db, actor, { itemId, url: `https://docs.example-hospital.jp/governance/${itemId}` });
  const signAll = async (pocId: string, phase: "PRE_START" | "PRE_DECISION", signer = actors.compliance) => {
    for (const item of await itemsOf(pocId, phase)) {
      await attachEvidence(item.id, signer);
      await signOffItem(db, signer, { itemId: item.id, status: "APPROVED", statement: "Reviewed the evidence.", password });
    }
  };
  const newPoc = async () => (await createPoc(db, actors.admin, pocInput(siteId, modelVersionId))).id;

  it("creates a draft PoC with its own checklist, seed and de-identification key", async () => {
    const pocId = await newPoc();
    const poc = await db.poc.findUniqueOrThrow({ where: { id: pocId }, include: { kpiTargets: true } });
    expect(poc.status).toBe("DRAFT");
    expect(poc.deidSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(poc.kpiTargets.find((target) => target.isPrimary)).toMatchObject({ kpi: "readingTimeRelativeChange", comparator: "lte", targetValue: -0.2 });
    const items = await itemsOf(pocId);
    expect(items.map((item) => item.key)).toEqual(builtInChecklistTemplates.map((template) => template.key));
    expect(items.every((item) => item.status === "OPEN" && item.frameworks.length > 0)).toBe(true);
    // The work queue starts assigned: the site's compliance officer owns every item, due by phase.
    expect(new Set(items.map((item) => item.ownerId))).toEqual(new Set([actors.compliance.id]));
    for (const item of items) expect(item.dueDate, item.key).toEqual(defaultChecklistDueDate(item.phase, poc.createdAt));
    await expect(createPoc(db, actors.admin, pocInput(siteId, "no-such-model"))).rejects.toEqual(new AppError("MODEL_NOT_AVAILABLE"));
  });

  it("refuses draft → approved until every pre-start item is approved or not applicable with a reason, for whoever asks", async () => {
    const pocId = await newPoc();
    await expect(transitionPoc(db, actors.clinician, { pocId, transition: "approve" })).rejects.toEqual(new AppError("FORBIDDEN"));
    await expect(transitionPoc(db, actors.executive, { pocId, transition: "approve" })).rejects.toEqual(new AppError("FORBIDDEN"));
    await expect(transitionPoc(db, actors.otherCompliance, { pocId, transition: "approve" })).rejects.toEqual(new AppError("NOT_FOUND"));
    await expect(transitionPoc(db, actors.compliance, { pocId, transition: "approve" })).rejects.toEqual(new AppError("POC_PRE_START_INCOMPLETE", { count: preStartCount }));
    await expect(transitionPoc(db, actors.executive, { pocId, transition: "start" })).rejects.toEqual(new AppError("POC_TRANSITION_NOT_ALLOWED"));

    const [first, ...rest] = await itemsOf(pocId, "PRE_START");
    await signOffItem(db, actors.compliance, { itemId: first!.id, status: "NOT_APPLICABLE", naReason: "No contractor handles data in this PoC.", statement: "Checked the data flow.", password });
    for (const item of rest) await attachEvidence(item.id);
    for (const item of rest.slice(1)) await signOffItem(db, actors.compliance, { itemId: item.id, status: "APPROVED", statement: "Reviewed.", password });
    await expect(transitionPoc(db, actors.compliance, { pocId, transition: "approve" })).rejects.toEqual(new AppError("POC_PRE_START_INCOMPLETE", { count: 1 }));
    // "In review" is not done either.
    await updateChecklistItem(db, actors.compliance, { itemId: rest[0]!.id, ownerId: actors.compliance.id, dueDate: null, status: "IN_REVIEW" });
    await expect(transitionPoc(db, actors.compliance, { pocId, transition: "approve" })).rejects.toEqual(new AppError("POC_PRE_START_INCOMPLETE", { count: 1 }));
    expect(await statusOf(pocId)).toBe("DRAFT");

    await signOffItem(db, actors.compliance, { itemId: rest[0]!.id, status: "APPROVED", statement: "Reviewed.", password });
    await expect(transitionPoc(db, actors.compliance, { pocId, transition: "approve" })).resolves.toEqual({ id: pocId, status: "APPROVED" });
    const refusals = await db.auditEvent.findMany({ where: { entityType: "Poc", entityId: pocId, outcome: "DENIED" }, orderBy: { seq: "asc" } });
    expect(refusals.map((event) => (event.details as { reason: string }).reason)).toEqual([
      "FORBIDDEN",
      "FORBIDDEN",
      "NOT_FOUND",
      "POC_PRE_START_INCOMPLETE",
      "POC_TRANSITION_NOT_ALLOWED",
      "POC_PRE_START_INCOMPLETE",
      "POC_PRE_START_INCOMPLETE",
    ]);
  });

  it("walks the rest of the lifecycle: start by admin or executive, cases only while running, decision needs pre-decision items and records who and why", async () => {
    const pocId = await newPoc();
    await signAll(pocId, "PRE_START");
    await transitionPoc(db, actors.compliance, { pocId, transition: "approve" });
    assertPocAcceptsCasesFor("APPROVED", false);

    await expect(transitionPoc(db, actors.compliance, { pocId, transition: "start" })).rejects.toEqual(new AppError("FORBIDDEN"));
    await expect(transitionPoc(db, actors.clinician, { pocId, transition: "start" })).rejects.toEqual(new AppError("FORBIDDEN"));
    await expect(transitionPoc(db, actors.executive, { pocId, transition: "decide", decision: "SCALE", reason: "too early" })).rejects.toEqual(new AppError("POC_TRANSITION_NOT_ALLOWED"));
    await transitionPoc(db, actors.executive, { pocId, transition: "start" });
    expect(await statusOf(pocId)).toBe("RUNNING");
    assertPocAcceptsCasesFor("RUNNING", true);
    await expect(transitionPoc(db, actors.admin, { pocId, transition: "start" })).rejects.toEqual(new AppError("POC_TRANSITION_NOT_ALLOWED"));

    await expect(transitionPoc(db, actors.clinician, { pocId, transition: "beginEvaluation" })).rejects.toEqual(new AppError("FORBIDDEN"));
    await transitionPoc(db, actors.admin, { pocId, transition: "beginEvaluation" });
    assertPocAcceptsCasesFor("EVALUATING", false);

    await expect(transitionPoc(db, actors.admin, { pocId, transition: "decide", decision: "SCALE", reason: "x" })).rejects.toEqual(new AppError("FORBIDDEN"));
    await expect(transitionPoc(db, actors.executive, { pocId, transition: "decide", decision: "SCALE", reason: "Targets met." })).rejects.toEqual(
      new AppError("POC_PRE_DECISION_INCOMPLETE", { count: preDecisionCount }),
    );
    await signAll(pocId, "PRE_DECISION");
    await transitionPoc(db, actors.executive, { pocId, transition: "decide", decision: "ITERATE", reason: "Reading time fell 14%, short of the 20% target." });
    const decided = await db.poc.findUniqueOrThrow({ where: { id: pocId } });
    expect(decided).toMatchObject({ status: "DECIDED", decision: "ITERATE", decisionReason: "Reading time fell 14%, short of the 20% target.", decidedById: actors.executive.id });
    expect(decided.decidedAt).toBeInstanceOf(Date);
    assertPocAcceptsCasesFor("DECIDED", false);
    const actions = (await db.auditEvent.findMany({ where: { entityType: "Poc", entityId: pocId, outcome: "SUCCESS" }, orderBy: { seq: "asc" } })).map((event) => event.action);
    expect(actions).toEqual(["poc.create", "poc.approve", "poc.start", "poc.begin_evaluation", "poc.decide"]);
  });

  function assertPocAcceptsCasesFor(status: "DRAFT" | "APPROVED" | "RUNNING" | "EVALUATING" | "DECIDED", accepts: boolean) {
    if (accepts) expect(() => assertPocAcceptsCases({ status })).not.toThrow();
    else expect(() => assertPocAcceptsCases({ status })).toThrow(new AppError("POC_NOT_RUNNING"));
  }

  it("refuses a sign-off without the signer's fresh password, and audits the refusal", async () => {
    const pocId = await newPoc();
    const [item] = await itemsOf(pocId, "PRE_START");
    await expect(signOffItem(db, actors.compliance, { itemId: item!.id, status: "APPROVED", statement: "ok", password: "not my password" })).rejects.toEqual(new AppError("SIGN_OFF_PASSWORD_INVALID"));
    await expect(signOffItem(db, actors.compliance, { itemId: item!.id, status: "APPROVED", statement: "ok", password: "" })).rejects.toEqual(new AppError("SIGN_OFF_PASSWORD_INVALID"));
    // Through the action, the schema refuses a missing password before anything runs.
    expect(signOffItemSchema.safeParse({ itemId: item!.id, status: "APPROVED", statement: "ok" }).success).toBe(false);
    expect(signOffItemSchema.safeParse({ itemId: item!.id, status: "NOT_APPLICABLE", statement: "ok", password }).success).toBe(false);
    // Someone else's password does not sign for you.
    await expect(signOffItem(db, actors.compliance, { itemId: item!.id, status: "APPROVED", statement: "ok", password: "correct horse battery" })).rejects.toEqual(new AppError("SIGN_OFF_PASSWORD_INVALID"));
    await expect(signOffItem(db, actors.otherCompliance, { itemId: item!.id, status: "APPROVED", statement: "ok", password })).rejects.toEqual(new AppError("NOT_FOUND"));

    const after = await db.checklistItem.findUniqueOrThrow({ where: { id: item!.id }, include: { signOffs: true } });
    expect(after.status).toBe("OPEN");
    expect(after.signOffs).toEqual([]);
    const denied = await db.auditEvent.findMany({ where: { entityId: item!.id, action: "checklist.sign_off", outcome: "DENIED" } });
    expect(denied).toHaveLength(3);
    expect(JSON.stringify(denied.map((event) => event.details))).not.toContain("not my password");
  });

  it("pauses signing after repeated wrong confirmations", async () => {
    const signer = { ...(await buildUser(db, { role: "COMPLIANCE", siteIds: [siteId], password })), siteIds: [siteId] };
    const [item] = await itemsOf(await newPoc(), "PRE_START");
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(signOffItem(db, signer, { itemId: item!.id, status: "APPROVED", statement: "ok", password: `wrong ${attempt}` })).rejects.toEqual(new AppError("SIGN_OFF_PASSWORD_INVALID"));
    }
    await expect(signOffItem(db, signer, { itemId: item!.id, status: "APPROVED", statement: "ok", password })).rejects.toEqual(new AppError("SIGN_OFF_TOO_MANY_ATTEMPTS"));
  });

  it("never edits a sign-off: each new one supersedes the last, the item follows the latest, and a reopened item blocks the start", async () => {
    const pocId = await newPoc();
    await signAll(pocId, "PRE_START");
    await transitionPoc(db, actors.compliance, { pocId, transition: "approve" });
    const [item] = await itemsOf(pocId, "PRE_START");
    const first = await db.signOff.findFirstOrThrow({ where: { itemId: item!.id } });
    const reopened = await signOffItem(db, actors.compliance, { itemId: item!.id, status: "OPEN", statement: "Ethics approval was withdrawn.", password });
    expect(reopened.supersedesId).toBe(first.id);
    expect((await db.checklistItem.findUniqueOrThrow({ where: { id: item!.id } })).status).toBe("OPEN");
    await expect(transitionPoc(db, actors.executive, { pocId, transition: "start" })).rejects.toEqual(new AppError("POC_PRE_START_INCOMPLETE", { count: 1 }));

    const na = await signOffItem(db, actors.compliance, { itemId: item!.id, status: "NOT_APPLICABLE", naReason: "Covered by the site-wide approval.", statement: "See the site approval.", password });
    expect(na.supersedesId).toBe(reopened.id);
    const chain = await db.signOff.findMany({ where: { itemId: item!.id }, orderBy: { signedAt: "asc" } });
    expect(chain.map((signOff) => [signOff.status, signOff.supersedesId])).toEqual([
      ["APPROVED", null],
      ["OPEN", first.id],
      ["NOT_APPLICABLE", reopened.id],
    ]);
    expect(chain[0]!.statement).toBe("Reviewed the evidence.");
    expect(await db.checklistItem.findUniqueOrThrow({ where: { id: item!.id } })).toMatchObject({ status: "NOT_APPLICABLE", naReason: "Covered by the site-wide approval." });
    // A signed item's status moves only by a new sign-off, never by an edit.
    await expect(updateChecklistItem(db, actors.compliance, { itemId: item!.id, ownerId: null, dueDate: null, status: "IN_REVIEW" })).rejects.toEqual(new AppError("CHECKLIST_ITEM_SIGNED"));
    expect(updateChecklistItemSchema.safeParse({ itemId: item!.id, ownerId: null, dueDate: null, status: "APPROVED" }).success).toBe(false);
    await transitionPoc(db, actors.executive, { pocId, transition: "start" });
  });

  it("keeps concurrent sign-offs of one item in one linear supersede chain", async () => {
    const [item] = await itemsOf(await newPoc(), "PRE_START");
    await attachEvidence(item!.id);
    await Promise.all(Array.from({ length: 4 }, (_, index) => signOffItem(db, actors.compliance, { itemId: item!.id, status: index % 2 ? "OPEN" : "APPROVED", statement: `parallel ${index}`, password })));
    const signOffs = await db.signOff.findMany({ where: { itemId: item!.id } });
    expect(signOffs).toHaveLength(4);
    expect(signOffs.filter((signOff) => signOff.supersedesId === null)).toHaveLength(1);
    expect(new Set(signOffs.map((signOff) => signOff.supersedesId)).size).toBe(4);
    const latest = signOffs.find((signOff) => !signOffs.some((other) => other.supersedesId === signOff.id))!;
    expect((await db.checklistItem.findUniqueOrThrow({ where: { id: item!.id } })).status).toBe(latest.status);
  });

  it("stores evidence files by sha256 after sniffing their type, takes http(s) links, and keeps comments; other sites get NOT_FOUND", async () => {
    const pocId = await newPoc();
    const [item] = await itemsOf(pocId, "PRE_START");
    const stored = await addEvidenceFile(db, actors.compliance, { itemId: item!.id, fileName: "../../ethics approval.pdf", bytes: minimalPdf, description: "Approval letter" });
    const evidence = await db.evidence.findUniqueOrThrow({ where: { id: stored.id } });
    expect(evidence).toMatchObject({ kind: "FILE", mimeType: "application/pdf", fileName: "ethics approval.pdf", sizeBytes: minimalPdf.byteLength });
    expect(existsSync(path.join(storageDir, evidence.storagePath!))).toBe(true);
    expect(evidence.storagePath).toContain(evidence.sha256!);

    const html = new TextEncoder().encode("<html>not a pdf</html>");
    await expect(addEvidenceFile(db, actors.compliance, { itemId: item!.id, fileName: "letter.pdf", bytes: html })).rejects.toEqual(new AppError("EVIDENCE_TYPE_NOT_ALLOWED"));
    const tooLarge = new Uint8Array(10 * 1024 * 1024 + 1);
    tooLarge.set(minimalPdf);
    await expect(addEvidenceFile(db, actors.compliance, { itemId: item!.id, fileName: "big.pdf", bytes: tooLarge })).rejects.toEqual(new AppError("EVIDENCE_TOO_LARGE", { maxMb: 10 }));
    await expect(addEvidenceFile(db, actors.otherCompliance, { itemId: item!.id, fileName: "x.pdf", bytes: minimalPdf })).rejects.toEqual(new AppError("NOT_FOUND"));

    await addEvidenceLink(db, actors.compliance, { itemId: item!.id, url: "https://irb.example-hospital.jp/approvals/2026-041" });
    await addComment(db, actors.compliance, { itemId: item!.id, body: "Letter received from the committee office." });
    await expect(addComment(db, actors.otherCompliance, { itemId: item!.id, body: "peek" })).rejects.toEqual(new AppError("NOT_FOUND"));
    await expect(updateChecklistItem(db, actors.compliance, { itemId: item!.id, ownerId: actors.otherCompliance.id, dueDate: null, status: "OPEN" })).rejects.toEqual(new AppError("CHECKLIST_OWNER_INVALID"));

    const checklist = await getPocChecklist(db, actors.compliance, pocId);
    const shown = checklist!.poc.checklistItems.find((candidate) => candidate.id === item!.id)!;
    expect(shown.evidence.map((entry) => entry.kind)).toEqual(["FILE", "LINK"]);
    expect(shown.comments).toHaveLength(1);
    expect(checklist!.history.get(item!.id)!.map((event) => event.action)).toEqual(["checklist.add_evidence", "checklist.add_evidence", "checklist.comment"]);
    expect(await getPocChecklist(db, actors.otherCompliance, pocId)).toBeNull();
  });

  it("adds a site's own item to its draft PoCs but not to approved ones, and reports progress per framework, overdue and upcoming", async () => {
    const approvedPocId = await newPoc();
    await signAll(approvedPocId, "PRE_START");
    await transitionPoc(db, actors.compliance, { pocId: approvedPocId, transition: "approve" });
    const draftPocId = await newPoc();
    const template = await createChecklistTemplateItem(db, actors.admin, {
      siteId,
      family: "SECURITY",
      phase: "PRE_START",
      titleJa: "院内ネットワーク分離の確認",
      titleEn: "Hospital network segmentation confirmed",
      evidenceJa: "ネットワーク構成図",
      evidenceEn: "Network diagram",
      frameworks: ["MHLW_SECURITY_6_0"],
      requiresEvidence: false,
      highRisk: true,
    });
    expect((await itemsOf(draftPocId)).find((item) => item.key === template.key)).toMatchObject({ requiresEvidence: false, highRisk: true });
    expect((await itemsOf(approvedPocId)).some((item) => item.key === template.key)).toBe(false);
    expect((await itemsOf(await newPoc())).some((item) => item.key === template.key)).toBe(true);

    const now = new Date();
    const [overdueItem, upcomingItem] = await itemsOf(draftPocId, "PRE_START");
    const day = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset));
    await updateChecklistItem(db, actors.compliance, { itemId: overdueItem!.id, ownerId: actors.compliance.id, dueDate: day(-3), status: "OPEN" });
    await updateChecklistItem(db, actors.compliance, { itemId: upcomingItem!.id, ownerId: null, dueDate: day(5), status: "IN_REVIEW" });
    const overview = await getGovernanceOverview(db, actors.compliance, now);
    expect(overview.overdue.map((item) => item.itemId)).toContain(overdueItem!.id);
    expect(overview.upcoming.map((item) => item.itemId)).toContain(upcomingItem!.id);
    const approvedProgress = overview.pocs.find((poc) => poc.id === approvedPocId)!.progress;
    expect(approvedProgress.byPhase.PRE_START).toEqual({ total: preStartCount, done: preStartCount });
    expect(approvedProgress.byFramework.APPI!.total).toBeGreaterThan(0);
    expect(overview.overall.byFramework.DECIDE_AI!.total).toBeGreaterThan(overview.overall.byFramework.DECIDE_AI!.done);
    expect((await getGovernanceOverview(db, actors.otherCompliance, now)).pocs).toEqual([]);
  });

  it("refuses to approve an item that needs evidence until a file or link is attached, audits each refusal without pausing signing, and takes not applicable with a reason alone", async () => {
    const pocId = await newPoc();
    const items = await itemsOf(pocId, "PRE_START");
    // Each PoC's items carry their template's properties (site items added by an earlier test included).
    for (const item of items.filter((candidate) => !candidate.key.startsWith("site."))) {
      expect([item.requiresEvidence, item.highRisk], item.key).toEqual([item.key !== "model.preregistered_targets", highRiskKeys.includes(item.key)]);
    }
    const [linked, filed, notApplicable] = items.filter((item) => item.requiresEvidence);
    // More refusals than the password pause allows: an evidence refusal is not a failed confirmation.
    for (let attempt = 0; attempt < 6; attempt++) {
      await expect(signOffItem(db, actors.compliance, { itemId: linked!.id, status: "APPROVED", statement: "Looks fine.", password })).rejects.toEqual(new AppError("CHECKLIST_EVIDENCE_REQUIRED"));
    }
    expect(await db.checklistItem.findUniqueOrThrow({ where: { id: linked!.id }, include: { signOffs: true } })).toMatchObject({ status: "OPEN", signOffs: [] });
    const refusals = await db.auditEvent.findMany({ where: { entityId: linked!.id, action: "checklist.sign_off", outcome: "DENIED" } });
    expect(refusals.map((event) => event.details)).toEqual(Array.from({ length: 6 }, () => ({ pocId, reason: "CHECKLIST_EVIDENCE_REQUIRED", status: "APPROVED" })));

    // A comment is not evidence; a link is, and so is a file.
    await addComment(db, actors.compliance, { itemId: linked!.id, body: "The memo is on the shared drive." });
    await expect(signOffItem(db, actors.compliance, { itemId: linked!.id, status: "APPROVED", statement: "Looks fine.", password })).rejects.toEqual(new AppError("CHECKLIST_EVIDENCE_REQUIRED"));
    await attachEvidence(linked!.id);
    await signOffItem(db, actors.compliance, { itemId: linked!.id, status: "APPROVED", statement: "Memo reviewed.", password });
    await addEvidenceFile(db, actors.compliance, { itemId: filed!.id, fileName: "report.pdf", bytes: minimalPdf });
    await signOffItem(db, actors.compliance, { itemId: filed!.id, status: "APPROVED", statement: "Report reviewed.", password });
    // Not applicable needs its reason (the schema and the domain refuse it without one), not evidence.
    await signOffItem(db, actors.compliance, { itemId: notApplicable!.id, status: "NOT_APPLICABLE", naReason: "No images in this PoC.", statement: "Checked the protocol.", password });
    // The pre-registered targets are recorded in the portal itself: no attachment needed.
    const targets = items.find((item) => item.key === "model.preregistered_targets")!;
    await signOffItem(db, actors.compliance, { itemId: targets.id, status: "APPROVED", statement: "Targets registered at creation.", password });
    const statuses = await db.checklistItem.findMany({ where: { id: { in: [linked!.id, filed!.id, notApplicable!.id, targets.id] } }, select: { id: true, status: true } });
    expect(Object.fromEntries(statuses.map((item) => [item.id, item.status]))).toEqual({ [linked!.id]: "APPROVED", [filed!.id]: "APPROVED", [notApplicable!.id]: "NOT_APPLICABLE", [targets.id]: "APPROVED" });
  });

  it("has no default verdict: a sign-off without a chosen status is refused", () => {
    const parsed = signOffItemSchema.safeParse({ itemId: "item-1", statement: "Reviewed.", password });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toEqual(["status"]);
    expect(signOffItemSchema.safeParse({ itemId: "item-1", status: "", statement: "Reviewed.", password }).success).toBe(false);
  });

  describe("second signer for high-risk items", () => {
    const officersOf = async (site: { id: string }) => {
      const make = async () => ({ id: (await buildUser(db, { role: "COMPLIANCE", siteIds: [site.id], password })).id, role: "COMPLIANCE" as Role, siteIds: [site.id] });
      return { first: await make(), second: await make() };
    };
    const itemOf = async (pocId: string, key: string) => (await itemsOf(pocId)).find((item) => item.key === key)!;
    const sign = (signer: { id: string; role: Role; siteIds: string[] }, itemId: string, status: "APPROVED" | "NOT_APPLICABLE" | "OPEN", naReason?: string) =>
      signOffItem(db, signer, { itemId, status, naReason, statement: `${status} by ${signer.id}`, password });

    it("with the site's rule on, a high-risk item is approved only when another compliance officer confirms the first signature; until then it blocks the gate", async () => {
      const site = await buildSite(db);
      const { first, second } = await officersOf(site);
      await setSecondSignerRule(db, actors.admin, { siteId: site.id, required: true });
      const pocId = (await createPoc(db, actors.admin, pocInput(site.id, modelVersionId))).id;
      expect((await db.poc.findUniqueOrThrow({ where: { id: pocId } })).secondSignerForHighRisk).toBe(true);
      const items = await itemsOf(pocId, "PRE_START");
      expect(items.filter((item) => item.highRisk).map((item) => item.key).sort()).toEqual([...highRiskKeys].sort());

      await signAll(pocId, "PRE_START", first);
      const after = await itemsOf(pocId, "PRE_START");
      for (const item of after) expect(item.status, item.key).toBe(item.highRisk ? "AWAITING_SECOND_SIGNATURE" : "APPROVED");
      await expect(transitionPoc(db, first, { pocId, transition: "approve" })).rejects.toEqual(new AppError("POC_PRE_START_INCOMPLETE", { count: highRiskKeys.length }));
      // Nor is a half-signed item moved by an edit of its working status.
      const legal = await itemOf(pocId, "privacy.legal_basis");
      await expect(updateChecklistItem(db, first, { itemId: legal.id, ownerId: null, dueDate: null, status: "IN_REVIEW" })).rejects.toEqual(new AppError("CHECKLIST_ITEM_SIGNED"));

      // The first signer cannot be the second.
      await expect(sign(first, legal.id, "APPROVED")).rejects.toEqual(new AppError("SIGN_OFF_SECOND_SIGNER_REQUIRED"));
      const refused = await db.auditEvent.findFirstOrThrow({ where: { entityId: legal.id, action: "checklist.sign_off", outcome: "DENIED" } });
      expect(refused.details).toEqual({ pocId, reason: "SIGN_OFF_SECOND_SIGNER_REQUIRED", status: "APPROVED" });

      for (const item of after.filter((candidate) => candidate.highRisk)) await sign(second, item.id, "APPROVED");
      expect((await itemsOf(pocId, "PRE_START")).every((item) => item.status === "APPROVED")).toBe(true);
      const chain = await db.signOff.findMany({ where: { itemId: legal.id }, orderBy: { signedAt: "asc" } });
      expect(chain.map((signOff) => [signOff.status, signOff.signerId, signOff.confirmsPrevious, signOff.supersedesId])).toEqual([
        ["APPROVED", first.id, false, null],
        ["APPROVED", second.id, true, chain[0]!.id],
      ]);
      const events = await db.auditEvent.findMany({ where: { entityId: legal.id, action: "checklist.sign_off", outcome: "SUCCESS" }, orderBy: { seq: "asc" } });
      expect(events.map((event) => [event.actorId, (event.details as { itemStatus: string }).itemStatus, (event.details as { confirmsSignOffId?: string }).confirmsSignOffId])).toEqual([
        [first.id, "AWAITING_SECOND_SIGNATURE", undefined],
        [second.id, "APPROVED", chain[0]!.id],
      ]);
      await expect(transitionPoc(db, second, { pocId, transition: "approve" })).resolves.toEqual({ id: pocId, status: "APPROVED" });
    });

    it("a second signature must repeat the pending verdict and reason; a different one starts over, and not applicable needs two signers too, reopening only one", async () => {
      const site = await buildSite(db);
      const { first, second } = await officersOf(site);
      await setSecondSignerRule(db, actors.admin, { siteId: site.id, required: true });
      const pocId = (await createPoc(db, actors.admin, pocInput(site.id, modelVersionId))).id;
      const ethics = await itemOf(pocId, "ethics.committee_approval");
      const current = () => db.checklistItem.findUniqueOrThrow({ where: { id: ethics.id }, select: { status: true, naReason: true } });

      await sign(first, ethics.id, "NOT_APPLICABLE", "Covered by the hospital-wide approval.");
      expect(await current()).toEqual({ status: "AWAITING_SECOND_SIGNATURE", naReason: "Covered by the hospital-wide approval." });
      await sign(second, ethics.id, "NOT_APPLICABLE", "Retrospective data only.");
      expect(await current()).toEqual({ status: "AWAITING_SECOND_SIGNATURE", naReason: "Retrospective data only." });
      await sign(first, ethics.id, "NOT_APPLICABLE", "Retrospective data only.");
      expect(await current()).toEqual({ status: "NOT_APPLICABLE", naReason: "Retrospective data only." });

      await sign(second, ethics.id, "OPEN");
      expect((await current()).status).toBe("OPEN");
      await attachEvidence(ethics.id, first);
      await sign(first, ethics.id, "APPROVED");
      // Reopening withdraws a pending signature at once.
      await sign(second, ethics.id, "OPEN");
      expect((await current()).status).toBe("OPEN");

      const chain = await db.signOff.findMany({ where: { itemId: ethics.id }, orderBy: { signedAt: "asc" } });
      expect(chain.map((signOff) => [signOff.status, signOff.confirmsPrevious])).toEqual([
        ["NOT_APPLICABLE", false],
        ["NOT_APPLICABLE", false],
        ["NOT_APPLICABLE", true],
        ["OPEN", false],
        ["APPROVED", false],
        ["OPEN", false],
      ]);
      expect(chain.slice(1).map((signOff) => signOff.supersedesId)).toEqual(chain.slice(0, -1).map((signOff) => signOff.id));

      // Items that are not high-risk, and every item when the rule is off, take one signature.
      const minimisation = await itemOf(pocId, "privacy.minimisation");
      await attachEvidence(minimisation.id, first);
      await sign(first, minimisation.id, "APPROVED");
      expect((await db.checklistItem.findUniqueOrThrow({ where: { id: minimisation.id } })).status).toBe("APPROVED");
      const singlePocId = await newPoc();
      const singleLegal = await itemOf(singlePocId, "privacy.legal_basis");
      expect(singleLegal.highRisk).toBe(true);
      await attachEvidence(singleLegal.id);
      await signOffItem(db, actors.compliance, { itemId: singleLegal.id, status: "APPROVED", statement: "ok", password });
      expect((await db.checklistItem.findUniqueOrThrow({ where: { id: singleLegal.id } })).status).toBe("APPROVED");
    });

    it("the site's rule reaches its draft PoCs only, re-evaluates their signed high-risk items both ways, and is audited", async () => {
      const site = await buildSite(db);
      const { first, second } = await officersOf(site);
      const approvedPocId = (await createPoc(db, actors.admin, pocInput(site.id, modelVersionId))).id;
      await signAll(approvedPocId, "PRE_START", first);
      await transitionPoc(db, first, { pocId: approvedPocId, transition: "approve" });
      const draftPocId = (await createPoc(db, actors.admin, pocInput(site.id, modelVersionId))).id;
      const draftLegal = await itemOf(draftPocId, "privacy.legal_basis");
      const draftMinimisation = await itemOf(draftPocId, "privacy.minimisation");
      for (const item of [draftLegal, draftMinimisation]) {
        await attachEvidence(item.id, first);
        await sign(first, item.id, "APPROVED");
      }
      const statusOfItem = async (itemId: string) => (await db.checklistItem.findUniqueOrThrow({ where: { id: itemId } })).status;

      await setSecondSignerRule(db, actors.admin, { siteId: site.id, required: true });
      expect((await db.poc.findUniqueOrThrow({ where: { id: draftPocId } })).secondSignerForHighRisk).toBe(true);
      expect((await db.poc.findUniqueOrThrow({ where: { id: approvedPocId } })).secondSignerForHighRisk).toBe(false);
      expect(await statusOfItem(draftLegal.id)).toBe("AWAITING_SECOND_SIGNATURE");
      expect(await statusOfItem(draftMinimisation.id)).toBe("APPROVED");
      expect((await itemsOf(approvedPocId, "PRE_START")).every((item) => item.status === "APPROVED")).toBe(true);

      await setSecondSignerRule(db, actors.admin, { siteId: site.id, required: false });
      expect(await statusOfItem(draftLegal.id)).toBe("APPROVED");
      await setSecondSignerRule(db, actors.admin, { siteId: site.id, required: true });
      await sign(second, draftLegal.id, "APPROVED");
      expect(await statusOfItem(draftLegal.id)).toBe("APPROVED");

      const events = await db.auditEvent.findMany({ where: { action: "checklist.second_signer_rule", entityId: site.id }, orderBy: { seq: "asc" } });
      expect(events.map((event) => event.details)).toEqual([
        { siteId: site.id, required: true, draftPocsUpdated: 1, itemsAwaitingSecondSignature: 1, itemsSigned: 0 },
        { siteId: site.id, required: false, draftPocsUpdated: 1, itemsAwaitingSecondSignature: 0, itemsSigned: 1 },
        { siteId: site.id, required: true, draftPocsUpdated: 1, itemsAwaitingSecondSignature: 1, itemsSigned: 0 },
      ]);
      // A new PoC of the site starts with the rule.
      expect((await db.poc.findUniqueOrThrow({ where: { id: (await createPoc(db, actors.admin, pocInput(site.id, modelVersionId))).id } })).secondSignerForHighRisk).toBe(true);
      await expect(setSecondSignerRule(db, actors.admin, { siteId: "no-such-site", required: true })).rejects.toEqual(new AppError("NOT_FOUND"));
    });
  });

  it("searches the audit log by actor, action, entity and period, and lists who viewed which case", async () => {
    const pocId = await newPoc();
    const caseRow = await db.case.create({
      data: { pocId, code: `C-${Date.now().toString(36).toUpperCase()}`, modality: "CR", labValues: {}, noteText: "", noteLanguage: "ja", deidSummary: {}, createdById: actors.clinician.id },
    });
    for (const viewer of [actors.clinician, actors.clinician, actors.clinician, actors.compliance]) {
      await db.$transaction((tx) => recordAuditEvent(tx, { actorId: viewer.id, actorRole: viewer.role, action: "case.view", entityType: "Case", entityId: caseRow.id }));
    }
    const access = await summariseCaseAccess(db, actors.compliance, { caseId: caseRow.id });
    expect(access.map((row) => [row.actorId, row.views, row.caseCode])).toEqual(
      expect.arrayContaining([
        [actors.clinician.id, 3, caseRow.code],
        [actors.compliance.id, 1, caseRow.code],
      ]),
    );
    expect(access).toHaveLength(2);
    expect((await summariseCaseAccess(db, actors.compliance, { caseId: caseRow.id, actorId: actors.compliance.id })).map((row) => row.views)).toEqual([1]);

    const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Tokyo" });
    const byActor = await searchAuditEvents(db, actors.compliance, { actorId: actors.clinician.id, action: "case.view", entityType: "Case", entityId: caseRow.id, from: today, to: today, page: 1 });
    expect(byActor.total).toBe(3);
    expect((await searchAuditEvents(db, actors.compliance, { action: "poc.", entityId: pocId, page: 1 })).events.map((event) => event.action)).toEqual(["poc.create"]);
    const [item] = await itemsOf(pocId, "PRE_START");
    await addComment(db, actors.compliance, { itemId: item!.id, body: "For the PoC filter." });
    expect((await searchAuditEvents(db, actors.compliance, { pocId, page: 1 })).events.map((event) => event.action)).toEqual(["checklist.comment", "poc.create"]);
    expect((await searchAuditEvents(db, actors.compliance, { actorId: actors.clinician.id, action: "case.view", from: "2020-01-01", to: "2020-01-31", page: 1 })).total).toBe(0);
    let exported = 0;
    for await (const _event of iterateAuditEvents(db, actors.compliance, { action: "case.view", entityId: caseRow.id }, 2)) exported += 1;
    expect(exported).toBe(4);
  });

  it("keeps one linear chain when governance changes and audit writes run concurrently", async () => {
    const [item] = await itemsOf(await newPoc(), "PRE_START");
    await attachEvidence(item!.id);
    await Promise.all([
      ...Array.from({ length: 6 }, (_, index) => addComment(db, actors.compliance, { itemId: item!.id, body: `comment ${index}` })),
      ...Array.from({ length: 6 }, (_, index) => db.$transaction((tx) => recordAuditEvent(tx, { action: "audit.check_head", details: { index } }))),
      signOffItem(db, actors.compliance, { itemId: item!.id, status: "APPROVED", statement: "ok", password }),
    ]);
    const events = await db.auditEvent.findMany({ orderBy: { seq: "asc" }, select: { seq: true, prevHash: true, hash: true } });
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    for (let index = 1; index < events.length; index++) expect(events[index]!.prevHash).toBe(events[index - 1]!.hash);
    expect((await verifyAuditChain(db)).firstBreak).toBeNull();
  });

  it("refuses UPDATE, DELETE and TRUNCATE of audit rows to the application", async () => {
    await expect(db.$executeRaw`UPDATE "AuditEvent" SET "outcome" = 'SUCCESS' WHERE seq = 2`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM "AuditEvent" WHERE seq = (SELECT max(seq) FROM "AuditEvent")`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`TRUNCATE "AuditEvent"`).rejects.toThrow(/append-only/);
  });

  describe("tampering behind the trigger's back is detected and located", () => {
    // Each tamper runs in a transaction that is rolled back, so the next test starts from an intact chain.
    async function whileTampered(tamper: (tx: Db) => Promise<unknown>, inspect: (tx: Db) => Promise<void>) {
      const rollback = new Error("rollback");
      await expect(
        db.$transaction(
          async (tx) => {
            const client = tx as unknown as Db;
            await client.$executeRaw`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update_delete"`;
            await tamper(client);
            await inspect(client);
            throw rollback;
          },
          { timeout: 30_000 },
        ),
      ).rejects.toBe(rollback);
      expect((await verifyAuditChain(db)).firstBreak).toBeNull();
    }

    it("an edited row", async () => {
      await whileTampered(
        (tx) => tx.$executeRaw`UPDATE "AuditEvent" SET "details" = '{"status":"APPROVED"}'::jsonb WHERE seq = 7`,
        async (tx) => expect((await verifyAuditChain(tx)).firstBreak).toEqual({ seq: 7, problem: "altered" }),
      );
    });

    it("a deleted row (named by the row after the gap)", async () => {
      await whileTampered(
        (tx) => tx.$executeRaw`DELETE FROM "AuditEvent" WHERE seq = 9`,
        async (tx) => expect((await verifyAuditChain(tx)).firstBreak).toEqual({ seq: 10, problem: "gap" }),
      );
    });

    it("two reordered rows", async () => {
      await whileTampered(
        async (tx) => {
          await tx.$executeRaw`UPDATE "AuditEvent" SET seq = -1 WHERE seq = 4`;
          await tx.$executeRaw`UPDATE "AuditEvent" SET seq = 4 WHERE seq = 5`;
          await tx.$executeRaw`UPDATE "AuditEvent" SET seq = 5 WHERE seq = -1`;
        },
        async (tx) => expect((await verifyAuditChain(tx)).firstBreak?.seq).toBe(4),
      );
    });

    it("a rewritten and fully re-hashed history, or a removed tail, is caught by a saved head", async () => {
      const { head } = await exportChainHead(db, actors.admin);
      expect(head).toMatchObject({ seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect((await checkChainHead(db, actors.admin, head!)).result).toBe("matches");
      await recordAuditEventOutside();

      await whileTampered(
        async (tx) => {
          // Rewrite row 2 and re-hash every row after it: the chain alone then looks intact.
          const rows = await tx.auditEvent.findMany({ where: { seq: { gte: 2 } }, orderBy: { seq: "asc" } });
          let prevHash = (await tx.auditEvent.findUniqueOrThrow({ where: { seq: 1 } })).hash;
          for (const row of rows) {
            const fields = { ...row, prevHash, actorRole: row.seq === 2 ? "FORGED" : row.actorRole };
            const hash = auditRowHash(fields);
            await tx.$executeRaw`UPDATE "AuditEvent" SET "actorRole" = ${fields.actorRole}, "prevHash" = ${prevHash}, "hash" = ${`tmp-${row.seq}`} WHERE seq = ${row.seq}`;
            await tx.$executeRaw`UPDATE "AuditEvent" SET "hash" = ${hash} WHERE seq = ${row.seq}`;
            prevHash = hash;
          }
        },
        async (tx) => {
          expect((await verifyAuditChain(tx)).firstBreak).toBeNull();
          expect((await checkChainHead(tx, actors.admin, head!)).result).toBe("altered");
        },
      );

      await whileTampered(
        (tx) => tx.$executeRaw`DELETE FROM "AuditEvent" WHERE seq >= ${head!.seq}`,
        async (tx) => expect((await checkChainHead(tx, actors.admin, head!)).result).toBe("missing"),
      );
    });

    async function recordAuditEventOutside() {
      await db.$transaction((tx) => recordAuditEvent(tx, { action: "audit.check_head" }));
    }
  });
});

describe("npm run audit:verify", () => {
  let workDir: string;
  let dataDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), "mmfm-audit-verify-"));
    dataDir = path.join(workDir, "pglite");
    const db = createPrismaClient({ kind: "pglite", dataDir });
    await applyMigrations(db.adapterFactory);
    for (let index = 0; index < 12; index++) await db.$transaction((tx) => recordAuditEvent(tx, { action: "audit.check_head", details: { index } }));
    await db.closeDatabase();
  });
  afterAll(() => rm(workDir, { recursive: true, force: true }));

  // node with tsx's loader, not npx or the tsx CLI: each of those starts another process, and on a busy
  // machine the extra starts pushed this test past its time limit. Asynchronous, so the test's own
  // timeout can still fire if the CLI ever hangs.
  const run = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/audit-verify.ts", ...args], {
        env: { ...process.env, DATABASE_URL: "", PGLITE_DATA_DIR: dataDir },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      child.once("error", reject).once("close", (status) => resolve({ status, stdout, stderr }));
    });

  // Four CLI runs: generous, so a loaded machine slows the test down without failing it.
  it("prints the rows checked and the head, exports it, and later names the first altered row and the changed head", { timeout: 10 * 60_000 }, async () => {
    const headFile = path.join(workDir, "head.json");
    const intact = await run("--head-out", headFile);
    expect(intact.status, intact.stderr).toBe(0);
    expect(intact.stdout).toContain("Rows checked: 12");
    expect(intact.stdout).toMatch(/Head: seq 12, hash [0-9a-f]{64}/);
    expect((await run("--check-head", headFile)).status).toBe(0);

    const db = createPrismaClient({ kind: "pglite", dataDir });
    await db.$executeRaw`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update_delete"`;
    await db.$executeRaw`UPDATE "AuditEvent" SET "action" = 'test.rewritten' WHERE seq = 5`;
    await db.$executeRaw`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_no_update_delete"`;
    await db.closeDatabase();

    const broken = await run("--check-head", headFile);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain("Chain broken at seq 5: altered");

    await writeFile(headFile, JSON.stringify({ seq: 12, hash: "f".repeat(64) }));
    const wrongHead = await run("--check-head", headFile);
    expect(wrongHead.stderr).toContain("Saved head seq 12 is different in the chain");
  });
});
