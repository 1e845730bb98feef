// Status and compliance badges of the CH ordering pages (server-safe: no client state).
import type { ChConsignmentStatus, ChOrderStatus } from "@/generated/prisma/enums";
import { Badge } from "@/components/ui/card";
import { CONSIGNMENT_STATUS_LABELS } from "@/lib/orders/consignments";
import { ORDER_STATUS_LABELS } from "@/lib/orders/orders";

type Tone = "slate" | "green" | "red" | "amber" | "blue";

const STATUS_TONES: Record<ChOrderStatus, Tone> = {
  SUBMITTED: "blue",
  ACCEPTED: "green",
  NON_COMPLIANT: "amber",
  ACCEPTED_IN_PART: "green",
  REJECTED: "red",
  CANCELLED: "slate",
};

export function OrderStatusBadge({ status }: { status: ChOrderStatus }) {
  return (
    <span data-testid="order-status">
      <Badge tone={STATUS_TONES[status]}>{ORDER_STATUS_LABELS[status]}</Badge>
    </span>
  );
}

/** Compliant with the forecasts, or not; a late order (F5.14) is not compliant whatever its quantities. */
export function CompliantBadge({ compliant, late }: { compliant: boolean; late: boolean }) {
  return (
    <span data-testid="order-compliant">
      <Badge tone={compliant ? "green" : "amber"}>{compliant ? "Compliant" : late ? "Not compliant: late" : "Not compliant"}</Badge>
    </span>
  );
}

export function DeemedBadge({ deemed }: { deemed: boolean }) {
  return deemed ? (
    <span data-testid="forecast-deemed">
      <Badge tone="amber">Deemed</Badge>
    </span>
  ) : (
    <Badge tone="slate">Submitted</Badge>
  );
}

const CONSIGNMENT_TONES: Record<ChConsignmentStatus, Tone> = {
  SCHEDULED: "blue",
  CANCELLED: "slate",
  DEEMED_CANCELLED: "slate",
  DELIVERED: "amber",
  CONFIRMED_COMPLIANT: "green",
  DEEMED_COMPLIANT: "green",
  NON_COMPLIANT_SHORT: "red",
  REJECTED: "red",
  COLLECTED: "slate",
};

export function ConsignmentStatusBadge({ status }: { status: ChConsignmentStatus }) {
  return (
    <span data-testid="consignment-status" data-status={status}>
      <Badge tone={CONSIGNMENT_TONES[status]}>{CONSIGNMENT_STATUS_LABELS[status]}</Badge>
    </span>
  );
}
