import { InferenceError } from "./inference-error";
import type { LabPreprocessing } from "./manifest";

/** Lab values keyed by the manifest's lab keys, in the manifest's units; null/undefined = not measured. */
export type LabValues = Readonly<Record<string, number | null | undefined>>;

/**
 * z-scores in manifest order: (transform(value) - mean) / sd. Returns null when no lab was given
 * (the labs modality is then withheld). A partial panel is refused rather than imputed, and values
 * outside the plausible range (usually a unit mix-up) are refused; both list the lab keys only.
 */
export function normaliseLabs(values: LabValues, spec: LabPreprocessing): Float32Array | null {
  const given = spec.items.filter((item) => values[item.key] !== null && values[item.key] !== undefined);
  if (given.length === 0) return null;
  const missing = spec.items.filter((item) => !given.includes(item)).map((item) => item.key);
  if (missing.length > 0) throw new InferenceError("LAB_MISSING", { keys: missing });

  const outOfRange = spec.items
    .filter((item) => {
      const value = values[item.key] as number;
      return !Number.isFinite(value) || value < item.plausibleMin || value > item.plausibleMax;
    })
    .map((item) => item.key);
  if (outOfRange.length > 0) throw new InferenceError("LAB_OUT_OF_RANGE", { keys: outOfRange });

  const zScores = new Float32Array(spec.items.length);
  spec.items.forEach((item, index) => {
    const value = values[item.key] as number;
    const transformed = item.transform === "log1p" ? Math.log1p(value) : value;
    zScores[index] = (transformed - item.mean) / item.sd;
  });
  return zScores;
}
