/** One effect with its 95% interval and, when set, its target (all in percentage points or percent). */
export type ForestRow = { label: string; estimate: number | null; lower: number | null; upper: number | null; target: number | null; n: number; better: "higher" | "lower" };

const width = 720;
const labelWidth = 290;
const rowHeight = 30;
const top = 26;
const plotRight = width - 16;

/**
 * A forest plot drawn as plain SVG on the server (so it prints and exports exactly as shown): each
 * effect as a square with its interval, a zero line and a target tick. A caption and an equivalent
 * table carry the same numbers for screen readers.
 */
export function ForestPlot({ rows, title, caption, zeroLabel, targetLabel, unit, format }: { rows: ForestRow[]; title: string; caption: string; zeroLabel: string; targetLabel: string; unit: string; format: (value: number) => string }) {
  const values = rows.flatMap((row) => [row.lower, row.upper, row.target, 0]).filter((value): value is number => value !== null && Number.isFinite(value));
  const span = Math.max(0.05, ...values.map(Math.abs)) * 1.15;
  const x = (value: number) => labelWidth + ((value + span) / (2 * span)) * (plotRight - labelWidth);
  const height = top + rows.length * rowHeight + 40;
  const ticks = [-span, -span / 2, 0, span / 2, span].map((value) => Math.round(value * 1000) / 1000);
  return (
    <figure className="m-0 stack gap-1">
      <figcaption className="font-semibold">{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full max-w-[48rem]" role="img" aria-label={caption} data-testid="forest-plot">
        <line x1={x(0)} x2={x(0)} y1={top - 8} y2={height - 34} stroke="#1d2733" strokeWidth={1} />
        <text x={x(0)} y={top - 12} fontSize={11} textAnchor="middle" fill="#4f5d6c">
          {zeroLabel}
        </text>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={height - 34} y2={height - 30} stroke="#4f5d6c" />
            <text x={x(tick)} y={height - 18} fontSize={11} textAnchor="middle" fill="#4f5d6c">
              {format(tick)}
            </text>
          </g>
        ))}
        <text x={(labelWidth + plotRight) / 2} y={height - 3} fontSize={11} textAnchor="middle" fill="#1d2733">
          {unit}
        </text>
        {rows.map((row, index) => {
          const y = top + index * rowHeight + rowHeight / 2;
          return (
            <g key={row.label}>
              {index % 2 === 0 && <rect x={0} y={y - rowHeight / 2} width={width} height={rowHeight} fill="#f8fafc" />}
              <text x={4} y={y + 4} fontSize={12} fill="#1d2733">
                {row.label} (n = {row.n})
              </text>
              {row.lower !== null && row.upper !== null && <line x1={x(row.lower)} x2={x(row.upper)} y1={y} y2={y} stroke="#0a6580" strokeWidth={2} />}
              {row.estimate !== null && <rect x={x(row.estimate) - 5} y={y - 5} width={10} height={10} fill="#0a6580" />}
              {row.target !== null && (
                <g>
                  <line x1={x(row.target)} x2={x(row.target)} y1={y - 10} y2={y + 10} stroke="#a3231a" strokeWidth={2} strokeDasharray="3 2" />
                </g>
              )}
            </g>
          );
        })}
        <g transform={`translate(${labelWidth}, ${top - 20})`}>
          <line x1={0} x2={14} y1={0} y2={0} stroke="#a3231a" strokeWidth={2} strokeDasharray="3 2" />
          <text x={18} y={4} fontSize={11} fill="#a3231a">
            {targetLabel}
          </text>
        </g>
      </svg>
      <p className="muted small">{caption}</p>
    </figure>
  );
}
