import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { pocScope, type SiteReach } from "@/lib/auth/site-scope";
import { buildBreakdowns, buildFairness } from "./build-breakdowns";
import { applyReaderStudy } from "./apply-reader-study";
import { computeKpis } from "./compute-kpis";
import { getReaderStudy, readerStudyView } from "./get-reader-study";
import { loadKpiAggregates } from "./load-kpi-aggregates";
import { poolKpis } from "./pool-by-precision";

/** The PoCs a viewer may see, scoped in the query's where like every other list. */
export function listDashboardPocs(db: Db, viewer: SiteReach) {
  return db.poc.findMany({
    where: pocScope(viewer),
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, status: true, decision: true, readingDesign: true, isDemo: true, siteId: true, kpiTargets: true, _count: { select: { cases: true } } },
  });
}

/** Everything one PoC's dashboard shows: KPIs against targets, breakdowns, fairness subgroups. */
export async function getKpiDashboard(db: Db, viewer: SiteReach, pocId: string) {
  // The PoC (scoped to the viewer) and its roll-ups load side by side; nothing leaves unless the PoC is in scope.
  const [poc, aggregates] = await Promise.all([
    db.poc.findFirst({ where: { id: pocId, ...pocScope(viewer) }, include: { kpiTargets: true, site: { select: { code: true, nameEn: true, nameJa: true } } } }),
    loadKpiAggregates(db, [pocId]),
  ]);
  if (!poc) throw new AppError("NOT_FOUND");
  const readerStudy = await getReaderStudy(db, pocId, aggregates);
  const kpis = applyReaderStudy(computeKpis(aggregates, poc.kpiTargets), readerStudy);
  const totalReads = aggregates.readCells.reduce((total, cell) => total + cell.reads, 0);
  return { poc, kpis, totalReads, readerStudy: readerStudyView(readerStudy), breakdowns: buildBreakdowns(aggregates.breakdowns), fairness: buildFairness(aggregates.fairness) };
}

/**
 * The portfolio's KPIs: each PoC's own figures (MRMC where it applies), pooled by precision over the PoCs where
 * they are estimable, so a PoC with two reads never moves the portfolio figure.
 */
export async function getPooledKpis(db: Db, viewer: SiteReach) {
  const pocs = await db.poc.findMany({ where: pocScope(viewer), select: { id: true, siteId: true } });
  const perPoc = await Promise.all(pocs.map(async (poc) => {
    const aggregates = await loadKpiAggregates(db, [poc.id]);
    const readerStudy = await getReaderStudy(db, poc.id, aggregates);
    return { pocId: poc.id, siteId: poc.siteId, kpis: applyReaderStudy(computeKpis(aggregates, []), readerStudy) };
  }));
  return poolKpis(perPoc);
}

