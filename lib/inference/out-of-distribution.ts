import type { OutOfDistribution } from "./manifest-evidence";

export type OutOfDistributionScore = { score: number; threshold: number; flagged: boolean };

type OutOfDistributionScorer = (embedding: Float32Array) => OutOfDistributionScore;

/**
 * Mahalanobis distance of an embedding to the training embeddings, |W (e - mean)| with
 * W^T W = (covariance + shrinkage I)^-1 (Lee et al. 2018, NeurIPS). Above the threshold (a
 * quantile of held-out in-distribution distances) the input looks unlike the training data.
 */
export function createOutOfDistributionScorer(spec: Pick<OutOfDistribution, "mean" | "whitening" | "threshold">): OutOfDistributionScorer {
  const size = spec.mean.length;
  const mean = Float64Array.from(spec.mean);
  const whitening = Float64Array.from(spec.whitening.flat());
  const centred = new Float64Array(size);
  return (embedding) => {
    if (embedding.length !== size) throw new RangeError(`embedding has ${embedding.length} values, expected ${size}`);
    for (let j = 0; j < size; j++) centred[j] = embedding[j] - mean[j];
    let sum = 0;
    for (let i = 0; i < size; i++) {
      let row = 0;
      const offset = i * size;
      for (let j = 0; j < size; j++) row += whitening[offset + j] * centred[j];
      sum += row * row;
    }
    const score = Math.sqrt(sum);
    // A non-finite score (NaN input) is flagged rather than trusted.
    return { score, threshold: spec.threshold, flagged: !(score <= spec.threshold) };
  };
}
