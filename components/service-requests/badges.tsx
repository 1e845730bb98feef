// Status and check-result badges of the Service Request pages (server- and client-safe).
import type { ServiceRequestStatus } from "@/generated/prisma/enums";
import { Badge } from "@/components/ui/card";
import { STATUS_LABELS } from "@/lib/duis/service-request-labels";

type Tone = "slate" | "green" | "red" | "amber" | "blue";

const STATUS_TONES: Record<ServiceRequestStatus, Tone> = {
  REJECTED: "red",
  PRE_COMMAND_ISSUED: "amber",
  WAITING_EXECUTION: "blue",
  COMMAND_SENT: "blue",
  RESPONDED: "green",
  FAILED: "red",
  QUARANTINED: "amber",
  DELETED: "slate",
  COMPLETED: "green",
  CANCELLED: "slate",
};

export function ServiceRequestStatusBadge({ status }: { status: ServiceRequestStatus }) {
  return (
    <span data-testid="sr-status" data-status={status}>
      <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>
    </span>
  );
}

// "quarantine": Threshold Anomaly Detection held an accepted request (no refusal).
const RESULT_TONES = { pass: "green", fail: "red", skip: "slate", quarantine: "amber" } as const;
const RESULT_LABELS = { pass: "Passed", fail: "Failed", skip: "Not applicable", quarantine: "Quarantined" } as const;

export function CheckResultBadge({ result }: { result: keyof typeof RESULT_TONES }) {
  return <Badge tone={RESULT_TONES[result]}>{RESULT_LABELS[result]}</Badge>;
}

/** A response code: I (information) green, W (warning) amber, anything else (E, N) red. */
export function ResponseCode({ code }: { code: string | null }) {
  if (!code) return <span className="text-slate-500">—</span>;
  const tone = code.startsWith("I") ? "text-green-800" : code.startsWith("W") ? "text-amber-900" : "text-red-800";
  return (
    <code className={`font-mono text-xs font-semibold ${tone}`} data-testid="sr-code">
      {code}
    </code>
  );
}
