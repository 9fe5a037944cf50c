import type { CalibrationSummary } from "@/lib/inference/manifest-evidence";

// Reliability curve as a static SVG (server-rendered, prints as is): observed frequency against the
// mean predicted probability per bin, before and after calibration, with the diagonal of perfect calibration.
export function ReliabilityChart({ before, after, labels }: { before: CalibrationSummary; after: CalibrationSummary; labels: { title: string; before: string; after: string; x: string; y: string } }) {
  const size = 220;
  const pad = 32;
  const scale = (value: number) => pad + value * (size - 2 * pad);
  const points = (summary: CalibrationSummary) => summary.reliability.map((bin) => `${scale(bin.meanPredicted).toFixed(1)},${scale(1 - bin.observed).toFixed(1)}`).join(" ");
  return (
    <svg role="img" aria-label={labels.title} width={size} height={size} viewBox={`0 0 ${size} ${size}`} data-testid="reliability-chart">
      <title>{labels.title}</title>
      <rect x={pad} y={pad} width={size - 2 * pad} height={size - 2 * pad} fill="none" stroke="#999" />
      <line x1={scale(0)} y1={scale(1)} x2={scale(1)} y2={scale(0)} stroke="#bbb" strokeDasharray="4 3" />
      <polyline points={points(before)} fill="none" stroke="#b3261e" strokeWidth={2} />
      <polyline points={points(after)} fill="none" stroke="#1a5fb4" strokeWidth={2} strokeDasharray="6 2" />
      {after.reliability.map((bin) => (
        <circle key={bin.binFrom} cx={scale(bin.meanPredicted)} cy={scale(1 - bin.observed)} r={2.5} fill="#1a5fb4" />
      ))}
      <text x={size / 2} y={size - 6} textAnchor="middle" fontSize={10}>{labels.x}</text>
      <text x={10} y={size / 2} textAnchor="middle" fontSize={10} transform={`rotate(-90 10 ${size / 2})`}>{labels.y}</text>
      <text x={pad + 4} y={pad + 12} fontSize={10} fill="#b3261e">— {labels.before}</text>
      <text x={pad + 4} y={pad + 24} fontSize={10} fill="#1a5fb4">- - {labels.after}</text>
    </svg>
  );
}
