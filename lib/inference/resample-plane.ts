// Separable resampling of a row-major float plane. Weights per output index are computed once per
// axis, so a 512x512 -> 64x64 resize costs one pass over the rows and one over the columns.

export type ResampleMethod = "area" | "bilinear";

type AxisWeights = { starts: Int32Array; counts: Int32Array; indices: Int32Array; weights: Float32Array };

// Few distinct (size, size, method) triples occur (model size, overlay sizes): cache their weights.
const weightCache = new Map<string, AxisWeights>();
const maxCachedWeights = 64;

function axisWeights(inSize: number, outSize: number, method: ResampleMethod): AxisWeights {
  const key = `${inSize}:${outSize}:${method}`;
  let weights = weightCache.get(key);
  if (!weights) {
    weights = computeAxisWeights(inSize, outSize, method);
    if (weightCache.size >= maxCachedWeights) weightCache.delete(weightCache.keys().next().value as string);
    weightCache.set(key, weights);
  }
  return weights;
}

function computeAxisWeights(inSize: number, outSize: number, method: ResampleMethod): AxisWeights {
  const scale = inSize / outSize;
  const taps: Array<Array<[number, number]>> = [];
  for (let out = 0; out < outSize; out++) {
    const entries: Array<[number, number]> = [];
    if (method === "area" && scale > 1) {
      // Exact box filter: each output pixel averages the input area it covers, fractions included.
      const from = out * scale;
      const to = from + scale;
      for (let i = Math.floor(from); i < Math.min(inSize, Math.ceil(to)); i++) {
        const overlap = Math.min(to, i + 1) - Math.max(from, i);
        if (overlap > 0) entries.push([i, overlap / scale]);
      }
    } else {
      // Bilinear with pixel centres aligned (align_corners = false), edges clamped. Area
      // averaging cannot enlarge, so upscaling is always bilinear.
      const centre = Math.min(Math.max((out + 0.5) * scale - 0.5, 0), inSize - 1);
      const left = Math.floor(centre);
      const right = Math.min(left + 1, inSize - 1);
      const fraction = centre - left;
      entries.push([left, 1 - fraction]);
      if (fraction > 0 && right !== left) entries.push([right, fraction]);
    }
    taps.push(entries);
  }
  const total = taps.reduce((sum, entries) => sum + entries.length, 0);
  const result: AxisWeights = {
    starts: new Int32Array(outSize),
    counts: new Int32Array(outSize),
    indices: new Int32Array(total),
    weights: new Float32Array(total),
  };
  let cursor = 0;
  taps.forEach((entries, out) => {
    result.starts[out] = cursor;
    result.counts[out] = entries.length;
    for (const [index, weight] of entries) {
      result.indices[cursor] = index;
      result.weights[cursor] = weight;
      cursor++;
    }
  });
  return result;
}

export function resamplePlane(
  plane: Float32Array,
  width: number,
  height: number,
  outWidth: number,
  outHeight: number,
  method: ResampleMethod,
): Float32Array {
  if (width === outWidth && height === outHeight) return plane.slice();
  const horizontal = axisWeights(width, outWidth, method);
  const vertical = axisWeights(height, outHeight, method);
  const rowsResized = new Float32Array(outWidth * height);
  for (let y = 0; y < height; y++) {
    const rowOffset = y * width;
    for (let x = 0; x < outWidth; x++) {
      let sum = 0;
      const start = horizontal.starts[x];
      for (let k = start; k < start + horizontal.counts[x]; k++) sum += plane[rowOffset + horizontal.indices[k]] * horizontal.weights[k];
      rowsResized[y * outWidth + x] = sum;
    }
  }
  const out = new Float32Array(outWidth * outHeight);
  for (let y = 0; y < outHeight; y++) {
    const start = vertical.starts[y];
    const end = start + vertical.counts[y];
    for (let x = 0; x < outWidth; x++) {
      let sum = 0;
      for (let k = start; k < end; k++) sum += rowsResized[vertical.indices[k] * outWidth + x] * vertical.weights[k];
      out[y * outWidth + x] = sum;
    }
  }
  return out;
}
