import type { MonitoringFigures } from "./compute-monitoring";
import type { StopRuleKind } from "./stop-rule-kinds";

export type RuleDefinition = { kind: StopRuleKind; dimension: string | null; threshold: number };
export type RuleBreach = { periodStart: string; value: number };

/**
 * The periods in which a rule's condition holds, with the value that crossed the threshold. Pure, so
 * the dashboard shows exactly what the evaluator acted on.
 */
export function findRuleBreaches(rule: RuleDefinition, figures: MonitoringFigures): RuleBreach[] {
  const breaches: RuleBreach[] = [];
  figures.periods.forEach((period, index) => {
    let value: number | null = null;
    let breached = false;
    switch (rule.kind) {
      case "INPUT_DRIFT": {
        const drift = period.drift.find((d) => d.dimension === rule.dimension);
        value = drift && drift.currentN > 0 ? drift.psi : null;
        breached = value !== null && value >= rule.threshold;
        break;
      }
      case "OUTPUT_DRIFT":
        value = period.outputDrift.currentN > 0 ? period.outputDrift.psi : null;
        breached = value !== null && value >= rule.threshold;
        break;
      case "DISCORDANCE_CUSUM":
        value = figures.cusum[index]!.statistic;
        breached = value >= rule.threshold;
        break;
      case "SENSITIVITY_FLOOR":
        value = period.sensitivity.upper;
        breached = value !== null && period.sensitivity.n >= 5 && value < rule.threshold;
        break;
      case "CALIBRATION_ECE":
        value = period.calibration.expectedCalibrationError;
        breached = value !== null && period.calibration.n >= 20 && value >= rule.threshold;
        break;
    }
    if (breached && value !== null) breaches.push({ periodStart: period.periodStart, value });
  });
  return breaches;
}
