"use client";

// The portal's one chart building block (recharts): bars and lines over a category axis (months, mostly), with axis
// values, a legend, and the same figures as a table with a caption. The chart is the picture; the table is its
// accessible form (and the exact numbers for anyone who wants them), so the picture itself is one labelled image.
import { Bar, CartesianGrid, ComposedChart, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Colours that keep 3:1 against white (WCAG 1.4.11 for graphical objects). Series name them rather than carry
 * them: server components pass plain data to this client module, and cannot read its constants. */
const COLOURS = {
  brand: "#1d5fbf",
  green: "#15803d",
  amber: "#b45309",
  red: "#b91c1c",
  slate: "#64748b",
  violet: "#6d28d9",
} as const;
export type ChartColour = keyof typeof COLOURS;

export interface ChartSeries {
  key: string;
  label: string;
  colour: ChartColour;
  kind: "bar" | "line";
  /** Dashed lines for what is a reference rather than a measurement (targets, minimums). */
  dashed?: boolean;
}

export interface ChartRow {
  /** The category in full ("June 2027"): table row header and tooltip. */
  label: string;
  /** A short axis label ("Jun 27"); the label when absent. */
  tick?: string;
  /** One figure per series key; null when there is no figure (a gap in a line, "—" in the table). */
  values: Record<string, number | null>;
}

type Unit = "count" | "percent";

const AXIS = { fontSize: 11, fill: "#475569" };

function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined) return "—";
  return unit === "percent" ? `${value.toLocaleString("en-GB")}%` : value.toLocaleString("en-GB");
}

function Legend({ series, marker }: { series: ChartSeries[]; marker?: string }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" data-testid="chart-legend">
      {series.map((s) => (
        <li key={s.key} className="flex items-center gap-1.5">
          {s.kind === "bar" ? (
            <span className="inline-block h-3 w-3 rounded-sm" style={{ background: COLOURS[s.colour] }} />
          ) : (
            <span className="inline-block w-4 border-t-2" style={{ borderColor: COLOURS[s.colour], borderTopStyle: s.dashed ? "dashed" : "solid" }} />
          )}
          {s.label}
        </li>
      ))}
      {marker ? (
        <li className="flex items-center gap-1.5">
          <span className="inline-block h-3 border-l-2 border-dashed" style={{ borderColor: COLOURS.amber }} />
          {marker}
        </li>
      ) : null}
    </ul>
  );
}

function FiguresTable({ caption, header, rows, series, unit, highlight }: { caption: string; header: string; rows: ChartRow[]; series: ChartSeries[]; unit: Unit; highlight?: string }) {
  return (
    <table className="w-full text-left text-sm" data-testid="chart-table">
      <caption className="pb-1 text-left text-xs text-slate-600">{caption}</caption>
      <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
        <tr>
          <th scope="col" className="px-2 py-1 font-semibold">
            {header}
          </th>
          {series.map((s) => (
            <th key={s.key} scope="col" className="px-2 py-1 text-right font-semibold">
              {s.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.label} className={row.label === highlight ? "bg-amber-50" : undefined}>
            <th scope="row" className="whitespace-nowrap px-2 py-1 font-medium">
              {row.label}
            </th>
            {series.map((s) => (
              <td key={s.key} className="px-2 py-1 text-right tabular-nums">
                {formatValue(row.values[s.key], unit)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface ChartProps {
  /** What the chart shows: the table's caption and the start of the image's name. */
  caption: string;
  /** One sentence on what the picture says (totals, the trend), read with the caption; the table has the rest. */
  summary?: string;
  /** The header of the table's first column ("Month"). */
  header: string;
  rows: ChartRow[];
  series: ChartSeries[];
  unit?: Unit;
  /** The row to mark (this month): a dashed line on the chart named in the legend, a tinted table row. */
  highlight?: { label: string; name: string };
  /** The top of the value axis, for charts that share a scale; recharts picks one when absent. */
  yMax?: number;
  height?: number;
  testId?: string;
  /** A short note under the table (what "—" means). */
  tableNote?: string;
}

export function Chart({ caption, summary, header, rows, series, unit = "count", highlight, yMax, height = 200, testId, tableNote }: ChartProps) {
  const data = rows.map((row) => ({ ...row.values, label: row.label, tick: row.tick ?? row.label }));
  const highlightTick = highlight ? data.find((d) => d.label === highlight.label)?.tick : undefined;
  return (
    <div className="space-y-2" data-testid={testId}>
      <Legend series={series} marker={highlightTick ? highlight!.name : undefined} />
      <div role="img" aria-label={`${caption}.${summary ? ` ${summary}` : ""} The figures are in the table that follows.`} style={{ height }}>
        {/* recharts draws an SVG with a role of its own: the image is the labelled wrapper, the drawing inside it hidden. */}
        <div aria-hidden className="h-full">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -12 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
              <XAxis dataKey="tick" tick={AXIS} interval="preserveStartEnd" minTickGap={12} />
              <YAxis tick={AXIS} allowDecimals={false} domain={[0, yMax ?? (unit === "percent" ? 100 : "auto")]} tickFormatter={(v: number) => formatValue(v, unit)} width={unit === "percent" ? 48 : 52} />
              <Tooltip
                labelFormatter={(_, payload) => (payload?.[0]?.payload as { label?: string } | undefined)?.label ?? ""}
                formatter={(value, name) => [formatValue(typeof value === "number" ? value : null, unit), name]}
              />
              {highlightTick ? <ReferenceLine x={highlightTick} stroke={COLOURS.amber} strokeDasharray="2 2" /> : null}
              {series.map((s) =>
                s.kind === "bar" ? (
                  <Bar key={s.key} dataKey={s.key} name={s.label} fill={COLOURS[s.colour]} isAnimationActive={false} />
                ) : (
                  <Line
                    key={s.key}
                    dataKey={s.key}
                    name={s.label}
                    stroke={COLOURS[s.colour]}
                    strokeWidth={2}
                    strokeDasharray={s.dashed ? "5 4" : undefined}
                    dot={s.dashed ? false : { r: 2.5 }}
                    connectNulls={false}
                    type="linear"
                    isAnimationActive={false}
                  />
                ),
              )}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-700">Show the figures as a table</summary>
        <div className="mt-2 relative overflow-x-auto">
          <FiguresTable caption={caption} header={header} rows={rows} series={series} unit={unit} highlight={highlight?.label} />
          {tableNote ? <p className="mt-1 text-xs text-slate-500">{tableNote}</p> : null}
        </div>
      </details>
    </div>
  );
}

/**
 * A word-sized line of one series, for a row of a grid or table whose cells already carry the same figures: the
 * picture adds nothing a screen reader needs, so it is hidden from them.
 */
export function Sparkline({ values, colour = "brand", width = 96, height = 24, testId }: { values: (number | null)[]; colour?: ChartColour; width?: number; height?: number; testId?: string }) {
  return (
    <span aria-hidden className="inline-block align-middle" style={{ width, height }} data-testid={testId}>
      <LineChart width={width} height={height} data={values.map((value) => ({ value }))} margin={{ top: 2, right: 2, bottom: 2, left: 2 }} accessibilityLayer={false}>
        <YAxis hide domain={[0, "auto"]} />
        <Line dataKey="value" stroke={COLOURS[colour]} strokeWidth={1.5} dot={false} isAnimationActive={false} />
      </LineChart>
    </span>
  );
}
