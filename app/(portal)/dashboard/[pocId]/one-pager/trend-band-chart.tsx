export type TrendPoint = { label: string; estimate: number; lower: number; upper: number } | { label: string; estimate: null; lower: null; upper: null };
export type TrendSeries = { name: string; colour: string; points: TrendPoint[] };

const width = 720;
const height = 240;
const left = 56;
const right = 36;
const top = 16;
const bottom = 44;

/**
 * Monthly estimates with their 95% bands, as plain SVG drawn on the server. Months whose cell is
 * suppressed (n < 5) leave a gap rather than a guess. Optional target line.
 */
export function TrendBandChart({ series, title, caption, yTitle, format, target, maxValue }: { series: TrendSeries[]; title: string; caption: string; yTitle: string; format: (value: number) => string; target?: { value: number; label: string }; maxValue?: number }) {
  const labels = series[0]?.points.map((point) => point.label) ?? [];
  const values = series.flatMap((item) => item.points.flatMap((point) => (point.estimate === null ? [] : [point.lower, point.upper]))).concat(target ? [target.value] : []);
  const min = Math.min(...values, Number.POSITIVE_INFINITY);
  const max = Math.max(...values, Number.NEGATIVE_INFINITY);
  const pad = (max - min) * 0.1 || Math.abs(max) * 0.1 || 1;
  const [low, high] = [Math.max(0, min - pad), Math.min(maxValue ?? Number.POSITIVE_INFINITY, max + pad)];
  const x = (index: number) => left + (labels.length <= 1 ? 0 : (index / (labels.length - 1)) * (width - left - right));
  const y = (value: number) => top + (1 - (value - low) / (high - low)) * (height - top - bottom);
  const ticks = Array.from({ length: 5 }, (_, index) => low + ((high - low) * index) / 4);
  // Consecutive months with data form one segment; a gap breaks the line and the band.
  const segments = (points: TrendPoint[]) => {
    const result: { index: number; point: Extract<TrendPoint, { estimate: number }> }[][] = [[]];
    points.forEach((point, index) => (point.estimate === null ? result.push([]) : result.at(-1)!.push({ index, point })));
    return result.filter((segment) => segment.length > 0);
  };
  return (
    <figure className="m-0 stack gap-1">
      <figcaption className="font-semibold">{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full max-w-[48rem]" role="img" aria-label={caption}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={left} x2={width - right} y1={y(tick)} y2={y(tick)} stroke="#d5dce4" />
            <text x={left - 6} y={y(tick) + 4} fontSize={11} textAnchor="end" fill="#4f5d6c">
              {format(tick)}
            </text>
          </g>
        ))}
        <text x={12} y={(top + height - bottom) / 2} fontSize={11} fill="#1d2733" transform={`rotate(-90 12 ${(top + height - bottom) / 2})`} textAnchor="middle">
          {yTitle}
        </text>
        {labels.map((label, index) => (
          <text key={label} x={x(index)} y={height - bottom + 16} fontSize={11} textAnchor="middle" fill="#4f5d6c">
            {label}
          </text>
        ))}
        {target && (
          <g>
            <line x1={left} x2={width - right} y1={y(target.value)} y2={y(target.value)} stroke="#a3231a" strokeDasharray="4 3" strokeWidth={1.5} />
            <text x={width - right} y={y(target.value) - 4} fontSize={11} textAnchor="end" fill="#a3231a">
              {target.label}
            </text>
          </g>
        )}
        {series.map((item) =>
          segments(item.points).map((segment) => (
            <g key={`${item.name}-${segment[0]!.index}`}>
              <path
                d={`${segment.map(({ index, point }, order) => `${order === 0 ? "M" : "L"}${x(index)},${y(point.upper)}`).join(" ")} ${[...segment].reverse().map(({ index, point }) => `L${x(index)},${y(point.lower)}`).join(" ")} Z`}
                fill={item.colour}
                fillOpacity={0.15}
              />
              <path d={segment.map(({ index, point }, order) => `${order === 0 ? "M" : "L"}${x(index)},${y(point.estimate)}`).join(" ")} fill="none" stroke={item.colour} strokeWidth={2} />
              {segment.map(({ index, point }) => (
                <circle key={index} cx={x(index)} cy={y(point.estimate)} r={3} fill={item.colour} />
              ))}
            </g>
          )),
        )}
        {series.map((item, index) => (
          <g key={item.name} transform={`translate(${left + index * 170}, ${height - 12})`}>
            <rect width={12} height={12} y={-10} fill={item.colour} />
            <text x={16} fontSize={11} fill="#1d2733">
              {item.name}
            </text>
          </g>
        ))}
      </svg>
      <p className="muted small">{caption}</p>
    </figure>
  );
}
