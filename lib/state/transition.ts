// Every change to a stateful record (incident, CH order, consignment, return, RMA, device, Receive Response URL) is
// written here. A status move is looked up in the record's machine, and every write is guarded by the status and
// version that were read, so of two concurrent changes exactly one wins. The loser gets a CONFLICT before its
// timeline entry, audit row or email is written; those share its transaction, so nothing of it remains.
import type { ChConsignment, ChOrder, ChReturn, ChRma, Device, Incident, Prisma, ResponseEndpoint } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

interface Models {
  incident: { row: Incident; data: Prisma.IncidentUncheckedUpdateManyInput };
  chOrder: { row: ChOrder; data: Prisma.ChOrderUncheckedUpdateManyInput };
  chConsignment: { row: ChConsignment; data: Prisma.ChConsignmentUncheckedUpdateManyInput };
  chReturn: { row: ChReturn; data: Prisma.ChReturnUncheckedUpdateManyInput };
  chRma: { row: ChRma; data: Prisma.ChRmaUncheckedUpdateManyInput };
  device: { row: Device; data: Prisma.DeviceUncheckedUpdateManyInput };
  responseEndpoint: { row: ResponseEndpoint; data: Prisma.ResponseEndpointUncheckedUpdateManyInput };
}
export type StatefulModel = keyof Models;

/** A lost race: the record changed between being read and being written. */
export class ChangedMeanwhile extends AppError {
  constructor(ref: string) {
    super("CONFLICT", `${ref} changed meanwhile: reload and try again.`);
  }
}

/** The record as it was read: its id, version and (when it has one) status. */
export interface ReadState {
  id: string;
  version: number;
  status?: string | null;
}

/**
 * Writes `data` only if the record still holds the version (and status) read, bumping the version; returns the row
 * written. `ref` names the record in the refusal.
 */
export async function guardedUpdate<M extends StatefulModel>(tx: Tx, model: M, ref: string, read: ReadState, data: Models[M]["data"]): Promise<Models[M]["row"]> {
  // The delegates differ only in their types; the arguments below fit every one of them.
  const delegate = tx[model] as unknown as { updateManyAndReturn(args: object): Promise<Models[M]["row"][]> };
  const where = { id: read.id, version: read.version, ...(read.status !== undefined ? { status: read.status } : {}) };
  const [row] = await delegate.updateManyAndReturn({ where, data: { ...data, version: { increment: 1 } } });
  if (!row) throw new ChangedMeanwhile(ref);
  return row;
}

/** A record's status machine as data: the label of each status and, from each, the statuses it may move to. */
export interface StateMachine<S extends string> {
  labels: Record<S, string>;
  moves: Record<S, readonly S[]>;
}

/** Refuses a move the machine does not allow, naming both statuses. */
export function assertMove<S extends string>(machine: StateMachine<S>, ref: string, from: S, to: S) {
  if (!machine.moves[from].includes(to)) throw new AppError("CONFLICT", `${ref} is ${machine.labels[from]}: it cannot become ${machine.labels[to]}.`);
}

/** A status move: allowed by the machine, then written guarded by the status and version read. */
export async function transition<M extends StatefulModel, S extends string>(
  tx: Tx,
  model: M,
  machine: StateMachine<S>,
  record: { id: string; ref: string; version: number; status: S },
  to: S,
  data: Models[M]["data"] = {},
): Promise<Models[M]["row"]> {
  assertMove(machine, record.ref, record.status, to);
  return guardedUpdate(tx, model, record.ref, record, { ...data, status: to } as Models[M]["data"]);
}
