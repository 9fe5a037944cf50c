"use client";

import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const colours = { unaided: "#5b6b7c", aided: "#0b6e8a", CONSERVATIVE: "#b7791f", BASE: "#0b6e8a", OPTIMISTIC: "#1a7f37", CUSTOM: "#6b46c1" } as const;
const yenAxis = (locale: string) => (value: number) => new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(value);

/** Mean reading time per arm and month, in seconds. */
export function TrendChart({ data, labels }: { data: { month: string; unaided: number | null; aided: number | null }[]; labels: { unaided: string; aided: string; seconds: string } }) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="month" />
        <YAxis label={{ value: labels.seconds, angle: -90, position: "insideLeft" }} />
        <Tooltip />
        <Legend />
        <Line type="monotone" dataKey="unaided" name={labels.unaided} stroke={colours.unaided} connectNulls isAnimationActive={false} />
        <Line type="monotone" dataKey="aided" name={labels.aided} stroke={colours.aided} connectNulls isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Cumulative net cash flow by scenario from year 0 (one-off costs) to the horizon. */
export function CashFlowChart({ data, scenarios, locale, yearLabel }: { data: Record<string, number>[]; scenarios: { key: string; label: string; kind: keyof typeof colours }[]; locale: string; yearLabel: string }) {
  return (
    <ResponsiveContainer width="100%" height={280}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="year" label={{ value: yearLabel, position: "insideBottomRight", offset: -4 }} />
        <YAxis tickFormatter={yenAxis(locale)} />
        <Tooltip formatter={(value) => new Intl.NumberFormat(locale, { style: "currency", currency: "JPY", maximumFractionDigits: 0 }).format(Number(value))} />
        <Legend />
        <ReferenceLine y={0} stroke="#1d2733" />
        {scenarios.map((scenario) => (
          <Line key={scenario.key} type="linear" dataKey={scenario.key} name={scenario.label} stroke={colours[scenario.kind]} isAnimationActive={false} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/** One-way sensitivity: NPV at each input's low and high value, relative to the base NPV, sorted by swing. */
export function TornadoChart({ data, baseNpvJpy, locale, labels }: { data: { input: string; low: number; high: number }[]; baseNpvJpy: number; locale: string; labels: { low: string; high: string } }) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(200, data.length * 34 + 60)}>
      <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} stackOffset="sign">
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" tickFormatter={(value: number) => yenAxis(locale)(value + baseNpvJpy)} />
        <YAxis type="category" dataKey="input" width={230} />
        <Tooltip formatter={(value) => new Intl.NumberFormat(locale, { style: "currency", currency: "JPY", maximumFractionDigits: 0 }).format(Number(value) + baseNpvJpy)} />
        <Legend />
        <ReferenceLine x={0} stroke="#1d2733" />
        <Bar dataKey="low" name={labels.low} fill={colours.CONSERVATIVE} isAnimationActive={false} />
        <Bar dataKey="high" name={labels.high} fill={colours.BASE} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Histogram of Monte Carlo NPVs; bars below zero in amber. */
export function DistributionChart({ data, locale }: { data: { label: string; fromJpy: number; count: number }[]; locale: string }) {
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" interval={4} />
        <YAxis />
        <Tooltip labelFormatter={(label) => `${label} (${locale === "ja" ? "円" : "JPY"})`} />
        <Bar dataKey="count" isAnimationActive={false}>
          {data.map((bin) => (
            <Cell key={bin.fromJpy} fill={bin.fromJpy < 0 ? colours.CONSERVATIVE : colours.BASE} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
