// The forecast grid (F5.4): a row per month of the 24, per Region its HAN Variants (months 1-10) or only its total
// (months 11-24), a total per Region and for all Regions. Used read-only on a forecast's page and, with inputs in
// the cells, by the editor. No client state here: the editor owns the values. A sparkline per Region under the
// totals.
import { Sparkline } from "@/components/charts/chart";
import { formatCount, formatMonth } from "@/lib/format";
import { HAN_VARIANTS, HAN_VARIANT_LABELS, REGIONS, REGION_LABELS } from "@/lib/orders/catalog";
import { cellKey } from "./fields";

const SHORT_VARIANT_LABELS: Record<(typeof HAN_VARIANTS)[number], string> = { SINGLE_BAND: "Single band", DUAL_BAND: "Dual band" };

export interface ForecastTableProps {
  months: string[];
  /** Months 1..variantMonths carry the HAN Variant split. */
  variantMonths: number;
  /** The number in a cell (0 for a blank one), for the totals. */
  value: (key: string) => number;
  /** What a cell shows: the number, or an input. `label` names the cell for screen readers. */
  cell: (key: string, label: string) => React.ReactNode;
  caption: string;
}

const num = "px-2 py-1 text-right tabular-nums";

export function ForecastTable({ months, variantMonths, value, cell, caption }: ForecastTableProps) {
  const regionTotal = (month: string, index: number, region: string) =>
    index < variantMonths ? HAN_VARIANTS.reduce((sum, v) => sum + value(cellKey(month, region, v)), 0) : value(cellKey(month, region, ""));
  const monthTotal = (month: string, index: number) => REGIONS.reduce((sum, r) => sum + regionTotal(month, index, r), 0);
  const variantSum = (region: string, variant: string) => months.slice(0, variantMonths).reduce((sum, m) => sum + value(cellKey(m, region, variant)), 0);
  const regionSum = (region: string) => months.reduce((sum, m, i) => sum + regionTotal(m, i, region), 0);
  const grandTotal = months.reduce((sum, m, i) => sum + monthTotal(m, i), 0);

  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-sm" data-testid="forecast-grid">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs text-slate-600">
          <tr className="border-b border-slate-200">
            <th scope="col" rowSpan={2} className="px-2 py-1 text-left font-semibold">
              Month
            </th>
            {REGIONS.map((region) => (
              <th key={region} scope="colgroup" colSpan={HAN_VARIANTS.length + 1} className="border-l border-slate-200 px-2 py-1 text-center font-semibold uppercase tracking-wide">
                {REGION_LABELS[region]}
              </th>
            ))}
            <th scope="col" rowSpan={2} className="border-l border-slate-200 px-2 py-1 text-right font-semibold">
              All Regions
            </th>
          </tr>
          <tr className="border-b border-slate-200">
            {REGIONS.flatMap((region) => [
              ...HAN_VARIANTS.map((v, i) => (
                <th key={`${region}-${v}`} scope="col" className={`px-2 py-1 text-right font-medium ${i === 0 ? "border-l border-slate-200" : ""}`}>
                  <abbr title={HAN_VARIANT_LABELS[v]} className="no-underline">
                    {SHORT_VARIANT_LABELS[v]}
                  </abbr>
                </th>
              )),
              <th key={`${region}-total`} scope="col" className="px-2 py-1 text-right font-semibold">
                Total
              </th>,
            ])}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {months.map((month, index) => {
            const split = index < variantMonths;
            return (
              <tr key={month} className={index === variantMonths ? "border-t-2 border-slate-300" : undefined} data-testid="forecast-row">
                <th scope="row" className="whitespace-nowrap px-2 py-1 text-left font-medium">
                  <span className="inline-block w-6 text-slate-500">{index + 1}</span> {formatMonth(month)}
                </th>
                {REGIONS.flatMap((region) =>
                  split
                    ? [
                        ...HAN_VARIANTS.map((v, i) => (
                          <td key={`${region}-${v}`} className={`${num} ${i === 0 ? "border-l border-slate-200" : ""}`}>
                            {cell(cellKey(month, region, v), `${formatMonth(month)} ${REGION_LABELS[region]} ${HAN_VARIANT_LABELS[v]}`)}
                          </td>
                        )),
                        <td key={`${region}-total`} className={`${num} font-medium text-slate-700`} data-testid={`total-${month}-${region}`}>
                          {formatCount(regionTotal(month, index, region))}
                        </td>,
                      ]
                    : [
                        <td key={`${region}-split`} colSpan={HAN_VARIANTS.length} className="border-l border-slate-200 px-2 py-1 text-center text-xs text-slate-600">
                          total only
                        </td>,
                        <td key={`${region}-total`} className={num}>
                          {cell(cellKey(month, region, ""), `${formatMonth(month)} ${REGION_LABELS[region]} total`)}
                        </td>,
                      ],
                )}
                <td className={`${num} border-l border-slate-200 font-semibold`} data-testid={`month-total-${month}`}>
                  {formatCount(monthTotal(month, index))}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot className="border-t-2 border-slate-300 bg-slate-50">
          <tr>
            <th scope="row" className="px-2 py-1 text-left font-semibold">
              24 months
            </th>
            {REGIONS.flatMap((region) => [
              ...HAN_VARIANTS.map((v, i) => (
                <td key={`${region}-${v}`} className={`${num} ${i === 0 ? "border-l border-slate-200" : ""} text-slate-600`} title={`Months 1-${variantMonths} only`}>
                  {formatCount(variantSum(region, v))}
                </td>
              )),
              <td key={`${region}-total`} className={`${num} font-semibold`} data-testid={`region-total-${region}`}>
                {formatCount(regionSum(region))}
              </td>,
            ])}
            <td className={`${num} border-l border-slate-200 font-semibold`} data-testid="grand-total">
              {formatCount(grandTotal)}
            </td>
          </tr>
          {/* The Region totals of the rows above as a line: the shape of the forecast at a glance, live as it is typed. */}
          <tr aria-hidden className="border-t border-slate-200">
            <td className="px-2 py-1 text-left text-xs text-slate-600">Month by month</td>
            {REGIONS.map((region) => (
              <td key={region} colSpan={HAN_VARIANTS.length + 1} className="border-l border-slate-200 px-2 py-1 text-center">
                <Sparkline values={months.map((m, i) => regionTotal(m, i, region))} width={160} height={28} testId={`sparkline-${region}`} />
              </td>
            ))}
            <td className="border-l border-slate-200" />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
