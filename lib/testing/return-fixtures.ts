// CH returns builders for unit tests. Like smi-fixtures.ts they write through Prisma directly, never through the
// operations under test: a CHF in the SMI (optionally once Commissioned, optionally served by meters registered to a
// Responsible Supplier) and returns records / RMAs at whatever point of their machines a test starts from.
import type { ChReturn, Prisma } from "@/generated/prisma/client";
import type { CspRegion, SmiStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { londonDate, now } from "@/lib/clock";
import { db, nextNumber } from "@/lib/db";
import { omsRef } from "@/lib/orders/oms-notices";
import type { NotifyReturnInput } from "@/lib/returns/returns";
import type { RmaRequestInput } from "@/lib/returns/rma";
import { makeActor, makeParty } from "./fixtures";
import { associate, makeCommsHub, makeCplModel, makeDevice, makeMeterPoint } from "./smi-fixtures";

/** A party with its OMS accounts: the actor holds CH Delivery and Returns (the profile that returns CHs). */
export async function makeOmsActor(opts: { partyId?: string } = {}): Promise<Actor> {
  return makeActor(["CH_DELIVERY_RETURNS"], { partyId: opts.partyId, roles: ["IS", "GS"] });
}

/** A DCC account with DCC_ADMIN (who decides RMAs, diagnoses, and records returns for parties via the Service Desk). */
export async function makeDccAdmin(opts: { partyId?: string } = {}): Promise<Actor> {
  return makeActor(["DCC_ADMIN"], { isDcc: true, partyId: opts.partyId });
}

export interface ChfOptions {
  /** Current SMI Status of the CHF (default PENDING: delivered, never installed). */
  status?: SmiStatus;
  /** Add a status-history row showing the CHF was once Commissioned (the 90-day rule then applies, F8.6). */
  commissionedHistory?: boolean;
  /** An ESME on an MPAN registered to this supplier, Associated to the CHF: the party is its Responsible Supplier. */
  responsibleSupplierId?: string;
  cspRegion?: CspRegion;
  /** The party it was delivered to (Device.chHolderPartyId). */
  heldBy?: string;
}

/** A Communications Hub (CHF + GPF) in the SMI, ready to be notified for return. */
export async function makeReturnableChf(opts: ChfOptions = {}) {
  const status = opts.status ?? "PENDING";
  const hub = await makeCommsHub({ status, cspRegion: opts.cspRegion ?? "CENTRAL" });
  const chf = opts.heldBy ? await db().device.update({ where: { id: hub.chf.id }, data: { chHolderPartyId: opts.heldBy } }) : hub.chf;
  const gpf = hub.gpf;
  if (opts.commissionedHistory) {
    const year = 365 * 86_400_000;
    await db().deviceStatusChange.createMany({
      data: [
        { deviceId: chf.id, fromStatus: "INSTALLED_NOT_COMMISSIONED", toStatus: "COMMISSIONED", at: new Date(now().getTime() - year), cause: "SRV 8.1.1 Commission Device", transition: "T6" },
        ...(status !== "COMMISSIONED" ? [{ deviceId: chf.id, fromStatus: "COMMISSIONED" as const, toStatus: status, at: new Date(now().getTime() - 86_400_000), cause: "Test history", transition: "T0" }] : []),
      ],
    });
  }
  let esme = null;
  if (opts.responsibleSupplierId) {
    const distributor = await makeParty({ roles: ["ED"] });
    const mpan = await makeMeterPoint({ fuel: "ELECTRICITY", registration: { supplierId: opts.responsibleSupplierId, networkOperatorId: distributor.id } });
    esme = await makeDevice({ deviceType: "ESME", status: "COMMISSIONED", model: await makeCplModel({ deviceType: "ESME" }), mpxn: mpan.mpxn });
    await associate(esme.id, chf.id);
  }
  return { chf, gpf, esme };
}

/** A valid SRV 8.14.3 notification (reason (f) CH Defect) of a CH removed today. */
export function notifyInput(deviceId: string, overrides: Partial<NotifyReturnInput> = {}): NotifyReturnInput {
  return { deviceId, kind: "FAULT", reason: "f", faultType: "CH Defect", removedOn: londonDate(now()), ...overrides };
}

/** A valid RMA request for the CHFs to the Birmingham (Central Region) returns location. */
export function rmaInput(chfIds: string[], preferredReturnDate: string, overrides: Partial<RmaRequestInput> = {}): RmaRequestInput {
  return {
    chfIds,
    returnsLocation: "RL-C1",
    contactName: "Stores Manager",
    contactEmail: "stores@example.test",
    contactPhone: "01234 567890",
    preferredReturnDate,
    ...overrides,
  };
}

/** A returns record written directly, at whatever status and timing the test states (default: notified, fault (f)). */
export async function makeReturnRow(partyId: string, deviceId: string, overrides: Partial<Prisma.ChReturnUncheckedCreateInput> = {}): Promise<ChReturn> {
  const number = await nextNumber(db(), "ChReturn");
  const at = now();
  return db().chReturn.create({
    data: {
      number,
      ref: omsRef("RET", number),
      partyId,
      deviceId,
      kind: "FAULT",
      reason: "f",
      faultType: "CH Defect",
      removedAt: at,
      notifiedAt: at,
      notifiedVia: "SRV 8.14.3",
      returnDueAt: new Date(at.getTime() + 90 * 86_400_000),
      createdAt: at,
      ...overrides,
    },
  });
}

/** A returns record already received by the DCC at `receivedAt` (default now), its diagnosis notice due 10 days later. */
export async function makeReceivedReturn(partyId: string, deviceId: string, overrides: Partial<Prisma.ChReturnUncheckedCreateInput> = {}) {
  const receivedAt = overrides.receivedAt ? new Date(overrides.receivedAt) : now();
  return makeReturnRow(partyId, deviceId, { status: "RECEIVED", receivedAt, diagnosisNoticeDueAt: new Date(receivedAt.getTime() + 10 * 86_400_000), ...overrides });
}

/** Rows the returns operations write: a refused call must leave every count unchanged. */
export async function returnRowCounts() {
  const [returns, rmas, events, audits, emails] = await Promise.all([
    db().chReturn.count(),
    db().chRma.count(),
    db().chReturnEvent.count(),
    db().auditEvent.count(),
    db().outboxEmail.count(),
  ]);
  return { returns, rmas, events, audits, emails };
}
