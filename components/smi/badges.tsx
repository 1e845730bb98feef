// Small presentational pieces shared by the SMI, alerts and CPL pages (server-safe: no client state).
import type { CplStatus, DeviceType, EsmeVariant, SmiStatus } from "@/generated/prisma/enums";
import { Badge } from "@/components/ui/card";
import { formatDay, plural } from "@/lib/format";
import type { CpaExpiry } from "@/lib/smi/read-cpl";
import { DEVICE_TYPE_LABELS, STATUS_LABELS } from "@/lib/smi/status-machine";

type Tone = "slate" | "green" | "red" | "amber" | "blue";

const STATUS_TONES: Record<SmiStatus, Tone> = {
  PENDING: "amber",
  WHITELISTED: "blue",
  INSTALLED_NOT_COMMISSIONED: "blue",
  COMMISSIONED: "green",
  DECOMMISSIONED: "slate",
  WITHDRAWN: "slate",
  SUSPENDED: "red",
  RECOVERY: "amber",
  RECOVERED: "green",
};

export { REGION_LABELS } from "@/lib/orders/catalog";

export const ESME_VARIANT_LABELS: Record<EsmeVariant, string> = {
  SINGLE_ELEMENT: "Single element",
  TWIN_ELEMENT: "Twin element",
  POLYPHASE: "Polyphase",
};

/** The SMI Status as a badge; Type 2 devices (no status) show a dash. */
export function SmiStatusBadge({ status }: { status: SmiStatus | null }) {
  if (!status) return <span className="text-slate-500" title="Type 2 devices have no SMI Status">—</span>;
  return (
    <span data-testid="smi-status">
      <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>
    </span>
  );
}

export function CplStatusBadge({ status, long = false }: { status: CplStatus; long?: boolean }) {
  return status === "CURRENT" ? (
    <Badge tone="green">{long ? "Current on the CPL" : "current"}</Badge>
  ) : (
    <Badge tone="red">{long ? "Removed from the CPL" : "removed"}</Badge>
  );
}

/** A CPA Certificate's expiry date, flagged when it has passed or falls within the Panel's 6-month warning. */
export function CpaExpiryCell({ expiresOn, expiry }: { expiresOn: Date | null; expiry: CpaExpiry }) {
  if (!expiresOn) return <>—</>;
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5" data-testid="cpa-expiry">
      <span>{formatDay(expiresOn)}</span>
      {expiry?.state === "expired" && <Badge tone="red">{expiry.days === 0 ? "expired today" : `expired ${plural(expiry.days, "day")} ago`}</Badge>}
      {expiry?.state === "near" && <Badge tone="amber">{expiry.days === 0 ? "expires today" : `expires in ${plural(expiry.days, "day")}`}</Badge>}
    </span>
  );
}

/** The device type code with its full name for screen readers and on hover. */
export function DeviceTypeLabel({ type }: { type: DeviceType }) {
  return (
    <abbr title={DEVICE_TYPE_LABELS[type]} className="no-underline">
      {type}
    </abbr>
  );
}

/** A green or red banner for a completed (or refused) step shown after a redirect. */
const BANNER_TONES = { green: "bg-green-50 text-green-800", amber: "bg-amber-50 text-amber-900", red: "bg-red-50 text-red-800" };

export function Banner({ tone = "green", children, testId }: { tone?: keyof typeof BANNER_TONES; children: React.ReactNode; testId?: string }) {
  return (
    <p
      role="status"
      data-testid={testId}
      className={`mb-4 rounded-md px-3 py-2 text-sm ${BANNER_TONES[tone]}`}
    >
      {children}
    </p>
  );
}
