import { computeRoi } from "./compute-roi";
import { monteCarloRoi } from "./monte-carlo-roi";
import { resolveBenefitInputs } from "./resolve-benefit-inputs";
import { scenarioBenefits } from "./scenario-benefits";
import type { MeasuredRoiInputs, RoiInputs } from "./schema";
import { tornado } from "./tornado";

type Scenario = { id: string; kind: "CONSERVATIVE" | "BASE" | "OPTIMISTIC" | "CUSTOM"; name: string; inputs: RoiInputs };

/**
 * Each scenario's cash flows and verdicts, plus the base scenario's tornado and Monte Carlo range. Benefits not
 * yet measured precisely come from the scenario's assumed range (benefitInputs says which).
 */
export function buildRoiView(scenarios: Scenario[], measured: MeasuredRoiInputs) {
  const results = scenarios.map((scenario) => ({ ...scenario, result: computeRoi(scenario.inputs, scenarioBenefits(resolveBenefitInputs(measured, scenario.inputs), scenario.inputs.kpiBasis)) }));
  const base = scenarios.find((scenario) => scenario.kind === "BASE") ?? scenarios[0];
  if (!base) return { results, base: null, tornado: [], distribution: null, benefitInputs: null };
  const benefitInputs = resolveBenefitInputs(measured, base.inputs);
  // Monte Carlo draws the measured KPIs around their estimates, whatever end the base scenario names.
  return {
    results,
    base: results.find((item) => item.id === base.id)!,
    tornado: tornado(base.inputs, scenarioBenefits(benefitInputs, base.inputs.kpiBasis), benefitInputs),
    distribution: monteCarloRoi(base.inputs, benefitInputs),
    benefitInputs,
  };
}
