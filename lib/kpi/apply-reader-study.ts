import { assessTarget, type TargetComparator } from "./assess-target";
import type { KpiResult } from "./compute-kpis";
import { intervalMethods } from "./interval-methods";
import type { KpiKey } from "./kpi-definitions";
import type { ReaderStudyAnalysis } from "@/lib/stats/analyse-reader-study";
import type { FigureOfMerit } from "@/lib/stats/jackknife-figures";

/** The KPI rows a multi-reader analysis replaces when at least three readers read in both arms. */
const figureForKpi: Partial<Record<KpiKey, FigureOfMerit>> = { sensitivityDifference: "sensitivity", specificityDifference: "specificity" };

/** Reader-study rows whose pooled interval treats every read as independent (readers fixed). */
const perReadKpis: readonly KpiKey[] = ["sensitivityDifference", "specificityDifference", "readingTimeRelativeChange", "readingTimeMedianDifferenceMs"];

const orMethod = "Obuchowski–Rockette, random readers and cases, jackknife covariances, Hillis (2007) ddf";

/**
 * Puts the random-reader (RRRC) interval on the KPI rows it applies to, and its verdict against the target;
 * every other reader-study row, and every row when fewer than three readers read in both arms, is marked
 * per-read (readers fixed) with the reason.
 */
export function applyReaderStudy(kpis: KpiResult[], study: ReaderStudyAnalysis): KpiResult[] {
  return kpis.map((kpi) => {
    const figure = figureForKpi[kpi.key];
    const result = figure ? study.figures.find((item) => item.figure === figure) : undefined;
    if (result?.status === "ok") {
      const { rrrc } = result.analysis;
      const interval = { estimate: rrrc.estimate, lower: rrrc.lower, upper: rrrc.upper, n: result.cases };
      const target = kpi.target ? { comparator: kpi.target.comparator as TargetComparator, value: kpi.target.value } : null;
      const sample = { method: "obuchowskiRockette" as const, n: result.analysis.readers, needs: intervalMethods.obuchowskiRockette.minimumN, counts: intervalMethods.obuchowskiRockette.counts };
      return {
        ...kpi, ...interval, method: orMethod, sample, estimable: true, analysisUnit: "readersRandom" as const, perReadReason: null,
        ...assessTarget(interval, target, { precisionHalfWidth: kpi.precisionHalfWidth }),
      };
    }
    if (!perReadKpis.includes(kpi.key)) return kpi;
    return { ...kpi, analysisUnit: "perRead" as const, perReadReason: { readersInBothArms: study.readersInBothArms, needed: result?.status === "notEstimable" ? result.needed : 3 } };
  });
}
