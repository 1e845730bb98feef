// A slice of a run's draws turned into signed-ready requests: targets looked up per kind in one query each, bodies
// built with the composer where it covers the SRV (reads, the tariff) and from the DUIS schema's elements otherwise.
import crypto from "node:crypto";
import type { SimTrafficRun } from "@/generated/prisma/client";
import { now } from "@/lib/clock";
import { buildRequest, type ComposeFields } from "@/lib/duis/composer";
import { db } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { registrationsOf } from "@/lib/smi/registrations";
import type { DeviceState } from "../state";
import { initialState } from "../state";
import type { Draw } from "./draws";
import { SCENARIOS, type CampaignParams, type RecallParams, type ScenarioName, type SupplierParams } from "./scenarios";
import { trafficXml, type TrafficRequest } from "./send";
import { campaignMeters, metersAt, recalledHubsAt, type Meter, type MeterPool, type Sender } from "./targets";

const DAY = 86_400_000;

/** A request ready to sign: its XML, web service and whether a Signed Pre-Command follows. */
export interface Planned {
  from: Sender;
  srv: string;
  xml: string;
  endpoint: "serviceS" | "serviceT" | "serviceD";
  critical: boolean;
}

export type RunView = Pick<SimTrafficRun, "id" | "scenario" | "seed" | "params">;

/** The draws of indexes [from, from + count) of the run. */
export function drawsOf(run: Pick<RunView, "scenario" | "seed">, from: number, count: number): Draw[] {
  const scenario = SCENARIOS[run.scenario as ScenarioName];
  return Array.from({ length: count }, (_, i) => scenario.draw(run.seed, from + i));
}

const plain = (from: Sender, srv: string, to: string | null, body: string): Planned => ({ from, srv, ...trafficXml({ from, srv, to, body } satisfies TrafficRequest) });

function composed(from: Sender, fields: ComposeFields): Planned {
  const built = buildRequest(fields, from.eui64);
  return { from, srv: fields.srv, xml: built.xml, endpoint: built.endpoint, critical: built.commandVariant === 4 };
}

/** A supplier's read of one of its meters; the read periods end at the start of the current (UTC) day. */
function supplierRead(srv: "4.1.1" | "4.8.1" | "4.17" | "7.4" | "11.2" | "6.2.7", meter: Meter): Planned {
  const midnight = new Date(now().getTime() - (now().getTime() % DAY));
  const days = srv === "4.17" ? 7 : 1;
  const period = srv === "4.8.1" || srv === "4.17" ? { readFrom: new Date(midnight.getTime() - days * DAY), readTo: midnight } : {};
  return composed(meter.supplier, { srv, deviceId: meter.id, ...period } as ComposeFields);
}

/** A deterministic image for a model and version; its SHA-256 is what 11.3 activates. */
function firmwareImage(modelId: string | null, version: string) {
  const image = Buffer.from(`Simulated firmware image for ${modelId ?? "an unknown model"}, version ${version}`);
  return { base64: image.toString("base64"), hash: crypto.createHash("sha256").update(image).digest("hex").toUpperCase() };
}

const updateFirmware = (version: string, image: string, ids: string[]) =>
  `<sr:UpdateFirmware><sr:FirmwareImage>${image}</sr:FirmwareImage><sr:FirmwareVersion>${version}</sr:FirmwareVersion><sr:DeviceIDList>${ids.map(formatEui64).join(",")}</sr:DeviceIDList></sr:UpdateFirmware>`;

/** Payment modes of meters: the simulator's state where it exists, else the state it would create on first contact. */
async function prepaymentMeters(meters: Meter[]): Promise<Set<string>> {
  const states = await db().simDeviceState.findMany({ where: { deviceId: { in: meters.map((m) => m.id) } }, select: { deviceId: true, state: true } });
  const stored = new Map(states.map((s) => [s.deviceId, s.state as unknown as DeviceState]));
  const at = now();
  return new Set(
    meters
      .filter((m) => {
        const state = stored.get(m.id) ?? initialState({ id: m.id, deviceType: m.deviceType, status: "COMMISSIONED", manufacturer: null, model: null, hardwareVersion: null, firmwareVersion: m.firmwareVersion, esmeVariant: null }, at);
        return state.payment.mode === "PREPAYMENT";
      })
      .map((m) => m.id),
  );
}

const COMMISSIONED = { statuses: ["COMMISSIONED"] } satisfies MeterPool;
/** 4.17 and the tariff go to ESMEs: a gas meter's daily log is read from its GPF, and the composer's tariff is electricity's. */
const ELECTRICITY: MeterPool = { ...COMMISSIONED, fuel: "ELECTRICITY" };
/** Each draw kind that targets a meter, the meters it may choose from. */
const POOLS: Partial<Record<Draw["kind"], MeterPool>> = {
  read: COMMISSIONED,
  "network-read": COMMISSIONED,
  tariff: ELECTRICITY,
  "top-up": { ...COMMISSIONED, perKey: 12 },
  "firmware-batch": { ...COMMISSIONED, perKey: 8 },
  "han-add": { statuses: ["PENDING"], hub: "site" },
  commission: { statuses: ["WHITELISTED", "INSTALLED_NOT_COMMISSIONED"], hub: "associated" },
};

type Keyed = Extract<Draw, { key: string }>;

/** Pools a run found empty, until when: a pool nothing fits (no Pending meter by a live hub) costs a scan per key. */
const emptyPools = new Map<string, number>();
const EMPTY_POOL_MS = 60_000;

async function poolMeters(runId: string, keys: string[], pool: MeterPool): Promise<Meter[][]> {
  const name = `${runId}|${JSON.stringify(pool)}`;
  if ((emptyPools.get(name) ?? 0) > Date.now()) return keys.map(() => []);
  const found = await metersAt(keys, pool);
  if (found.every((meters) => !meters.length)) {
    if (emptyPools.size > 1_000) emptyPools.clear();
    emptyPools.set(name, Date.now() + EMPTY_POOL_MS);
  }
  return found;
}

async function meterRequests(draws: { draw: Keyed; at: number }[], run: RunView, out: (Planned | null)[]) {
  const byPool = new Map<MeterPool, { draw: Keyed; at: number }[]>();
  const supplierPool = { ...COMMISSIONED, supplierId: (run.params as unknown as SupplierParams).partyId };
  for (const d of draws) {
    const pool = d.draw.kind === "disable-supply" ? supplierPool : d.draw.kind === "read" && d.draw.srv === "4.17" ? ELECTRICITY : POOLS[d.draw.kind]!;
    byPool.set(pool, [...(byPool.get(pool) ?? []), d]);
  }
  const fallback: { draw: Keyed; at: number }[] = [];
  for (const [pool, group] of byPool) {
    const found = await poolMeters(run.id, group.map((d) => d.draw.key), pool);
    const prepay = pool === POOLS["top-up"] ? await prepaymentMeters(found.flat()) : new Set<string>();
    group.forEach(({ draw, at }, i) => {
      const meters = found[i];
      const planned = meters.length ? plan(draw, meters, prepay) : null;
      // A kind with nothing to act on (no Pending meter by a live hub, no prepayment meter near) is a read instead.
      if (planned === null && draw.kind !== "read" && draw.kind !== "disable-supply") fallback.push({ draw, at });
      else out[at] = planned;
    });
  }
  if (fallback.length) {
    const found = await metersAt(fallback.map((d) => d.draw.key), COMMISSIONED);
    fallback.forEach(({ at }, i) => (out[at] = found[i].length ? supplierRead("4.1.1", found[i][0]) : null));
  }
}

/**
 * A supplier's UTRNs carry a rising Originator Counter (a meter refuses one not above the last it took: E52): the
 * simulator's layout puts it in the first ten digits (lib/simulator/devices/prepay.ts), here tenths of a second
 * since 2020, so every top-up a run sends is above the last.
 */
const COUNTER_EPOCH = Date.UTC(2020, 0, 1);
const withOriginatorCounter = (utrn: string) => String(Math.floor((now().getTime() - COUNTER_EPOCH) / 100)).padStart(10, "0").slice(-10) + utrn.slice(10);

function plan(draw: Keyed, meters: Meter[], prepay: Set<string>): Planned | null {
  const [meter] = meters;
  switch (draw.kind) {
    case "read":
      return supplierRead(draw.srv, meter);
    case "network-read":
      return composed(meter.networkOperator, { srv: "4.1.1", deviceId: meter.id } as ComposeFields);
    case "tariff":
      return composed(meter.supplier, { srv: "1.1.1", deviceId: meter.id, standingCharge: draw.standingCharge, unitRate: draw.unitRate } as ComposeFields);
    case "top-up": {
      const target = meters.find((m) => prepay.has(m.id));
      return target ? plain(target.supplier, "2.2", target.id, `<sr:TopUpDevice><sr:UTRN>${withOriginatorCounter(draw.utrn)}</sr:UTRN></sr:TopUpDevice>`) : null;
    }
    case "han-add": {
      const add = `<sr:AddDeviceToCHFWhitelist><sr:JoinTimePeriod>${draw.joinTimePeriod}</sr:JoinTimePeriod><sr:InstallCode>${draw.installCode}</sr:InstallCode><sr:ImportMPxN>${meter.mpxn}</sr:ImportMPxN></sr:AddDeviceToCHFWhitelist>`;
      return plain(meter.supplier, "8.11", meter.chfId, `<sr:UpdateHANDeviceLog><sr:DeviceID>${formatEui64(meter.id)}</sr:DeviceID><sr:RequestType>Add</sr:RequestType>${add}</sr:UpdateHANDeviceLog>`);
    }
    case "commission":
      return plain(meter.supplier, "8.1.1", meter.id, `<sr:CommissionDeviceSynchroniseClock><sr:CurrentDateTime>${now().toISOString()}</sr:CurrentDateTime><sr:TolerancePeriod>60</sr:TolerancePeriod></sr:CommissionDeviceSynchroniseClock>`);
    case "firmware-batch": {
      if (!meter.firmwareVersion) return null;
      const batch = meters.filter((m) => m.supplier.id === meter.supplier.id && m.modelId === meter.modelId).slice(0, draw.size);
      const version = meter.firmwareVersion.slice(0, 8);
      return plain(meter.supplier, "11.1", null, updateFirmware(version, firmwareImage(meter.modelId, version).base64, batch.map((m) => m.id)));
    }
    case "disable-supply":
      return plain(meter.supplier, "7.2", meter.id, "<sr:DisableSupply/>");
    case "recalled-read":
      return null;
  }
}

/** The recall's reads: a registered supplier of the Suspended CHF (11.2, 8.9) or GPF (4.1.1, 11.2) reads it. */
async function recalledRequests(draws: { draw: Extract<Draw, { kind: "recalled-read" }>; at: number }[], params: RecallParams, out: (Planned | null)[]) {
  const hubs = await recalledHubsAt(
    draws.map((d) => d.draw.key),
    params.modelId,
  );
  const registrations = await registrationsOf(db(), [...new Set(hubs.flatMap((h) => (h ? [h.id] : [])))]);
  const parties = new Map(
    (await db().party.findMany({ where: { id: { in: [...new Set([...registrations.values()].flat().map((r) => r.supplierId))] } }, select: { id: true, eui64: true } })).map((p) => [p.id, p]),
  );
  draws.forEach(({ draw, at }, i) => {
    const hub = hubs[i];
    const suppliers = hub ? [...new Set((registrations.get(hub.id) ?? []).map((r) => r.supplierId))] : [];
    if (!hub || !suppliers.length) return void (out[at] = null);
    const from = parties.get(suppliers[draw.pick % suppliers.length])!;
    const reads = hub.deviceType === "CHF" ? ["11.2", "8.9"] : ["4.1.1", "11.2"];
    const srv = reads[Math.floor(draw.pick / suppliers.length) % reads.length];
    const body = { "11.2": "<sr:ReadFirmwareVersion/>", "8.9": "<sr:ReadDeviceLog/>", "4.1.1": "<sr:ReadInstantaneousImportRegisters/>" }[srv]!;
    out[at] = plain(from, srv, hub.id, body);
  });
}

/** The campaign's 11.1 (every meter) and 11.3s (meter n for draw n). */
async function campaignRequests(draws: { draw: Extract<Draw, { kind: "campaign-update" | "campaign-activate" }>; at: number }[], params: CampaignParams, out: (Planned | null)[]) {
  const from: Sender = { id: params.partyId, eui64: params.partyEui64 };
  const { base64, hash } = firmwareImage(params.modelId, params.firmwareVersion);
  const activations = draws.flatMap((d) => (d.draw.kind === "campaign-activate" ? [d.draw.meter] : []));
  const first = activations.length ? Math.min(...activations) : 0;
  const meters = activations.length ? await campaignMeters(params, first, Math.max(...activations) - first + 1) : [];
  for (const { draw, at } of draws) {
    if (draw.kind === "campaign-update") {
      out[at] = plain(from, "11.1", null, updateFirmware(params.firmwareVersion, base64, await campaignMeters(params, 0, params.meters)));
    } else {
      const meter = meters[draw.meter - first];
      out[at] = meter ? plain(from, "11.3", meter, `<sr:ActivateFirmware><sr:FirmwareHash>${hash}</sr:FirmwareHash></sr:ActivateFirmware>`) : null;
    }
  }
}

/** The requests of indexes [from, from + count) of the run, in order; null where the draw found nothing to act on. */
export async function planRequests(run: RunView, from: number, count: number): Promise<(Planned | null)[]> {
  const draws = drawsOf(run, from, count).map((draw, at) => ({ draw, at }));
  const out: (Planned | null)[] = draws.map(() => null);
  const recalled = draws.filter((d): d is { draw: Extract<Draw, { kind: "recalled-read" }>; at: number } => d.draw.kind === "recalled-read");
  const campaign = draws.filter((d): d is { draw: Extract<Draw, { kind: "campaign-update" | "campaign-activate" }>; at: number } => d.draw.kind === "campaign-update" || d.draw.kind === "campaign-activate");
  const keyed = draws.filter((d): d is { draw: Keyed; at: number } => "key" in d.draw && d.draw.kind !== "recalled-read");
  if (recalled.length) await recalledRequests(recalled, run.params as unknown as RecallParams, out);
  if (campaign.length) await campaignRequests(campaign, run.params as unknown as CampaignParams, out);
  if (keyed.length) await meterRequests(keyed, run, out);
  return out;
}
