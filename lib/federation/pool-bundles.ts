import { meanDifferenceInterval, meanInterval } from "@/lib/kpi/mean-interval";
import { newcombeDifference } from "@/lib/kpi/newcombe-difference";
import { wilsonInterval } from "@/lib/kpi/wilson-interval";
import { logRiskRatio, meanDifference, riskDifference } from "@/lib/meta/effect-sizes";
import { metaAnalyse, type MetaAnalysis, type StudyEffect } from "@/lib/meta/random-effects";
import { computeRoi } from "@/lib/roi/compute-roi";
import type { RoiInputs } from "@/lib/roi/schema";
import type { ArmStatistics, EvidenceBundle } from "./bundle-schema";

export type SiteStatistics = { siteCode: string; statistics: EvidenceBundle["statistics"] };

/** The effects pooled by meta-analysis, aided minus unaided: the keys of the forest plots. */
export const pooledEffectKeys = ["readingTimeMeanDifferenceMs", "sensitivityDifference", "specificityDifference", "repeatExamRiskDifference", "repeatExamLogRiskRatio"] as const;
type PooledEffectKey = (typeof pooledEffectKeys)[number];

type Proportion = ArmStatistics["sensitivity"];
const visible = (cell: Proportion) => (cell.suppressed ? null : cell);

function sumProportions(cells: Proportion[]) {
  return cells.reduce((total, cell) => (cell.suppressed ? total : { successes: total.successes + cell.successes, n: total.n + cell.n }), { successes: 0, n: 0 });
}

/**
 * Exact pooling: counts and sums add across sites, so these equal the same statistic computed on the
 * union of the sites' reads (suppressed cells, n < 5, are missing from both the bundle and the pool).
 */
export function poolExactly(sites: SiteStatistics[]) {
  const arms = (arm: "UNAIDED" | "AIDED") => sites.map((site) => site.statistics.arms[arm]);
  type ProportionKey = "sensitivity" | "specificity" | "repeatExams" | "secondOpinionChanges" | "readmissions" | "complications";
  const proportion = (arm: "UNAIDED" | "AIDED", key: ProportionKey) => sumProportions(arms(arm).map((stats) => stats[key]));
  const moments = (arm: "UNAIDED" | "AIDED", key: "readingMs" | "timeToTreatmentHours" | "patientSatisfaction" = "readingMs") =>
    arms(arm).reduce((total, stats) => {
      const cell = stats[key];
      return cell.suppressed ? total : { n: total.n + cell.n, sum: total.sum + cell.sum, sumOfSquares: total.sumOfSquares + cell.sumOfSquares };
    }, { n: 0, sum: 0, sumOfSquares: 0 });
  const difference = (key: ProportionKey) => {
    const aided = proportion("AIDED", key);
    const unaided = proportion("UNAIDED", key);
    return newcombeDifference(aided.successes, aided.n, unaided.successes, unaided.n);
  };
  const ai = (key: "sensitivity" | "specificity") => sumProportions(sites.map((site) => site.statistics.aiStandalone[key]));
  const wilson = (p: { successes: number; n: number }) => wilsonInterval(p.successes, p.n);
  return {
    sensitivityUnaided: wilson(proportion("UNAIDED", "sensitivity")),
    sensitivityAided: wilson(proportion("AIDED", "sensitivity")),
    sensitivityDifference: difference("sensitivity"),
    specificityUnaided: wilson(proportion("UNAIDED", "specificity")),
    specificityAided: wilson(proportion("AIDED", "specificity")),
    specificityDifference: difference("specificity"),
    repeatExamRateUnaided: wilson(proportion("UNAIDED", "repeatExams")),
    repeatExamRateAided: wilson(proportion("AIDED", "repeatExams")),
    repeatExamRateDifference: difference("repeatExams"),
    aiSensitivity: wilson(ai("sensitivity")),
    aiSpecificity: wilson(ai("specificity")),
    readingTimeMeanUnaidedMs: meanInterval(moments("UNAIDED")),
    readingTimeMeanAidedMs: meanInterval(moments("AIDED")),
    secondOpinionYield: wilson(proportion("AIDED", "secondOpinionChanges")),
    readmissionRateDifference: difference("readmissions"),
    complicationRateDifference: difference("complications"),
    timeToTreatmentDifferenceHours: meanDifferenceInterval(moments("AIDED", "timeToTreatmentHours"), moments("UNAIDED", "timeToTreatmentHours")),
    patientSatisfactionDifference: meanDifferenceInterval(moments("AIDED", "patientSatisfaction"), moments("UNAIDED", "patientSatisfaction")),
  };
}

/** Each site's effect (aided − unaided) for one key, or null where a cell is suppressed or the variance is 0. */
function siteEffect(key: PooledEffectKey, site: SiteStatistics): StudyEffect | null {
  const { AIDED: aided, UNAIDED: unaided } = site.statistics.arms;
  const table = (cellKey: "sensitivity" | "specificity" | "repeatExams") => {
    const a = visible(aided[cellKey]);
    const b = visible(unaided[cellKey]);
    return a && b ? { eventsA: a.successes, totalA: a.n, eventsB: b.successes, totalB: b.n } : null;
  };
  let effect: StudyEffect | null = null;
  if (key === "readingTimeMeanDifferenceMs") {
    if (!aided.readingMs.suppressed && !unaided.readingMs.suppressed) effect = meanDifference(site.siteCode, aided.readingMs, unaided.readingMs);
  } else if (key === "sensitivityDifference" || key === "specificityDifference") {
    const t = table(key === "sensitivityDifference" ? "sensitivity" : "specificity");
    if (t) effect = riskDifference(site.siteCode, t);
  } else {
    const t = table("repeatExams");
    if (t) effect = key === "repeatExamRiskDifference" ? riskDifference(site.siteCode, t) : logRiskRatio(site.siteCode, t);
  }
  return effect && effect.variance > 0 && Number.isFinite(effect.variance) ? effect : null;
}

export type PooledEffect = { key: PooledEffectKey; studies: StudyEffect[]; excludedSites: string[]; analysis: MetaAnalysis | null };

/** Random-effects meta-analysis per effect (needs two sites with the effect; otherwise only the sites' own estimates). */
export function poolByMetaAnalysis(sites: SiteStatistics[]): PooledEffect[] {
  return pooledEffectKeys.map((key) => {
    const studies: StudyEffect[] = [];
    const excludedSites: string[] = [];
    for (const site of sites) {
      const effect = siteEffect(key, site);
      if (effect) studies.push(effect);
      else excludedSites.push(site.siteCode);
    }
    return { key, studies, excludedSites, analysis: studies.length >= 2 ? metaAnalyse(studies) : null };
  });
}

/**
 * ROI that carries between-site heterogeneity: the NPV a new site should expect at the pooled mean and
 * at both ends of the prediction interval (REML, Hartung–Knapp) of the reading-time and repeat-exam
 * effects, with everything else from the scenario. Not only the pooled mean: a site is not the average.
 */
export function predictNewSiteRoi(pooled: PooledEffect[], inputs: RoiInputs) {
  const reading = pooled.find((p) => p.key === "readingTimeMeanDifferenceMs")?.analysis?.reml;
  const repeats = pooled.find((p) => p.key === "repeatExamRiskDifference")?.analysis?.reml;
  if (!reading) return null;
  // A negative difference is time saved; a negative repeat-exam difference is repeats avoided.
  const npv = (msDifference: number, repeatDifference: number) =>
    computeRoi(inputs, { hoursSavedPerCase: -msDifference / 3_600_000, repeatExamsAvoidedPerCase: -repeatDifference, missedDiagnosesAvoidedPerCase: 0 }).npvJpy;
  const repeatMean = repeats?.hartungKnapp.estimate ?? 0;
  return {
    pooledNpvJpy: npv(reading.hartungKnapp.estimate, repeatMean),
    // The least favourable new site: the upper end of both differences; the most favourable: the lower end.
    pessimisticNpvJpy: npv(reading.predictionHartungKnapp.upper, repeats?.predictionHartungKnapp.upper ?? repeatMean),
    optimisticNpvJpy: npv(reading.predictionHartungKnapp.lower, repeats?.predictionHartungKnapp.lower ?? repeatMean),
    readingPrediction: reading.predictionHartungKnapp,
  };
}
