import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseListQuerySchema, casesPerPage, searchCases } from "@/lib/cases/search-cases";
import { buildCase, buildPoc, buildSite, buildUser } from "./builders";
import { createTestDatabase, testTargets, type TestDatabase } from "./test-database";

describe.each(testTargets)("the clinician's case list on %s", (kind) => {
  let database: TestDatabase;
  let viewer: { id: string; role: "CLINICIAN"; siteIds: string[] };
  let pocA: string;
  let pocB: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const db = database.db;
    const [site, otherSite] = await Promise.all([buildSite(db), buildSite(db)]);
    const user = await buildUser(db, { role: "CLINICIAN", siteIds: [site.id] });
    viewer = { id: user.id, role: "CLINICIAN", siteIds: [site.id] };
    pocA = (await buildPoc(db, { siteId: site.id })).id;
    pocB = (await buildPoc(db, { siteId: site.id })).id;
    const elsewhere = (await buildPoc(db, { siteId: otherSite.id })).id;
    for (let index = 0; index < casesPerPage + 5; index++) {
      const item = await buildCase(db, { pocId: index % 2 === 0 ? pocA : pocB, createdById: user.id, code: `C-LIST${String(index).padStart(4, "0")}` });
      if (index % 3 === 0) await db.outcome.create({ data: { caseId: item.id, referencePresent: true, referenceSource: "PATHOLOGY", repeatExamOrdered: false, recordedById: user.id } });
    }
    await buildCase(db, { pocId: elsewhere, createdById: user.id, code: "C-ELSEWHERE" });
  });
  afterAll(() => database.drop());

  const search = (query: Record<string, unknown>) => searchCases(database.db, viewer, caseListQuerySchema.parse(query));

  it("pages through the viewer's own sites only, newest first", async () => {
    const first = await search({});
    expect([first.total, first.pages, first.rows.length, first.from, first.to]).toEqual([casesPerPage + 5, 2, casesPerPage, 1, casesPerPage]);
    expect(first.rows[0]!.code).toBe(`C-LIST${String(casesPerPage + 4).padStart(4, "0")}`);
    const second = await search({ page: "2" });
    expect([second.rows.length, second.from, second.to]).toEqual([5, casesPerPage + 1, casesPerPage + 5]);
    expect([...first.rows, ...second.rows].some((row) => row.code === "C-ELSEWHERE")).toBe(false);
    // A page past the end shows the last one rather than nothing.
    expect((await search({ page: "99" })).page).toBe(2);
  });

  it("searches by code whatever the case, and filters by PoC and outcome", async () => {
    expect((await search({ q: "c-list0003" })).rows.map((row) => row.code)).toEqual(["C-LIST0003"]);
    expect((await search({ q: "elsewhere" })).total).toBe(0);
    expect((await search({ pocId: pocA })).total).toBe(Math.ceil((casesPerPage + 5) / 2));
    const recorded = await search({ outcome: "recorded" });
    const missing = await search({ outcome: "missing" });
    expect(recorded.total + missing.total).toBe(casesPerPage + 5);
    expect(recorded.rows.every((row) => row.outcome !== null)).toBe(true);
    expect(missing.rows.every((row) => row.outcome === null)).toBe(true);
  });

  it("reads malformed parameters as the defaults", () => {
    expect(caseListQuerySchema.parse({ page: "-3", outcome: "drop", q: ["a", "b"] })).toEqual({ q: "a", pocId: "", outcome: "all", page: 1 });
  });
});
