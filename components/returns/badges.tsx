// Status badges and deadline displays of the CH returns pages (server-safe: no client state).
import type { ChReturnStatus, ChRmaStatus } from "@/generated/prisma/enums";
import { Badge } from "@/components/ui/card";
import { formatLondon, londonDate } from "@/lib/clock";
import { plural } from "@/lib/format";
import { RETURN_STATUS_LABELS, RMA_STATUS_LABELS } from "@/lib/returns/status";

type Tone = "slate" | "green" | "red" | "amber" | "blue";

const RETURN_TONES: Record<ChReturnStatus, Tone> = {
  NOTIFIED: "amber",
  RMA_REQUESTED: "blue",
  RMA_AUTHORISED: "blue",
  RECEIVED: "green",
  UNDER_ANALYSIS: "amber",
  REPORT_ISSUED: "amber",
  OBJECTED: "red",
  CLOSED: "slate",
  LOST: "red",
};

const RMA_TONES: Record<ChRmaStatus, Tone> = { REQUESTED: "blue", AUTHORISED: "green", REJECTED: "red", RECEIVED: "slate" };

export function ReturnStatusBadge({ status }: { status: ChReturnStatus }) {
  return (
    <span data-testid="return-status" data-status={status}>
      <Badge tone={RETURN_TONES[status]}>{RETURN_STATUS_LABELS[status]}</Badge>
    </span>
  );
}

export function RmaStatusBadge({ status }: { status: ChRmaStatus }) {
  return (
    <span data-testid="rma-status" data-status={status}>
      <Badge tone={RMA_TONES[status]}>{RMA_STATUS_LABELS[status]}</Badge>
    </span>
  );
}

const DAY = 86_400_000;
/** Within this many days a running deadline shows amber. */
const NEAR_DAYS = 14;

/**
 * A deadline, with how long is left while it still runs (`running`): amber when near, red when passed. Once the step
 * it guards is done (or never applied) it is shown plainly.
 */
export function Deadline({ due, at, running, testId }: { due: Date | null; at: Date; running: boolean; testId?: string }) {
  if (!due) return <span className="text-slate-500">—</span>;
  const date = formatLondon(due, "d MMM yyyy");
  if (!running) return <span data-testid={testId}>{date}</span>;
  // Whole London calendar days from today to the due day (deadlines run to the end of their day).
  const left = Math.round((Date.parse(londonDate(due)) - Date.parse(londonDate(at))) / DAY);
  const overdue = due < at;
  const near = !overdue && left <= NEAR_DAYS;
  const tone = overdue ? "rounded bg-red-50 px-1 text-red-800" : near ? "rounded bg-amber-50 px-1 text-amber-900" : "";
  const note = overdue ? (left >= 0 ? "overdue" : `overdue by ${plural(-left, "day")}`) : left <= 0 ? "due today" : `${plural(left, "day")} left`;
  return (
    <span data-testid={testId} data-due={overdue ? "overdue" : near ? "near" : "ok"} className={`inline-flex flex-wrap items-baseline gap-1 ${tone}`}>
      <span>{date}</span>
      <span className="text-xs">({note})</span>
    </span>
  );
}
