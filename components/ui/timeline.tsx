// The timeline of a record's events (orders, returns, RMAs, incidents): when, who, what kind, and what happened.
import { formatLondon } from "@/lib/clock";
import { Badge } from "./card";

type BadgeTone = Parameters<typeof Badge>[0]["tone"];

export interface TimelineEntry {
  id: string;
  at: Date;
  actorName: string;
  label: string;
  tone?: BadgeTone;
  /** A secondary entry (e.g. a consignment's, on its order's timeline) gets a muted dot. */
  muted?: boolean;
  /** After the badge: a link to what the entry is about. */
  aside?: React.ReactNode;
  body: React.ReactNode;
  /** data-* attributes for tests and styling, e.g. { kind: "submitted" }. */
  data?: Record<string, string | undefined>;
}

export function Timeline({ entries, testId }: { entries: TimelineEntry[]; testId: string }) {
  if (!entries.length) return <p className="text-sm text-slate-600">No activity yet.</p>;
  return (
    <ol className="space-y-3 border-l-2 border-slate-200 pl-4 text-sm" data-testid={testId}>
      {entries.map((e) => (
        <li key={e.id} className="relative" data-testid="timeline-entry" {...Object.fromEntries(Object.entries(e.data ?? {}).map(([k, v]) => [`data-${k}`, v]))}>
          <span aria-hidden className={`absolute -left-[1.4rem] top-1 h-2.5 w-2.5 rounded-full ${e.muted ? "bg-slate-400" : "bg-brand-600"}`} />
          <div className="flex flex-wrap items-center gap-2">
            <time dateTime={e.at.toISOString()} className="font-medium">
              {formatLondon(e.at, "d MMM yyyy, HH:mm:ss")}
            </time>
            <span data-testid="timeline-actor">{e.actorName}</span>
            <Badge tone={e.tone}>{e.label}</Badge>
            {e.aside}
          </div>
          {e.body}
        </li>
      ))}
    </ol>
  );
}
