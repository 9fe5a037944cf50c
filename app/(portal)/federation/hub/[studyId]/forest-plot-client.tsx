"use client";

import { CartesianGrid, ErrorBar, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from "recharts";

export type ForestRow = { label: string; estimate: number; lower: number; upper: number; weight: number; kind: "site" | "pooled" | "prediction" };

const fill = { site: "#0b6e8a", pooled: "#1d2733", prediction: "#b7791f" } as const;

/**
 * A forest plot: each site's estimate with its 95% interval (marker area by weight), then the pooled
 * estimates and the prediction interval, against the line of no effect.
 */
export function ForestPlot({ rows, nullValue, digits }: { rows: ForestRow[]; nullValue: number; digits: number }) {
  const data = rows.map((row, index) => ({ ...row, y: rows.length - index, error: [row.estimate - row.lower, row.upper - row.estimate] }));
  return (
    <ResponsiveContainer width="100%" height={60 + rows.length * 32}>
      <ScatterChart margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" dataKey="estimate" domain={["auto", "auto"]} tickFormatter={(value: number) => value.toFixed(digits)} />
        <YAxis
          type="number"
          dataKey="y"
          domain={[0, rows.length + 1]}
          ticks={data.map((row) => row.y)}
          tickFormatter={(value: number) => data.find((row) => row.y === value)?.label ?? ""}
          width={300}
        />
        <ZAxis type="number" dataKey="weight" range={[30, 300]} />
        <Tooltip
          formatter={(_value, _name, item) => {
            const row = (item as { payload?: (typeof data)[number] }).payload;
            return row ? `${row.estimate.toFixed(digits)} [${row.lower.toFixed(digits)}, ${row.upper.toFixed(digits)}]` : "";
          }}
        />
        <ReferenceLine x={nullValue} stroke="#5b6b7c" />
        {(["site", "pooled", "prediction"] as const).map((kind) => (
          <Scatter key={kind} data={data.filter((row) => row.kind === kind)} fill={fill[kind]} shape={kind === "site" ? "square" : "diamond"} isAnimationActive={false}>
            <ErrorBar dataKey="error" direction="x" width={4} stroke={fill[kind]} />
          </Scatter>
        ))}
      </ScatterChart>
    </ResponsiveContainer>
  );
}
