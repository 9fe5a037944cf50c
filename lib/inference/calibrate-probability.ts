import type { Calibration } from "./manifest-evidence";

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Temperature scaling (Guo et al. 2017): p = sigmoid(logit / T), T fitted on held-out data. */
export function calibrateProbability(logit: number, calibration: Pick<Calibration, "temperature">): { probability: number; probabilityUncalibrated: number } {
  return { probability: sigmoid(logit / calibration.temperature), probabilityUncalibrated: sigmoid(logit) };
}
