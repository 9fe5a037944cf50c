"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from "recharts";

const colours = { main: "#0b6e8a", limit: "#b7791f", alarm: "#c0392b", ideal: "#5b6b7c" } as const;

/** CUSUM statistic per period with its decision limit h. */
export function CusumChart({ data, threshold, labels }: { data: { period: string; statistic: number }[]; threshold: number; labels: { statistic: string; limit: string } }) {
  return (
    <ResponsiveContainer width="100%" height={240}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="period" />
        <YAxis />
        <Tooltip formatter={(value) => Number(value).toFixed(2)} />
        <Legend />
        <ReferenceLine y={threshold} stroke={colours.alarm} strokeDasharray="6 3" label={labels.limit} />
        <Line type="linear" dataKey="statistic" name={labels.statistic} stroke={colours.main} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

/** EWMA of a rate with its time-varying control limits. */
export function EwmaChart({ data, labels }: { data: { period: string; rate: number | null; ewma: number; upper: number; lower: number }[]; labels: { rate: string; ewma: string; upper: string; lower: string } }) {
  const percent = (value: unknown) => `${(Number(value) * 100).toFixed(1)}%`;
  return (
    <ResponsiveContainer width="100%" height={240}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="period" />
        <YAxis tickFormatter={percent} />
        <Tooltip formatter={percent} />
        <Legend />
        <Line type="linear" dataKey="rate" name={labels.rate} stroke={colours.ideal} strokeDasharray="2 2" connectNulls isAnimationActive={false} />
        <Line type="linear" dataKey="ewma" name={labels.ewma} stroke={colours.main} isAnimationActive={false} />
        <Line type="stepAfter" dataKey="upper" name={labels.upper} stroke={colours.limit} dot={false} isAnimationActive={false} />
        <Line type="stepAfter" dataKey="lower" name={labels.lower} stroke={colours.limit} dot={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Reliability curve: observed rate against mean predicted probability per score bin, the diagonal for reference. */
export function ReliabilityChart({ data, labels }: { data: { predicted: number; observed: number; n: number }[]; labels: { predicted: string; observed: string } }) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <ScatterChart margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="predicted" domain={[0, 1]} name={labels.predicted} label={{ value: labels.predicted, position: "insideBottom", offset: -8 }} />
        <YAxis type="number" dataKey="observed" domain={[0, 1]} name={labels.observed} label={{ value: labels.observed, angle: -90, position: "insideLeft" }} />
        <ZAxis type="number" dataKey="n" range={[40, 400]} name="n" />
        <Tooltip formatter={(value) => Number(value).toFixed(3)} />
        <ReferenceLine segment={[{ x: 0, y: 0 }, { x: 1, y: 1 }]} stroke={colours.ideal} strokeDasharray="4 4" />
        <Scatter data={data} fill={colours.main} isAnimationActive={false} />
      </ScatterChart>
    </ResponsiveContainer>
  );
}
