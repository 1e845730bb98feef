// The return record and RMA status machines (CHIMSM 9-11, F9), as data, and the one place that moves a return record
// along its machine with its timeline event and audit row.
import type { ChReturn, ChRmaStatus, ChReturnStatus, Prisma } from "@/generated/prisma/client";
import { audit } from "@/lib/audit";
import { statusAuditAction } from "@/lib/audit-actions";
import { actorLabel, type Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import type { Tx } from "@/lib/db";
import { transition, type StateMachine } from "@/lib/state/transition";

export const RETURN_STATUS_LABELS: Record<ChReturnStatus, string> = {
  NOTIFIED: "Notified: RMA needed",
  RMA_REQUESTED: "RMA requested",
  RMA_AUTHORISED: "RMA authorised: return booked",
  RECEIVED: "Received by the DCC",
  UNDER_ANALYSIS: "Further analysis required",
  REPORT_ISSUED: "Fault Analysis Report issued",
  OBJECTED: "Objected: with the Service Desk",
  CLOSED: "Closed",
  LOST: "Lost or stolen: blocked from the SM WAN",
};

/** From a status, where a returns record may go (service.md §1.5). */
export const RETURN_TRANSITIONS: Record<ChReturnStatus, readonly ChReturnStatus[]> = {
  NOTIFIED: ["RMA_REQUESTED", "LOST"],
  // A rejected RMA, or a CH missing from the delivery, needs a new RMA (CHIMSM 10.17-10.18).
  RMA_REQUESTED: ["RMA_AUTHORISED", "NOTIFIED", "LOST"],
  RMA_AUTHORISED: ["RECEIVED", "NOTIFIED", "LOST"],
  RECEIVED: ["UNDER_ANALYSIS", "CLOSED"],
  UNDER_ANALYSIS: ["REPORT_ISSUED", "CLOSED"],
  REPORT_ISSUED: ["OBJECTED", "CLOSED"],
  OBJECTED: ["CLOSED"],
  CLOSED: [],
  LOST: [],
};

/** Still on its way back: the 90-day rule and the lost report apply. */
export const OUTSTANDING_RETURN_STATUSES: readonly ChReturnStatus[] = ["NOTIFIED", "RMA_REQUESTED", "RMA_AUTHORISED"];

export const RMA_STATUS_LABELS: Record<ChRmaStatus, string> = {
  REQUESTED: "Requested: awaiting the DCC",
  AUTHORISED: "Authorised: booked",
  REJECTED: "Rejected",
  RECEIVED: "Received by the DCC",
};

export const RMA_TRANSITIONS: Record<ChRmaStatus, readonly ChRmaStatus[]> = {
  REQUESTED: ["AUTHORISED", "REJECTED"],
  AUTHORISED: ["RECEIVED"],
  REJECTED: [],
  RECEIVED: [],
};

export const RETURN_MACHINE: StateMachine<ChReturnStatus> = { labels: RETURN_STATUS_LABELS, moves: RETURN_TRANSITIONS };
export const RMA_MACHINE: StateMachine<ChRmaStatus> = { labels: RMA_STATUS_LABELS, moves: RMA_TRANSITIONS };

/** Move a returns record, guarded by its status and version (a concurrent change wins cleanly), with event and audit, in `tx`. */
export async function moveReturn(tx: Tx, actor: Actor | null, record: ChReturn, to: ChReturnStatus, change: { data?: Prisma.ChReturnUncheckedUpdateManyInput; event: string; kind?: string }) {
  await transition(tx, "chReturn", RETURN_MACHINE, record, to, change.data);
  await tx.chReturnEvent.create({ data: { returnId: record.id, at: now(), actorName: actorLabel(actor), kind: change.kind ?? to.toLowerCase(), text: change.event } });
  await audit(tx, actor, { action: statusAuditAction("ch-return", to), entityType: "ChReturn", entityId: record.ref, partyId: record.partyId, before: { status: record.status }, after: { status: to, ...change.data } });
}
