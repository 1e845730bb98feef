// The building blocks every persona's home shares: a titled panel with its exact count, its rows or an empty state
// saying nothing needs the reader, and a link to the full list.
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { formatCount } from "@/lib/format";

export function HomePanel({
  title,
  count,
  testId,
  empty,
  more,
  children,
}: {
  title: string;
  /** Exact: how many records need the reader (the panel lists the first few). */
  count: number;
  testId: string;
  /** Said when the count is 0. */
  empty: string;
  /** The full list: shown under the rows. */
  more?: { href: string; label: string };
  children: React.ReactNode;
}) {
  return (
    <Card
      className="min-w-0"
      title={
        <span className="flex items-baseline justify-between gap-2">
          <span>{title}</span>
          <span className={`rounded px-1.5 text-sm tabular-nums ${count ? "bg-brand-100 text-brand-900" : "text-slate-500"}`} data-testid={`${testId}-count`}>
            {formatCount(count)}
          </span>
        </span>
      }
    >
      <div data-testid={testId}>
        {count === 0 ? (
          <p className="text-sm text-slate-600" data-testid={`${testId}-empty`}>
            <span className="font-medium text-slate-800">Nothing needs you now.</span> {empty}
          </p>
        ) : (
          <ul className="-my-1 divide-y divide-slate-100 text-sm">{children}</ul>
        )}
        {more && count > 0 ? (
          <Link href={more.href} className="mt-2 inline-block text-sm text-brand-700 hover:underline">
            {more.label} →
          </Link>
        ) : null}
      </div>
    </Card>
  );
}

/** One row of a panel: what it is (a link first) on the left, when it is due on the right, wrapping on a phone. */
export function PanelRow({ main, aside, detail, testId }: { main: React.ReactNode; aside?: React.ReactNode; detail?: React.ReactNode; testId?: string }) {
  return (
    <li className="py-1.5" data-testid={testId}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5">
        <div className="flex min-w-0 flex-wrap items-baseline gap-x-2 gap-y-0.5">{main}</div>
        {aside ? <div className="text-xs text-slate-700">{aside}</div> : null}
      </div>
      {detail ? <div className="truncate text-xs text-slate-600">{detail}</div> : null}
    </li>
  );
}

export function RefLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className="font-mono text-xs font-medium text-brand-700 hover:underline">
      {children}
    </Link>
  );
}

/** A row of small figures, each a link to its list. */
export function FigureStrip({ figures, label }: { figures: { label: string; value: number; href: string; tone?: "alert" }[]; label: string }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white px-4 py-2 text-sm shadow-sm">
      <h2 className="sr-only">{label}</h2>
      <dl className="flex flex-wrap gap-x-5 gap-y-1">
      {figures.map((f) => (
        <div key={f.label} className="flex items-baseline gap-1.5">
          <dt className="text-slate-600">{f.label}</dt>
          <dd>
            <Link href={f.href} className={`font-semibold tabular-nums hover:underline ${f.tone === "alert" && f.value > 0 ? "text-red-700" : "text-slate-900"}`}>
              {formatCount(f.value)}
            </Link>
          </dd>
        </div>
      ))}
      </dl>
    </section>
  );
}
