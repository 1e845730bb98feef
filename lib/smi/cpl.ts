// CPL changes applied to the SMI (inventory.md §3.5): a model marked 'removed' suspends every device of it (T16, N28);
// marked 'current' again, its devices return to the status they held before suspension (T17, N29).
import { z } from "zod";
import type { SmiStatus } from "@/generated/prisma/enums";
import { raiseDccAlerts, type DccAlertCode } from "@/lib/alerts/dcc-alerts";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ChangedMeanwhile } from "@/lib/state/transition";
import { formatEui64 } from "@/lib/identifiers";
import { reference } from "@/lib/validation";
import { registrationsOf } from "./registrations";
import { TRANSITIONS, type Transition } from "./status-machine";

const modelRef = z.object({ modelId: reference("Choose a Device Model.") });
const T16 = TRANSITIONS.find((t) => t.id === "T16")!;
const T17 = TRANSITIONS.find((t) => t.id === "T17")!;
const ALERT_BATCH = 5_000;

export async function removeCplModel(actor: Actor, input: z.input<typeof modelRef>) {
  return changeCplStatus(actor, modelRef.parse(input).modelId, "REMOVED");
}

export async function restoreCplModel(actor: Actor, input: z.input<typeof modelRef>) {
  return changeCplStatus(actor, modelRef.parse(input).modelId, "CURRENT");
}

async function changeCplStatus(actor: Actor, modelId: string, status: "CURRENT" | "REMOVED") {
  authorize(actor, "cpl.manage");
  return db().$transaction(
    async (tx) => {
      const model = await tx.deviceModel.findUnique({ where: { id: modelId } });
      if (!model) throw new AppError("NOT_FOUND", "That Device Model is not on the CPL.");
      if (model.status === status) {
        throw new AppError("CONFLICT", `${model.manufacturer} ${model.model} is already marked '${status === "CURRENT" ? "current" : "removed"}' on the CPL.`);
      }
      // Guarded by the status read: of two admins changing the model at once, one is refused.
      const { count } = await tx.deviceModel.updateMany({ where: { id: model.id, status: model.status }, data: { status, statusChangedAt: now() } });
      if (!count) throw new ChangedMeanwhile(`${model.manufacturer} ${model.model}`);
      const moved = status === "REMOVED" ? await suspendDevicesOf(tx, model.id, actor) : await unsuspendDevicesOf(tx, model.id, actor);
      const code: DccAlertCode = status === "REMOVED" ? "N28" : "N29";
      const name = `${model.manufacturer} ${model.model} (hardware ${model.hardwareVersion}, firmware ${model.firmwareVersion})`;
      await alertSupplierAndNetworkOperator(tx, moved, code, (id) =>
        status === "REMOVED"
          ? `Device ${formatEui64(id)} is Suspended: its Device Model ${name} was removed from the CPL.`
          : `Device ${formatEui64(id)} is restored from suspension: its Device Model ${name} is current on the CPL again.`,
      );
      await audit(tx, actor, {
        action: status === "REMOVED" ? "cpl.remove-model" : "cpl.restore-model",
        entityType: "DeviceModel",
        entityId: model.id,
        partyId: null,
        before: { status: model.status },
        after: { status, devicesChanged: moved.length },
      });
      return { devicesChanged: moved.length };
    },
    { timeout: 600_000 },
  );
}

const SUSPENDABLE: SmiStatus[] = [...new Set(T16.from)].filter((s): s is SmiStatus => s !== null);

/** Set-based: one statement suspends every device of the model and writes its history row. */
async function suspendDevicesOf(tx: Tx, modelId: string, actor: Actor): Promise<string[]> {
  const rows = await tx.$queryRaw<{ deviceId: string }[]>`
    WITH moved AS (
      UPDATE "Device" SET "statusBeforeSuspension" = status, status = 'SUSPENDED', version = version + 1, "updatedAt" = ${now()}
      WHERE "modelId" = ${modelId} AND status::text = ANY(${SUSPENDABLE}::text[])
      RETURNING id, "statusBeforeSuspension"
    )
    INSERT INTO "DeviceStatusChange" (id, "deviceId", "fromStatus", "toStatus", at, cause, transition, "actorId", "actorName")
    SELECT gen_random_uuid()::text, id, "statusBeforeSuspension", 'SUSPENDED', ${now()}, ${T16.trigger}, ${T16.id}, ${actor.accountId}, ${historyActor(actor, T16)}
    FROM moved
    RETURNING "deviceId"`;
  return rows.map((r) => r.deviceId);
}

async function unsuspendDevicesOf(tx: Tx, modelId: string, actor: Actor): Promise<string[]> {
  const rows = await tx.$queryRaw<{ deviceId: string }[]>`
    WITH moved AS (
      UPDATE "Device" SET status = "statusBeforeSuspension", "statusBeforeSuspension" = NULL, version = version + 1, "updatedAt" = ${now()}
      WHERE "modelId" = ${modelId} AND status = 'SUSPENDED' AND "statusBeforeSuspension" IS NOT NULL
      RETURNING id, status
    )
    INSERT INTO "DeviceStatusChange" (id, "deviceId", "fromStatus", "toStatus", at, cause, transition, "actorId", "actorName")
    SELECT gen_random_uuid()::text, id, 'SUSPENDED', status, ${now()}, ${T17.trigger}, ${T17.id}, ${actor.accountId}, ${historyActor(actor, T17)}
    FROM moved
    RETURNING "deviceId"`;
  return rows.map((r) => r.deviceId);
}

const historyActor = (actor: Actor, transition: Transition) => `DCC (${transition.trigger}, applied by ${actor.name})`;

/** N28/N29 go to each device's Responsible Supplier(s) and Network Operator(s) (L847, AC 9.1-9.2). */
async function alertSupplierAndNetworkOperator(tx: Tx, deviceIds: string[], code: DccAlertCode, message: (id: string) => string) {
  for (let i = 0; i < deviceIds.length; i += ALERT_BATCH) {
    const batch = deviceIds.slice(i, i + ALERT_BATCH);
    const registrations = await registrationsOf(tx, batch);
    await raiseDccAlerts(
      tx,
      batch.flatMap((id) =>
        (registrations.get(id) ?? []).flatMap((r) => [
          { code, deviceId: id, partyId: r.supplierId, message: message(id) },
          { code, deviceId: id, partyId: r.networkOperatorId, message: message(id) },
        ]),
      ),
    );
  }
}
