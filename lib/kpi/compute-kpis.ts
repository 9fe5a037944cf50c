import { assessTarget, type TargetComparator, type TargetStatus } from "./assess-target";
import { defaultPrecisionHalfWidth, intervalMethodOf, intervalMethods, type IntervalMethod } from "./interval-methods";
import { cohenKappa } from "./cohen-kappa";
import { delongAuc } from "./delong-auc";
import { hodgesLehmannPaired, hodgesLehmannTwoSample } from "./hodges-lehmann";
import { aiThreshold, logTimeBinWidth, msTimeBinWidth, probabilityBins, type Arm, type KpiAggregates, type ReadCell } from "./kpi-aggregates";
import { kpiDefinitions, kpiKeys, type KpiKey } from "./kpi-definitions";
import { meanDifferenceInterval, meanInterval, type Moments } from "./mean-interval";
import { medianInterval, type LocationEstimate } from "./median-interval";
import { newcombeDifference } from "./newcombe-difference";
import { wilsonInterval } from "./wilson-interval";
import type { BinnedSample } from "./binned-sample";

export type KpiTargetInput = { kpi: string; comparator: string; targetValue: number; precisionHalfWidth?: number | null; isPrimary?: boolean };

export type KpiResult = LocationEstimate & {
  key: KpiKey;
  horizon: (typeof kpiDefinitions)[KpiKey]["horizon"];
  unit: (typeof kpiDefinitions)[KpiKey]["unit"];
  method: string;
  target: { comparator: TargetComparator; value: number } | null;
  status: TargetStatus;
  requiredN: number | null;
  additionalN: number | null;
  /** The interval method, the sample it counts (pairs, per arm, …) and the minimum it needs for nominal coverage. */
  sample: { method: IntervalMethod; n: number; needs: number; counts: string };
  /** False below the method's minimum sample or with a zero-width interval: the screen shows "not estimable yet". */
  estimable: boolean;
  /** Pre-registered as the primary or a secondary endpoint (it has a target), or exploratory. */
  registration: "primary" | "secondary" | "exploratory";
  /** A verdict needs the 95% CI's half-width at most this (the target's pre-registered precision, else the unit's default). */
  precisionHalfWidth: number;
  /** Reader-study rows: readersRandom (Obuchowski–Rockette) or perRead (every read independent, readers fixed). */
  analysisUnit?: "readersRandom" | "perRead";
  /** Why a reader-study row is per-read: how many readers read in both arms, and how many the MRMC analysis needs. */
  perReadReason?: { readersInBothArms: number; needed: number } | null;
};

const emptyMoments: Moments = { n: 0, sum: 0, sumOfSquares: 0 };
const addMoments = (left: Moments, right: Moments): Moments => ({ n: left.n + right.n, sum: left.sum + right.sum, sumOfSquares: left.sumOfSquares + right.sumOfSquares });

function count(cells: ReadCell[], where: (cell: ReadCell) => boolean) {
  return cells.reduce((total, cell) => (where(cell) ? total + cell.reads : total), 0);
}

function binned(rows: { bin: number; count: number }[], binWidth: number): BinnedSample {
  return { binWidth, bins: rows.map(({ bin, count: value }) => ({ bin, count: value })) };
}

const scaled = (estimate: LocationEstimate, factor: number, offset = 0): LocationEstimate => {
  const apply = (value: number | null) => (value === null ? null : value * factor + offset);
  // A negative factor swaps the ends of the interval.
  const [lower, upper] = factor < 0 ? [apply(estimate.upper), apply(estimate.lower)] : [apply(estimate.lower), apply(estimate.upper)];
  return { estimate: apply(estimate.estimate), lower, upper, n: estimate.n };
};

/** 3600 s divided by a mean time: decreasing, so the interval's ends swap. */
function perHour(mean: LocationEstimate): LocationEstimate {
  const invert = (value: number | null) => (value === null || value <= 0 ? null : 3_600_000 / value);
  return { estimate: invert(mean.estimate), lower: invert(mean.upper), upper: invert(mean.lower), n: mean.n };
}

/** Every KPI with its 95% CI, n, method and the verdict against the PoC's pre-registered targets. */
export function computeKpis(aggregates: KpiAggregates, targets: KpiTargetInput[]): KpiResult[] {
  const cells = aggregates.readCells;
  const inArm = (arm: Arm) => (cell: ReadCell) => cell.arm === arm;
  const estimates = {} as Record<KpiKey, LocationEstimate>;

  // Reading time: paired where the same reader read the same case in both arms (crossover), else two-sample.
  const paired = (scale: "log" | "ms") => aggregates.pairedTimeBins.filter((row) => row.scale === scale);
  const armBins = (arm: Arm, scale: "log" | "ms") => aggregates.armTimeBins.filter((row) => row.arm === arm && row.scale === scale);
  const isPaired = paired("log").length > 0;
  const logShift = isPaired
    ? hodgesLehmannPaired(binned(paired("log"), logTimeBinWidth))
    : hodgesLehmannTwoSample(binned(armBins("AIDED", "log"), logTimeBinWidth), binned(armBins("UNAIDED", "log"), logTimeBinWidth));
  const expMinusOne = (value: number | null) => (value === null ? null : Math.exp(value) - 1);
  estimates.readingTimeRelativeChange = { estimate: expMinusOne(logShift.estimate), lower: expMinusOne(logShift.lower), upper: expMinusOne(logShift.upper), n: logShift.n };
  estimates.readingTimeMedianDifferenceMs = isPaired
    ? hodgesLehmannPaired(binned(paired("ms"), msTimeBinWidth))
    : hodgesLehmannTwoSample(binned(armBins("AIDED", "ms"), msTimeBinWidth), binned(armBins("UNAIDED", "ms"), msTimeBinWidth));
  estimates.readingTimeMedianUnaidedMs = medianInterval(binned(armBins("UNAIDED", "ms"), msTimeBinWidth));
  estimates.readingTimeMedianAidedMs = medianInterval(binned(armBins("AIDED", "ms"), msTimeBinWidth));
  const timeMoments = (arm: Arm) => cells.filter(inArm(arm)).reduce((total, cell) => addMoments(total, cell.activeMs), emptyMoments);
  estimates.readingTimeMeanUnaidedMs = meanInterval(timeMoments("UNAIDED"));
  estimates.readingTimeMeanAidedMs = meanInterval(timeMoments("AIDED"));

  // Second opinion: aided reads where the reader changed the call, and of those, the right changes.
  const aided = cells.filter(inArm("AIDED"));
  const changed = aided.filter((cell) => cell.changedAfterAi === true);
  estimates.secondOpinionYield = wilsonInterval(count(changed, () => true), count(aided, (cell) => cell.changedAfterAi !== null));
  estimates.secondOpinionChangesCorrect = wilsonInterval(count(changed, (cell) => cell.truth !== null && cell.finalCall === cell.truth), count(changed, (cell) => cell.truth !== null));

  // Reader accuracy against the reference standard; arms are different reads, so the independent-sample interval.
  const positives = (arm: Arm) => cells.filter((cell) => cell.arm === arm && cell.truth === true && cell.finalCall !== null);
  const negatives = (arm: Arm) => cells.filter((cell) => cell.arm === arm && cell.truth === false && cell.finalCall !== null);
  const truePositives = (arm: Arm) => count(positives(arm), (cell) => cell.finalCall === true);
  const trueNegatives = (arm: Arm) => count(negatives(arm), (cell) => cell.finalCall === false);
  const all = () => true;
  estimates.sensitivityUnaided = wilsonInterval(truePositives("UNAIDED"), count(positives("UNAIDED"), all));
  estimates.sensitivityAided = wilsonInterval(truePositives("AIDED"), count(positives("AIDED"), all));
  estimates.sensitivityDifference = newcombeDifference(truePositives("AIDED"), count(positives("AIDED"), all), truePositives("UNAIDED"), count(positives("UNAIDED"), all));
  estimates.specificityUnaided = wilsonInterval(trueNegatives("UNAIDED"), count(negatives("UNAIDED"), all));
  estimates.specificityAided = wilsonInterval(trueNegatives("AIDED"), count(negatives("AIDED"), all));
  estimates.specificityDifference = newcombeDifference(trueNegatives("AIDED"), count(negatives("AIDED"), all), trueNegatives("UNAIDED"), count(negatives("UNAIDED"), all));

  // AI standalone, one score per case: probability ≥ 0.5 calls the finding present.
  const thresholdBin = aiThreshold * probabilityBins;
  const aiPositives = aggregates.aiScores.reduce((total, row) => total + row.positives, 0);
  const aiNegatives = aggregates.aiScores.reduce((total, row) => total + row.negatives, 0);
  estimates.aiSensitivity = wilsonInterval(aggregates.aiScores.reduce((total, row) => (row.bin >= thresholdBin ? total + row.positives : total), 0), aiPositives);
  estimates.aiSpecificity = wilsonInterval(aggregates.aiScores.reduce((total, row) => (row.bin < thresholdBin ? total + row.negatives : total), 0), aiNegatives);
  estimates.aiAuc = delongAuc(aggregates.aiScores);

  // Agreement between the AI's call and the reader's final call in the aided arm.
  const withAi = aided.filter((cell) => cell.aiCall !== null && cell.finalCall !== null);
  estimates.aiReaderKappa = cohenKappa({
    bothPositive: count(withAi, (cell) => cell.aiCall === true && cell.finalCall === true),
    firstOnly: count(withAi, (cell) => cell.aiCall === true && cell.finalCall === false),
    secondOnly: count(withAi, (cell) => cell.aiCall === false && cell.finalCall === true),
    bothNegative: count(withAi, (cell) => cell.aiCall === false && cell.finalCall === false),
  });
  estimates.aiOpenedRate = wilsonInterval(count(aided, (cell) => cell.aiOpened === true), count(aided, all));
  estimates.trustRatingMean = meanInterval(aided.reduce((total, cell) => addMoments(total, cell.usefulness), emptyMoments));

  // Outcomes compare cases read in one arm only (randomised designs); crossover cases have no single arm.
  const outcome = (arm: Arm) => aggregates.caseOutcomes.find((row) => row.arm === arm);
  const aidedCases = outcome("AIDED");
  const unaidedCases = outcome("UNAIDED");
  estimates.repeatExamRateUnaided = wilsonInterval(unaidedCases?.repeatExams ?? 0, unaidedCases?.cases ?? 0);
  estimates.repeatExamRateAided = wilsonInterval(aidedCases?.repeatExams ?? 0, aidedCases?.cases ?? 0);
  estimates.repeatExamRateDifference = newcombeDifference(aidedCases?.repeatExams ?? 0, aidedCases?.cases ?? 0, unaidedCases?.repeatExams ?? 0, unaidedCases?.cases ?? 0);
  estimates.avoidableRepeatExamRateDifference = newcombeDifference(aidedCases?.avoidableRepeatExams ?? 0, aidedCases?.cases ?? 0, unaidedCases?.avoidableRepeatExams ?? 0, unaidedCases?.cases ?? 0);
  const discrepancies = (arm: Arm) => count(cells, (cell) => cell.arm === arm && cell.truth !== null && cell.finalCall !== null && cell.finalCall !== cell.truth);
  const judged = (arm: Arm) => count(cells, (cell) => cell.arm === arm && cell.truth !== null && cell.finalCall !== null);
  estimates.discrepancyRateUnaided = wilsonInterval(discrepancies("UNAIDED"), judged("UNAIDED"));
  estimates.discrepancyRateAided = wilsonInterval(discrepancies("AIDED"), judged("AIDED"));
  // Hours saved per month at the PoC's own volume: minus the median time difference × reads per active month.
  const readsPerMonth = aggregates.activeMonths > 0 ? count(cells, all) / aggregates.activeMonths : 0;
  estimates.readerHoursSavedPerMonth = scaled(estimates.readingTimeMedianDifferenceMs, -readsPerMonth / 3_600_000);
  estimates.casesPerReaderHourUnaided = perHour(estimates.readingTimeMeanUnaidedMs);
  estimates.casesPerReaderHourAided = perHour(estimates.readingTimeMeanAidedMs);

  estimates.timeToTreatmentDifferenceHours = meanDifferenceInterval(aidedCases?.timeToTreatmentHours ?? emptyMoments, unaidedCases?.timeToTreatmentHours ?? emptyMoments);
  estimates.readmissionRateDifference = newcombeDifference(aidedCases?.readmissions ?? 0, aidedCases?.readmissionKnown ?? 0, unaidedCases?.readmissions ?? 0, unaidedCases?.readmissionKnown ?? 0);
  estimates.complicationRateDifference = newcombeDifference(aidedCases?.complications ?? 0, aidedCases?.complicationKnown ?? 0, unaidedCases?.complications ?? 0, unaidedCases?.complicationKnown ?? 0);
  estimates.patientSatisfactionDifference = meanDifferenceInterval(aidedCases?.satisfaction ?? emptyMoments, unaidedCases?.satisfaction ?? emptyMoments);

  // The sample each method counts where it is not the estimate's n: the smaller arm, the smaller class.
  const armCount = (arm: Arm) => armBins(arm, "log").reduce((total, row) => total + row.count, 0);
  const smallerArm = Math.min(armCount("AIDED"), armCount("UNAIDED"));
  const both = (first: number | undefined, second: number | undefined) => Math.min(first ?? 0, second ?? 0);
  const sampleOf: Partial<Record<KpiKey, number>> = {
    ...(isPaired ? {} : { readingTimeRelativeChange: smallerArm, readingTimeMedianDifferenceMs: smallerArm, readerHoursSavedPerMonth: smallerArm }),
    sensitivityDifference: both(count(positives("AIDED"), all), count(positives("UNAIDED"), all)),
    specificityDifference: both(count(negatives("AIDED"), all), count(negatives("UNAIDED"), all)),
    repeatExamRateDifference: both(aidedCases?.cases, unaidedCases?.cases),
    avoidableRepeatExamRateDifference: both(aidedCases?.cases, unaidedCases?.cases),
    readmissionRateDifference: both(aidedCases?.readmissionKnown, unaidedCases?.readmissionKnown),
    complicationRateDifference: both(aidedCases?.complicationKnown, unaidedCases?.complicationKnown),
    timeToTreatmentDifferenceHours: both(aidedCases?.timeToTreatmentHours.n, unaidedCases?.timeToTreatmentHours.n),
    patientSatisfactionDifference: both(aidedCases?.satisfaction.n, unaidedCases?.satisfaction.n),
    aiAuc: Math.min(aiPositives, aiNegatives),
  };

  return kpiKeys.map((key) => {
    const definition = kpiDefinitions[key];
    const registered = targets.find((target) => target.kpi === key);
    const target = registered && (registered.comparator === "lte" || registered.comparator === "gte") ? { comparator: registered.comparator as TargetComparator, value: registered.targetValue } : null;
    const { estimate, lower, upper, n } = estimates[key];
    const method = intervalMethodOf(key, isPaired);
    const sample = { method, n: sampleOf[key] ?? n, needs: intervalMethods[method].minimumN, counts: intervalMethods[method].counts };
    // A zero-width interval (one value, no disagreement yet) is no more estimable than a small sample.
    const estimable = estimate !== null && lower !== null && upper !== null && sample.n >= sample.needs && upper > lower;
    const precisionHalfWidth = registered?.precisionHalfWidth ?? defaultPrecisionHalfWidth[definition.unit];
    const design = isPaired && key.startsWith("readingTime") ? ("paired" as const) : ("twoSample" as const);
    return {
      key, horizon: definition.horizon, unit: definition.unit, method: definition.method, estimate, lower, upper, n, target, sample, estimable, precisionHalfWidth,
      registration: !registered ? ("exploratory" as const) : registered.isPrimary ? ("primary" as const) : ("secondary" as const),
      ...assessTarget({ estimate, lower, upper, n }, target, { estimable, precisionHalfWidth, design }),
    };
  });
}
