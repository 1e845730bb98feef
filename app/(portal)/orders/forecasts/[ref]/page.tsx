import type { Metadata } from "next";
import Link from "next/link";
import { DeemedBadge } from "@/components/orders/badges";
import { ForecastTable } from "@/components/orders/forecast-table";
import { Banner } from "@/components/smi/badges";
import { ButtonLink } from "@/components/ui/button";
import { Card, DefinitionList } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { formatCount, formatMonth } from "@/lib/format";
import { FORECAST_VARIANT_MONTHS, forecastMonths } from "@/lib/orders/calendar";
import { gridValues } from "@/lib/orders/forecast-grid";
import { readForecast } from "@/lib/orders/forecasts";

type Params = { params: Promise<{ ref: string }>; searchParams: Promise<{ submitted?: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { ref } = await params;
  return { title: `Forecast ${ref.toUpperCase()}` };
}

export default async function ForecastPage({ params, searchParams }: Params) {
  const actor = await requireActor("ch.view");
  const { ref } = await params;
  const { submitted } = await searchParams;
  const forecast = await orPageError(() => readForecast(actor, ref));
  const months = forecastMonths(forecast.submissionMonth);
  const values = gridValues(forecast.lines);
  const value = (key: string) => values[key] ?? 0;
  return (
    <>
      <PageHeader
        title={`Forecast ${forecast.ref}`}
        description={`${forecast.party.name} · submitted in ${formatMonth(forecast.submissionMonth)} · ${formatMonth(months[0])} to ${formatMonth(months.at(-1)!)}`}
        actions={
          <>
            <ButtonLink variant="secondary" href={`/orders/forecasts/export?ref=${forecast.ref}`} prefetch={false} data-testid="forecast-csv">
              Download as CSV
            </ButtonLink>
            <ButtonLink variant="secondary" href="/orders/forecasts">
              All forecasts
            </ButtonLink>
          </>
        }
      />
      {submitted ? (
        <Banner testId="submitted-banner">
          Forecast {forecast.ref} received on {formatLondon(forecast.submittedAt)}. An email with its reference to every OMS account of {forecast.party.name} has been queued.
        </Banner>
      ) : null}
      <div className="space-y-4">
        <Card>
          <DefinitionList
            items={[
              ["Reference", <span key="ref" className="font-mono">{forecast.ref}</span>],
              ["Kind", <DeemedBadge key="kind" deemed={forecast.deemed} />],
              ["Submitted", `${formatLondon(forecast.submittedAt)}${forecast.deemed ? " (deemed: no forecast arrived by the deadline)" : ""}`],
              ["Covers", `${formatMonth(months[0])} to ${formatMonth(months.at(-1)!)} (months 1-${months.length})`],
            ]}
          />
        </Card>
        <ForecastTable
          months={months}
          variantMonths={FORECAST_VARIANT_MONTHS}
          value={value}
          caption={`Forecast ${forecast.ref}: CHs per month, Region and HAN Variant`}
          cell={(key) => formatCount(value(key))}
        />
        <p className="text-xs text-slate-500">
          Months 1-{FORECAST_VARIANT_MONTHS} give CHs per HAN Variant in each Region; months {FORECAST_VARIANT_MONTHS + 1}-{months.length} give only the Region&apos;s
          total.{" "}
          <Link href="/orders" className="text-brand-700 underline">
            Forecast against orders
          </Link>
        </p>
      </div>
    </>
  );
}
