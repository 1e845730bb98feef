// SR 8.4 Update Inventory, function 3: the Responsible Supplier sets an SMI Status the table allows (T5-T7, T9-T12, T15).
import type { SmiStatus } from "@/generated/prisma/enums";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { inTransaction, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatEui64 } from "@/lib/identifiers";
import { guardedUpdate } from "@/lib/state/transition";
import { loadDevice, refuseStatus, requirePendingOwner, requireResponsibleSupplier, statusChange, statusLabel } from "./guards";
import { updateStatusSchema, type UpdateStatusInput } from "./schemas";
import { STATUSES_FOR_TYPE, TYPE_2, findTransition, statusForValidation } from "./status-machine";

const RULE = "SR 8.4 Update Inventory (SMI Status)";
const TRIGGER = "SR 8.4 Update Inventory (status)";

export async function updateDeviceStatus(actor: Actor, input: UpdateStatusInput, tx?: Tx) {
  authorize(actor, "smi.service-request");
  const data = updateStatusSchema.parse(input);
  return inTransaction(tx, async (tx) => {
    const device = await loadDevice(tx, data.deviceId);
    if (TYPE_2.includes(device.deviceType)) throw new AppError("INVALID", `${RULE}: a ${device.deviceType} is a Type 2 device and has no SMI Status.`);
    if (!STATUSES_FOR_TYPE[device.deviceType].includes(data.status)) {
      throw new AppError("INVALID", `${RULE}: ${statusLabel(data.status)} is not a status a ${device.deviceType} can hold.`);
    }
    const from = statusForValidation(device);
    const transition = from ? findTransition(TRIGGER, device.deviceType, from, data.status) : undefined;
    if (!transition) refuseStatus(RULE, device, `the status function does not move a ${device.deviceType} from ${statusLabel(from)} to ${statusLabel(data.status)}.`);
    await requireResponsibleSupplier(tx, actor, device, RULE);
    requirePendingOwner(actor, device, RULE);

    const at = now();
    const moves: { id: string; status: SmiStatus | null; version: number; to: SmiStatus }[] = [{ ...device, to: data.status }];
    if (transition.gpf) {
      const gpfs = await tx.device.findMany({ where: { deviceType: "GPF", status: transition.gpf.from, associations: { some: { associatedDeviceId: device.id } } } });
      moves.push(...gpfs.map((g) => ({ ...g, to: transition.gpf!.to })));
    }
    for (const move of moves) {
      await guardedUpdate(tx, "device", `Device ${formatEui64(move.id)}`, move, {
        status: move.to,
        statusBeforeRecovery: null,
        pendingSince: move.to === "PENDING" ? at : null,
        ...(move.to === "COMMISSIONED" ? { commissionedAt: at } : {}),
      });
    }
    await tx.deviceStatusChange.createMany({ data: moves.map((m) => statusChange(m, m.to, transition, actor)) });
    await audit(tx, actor, {
      action: "device.update-status",
      entityType: "Device",
      entityId: device.id,
      partyId: actor.partyId,
      before: { status: device.status },
      after: { status: data.status, transition: transition.id, alsoMoved: moves.slice(1).map((m) => ({ id: m.id, to: m.to })) },
    });
    return { transition: transition.id, moved: moves.map((m) => ({ id: m.id, to: m.to })) };
  });
}
