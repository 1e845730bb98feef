// SMI builders for unit tests. Like fixtures.ts they write through Prisma directly, never through the operations
// under test, so a test of an operation cannot pass because the same code built its own starting state.
import crypto from "node:crypto";
import type { Device, DeviceModel } from "@/generated/prisma/client";
import type { CplDeviceType, CplStatus, CspRegion, DeviceType, EsmeVariant, Fuel, SmiStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { mpanCheckDigit, mprnCheckDigit } from "@/lib/identifiers";
import { makeParty } from "./fixtures";

const TYPE_2: DeviceType[] = ["IHD", "CAD"];

function randomDigits(n: number): string {
  return Array.from(crypto.randomBytes(n), (b) => String(b % 10)).join("");
}

const suffix = () => crypto.randomBytes(3).toString("hex");

/** A random canonical Device ID (16 upper-case hex digits). */
export function newDeviceId(): string {
  return crypto.randomBytes(8).toString("hex").toUpperCase();
}

/** A random 13-digit MPAN core with a correct check digit. */
export function newMpan(): string {
  const first12 = `1${randomDigits(11)}`;
  return `${first12}${mpanCheckDigit(first12)}`;
}

/** A random 10-digit MPRN with a correct check digit. */
export function newMprn(): string {
  const body = `7${randomDigits(8)}`;
  return `${body}${mprnCheckDigit(body)}`;
}

/** A random 12-digit UPRN (no leading zero, so it is stored as typed). */
export function newUprn(): string {
  return `1${randomDigits(11)}`;
}

/** A CPL entry. A "CH" model is the model of both a CHF and its GPF. */
export async function makeCplModel(opts: { deviceType?: CplDeviceType; status?: CplStatus; manufacturer?: string; model?: string } = {}): Promise<DeviceModel> {
  const deviceType = opts.deviceType ?? "ESME";
  return db().deviceModel.create({
    data: {
      deviceType,
      manufacturer: opts.manufacturer ?? "Acme Metering",
      model: opts.model ?? `${deviceType}-${suffix()}`,
      hardwareVersion: "1.0",
      firmwareVersion: "1.0.0",
      technicalSpecVersion: deviceType === "CH" ? "CHTS 1.1" : "SMETS2 5.0",
      gbcsVersion: "4.0",
      status: opts.status ?? "CURRENT",
    },
  });
}

export interface RegistrationParties {
  supplierId: string;
  networkOperatorId: string;
  agentId?: string | null;
}

/**
 * A Metering Point with its address and, when `registration` is given, a current Registration Data record
 * (effective since 2000, open-ended) naming the supplier, network operator and agent.
 */
export async function makeMeterPoint(
  opts: {
    fuel?: Fuel;
    mpxn?: string;
    registration?: RegistrationParties;
    addressLine?: string;
    town?: string;
    postcode?: string;
    uprn?: string | null;
    effectiveFrom?: Date;
  } = {},
) {
  const fuel = opts.fuel ?? "ELECTRICITY";
  const point = await db().meterPoint.create({
    data: {
      mpxn: opts.mpxn ?? (fuel === "ELECTRICITY" ? newMpan() : newMprn()),
      fuel,
      addressLine: opts.addressLine ?? `${1 + crypto.randomInt(200)} Test Street`,
      town: opts.town ?? "Coventry",
      postcode: opts.postcode ?? "CV4 8DE",
      uprn: opts.uprn === undefined ? newUprn() : opts.uprn,
    },
  });
  if (opts.registration) {
    await db().registrationRecord.create({
      data: {
        mpxn: point.mpxn,
        effectiveFrom: opts.effectiveFrom ?? new Date("2000-01-01T00:00:00Z"),
        supplierId: opts.registration.supplierId,
        networkOperatorId: opts.registration.networkOperatorId,
        agentId: opts.registration.agentId ?? null,
      },
    });
  }
  return point;
}

export interface DeviceOptions {
  id?: string;
  deviceType?: DeviceType;
  /** Defaults to PENDING (Type 2: none). */
  status?: SmiStatus | null;
  model?: DeviceModel | null;
  preNotifiedBy?: Actor | null;
  /** Defaults to now() for a Pending device, otherwise null. */
  pendingSince?: Date | null;
  commissionedAt?: Date | null;
  esmeVariant?: EsmeVariant | null;
  cspRegion?: CspRegion | null;
  statusBeforeSuspension?: SmiStatus | null;
  statusBeforeRecovery?: SmiStatus | null;
  description?: string | null;
  /** Primary MPxN link (the Metering Point must exist). */
  mpxn?: string;
  secondaryMpxn?: string;
}

/** A device row, with its MPxN links. */
export async function makeDevice(opts: DeviceOptions = {}): Promise<Device> {
  const deviceType = opts.deviceType ?? "ESME";
  const status = opts.status === undefined ? (TYPE_2.includes(deviceType) ? null : "PENDING") : opts.status;
  const device = await db().device.create({
    data: {
      id: opts.id ?? newDeviceId(),
      deviceType,
      status,
      modelId: opts.model?.id ?? null,
      manufacturer: opts.model?.manufacturer ?? null,
      firmwareVersion: opts.model?.firmwareVersion ?? null,
      esmeVariant: opts.esmeVariant === undefined ? (deviceType === "ESME" ? "SINGLE_ELEMENT" : null) : opts.esmeVariant,
      cspRegion: opts.cspRegion ?? null,
      description: opts.description ?? null,
      statusBeforeSuspension: opts.statusBeforeSuspension ?? null,
      statusBeforeRecovery: opts.statusBeforeRecovery ?? null,
      pendingSince: opts.pendingSince === undefined ? (status === "PENDING" ? now() : null) : opts.pendingSince,
      commissionedAt: opts.commissionedAt === undefined ? (status === "COMMISSIONED" ? now() : null) : opts.commissionedAt,
      preNotifiedById: opts.preNotifiedBy?.accountId ?? null,
      preNotifiedByPartyId: opts.preNotifiedBy?.partyId ?? null,
    },
  });
  const links = [
    ...(opts.mpxn ? [{ deviceId: device.id, mpxn: opts.mpxn, role: "PRIMARY" as const }] : []),
    ...(opts.secondaryMpxn ? [{ deviceId: device.id, mpxn: opts.secondaryMpxn, role: "SECONDARY" as const }] : []),
  ];
  if (links.length) await db().deviceMeterPoint.createMany({ data: links });
  return device;
}

/** "deviceId is Associated to associatedDeviceId" (HAN device to its CHF, GPF to its CHF, joins). */
export async function associate(deviceId: string, associatedDeviceId: string) {
  return db().deviceAssociation.create({ data: { deviceId, associatedDeviceId } });
}

/** A Communications Hub: a CHF and its GPF of one CH model, the GPF Associated to the CHF. */
export async function makeCommsHub(
  opts: { model?: DeviceModel; status?: SmiStatus; gpfStatus?: SmiStatus; preNotifiedBy?: Actor | null; cspRegion?: CspRegion; pendingSince?: Date | null } = {},
) {
  const model = opts.model ?? (await makeCplModel({ deviceType: "CH" }));
  const status = opts.status ?? "COMMISSIONED";
  const common = { model, preNotifiedBy: opts.preNotifiedBy ?? null, cspRegion: opts.cspRegion ?? "CENTRAL", pendingSince: opts.pendingSince };
  const chf = await makeDevice({ ...common, deviceType: "CHF", status });
  const gpf = await makeDevice({ ...common, deviceType: "GPF", status: opts.gpfStatus ?? status });
  await associate(gpf.id, chf.id);
  return { chf, gpf, model };
}

export interface PremisesParties {
  /** Import Supplier of the MPAN (a party with the IS role). */
  electricitySupplierId: string;
  distributorId: string;
  /** Gas Supplier of the MPRN (a party with the GS role). */
  gasSupplierId: string;
  transporterId: string;
  agentId?: string | null;
}

/** Parties for a dual-fuel premises: one supplier holding both IS and GS, a distributor and a transporter. */
export async function makePremisesParties(): Promise<PremisesParties> {
  const supplier = await makeParty({ roles: ["IS", "GS"] });
  const distributor = await makeParty({ roles: ["ED"] });
  const transporter = await makeParty({ roles: ["GT"] });
  return { electricitySupplierId: supplier.id, distributorId: distributor.id, gasSupplierId: supplier.id, transporterId: transporter.id };
}

/**
 * A dual-fuel premises: an MPAN and an MPRN registered to the parties, a CH (CHF + GPF), an ESME on the MPAN, a
 * GSME on the MPRN and an IHD. The ESME, GSME, GPF and IHD are Associated to the CHF; the IHD is joined to the ESME.
 */
export async function makePremises(
  opts: {
    parties?: PremisesParties;
    models?: { ch?: DeviceModel; esme?: DeviceModel; gsme?: DeviceModel };
    /** Status of the CHF, GPF and meters (default Commissioned). */
    status?: SmiStatus;
    addressLine?: string;
    postcode?: string;
    uprn?: string;
    cspRegion?: CspRegion;
    preNotifiedBy?: Actor | null;
  } = {},
) {
  const parties = opts.parties ?? (await makePremisesParties());
  const address = { addressLine: opts.addressLine ?? `${1 + crypto.randomInt(200)} High Street`, postcode: opts.postcode ?? "CV4 8DE", uprn: opts.uprn ?? newUprn() };
  const mpan = await makeMeterPoint({
    ...address,
    fuel: "ELECTRICITY",
    registration: { supplierId: parties.electricitySupplierId, networkOperatorId: parties.distributorId, agentId: parties.agentId },
  });
  const mprn = await makeMeterPoint({
    ...address,
    fuel: "GAS",
    registration: { supplierId: parties.gasSupplierId, networkOperatorId: parties.transporterId, agentId: parties.agentId },
  });
  const status = opts.status ?? "COMMISSIONED";
  const { chf, gpf } = await makeCommsHub({ model: opts.models?.ch, status, cspRegion: opts.cspRegion ?? "CENTRAL", preNotifiedBy: opts.preNotifiedBy });
  const esme = await makeDevice({
    deviceType: "ESME",
    status,
    model: opts.models?.esme ?? (await makeCplModel({ deviceType: "ESME" })),
    mpxn: mpan.mpxn,
    preNotifiedBy: opts.preNotifiedBy,
  });
  const gsme = await makeDevice({
    deviceType: "GSME",
    status,
    model: opts.models?.gsme ?? (await makeCplModel({ deviceType: "GSME" })),
    mpxn: mprn.mpxn,
    preNotifiedBy: opts.preNotifiedBy,
  });
  const ihd = await makeDevice({ deviceType: "IHD", preNotifiedBy: opts.preNotifiedBy });
  await db().deviceAssociation.createMany({
    data: [
      { deviceId: esme.id, associatedDeviceId: chf.id },
      { deviceId: gsme.id, associatedDeviceId: chf.id },
      { deviceId: ihd.id, associatedDeviceId: chf.id },
      { deviceId: ihd.id, associatedDeviceId: esme.id },
    ],
  });
  return { parties, mpan, mprn, chf, gpf, esme, gsme, ihd, devices: [chf, gpf, esme, gsme, ihd] };
}
