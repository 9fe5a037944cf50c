import { computeRoi } from "./compute-roi";
import { monteCarloRoi } from "./monte-carlo-roi";
import { scenarioBenefits } from "./scenario-benefits";
import type { MeasuredRoiInputs, RoiInputs } from "./schema";
import { tornado } from "./tornado";

type Scenario = { id: string; kind: "CONSERVATIVE" | "BASE" | "OPTIMISTIC" | "CUSTOM"; name: string; inputs: RoiInputs };

/** Each scenario's cash flows and verdicts, plus the base scenario's tornado and Monte Carlo range. */
export function buildRoiView(scenarios: Scenario[], measured: MeasuredRoiInputs) {
  const results = scenarios.map((scenario) => ({ ...scenario, result: computeRoi(scenario.inputs, scenarioBenefits(measured, scenario.inputs.kpiBasis)) }));
  const base = scenarios.find((scenario) => scenario.kind === "BASE") ?? scenarios[0];
  if (!base) return { results, base: null, tornado: [], distribution: null };
  // Monte Carlo draws the measured KPIs around their estimates, whatever end the base scenario names.
  return {
    results,
    base: results.find((item) => item.id === base.id)!,
    tornado: tornado(base.inputs, scenarioBenefits(measured, base.inputs.kpiBasis), measured),
    distribution: monteCarloRoi(base.inputs, measured),
  };
}
