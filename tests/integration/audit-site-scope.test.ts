import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRowHash } from "@/lib/audit/hash-chain";
import { checkChainHead, exportChainHead } from "@/lib/audit/chain-head";
import { exportAuditCsv } from "@/lib/audit/export-audit-log";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { resolveAuditSiteId } from "@/lib/audit/resolve-audit-site";
import { listAuditActors, searchAuditEvents, summariseCaseAccess } from "@/lib/audit/search-audit-events";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import type { Actor } from "@/lib/auth/site-scope";
import { viewCase } from "@/lib/cases/view-case";
import type { Db } from "@/lib/db/client";
import { addComment } from "@/lib/governance/add-comment";
import { createPoc } from "@/lib/pocs/create-poc";
import { buildCase, buildModelVersion, buildSite, buildUser, pocInput } from "./builders";
import { createTestDatabase, testTargets, type TestDatabase } from "./test-database";

// Issue 11 §3: a compliance officer of site B downloaded site A's whole audit log. Every audit view,
// the export, the access review and the chain head are now scoped by site in the query itself.
describe.each(testTargets)("audit log scoped by site on %s", (kind) => {
  let database: TestDatabase;
  let db: Db;
  const site = { a: "", b: "" };
  const actors = {} as Record<"admin" | "complianceA" | "complianceB" | "clinicianA" | "clinicianB", Actor & { email: string }>;
  const ids = { pocA: "", pocB: "", caseA: "", caseB: "" };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = database.db;
    const [siteA, siteB, model] = await Promise.all([buildSite(db), buildSite(db), buildModelVersion(db)]);
    site.a = siteA.id;
    site.b = siteB.id;
    const make = async (role: Actor["role"], siteIds: string[]) => {
      const user = await buildUser(db, { role, siteIds });
      return { id: user.id, role, siteIds, email: user.email };
    };
    actors.admin = await make("ADMIN", []);
    actors.complianceA = await make("COMPLIANCE", [site.a]);
    actors.complianceB = await make("COMPLIANCE", [site.b]);
    actors.clinicianA = await make("CLINICIAN", [site.a]);
    actors.clinicianB = await make("CLINICIAN", [site.b]);
    ids.pocA = (await createPoc(db, actors.admin, pocInput(site.a, model.id))).id;
    ids.pocB = (await createPoc(db, actors.admin, pocInput(site.b, model.id))).id;
    ids.caseA = (await buildCase(db, { pocId: ids.pocA, createdById: actors.clinicianA.id })).id;
    ids.caseB = (await buildCase(db, { pocId: ids.pocB, createdById: actors.clinicianB.id })).id;
    await viewCase(db, actors.clinicianA, ids.caseA);
    await viewCase(db, actors.complianceA, ids.caseA);
    await viewCase(db, actors.clinicianB, ids.caseB);
    const itemA = await db.checklistItem.findFirstOrThrow({ where: { pocId: ids.pocA } });
    await addComment(db, actors.complianceA, { itemId: itemA.id, body: "Site A only." });
    // An event about no site at all (a sign-in): admins only.
    await db.$transaction((tx) => recordAuditEvent(tx, { actorId: actors.clinicianA.id, actorRole: "CLINICIAN", action: "auth.sign_in" }));
  });

  afterAll(() => database?.drop());

  const siteAMarks = () => [ids.pocA, ids.caseA, actors.clinicianA.id, actors.complianceA.id, actors.clinicianA.email, actors.complianceA.email];

  it("records the site of every event it can place, and none for sign-ins", async () => {
    const events = await db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    const siteOf = (predicate: (event: (typeof events)[number]) => boolean) => [...new Set(events.filter(predicate).map((event) => event.siteId))];
    expect(siteOf((event) => event.action === "poc.create" && event.entityId === ids.pocA)).toEqual([site.a]);
    expect(siteOf((event) => event.action === "case.view" && event.entityId === ids.caseB)).toEqual([site.b]);
    expect(siteOf((event) => event.action === "checklist.comment")).toEqual([site.a]);
    expect(siteOf((event) => event.action === "auth.sign_in")).toEqual([null]);
    expect(events.every((event) => event.hashVersion === 2)).toBe(true);
    expect((await verifyAuditChain(db)).firstBreak).toBeNull();
  });

  it("shows a compliance officer of site B none of site A's rows in the search", async () => {
    const search = await searchAuditEvents(db, actors.complianceB, { page: 1 });
    expect(search.total).toBeGreaterThan(0);
    expect(search.events.every((event) => event.siteId === site.b)).toBe(true);
    expect(JSON.stringify(search.events)).not.toMatch(new RegExp(siteAMarks().join("|")));
    // Asking for site A's PoC or case by id finds nothing either.
    expect((await searchAuditEvents(db, actors.complianceB, { pocId: ids.pocA, page: 1 })).total).toBe(0);
    expect((await searchAuditEvents(db, actors.complianceB, { entityId: ids.caseA, page: 1 })).total).toBe(0);
    expect((await searchAuditEvents(db, actors.complianceB, { actorId: actors.clinicianA.id, page: 1 })).total).toBe(0);
  });

  it("exports none of site A's rows or e-mails to site B", async () => {
    let csv = "";
    for await (const chunk of (await exportAuditCsv(db, actors.complianceB, {}))()) csv += chunk;
    expect(csv).toContain(ids.caseB);
    expect(csv).not.toMatch(new RegExp(siteAMarks().join("|")));
    let adminCsv = "";
    for await (const chunk of (await exportAuditCsv(db, actors.admin, {}))()) adminCsv += chunk;
    expect(adminCsv).toContain(ids.caseA);
    expect(adminCsv).toContain(ids.caseB);
  });

  it("gives site B an access review and an actor list without site A", async () => {
    expect((await summariseCaseAccess(db, actors.complianceB, {})).map((row) => row.caseId)).toEqual([ids.caseB]);
    expect((await summariseCaseAccess(db, actors.complianceB, { caseId: ids.caseA })).length).toBe(0);
    expect((await summariseCaseAccess(db, actors.complianceA, {})).map((row) => row.caseId)).toEqual([ids.caseA, ids.caseA]);
    const actorIds = (await listAuditActors(db, actors.complianceB)).map((user) => user.id);
    expect(actorIds).toContain(actors.clinicianB.id);
    expect(actorIds).not.toContain(actors.clinicianA.id);
    expect(actorIds).not.toContain(actors.complianceA.id);
  });

  it("hands site B a chain head of its own rows, and tells it nothing about site A's", async () => {
    const headB = (await exportChainHead(db, actors.complianceB)).head!;
    const lastB = await db.auditEvent.findFirstOrThrow({ where: { siteId: site.b }, orderBy: { seq: "desc" } });
    expect(headB).toMatchObject({ seq: lastB.seq, hash: lastB.hash });
    expect((await checkChainHead(db, actors.complianceB, headB)).result).toBe("matches");
    const headAdmin = (await exportChainHead(db, actors.admin)).head!;
    expect(headAdmin.seq).toBeGreaterThan(headB.seq);
    const rowA = await db.auditEvent.findFirstOrThrow({ where: { siteId: site.a } });
    expect((await checkChainHead(db, actors.complianceB, { seq: rowA.seq, hash: rowA.hash })).result).toBe("missing");
  });

  it("back-fills older rows with the same rules, and the chain still verifies", async () => {
    // Rows as written before the column existed: hash version 1, no site.
    const last = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    let prevHash = last.hash;
    const legacy = [
      { action: "poc.start", entityType: "Poc", entityId: ids.pocA, details: null },
      { action: "read.complete", entityType: "Read", entityId: "gone", details: { caseId: ids.caseB } },
      { action: "checklist.second_signer_rule", entityType: "Site", entityId: site.b, details: null },
      { action: "user.create", entityType: "User", entityId: actors.clinicianA.id, details: { siteIds: [site.a] } },
    ];
    for (const [index, row] of legacy.entries()) {
      const fields = { seq: last.seq + index + 1, at: new Date(), actorId: actors.admin.id, actorRole: "ADMIN", outcome: "SUCCESS", requestId: null, prevHash, ...row };
      const hash = auditRowHash(fields);
      await db.$executeRaw`INSERT INTO "AuditEvent" (seq, at, "actorId", "actorRole", action, "entityType", "entityId", outcome, details, "requestId", "prevHash", hash) VALUES (${fields.seq}, ${fields.at}, ${fields.actorId}, ${fields.actorRole}, ${fields.action}, ${fields.entityType}, ${fields.entityId}, 'SUCCESS', ${fields.details === null ? null : JSON.stringify(fields.details)}::jsonb, NULL, ${prevHash}, ${hash})`;
      prevHash = hash;
    }
    const migration = readFileSync(path.join(__dirname, "../../prisma/migrations/20261201070827_audit_event_site/migration.sql"), "utf8");
    const backFill = migration.slice(migration.indexOf("ALTER TABLE \"AuditEvent\" DISABLE TRIGGER"));
    await db.$transaction(async (tx) => {
      for (const statement of backFill.split(/;\s*\n/).map((text) => text.trim()).filter(Boolean)) await tx.$executeRawUnsafe(statement); // unsafe-sql-ok: the committed migration's own statements
    });
    const rows = await db.auditEvent.findMany({ where: { seq: { gt: last.seq } }, orderBy: { seq: "asc" } });
    expect(rows.map((row) => row.siteId)).toEqual([site.a, site.b, site.b, null]);
    // The SQL and the writer agree on every row.
    for (const row of rows) expect(await db.$transaction((tx) => resolveAuditSiteId(tx, { entityType: row.entityType, entityId: row.entityId, details: row.details as Record<string, unknown> | null }))).toBe(row.siteId);
    expect((await verifyAuditChain(db)).firstBreak).toBeNull();
    // The trigger is back: audit rows stay append-only.
    await expect(db.$executeRaw`UPDATE "AuditEvent" SET "siteId" = NULL WHERE seq = ${rows[0]!.seq}`).rejects.toThrow();
  });
});
