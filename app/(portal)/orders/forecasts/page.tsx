import type { Metadata } from "next";
import Link from "next/link";
import { DeemedBadge } from "@/components/orders/badges";
import { ForecastEditor, ForecastImportForm } from "@/components/orders/forecast-editor";
import { WindowNote } from "@/components/orders/window-note";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable, type Column } from "@/components/ui/table";
import { can, seesAllParties } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { formatMonth } from "@/lib/format";
import { toPage } from "@/lib/lists";
import { forecastMonths } from "@/lib/orders/calendar";
import { forecastPrefill, submissionWindow } from "@/lib/orders/forecast-grid";
import { listForecasts } from "@/lib/orders/forecasts";

export const metadata: Metadata = { title: "CH forecasts" };

type ForecastRow = Awaited<ReturnType<typeof listForecasts>>[number];

export default async function ForecastsPage() {
  const actor = await requireActor("ch.view");
  const allParties = seesAllParties(actor, "ch.view");
  const ordering = can(actor, "ch.order");
  const omsWindow = submissionWindow();
  const [forecasts, prefill] = await Promise.all([orPageError(() => listForecasts(actor)), ordering ? orPageError(() => forecastPrefill(actor, omsWindow.submissionMonth)) : null]);
  const current = prefill?.source?.submissionMonth === omsWindow.submissionMonth ? prefill.source : null;

  const columns: Column<ForecastRow>[] = [
    {
      header: "Reference",
      cell: (f) => (
        <Link href={`/orders/forecasts/${f.ref}`} className="font-mono font-medium text-brand-700 hover:underline" data-testid="forecast-ref">
          {f.ref}
        </Link>
      ),
    },
    ...(allParties ? [{ header: "Party", cell: (f: ForecastRow) => f.party.name }] : []),
    { header: "Submission month", cell: (f) => formatMonth(f.submissionMonth) },
    {
      header: "Covers",
      cell: (f) => {
        const months = forecastMonths(f.submissionMonth);
        return `${formatMonth(months[0])} – ${formatMonth(months.at(-1)!)}`;
      },
    },
    { header: "Kind", cell: (f) => <DeemedBadge deemed={f.deemed} /> },
    { header: "Submitted", cell: (f) => formatLondon(f.submittedAt) },
    { header: "By", cell: (f) => f.submittedBy?.name ?? <span className="text-slate-500">{f.deemed ? "Deemed by the DCC" : "—"}</span> },
  ];

  return (
    <>
      <PageHeader
        title="CH forecasts"
        description="24 months of Communications Hub demand from the 6th month after submission: per Region, and per HAN Variant for the first 10 months. Submitted every month; when none arrives, one is deemed from the previous forecast."
        actions={
          <ButtonLink variant="secondary" href="/orders">
            CH orders
          </ButtonLink>
        }
      />

      <div className="space-y-6">
        {ordering && prefill ? (
          <Card title={`${formatMonth(omsWindow.submissionMonth)} forecast: ${formatMonth(omsWindow.forecastMonths[0])} to ${formatMonth(omsWindow.forecastMonths.at(-1)!)}`}>
            <div className="mb-4 space-y-2 text-sm text-slate-700">
              <WindowNote window={omsWindow} what="forecasts" testId="forecast-deadline" />
              <p>You may submit again until the deadline: the latest forecast counts.</p>
              <p data-testid="forecast-prefill">
                {prefill.source ? (
                  <>
                    {current ? "Your current forecast " : "Prefilled from your latest forecast "}
                    <Link href={`/orders/forecasts/${prefill.source.ref}`} className="font-mono text-brand-700 underline">
                      {prefill.source.ref}
                    </Link>{" "}
                    ({prefill.source.deemed ? "deemed" : "submitted"} {formatLondon(prefill.source.submittedAt)}){current ? "." : `: ${prefill.filled} of ${prefill.cells} cells, matched by calendar month; the rest are empty.`}
                  </>
                ) : (
                  "No earlier forecast to start from: the grid is empty."
                )}
              </p>
              <p>
                <a href="/orders/forecasts/export" className="text-brand-700 underline" data-testid="forecast-download" download>
                  {current ? `Download the ${formatMonth(omsWindow.submissionMonth)} forecast as CSV` : "Download the template as CSV"}
                </a>
              </p>
            </div>
            <ForecastEditor
              months={omsWindow.forecastMonths}
              variantMonths={omsWindow.variantMonths}
              initial={prefill.values}
              submissionMonth={formatMonth(omsWindow.submissionMonth)}
            />
            <div className="mt-6 border-t border-slate-100 pt-4">
              <h3 className="mb-2 text-sm font-semibold">Import CSV</h3>
              <ForecastImportForm />
            </div>
          </Card>
        ) : null}

        <section aria-labelledby="forecast-list-heading">
          <h2 id="forecast-list-heading" className="mb-2 text-base font-semibold">
            {allParties ? "Forecasts of every party" : "Your forecasts"}
          </h2>
          {forecasts.length === 0 ? (
            <EmptyState title="No forecasts yet.">{ordering ? "Fill in the grid above, or import a CSV." : null}</EmptyState>
          ) : (
            <DataTable page={toPage(forecasts, forecasts.length, 1, forecasts.length)} columns={columns} rowKey={(f) => f.id} caption={`Forecasts: ${forecasts.length}`} />
          )}
        </section>
      </div>
    </>
  );
}
