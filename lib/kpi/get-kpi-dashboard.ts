import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { pocScope } from "@/lib/pocs/list-pocs";
import { buildBreakdowns, buildFairness } from "./build-breakdowns";
import { computeKpis } from "./compute-kpis";
import { loadKpiAggregates } from "./load-kpi-aggregates";

type Viewer = Pick<CurrentUser, "role" | "siteIds">;

/** The PoCs a viewer may see, scoped in the query's where like every other list. */
export function listDashboardPocs(db: Db, viewer: Viewer) {
  return db.poc.findMany({
    where: pocScope(viewer),
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, status: true, decision: true, readingDesign: true, isDemo: true, siteId: true, kpiTargets: true, _count: { select: { cases: true } } },
  });
}

/** Everything one PoC's dashboard shows: KPIs against targets, breakdowns, fairness subgroups. */
export async function getKpiDashboard(db: Db, viewer: Viewer, pocId: string) {
  // The PoC (scoped to the viewer) and its roll-ups load side by side; nothing leaves unless the PoC is in scope.
  const [poc, aggregates] = await Promise.all([
    db.poc.findFirst({ where: { id: pocId, ...pocScope(viewer) }, include: { kpiTargets: true, site: { select: { code: true, nameEn: true, nameJa: true } } } }),
    loadKpiAggregates(db, [pocId]),
  ]);
  if (!poc) throw new AppError("NOT_FOUND");
  const kpis = computeKpis(aggregates, poc.kpiTargets);
  const totalReads = aggregates.readCells.reduce((total, cell) => total + cell.reads, 0);
  return { poc, kpis, totalReads, breakdowns: buildBreakdowns(aggregates.breakdowns), fairness: buildFairness(aggregates.fairness) };
}

/** The same KPIs pooled over every PoC the viewer may see (targets do not apply across PoCs). */
export async function getPooledKpis(db: Db, viewer: Viewer) {
  const pocs = await db.poc.findMany({ where: pocScope(viewer), select: { id: true } });
  const aggregates = await loadKpiAggregates(db, pocs.map((poc) => poc.id));
  return computeKpis(aggregates, []);
}

