import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "@/lib/demo/seed-demo-data";
import { getMonitoringDashboard } from "@/lib/monitoring/get-monitoring-dashboard";
import { listDeployments } from "@/lib/monitoring/list-deployments";
import { createTestDatabase, type TestDatabase } from "./test-database";

describe("demo deployment", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    await seedDemoData(database.db);
  }, 300_000);
  afterAll(() => database.drop());

  it("fires the scanner-vendor stop rule after the shift in month 5, and only then", async () => {
    const executive = await database.db.user.findFirstOrThrow({ where: { role: "EXECUTIVE", isDemo: true }, include: { sites: true } });
    const viewer = { role: executive.role, siteIds: executive.sites.map((s) => s.siteId) };
    const [deployment] = await listDeployments(database.db, viewer);
    expect(deployment!.status).toBe("UNDER_REVIEW");
    const dashboard = await getMonitoringDashboard(database.db, viewer, deployment!.id);
    const psi = dashboard.figures.periods.map((p) => p.drift.find((d) => d.dimension === "scannerVendor")?.psi ?? 0);
    expect(psi.slice(0, 4).every((value) => value < 0.1)).toBe(true);
    expect(psi.slice(4).every((value) => value >= 0.25)).toBe(true);
    expect(dashboard.timeline).toHaveLength(1);
    // The first period after the shift: the fifth month after adoption.
    expect(dashboard.timeline[0]!.periodStart).toBe(dashboard.figures.periods[4]!.periodStart);
    expect(await database.db.notification.count({ where: { kind: "monitoring.stop_rule_fired" } })).toBeGreaterThanOrEqual(2);
  });
});
