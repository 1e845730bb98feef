// The DUIS reference test premises (issue 11 item 8): the Devices the DCC's reference test data (the RTDS request
// templates) address, at one premises, with the MPxNs, Registration Data, Associations and SMI Statuses those requests
// need. One definition, written by the demo seed (prisma/seed/reference-premises.ts) and restored by
// resetReferencePremises, so that a User re-running its suite starts from the same state. docs/decisions.md says which
// templates need what.
import type { Prisma } from "@/generated/prisma/client";
import type { CplDeviceType, CspRegion, DeviceType, EsmeVariant, Fuel, MpxnRole, SmiStatus } from "@/generated/prisma/enums";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { db, type Tx } from "@/lib/db";
import { TRANSITIONS } from "@/lib/smi/status-machine";
import { REFERENCE_EUI } from "./reference-users";

export { REFERENCE_EUI, isReferenceUser } from "./reference-users";

interface ReferenceMeterPoint {
  mpxn: string;
  fuel: Fuel;
}

/** A CPL entry the templates name, which the demo CPL does not list. */
interface ReferenceCplEntry {
  id: string;
  deviceType: CplDeviceType;
  manufacturer: string;
  model: string;
  hardwareVersion: string;
  firmwareVersion: string;
  technicalSpecVersion: string;
}

interface ReferenceDevice {
  id: string;
  deviceType: DeviceType;
  /** The CPL entry: a demo one (CplEntry.model) or a reference one (with its firmware version); a CHF and its GPF share their CH model. */
  model: string;
  firmwareVersion?: string;
  esmeVariant?: EsmeVariant;
  status: SmiStatus;
  mpxns?: Partial<Record<MpxnRole, string>>;
  /** "Device is Associated to" these (its CHF, its join partner). */
  associatedTo: string[];
  description: string;
}

interface ReferencePremises {
  addressLine: string;
  town: string;
  postcode: string;
  uprn: string;
  cspRegion: CspRegion;
  chWanTechnology: string;
  registeredFrom: Date;
  cpl: ReferenceCplEntry[];
  meterPoints: ReferenceMeterPoint[];
  devices: ReferenceDevice[];
}

const A = (last: string) => `00DB1234567890${last}`;

/**
 * The premises. The reference data's MPxNs fail the check digit (D4: DUIS requests accept them); the one MPxN the
 * templates do not give (A6's) is ours and valid.
 */
export const REFERENCE_PREMISES: ReferencePremises = {
  addressLine: "Reference Test Premises, Threapwood Road",
  town: "Manchester",
  postcode: "M22 0RR",
  uprn: "100071290001",
  cspRegion: "NORTH",
  /** The WAN technology of the CH model (cpl_ch_06 on the demo CPL). */
  chWanTechnology: "Long Range Radio Dual Band (2.4 GHz + Sub-GHz)",
  /** Registered since long before the reads' date ranges (2014-2015) and open-ended. */
  registeredFrom: new Date("2010-01-01T00:00:00Z"),
  // A0's model as 12.2 pre-notifies it (manufacturer, model, firmware, SMETS version), and firmware 00000000, which
  // 11.1 (A0) and 11.4 (A4) distribute: an update is checked against the CPL entry for that version (AB 6.1(i)).
  cpl: [
    { id: "dm_rtds_esme_0002012f", deviceType: "ESME", manufacturer: "AB01", model: "010A030B", hardwareVersion: "RTDS", firmwareVersion: "0002012F", technicalSpecVersion: "SMETS V1.58" },
    { id: "dm_rtds_esme_00000000", deviceType: "ESME", manufacturer: "AB01", model: "010A030B", hardwareVersion: "RTDS", firmwareVersion: "00000000", technicalSpecVersion: "SMETS V1.58" },
    { id: "dm_rtds_ppmid_00000000", deviceType: "PPMID", manufacturer: "AB01", model: "RTDS-PPMID", hardwareVersion: "RTDS", firmwareVersion: "00000000", technicalSpecVersion: "SMETS2 v5.0" },
  ],
  meterPoints: [
    // A0's import MPANs (8.11, 6.20.1 twin, 8.6) and its export MPAN (8.6, 6.20.2; 6.23 names it), which our
    // Device-MPxN link (PRIMARY / SECONDARY) cannot hold: it is registered but linked to no device.
    { mpxn: "1312345678111", fuel: "ELECTRICITY" },
    { mpxn: "1312345678222", fuel: "ELECTRICITY" },
    { mpxn: "1312345678333", fuel: "ELECTRICITY" },
    { mpxn: "1300123456781", fuel: "ELECTRICITY" },
    // A1's MPRN (6.20.1), and the MPxN the CH installation updates (8.14.1, 8.14.2) name.
    { mpxn: "1234567890", fuel: "GAS" },
    { mpxn: "1000999888", fuel: "GAS" },
  ],
  devices: [
    {
      id: A("A0"),
      deviceType: "ESME",
      model: "010A030B",
      firmwareVersion: "0002012F",
      esmeVariant: "TWIN_ELEMENT",
      // SRV 8.1.1 (ECS70) commissions it. The run ends with 8.3 decommissioning it, 12.2 pre-notifying it again and
      // 8.4 deleting it: the reset recreates it like the rest.
      status: "INSTALLED_NOT_COMMISSIONED",
      mpxns: { PRIMARY: "1312345678111", SECONDARY: "1312345678222" },
      associatedTo: [A("A2")],
      description: "Reference ESME A0, twin element with auxiliary controllers",
    },
    {
      id: A("A1"),
      deviceType: "GSME",
      model: "cpl_gsme_03",
      // SRV 8.1.1 (GCS28) commissions it.
      status: "INSTALLED_NOT_COMMISSIONED",
      mpxns: { PRIMARY: "1234567890" },
      associatedTo: [A("A2"), A("A3")],
      description: "Reference GSME A1",
    },
    {
      id: A("A2"),
      deviceType: "CHF",
      model: "cpl_ch_06",
      // Commands reach the premises only through a Commissioned CHF (AB 13.2); Dual Band for SRVs 6.28-6.32.
      status: "COMMISSIONED",
      associatedTo: [],
      description: "Reference CHF A2",
    },
    {
      id: A("A3"),
      deviceType: "GPF",
      model: "cpl_ch_06",
      // Joined to an Installed not Commissioned GSME, it takes that status (AC 4.7, AC 4.10).
      status: "INSTALLED_NOT_COMMISSIONED",
      associatedTo: [A("A2")],
      description: "Reference GPF A3",
    },
    {
      id: A("A4"),
      deviceType: "PPMID",
      model: "RTDS-PPMID",
      status: "INSTALLED_NOT_COMMISSIONED",
      associatedTo: [A("A2"), A("A0")],
      description: "Reference PPMID A4",
    },
    {
      id: A("A5"),
      deviceType: "HCALCS",
      model: "cpl_hcalcs_01",
      status: "INSTALLED_NOT_COMMISSIONED",
      associatedTo: [A("A2"), A("A0")],
      description: "Reference HCALCS A5",
    },
    {
      id: A("A6"),
      deviceType: "ESME",
      model: "cpl_esme_03",
      esmeVariant: "SINGLE_ELEMENT",
      status: "COMMISSIONED",
      mpxns: { PRIMARY: "1300123456781" },
      associatedTo: [A("A2")],
      description: "Reference ESME A6, auxiliary proportional controller",
    },
  ],
};

export const REFERENCE_DEVICE_IDS: string[] = REFERENCE_PREMISES.devices.map((d) => d.id);
const REFERENCE_MPXNS = REFERENCE_PREMISES.meterPoints.map((p) => p.mpxn);

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const triggerOf = (transition: string) => TRANSITIONS.find((t) => t.id === transition)!.trigger;
/** The day everything was installed, 30 days before the start of the current day. */
const installedAt = (base: number) => base - 30 * DAY + 10 * 60 * MINUTE;

interface Step {
  transition: string;
  to: SmiStatus;
  at: number;
  /** Who caused it: the supplier's user, the DCC admin (adding the CH) or the DCC's own processing. */
  by: "supplier" | "dccAdmin" | "dcc";
}

/**
 * How each device reached its starting status, counted back from the start of the day: the DCC added the CH 60 days
 * ago; the supplier pre-notified the rest 45 days ago and installed everything 30 days ago.
 */
function historyOf(device: ReferenceDevice, base: number): Step[] {
  const added = base - 60 * DAY + 9 * 60 * MINUTE;
  const installed = installedAt(base);
  const step = (id: string, to: SmiStatus, at: number, by: Step["by"] = "supplier"): Step => ({ transition: id, to, at, by });
  switch (device.deviceType) {
    case "CHF":
      return [step("T2", "PENDING", added, "dccAdmin"), step("T8", "COMMISSIONED", installed + 5 * MINUTE, "dcc")];
    case "GPF":
      return [step("T2", "PENDING", added, "dccAdmin"), step("T14", device.status, installed + 40 * MINUTE)];
    default: {
      const offset = REFERENCE_PREMISES.devices.indexOf(device) * MINUTE;
      const steps = [
        step("T1", "PENDING", base - 45 * DAY + 9 * 60 * MINUTE + offset),
        step("T3", "WHITELISTED", installed + 10 * MINUTE + offset),
        step("T4", "INSTALLED_NOT_COMMISSIONED", installed + 12 * MINUTE + offset, "dcc"),
      ];
      if (device.status === "COMMISSIONED") steps.push(step("T13", "COMMISSIONED", installed + 20 * MINUTE + offset));
      return steps;
    }
  }
}

async function partyWithAccount(tx: Tx, eui64: string, local: string) {
  const party = await tx.party.findUnique({ where: { eui64 }, include: { accounts: { where: { email: { startsWith: `${local}@` } }, take: 1 } } });
  if (!party) throw new Error(`Reference premises: party ${eui64} is missing (seed the demo parties first).`);
  return { id: party.id, account: party.accounts[0] ? { id: party.accounts[0].id, name: `${party.accounts[0].name} (${party.name})` } : null, name: party.name };
}

/**
 * Writes the premises in their starting state, replacing whatever the reference devices and MPxNs hold now: device
 * rows, MPxN links, Associations, status histories, Registration Data and CH returns; the reference CPL entries are
 * added, or made current again. Returns the devices written.
 */
export async function writeReferencePremises(tx: Tx): Promise<number> {
  const at = now().getTime();
  const base = at - (at % DAY);
  const supplier = await partyWithAccount(tx, REFERENCE_EUI.supplier, "user");
  const networkOperator = await partyWithAccount(tx, REFERENCE_EUI.networkOperator, "user");
  const dcc = await partyWithAccount(tx, REFERENCE_EUI.dcc, "admin");
  const created = new Date(base - 5 * 365 * DAY);
  for (const { id, ...entry } of REFERENCE_PREMISES.cpl) {
    const { manufacturer, model, hardwareVersion, firmwareVersion } = entry;
    await tx.deviceModel.upsert({
      where: { manufacturer_model_hardwareVersion_firmwareVersion: { manufacturer, model, hardwareVersion, firmwareVersion } },
      create: { id, ...entry, gbcsVersion: "v4.0", status: "CURRENT", statusChangedAt: created, createdAt: created },
      update: { status: "CURRENT" },
    });
  }

  const ids = REFERENCE_DEVICE_IDS;
  // The CHF's returns (8.14.3 / 8.14.4) go with the rest: a re-run notifies them again.
  await tx.chReturn.deleteMany({ where: { deviceId: { in: ids } } });
  await tx.deviceStatusChange.deleteMany({ where: { deviceId: { in: ids } } });
  await tx.deviceAssociation.deleteMany({ where: { OR: [{ deviceId: { in: ids } }, { associatedDeviceId: { in: ids } }] } });
  await tx.deviceMeterPoint.deleteMany({ where: { OR: [{ deviceId: { in: ids } }, { mpxn: { in: REFERENCE_MPXNS } }] } });
  await tx.registrationRecord.deleteMany({ where: { mpxn: { in: REFERENCE_MPXNS } } });

  const { addressLine, town, postcode, uprn } = REFERENCE_PREMISES;
  for (const { mpxn, fuel } of REFERENCE_PREMISES.meterPoints) {
    const address = { fuel, addressLine, town, postcode, uprn };
    await tx.meterPoint.upsert({ where: { mpxn }, create: { mpxn, ...address }, update: address });
  }
  await tx.registrationRecord.createMany({
    data: REFERENCE_MPXNS.map((mpxn) => ({ mpxn, effectiveFrom: REFERENCE_PREMISES.registeredFrom, supplierId: supplier.id, networkOperatorId: networkOperator.id })),
  });

  const history: Prisma.DeviceStatusChangeCreateManyInput[] = [];
  for (const device of REFERENCE_PREMISES.devices) {
    const model = await tx.deviceModel.findFirst({ where: { model: device.model, ...(device.firmwareVersion ? { firmwareVersion: device.firmwareVersion } : {}) } });
    if (!model) throw new Error(`Reference premises: CPL model ${device.model} is missing (seed the inventory first).`);
    const steps = historyOf(device, base);
    const hub = device.deviceType === "CHF" || device.deviceType === "GPF";
    // The DCC adds a CH (T2); the supplier's user@ account pre-notifies the rest.
    const preNotifier = hub ? dcc : supplier;
    const fields = {
      deviceType: device.deviceType,
      modelId: model.id,
      manufacturer: model.manufacturer,
      firmwareVersion: model.firmwareVersion,
      esmeVariant: device.esmeVariant ?? null,
      wanTechnology: hub ? REFERENCE_PREMISES.chWanTechnology : null,
      cspRegion: hub ? REFERENCE_PREMISES.cspRegion : null,
      description: device.description,
      status: device.status,
      statusBeforeSuspension: null,
      statusBeforeRecovery: null,
      pendingSince: null,
      commissionedAt: device.status === "COMMISSIONED" ? new Date(steps.at(-1)!.at) : null,
      preNotifiedById: preNotifier.account?.id ?? null,
      preNotifiedByPartyId: preNotifier.id,
      wanBlockedAt: null,
      // The reference CH was delivered to the supplier that installed it: its 8.14.x status updates are the supplier's.
      chHolderPartyId: hub ? supplier.id : null,
      chConsignmentId: null,
      createdAt: new Date(steps[0].at),
    };
    await tx.device.upsert({ where: { id: device.id }, create: { id: device.id, ...fields }, update: { ...fields, version: { increment: 1 } } });
    steps.forEach((s, i) => {
      const by = s.by === "dcc" ? null : s.by === "dccAdmin" ? dcc : supplier;
      history.push({
        deviceId: device.id,
        fromStatus: i === 0 ? null : steps[i - 1].to,
        toStatus: s.to,
        at: new Date(s.at),
        cause: triggerOf(s.transition),
        transition: s.transition,
        actorId: by?.account?.id ?? null,
        actorName: by ? (by.account?.name ?? by.name) : "DCC",
      });
    });
  }
  await tx.deviceStatusChange.createMany({ data: history });
  await tx.deviceMeterPoint.createMany({
    data: REFERENCE_PREMISES.devices.flatMap((d) => Object.entries(d.mpxns ?? {}).map(([role, mpxn]) => ({ deviceId: d.id, mpxn, role: role as MpxnRole }))),
  });
  await tx.deviceAssociation.createMany({
    data: REFERENCE_PREMISES.devices.flatMap((d) => d.associatedTo.map((other) => ({ deviceId: d.id, associatedDeviceId: other, createdAt: new Date(installedAt(base)) }))),
  });
  return ids.length;
}

/**
 * The DCC puts the reference premises back in their starting state (`npm run duis -- reset`), as a User re-running its
 * suite needs: the devices as seeded (recreated if deleted, e.g. after 8.3, 12.2 and 8.4), the reference Users' live
 * DCC Schedules on them deleted (as SRV 5.3 does) and their pending future-dated requests cancelled. One transaction.
 */
export async function resetReferencePremises(actor: Actor): Promise<{ devices: number; schedulesDeleted: number; requestsCancelled: number }> {
  authorize(actor, "duis.reset-reference-premises");
  return db().$transaction(async (tx) => {
    const devices = await writeReferencePremises(tx);
    const parties = await tx.party.findMany({ where: { eui64: { in: Object.values(REFERENCE_EUI) } }, select: { id: true } });
    const scope = { partyId: { in: parties.map((p) => p.id) }, deviceId: { in: REFERENCE_DEVICE_IDS } };
    const schedules = await tx.dccSchedule.updateMany({ where: { ...scope, deletedAt: null }, data: { deletedAt: now() } });
    const requests = await tx.serviceRequest.updateMany({ where: { ...scope, status: "WAITING_EXECUTION" }, data: { status: "CANCELLED", version: { increment: 1 } } });
    const result = { devices, schedulesDeleted: schedules.count, requestsCancelled: requests.count };
    await audit(tx, actor, { action: "duis.reset-reference-premises", entityType: "ReferencePremises", entityId: REFERENCE_PREMISES.postcode, partyId: null, after: result });
    return result;
  });
}
