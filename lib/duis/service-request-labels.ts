// Words for Service Request statuses and kinds, shared by the server pages and the live (client) table: no database.
import type { ServiceRequestKind, ServiceRequestStatus } from "@/generated/prisma/enums";

export const STATUS_LABELS: Record<ServiceRequestStatus, string> = {
  REJECTED: "Rejected",
  PRE_COMMAND_ISSUED: "Pre-Command issued",
  WAITING_EXECUTION: "Waiting for execution",
  COMMAND_SENT: "Command sent",
  RESPONDED: "Responded",
  FAILED: "No response (DCC Alert)",
  QUARANTINED: "Quarantined (ADT breach)",
  DELETED: "Deleted from quarantine",
  COMPLETED: "Completed",
  CANCELLED: "Cancelled",
};

export const KIND_LABELS: Record<ServiceRequestKind, string> = { CRITICAL: "Critical", NON_CRITICAL: "Non-Critical", NON_DEVICE: "Non-Device" };

/** Statuses that still change without the user (the list polls requests in these). */
export const LIVE_STATUSES: readonly ServiceRequestStatus[] = ["PRE_COMMAND_ISSUED", "WAITING_EXECUTION", "COMMAND_SENT"];
