import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { defaultScenarios } from "@/lib/roi/default-scenarios";
import { evidenceBundleSchema } from "./bundle-schema";
import { poolByMetaAnalysis, poolExactly, predictNewSiteRoi, type SiteStatistics } from "./pool-bundles";

/** The hub's view of one study: the latest bundle of each site, pooled exactly and by meta-analysis, with a new site's ROI range. */
export async function getFederatedPool(db: Db, studyId: string) {
  const study = await db.federatedStudy.findUnique({ where: { id: studyId } });
  if (!study) throw new AppError("NOT_FOUND");
  const bundles = await db.federatedBundle.findMany({
    where: { studyId },
    orderBy: [{ siteId: "asc" }, { exportedAt: "desc" }],
    distinct: ["siteId"],
    select: { id: true, exportedAt: true, importedAt: true, payload: true, site: { select: { code: true, name: true } } },
  });
  const sites: SiteStatistics[] = bundles.map((b) => ({ siteCode: b.site.code, statistics: evidenceBundleSchema.parse(b.payload).statistics }));
  const pooled = poolByMetaAnalysis(sites);
  const base = defaultScenarios.find((s) => s.kind === "BASE")!.inputs;
  return {
    study: { id: study.id, title: study.title, planHash: study.planHash, modelSha256: study.modelSha256 },
    bundles: bundles.map((b) => ({ id: b.id, siteCode: b.site.code, siteName: b.site.name, exportedAt: b.exportedAt, importedAt: b.importedAt })),
    exact: sites.length > 0 ? poolExactly(sites) : null,
    pooled,
    newSiteRoi: predictNewSiteRoi(pooled, base),
  };
}

export function listFederatedStudies(db: Db) {
  return db.federatedStudy.findMany({ orderBy: { createdAt: "desc" }, select: { id: true, title: true, planHash: true, createdAt: true, _count: { select: { bundles: true } } } });
}

export function listFederatedSites(db: Db) {
  return db.federatedSite.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, name: true, keyId: true, registeredAt: true } });
}
