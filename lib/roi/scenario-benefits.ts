import type { PerCaseBenefits } from "./compute-roi";
import type { MeasuredRoiInputs, RoiInputs } from "./schema";

/** A scenario's per-case benefits: the end of each measured 95% interval that the scenario names; unmeasured → 0. */
export function scenarioBenefits(measured: MeasuredRoiInputs, basis: RoiInputs["kpiBasis"]): PerCaseBenefits {
  const pick = (input: MeasuredRoiInputs[keyof MeasuredRoiInputs]) => (input ? input[basis] : 0);
  return {
    hoursSavedPerCase: pick(measured.hoursSavedPerCase),
    repeatExamsAvoidedPerCase: pick(measured.repeatExamsAvoidedPerCase),
    missedDiagnosesAvoidedPerCase: pick(measured.missedDiagnosesAvoidedPerCase),
  };
}
