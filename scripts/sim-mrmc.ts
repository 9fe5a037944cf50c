// MRMC coverage simulation: `npm run sim:mrmc [-- --studies 2000 --seed 20261201]`. Draws fully crossed
// reader studies from a Roe–Metz-type model (Roe & Metz 1997, Acad Radiol 4:298) with reader, case,
// reader × case, arm × case and arm × reader effects, analyses each with Obuchowski–Rockette (RRRC, Hillis
// ddf) and with the pooled-read interval (all reads of an arm as one sample, independent DeLong variances),
// and prints how often each 95% interval covers the true aided − unaided AUC difference. A second block does
// the same for sensitivity at a fixed threshold against the pooled Newcombe interval the dashboard used.
import { analyseFigure } from "@/lib/stats/analyse-reader-study";
import type { MrmcRead, StudyArm } from "@/lib/stats/jackknife-figures";
import { delongAuc } from "@/lib/kpi/delong-auc";
import { newcombeDifference } from "@/lib/kpi/newcombe-difference";
import { normalDraw, seededRandom } from "@/lib/kpi/seeded-random";
import { normalCdf } from "@/lib/stats/t-and-f-distributions";
import { z95 } from "@/lib/kpi/normal-distribution";

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const studies = argument("studies", 2000);
const seed = argument("seed", 20261201);
const readers = argument("readers", 5);
const positives = argument("positives", 50);
const negatives = argument("negatives", 50);

// Latent-scale parameters: separation μ per arm; case, arm × case, reader × case and pure error variances
// (sum 1 = s²); reader and reader × arm variances of the separation.
const separation: Record<StudyArm, number> = { UNAIDED: 1.5, AIDED: 1.8 };
const variance = { case: 0.3, armCase: 0.1, readerCase: 0.2, error: 0.4, reader: 0.1, readerArm: 0.05 };
const withinReader = variance.case + variance.armCase + variance.readerCase + variance.error;
// A reader's AUC is Φ((μ + a_r + b_rm)/√(2s²)); averaged over readers, Φ(μ/√(2s² + σ²_a + σ²_b)) — also the pooled-read AUC.
const populationAuc = (arm: StudyArm) => normalCdf(separation[arm] / Math.sqrt(2 * withinReader + variance.reader + variance.readerArm));
const trueAucDifference = populationAuc("AIDED") - populationAuc("UNAIDED");
// Sensitivity at threshold c: P(μ + a + b + e > c) with e ~ N(0, s²), averaged: Φ((μ − c)/√(s² + σ²_a + σ²_b)).
const threshold = 0.9;
const populationSensitivity = (arm: StudyArm) => normalCdf((separation[arm] - threshold) / Math.sqrt(withinReader + variance.reader + variance.readerArm));
const trueSensitivityDifference = populationSensitivity("AIDED") - populationSensitivity("UNAIDED");

function simulateStudy(random: () => number): MrmcRead[] {
  const draw = (v: number) => Math.sqrt(v) * normalDraw(random);
  const readerEffects = Array.from({ length: readers }, () => ({ shift: draw(variance.reader), arm: { UNAIDED: draw(variance.readerArm), AIDED: draw(variance.readerArm) } }));
  const reads: MrmcRead[] = [];
  for (let index = 0; index < positives + negatives; index++) {
    const truth = index < positives;
    const caseEffect = draw(variance.case);
    const armCase = { UNAIDED: draw(variance.armCase), AIDED: draw(variance.armCase) };
    readerEffects.forEach((reader, readerIndex) => {
      const readerCase = draw(variance.readerCase);
      for (const arm of ["UNAIDED", "AIDED"] as const) {
        const score = (truth ? separation[arm] + reader.shift + reader.arm[arm] : 0) + caseEffect + armCase[arm] + readerCase + draw(variance.error);
        reads.push({ reader: `R${readerIndex}`, caseKey: `C${index}`, arm, truth, score, call: score > threshold, activeMs: null });
      }
    });
  }
  return reads;
}

function pooledAucInterval(reads: MrmcRead[]) {
  // Continuous scores on a fine grid so the DeLong helper (binned scores) is exact to 1e-6.
  const scores = (arm: StudyArm) => {
    const bins = new Map<number, { bin: number; positives: number; negatives: number }>();
    for (const item of reads) {
      if (item.arm !== arm) continue;
      const bin = Math.round(item.score! * 1e6);
      const entry = bins.get(bin) ?? { bin, positives: 0, negatives: 0 };
      if (item.truth) entry.positives++;
      else entry.negatives++;
      bins.set(bin, entry);
    }
    return [...bins.values()];
  };
  const aided = delongAuc(scores("AIDED"));
  const unaided = delongAuc(scores("UNAIDED"));
  const se = (estimate: { lower: number | null; upper: number | null }) => (estimate.upper! - estimate.lower!) / (2 * z95);
  const difference = aided.estimate! - unaided.estimate!;
  const halfWidth = z95 * Math.hypot(se(aided), se(unaided));
  return { lower: difference - halfWidth, upper: difference + halfWidth };
}

function pooledSensitivityInterval(reads: MrmcRead[]) {
  const hits = (arm: StudyArm) => reads.filter((item) => item.arm === arm && item.truth && item.call).length;
  const total = (arm: StudyArm) => reads.filter((item) => item.arm === arm && item.truth).length;
  return newcombeDifference(hits("AIDED"), total("AIDED"), hits("UNAIDED"), total("UNAIDED"));
}

const random = seededRandom(seed);
const tally = { aucRrrc: 0, aucFrrc: 0, aucPooled: 0, sensRrrc: 0, sensPooled: 0, aucRrrcWidth: 0, aucPooledWidth: 0 };
const covers = (interval: { lower: number | null; upper: number | null }, truth: number) => interval.lower !== null && interval.upper !== null && interval.lower <= truth && truth <= interval.upper;
const started = performance.now();
for (let study = 0; study < studies; study++) {
  const reads = simulateStudy(random);
  const auc = analyseFigure("auc", reads);
  const sensitivity = analyseFigure("sensitivity", reads);
  if (auc.status !== "ok" || sensitivity.status !== "ok") throw new Error("a simulated study was not estimable");
  const pooledAuc = pooledAucInterval(reads);
  if (covers(auc.analysis.rrrc, trueAucDifference)) tally.aucRrrc++;
  if (covers(auc.analysis.frrc, trueAucDifference)) tally.aucFrrc++;
  if (covers(pooledAuc, trueAucDifference)) tally.aucPooled++;
  if (covers(sensitivity.analysis.rrrc, trueSensitivityDifference)) tally.sensRrrc++;
  if (covers(pooledSensitivityInterval(reads), trueSensitivityDifference)) tally.sensPooled++;
  tally.aucRrrcWidth += auc.analysis.rrrc.upper - auc.analysis.rrrc.lower;
  tally.aucPooledWidth += pooledAuc.upper - pooledAuc.lower;
}
const percent = (count: number) => `${((100 * count) / studies).toFixed(1)}%`;
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`sim:mrmc  seed ${seed}, ${studies} studies, Roe–Metz model, ${readers} readers × ${positives + negatives} cases (${positives} positive) × 2 arms, fully crossed (${seconds} s)`);
console.log(`  true AUC difference (aided − unaided) ${trueAucDifference.toFixed(4)}; true sensitivity difference ${trueSensitivityDifference.toFixed(4)} (threshold ${threshold})`);
console.log(`  AUC    OR RRRC (Hillis ddf) 95% CI coverage ${percent(tally.aucRrrc)}  mean width ${(tally.aucRrrcWidth / studies).toFixed(4)}`);
console.log(`  AUC    OR FRRC              95% CI coverage ${percent(tally.aucFrrc)}  (fixed readers: covers this study's readers, not the population)`);
console.log(`  AUC    pooled reads (DeLong) 95% CI coverage ${percent(tally.aucPooled)}  mean width ${(tally.aucPooledWidth / studies).toFixed(4)}  width ratio pooled / RRRC ${(tally.aucPooledWidth / tally.aucRrrcWidth).toFixed(2)}`);
console.log(`  Sens.  OR RRRC (Hillis ddf) 95% CI coverage ${percent(tally.sensRrrc)}`);
console.log(`  Sens.  pooled reads (Newcombe) 95% CI coverage ${percent(tally.sensPooled)}`);
const rrrcOk = tally.aucRrrc / studies >= 0.93 && tally.aucRrrc / studies <= 0.97;
console.log(`  verdict: RRRC AUC coverage ${rrrcOk ? "within" : "OUTSIDE"} 93–97%; pooled-read interval ${tally.aucPooled < tally.aucRrrc ? "under-covers" : "does not under-cover"}`);
if (!rrrcOk) process.exitCode = 1;
