import { beforeAll, describe, expect, it } from "vitest";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { now, resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { REFERENCE_DEVICE_IDS, REFERENCE_PREMISES } from "@/lib/duis/reference-premises";
import { parseEui64, parseMpan, parseMprn, parsePostcode, parseUprn } from "@/lib/identifiers";
import { expirePendingDevices } from "@/lib/smi/expire-pending-devices";
import { searchDevices } from "@/lib/smi/search-devices";
import { DEFAULT_SEED, seedDemoData } from "./index";
import { CH_STOCK_PER_REGION, CPL_MODELS, DEMO_INVENTORY, dccStock, inventoryPremises, type Premises } from "./inventory";

const DEVICES = 2000;
const TYPE2 = new Set(["IHD", "CAD"]);
const actorFor = async (email: string): Promise<Actor> => (await loadActor((await db().account.findUniqueOrThrow({ where: { email } })).id))!;
let created: Record<string, Record<string, number>>;

beforeAll(async () => {
  created = await seedDemoData(db(), { seed: DEFAULT_SEED, devices: DEVICES, incidents: 0, orders: false });
});

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const deviceIdsOf = (p: Premises) =>
  [p.ch?.chf, p.ch?.gpf, p.esme?.id, p.gsme?.id, p.ihd?.id, p.cad?.id, p.ppmid?.id, p.hcalcs?.id].filter((id): id is string => !!id);

describe("inventory seed", () => {
  it("creates about the requested number of devices at premises, the DCC's CH stock on top, and the ~30 model CPL", async () => {
    const devices = await db().device.count({ where: { id: { notIn: REFERENCE_DEVICE_IDS } } });
    const counts = created["smart metering inventory"];
    expect(devices).toBe(counts.devices);
    expect(counts["CHs in DCC stock"]).toBe(3 * CH_STOCK_PER_REGION);
    const atPremises = devices - 2 * counts["CHs in DCC stock"];
    expect(atPremises).toBeGreaterThanOrEqual(DEVICES);
    expect(atPremises).toBeLessThan(DEVICES + 10);
    const models = await db().deviceModel.findMany({ where: { id: { notIn: REFERENCE_PREMISES.cpl.map((m) => m.id) } } });
    expect(models).toHaveLength(CPL_MODELS.length);
    expect(models.length).toBeGreaterThanOrEqual(28);
    for (const m of models) expect(m.model).toMatch(new RegExp(`^cpl_${m.deviceType.toLowerCase()}_\\d\\d$`));
    expect(new Set(models.map((m) => m.deviceType))).toEqual(new Set(["CH", "ESME", "GSME", "PPMID", "HCALCS"]));
  });

  it("generates only valid Device IDs, MPANs, MPRNs, postcodes and UPRNs", async () => {
    const devices = await db().device.findMany({ select: { id: true } });
    for (const { id } of devices) expect(parseEui64(id), id).toBe(id);
    // The DUIS reference premises keep the reference data's MPxNs, which fail the check digit (D4).
    const points = await db().meterPoint.findMany({ where: { mpxn: { notIn: REFERENCE_PREMISES.meterPoints.map((p) => p.mpxn) } } });
    expect(points.length).toBeGreaterThan(DEVICES / 4);
    for (const p of points) {
      expect(p.fuel === "ELECTRICITY" ? parseMpan(p.mpxn) : parseMprn(p.mpxn), p.mpxn).toBe(p.mpxn);
      expect(parsePostcode(p.postcode), p.postcode).toBe(p.postcode);
      expect(parseUprn(p.uprn!), p.uprn!).toBe(p.uprn);
    }
    // One UPRN per premises (its MPAN(s) and MPRN share it); at most 60 premises per postcode.
    const premisesByUprn = new Map<string, string>();
    const premisesPerPostcode = new Map<string, Set<string>>();
    for (const p of points) {
      const address = `${p.addressLine}|${p.postcode}`;
      expect(premisesByUprn.get(p.uprn!) ?? address).toBe(address);
      premisesByUprn.set(p.uprn!, address);
      premisesPerPostcode.set(p.postcode, (premisesPerPostcode.get(p.postcode) ?? new Set()).add(p.uprn!));
    }
    expect(Math.max(...[...premisesPerPostcode.values()].map((s) => s.size))).toBeLessThanOrEqual(60);
  });

  it("gives every meter point one current registration naming a supplier of the right role", async () => {
    const parties = new Map((await db().party.findMany()).map((p) => [p.id, p]));
    const records = await db().registrationRecord.findMany({ orderBy: { effectiveFrom: "asc" } });
    const points = await db().meterPoint.findMany({ select: { mpxn: true, fuel: true } });
    const byMpxn = groupBy(records, (r) => r.mpxn);
    let changesOfSupplier = 0;
    let withAgent = 0;
    for (const point of points) {
      const history = byMpxn.get(point.mpxn) ?? [];
      const current = history.filter((r) => r.effectiveTo === null);
      expect(current, point.mpxn).toHaveLength(1);
      expect(current[0].effectiveFrom.getTime()).toBeLessThan(now().getTime());
      const [supplierRole, operatorRole] = point.fuel === "ELECTRICITY" ? ["IS", "ED"] : ["GS", "GT"];
      for (const r of history) {
        expect(parties.get(r.supplierId)!.roles).toContain(supplierRole);
        expect(parties.get(r.networkOperatorId)!.roles).toContain(operatorRole);
        if (r.agentId) expect(parties.get(r.agentId)!.roles).toContain("RSA");
      }
      if (current[0].agentId) withAgent++;
      if (history.length > 1) {
        changesOfSupplier++;
        const [old] = history;
        expect(old.effectiveTo).toEqual(current[0].effectiveFrom);
        expect(old.supplierId).not.toBe(current[0].supplierId);
      }
    }
    expect(withAgent / points.length).toBeGreaterThan(0.2);
    expect(withAgent / points.length).toBeLessThan(0.4);
    expect(changesOfSupplier).toBeGreaterThan(0);
    expect(changesOfSupplier / points.length).toBeLessThan(0.1);
  });

  it("keeps each device's status history consistent with its status", async () => {
    const devices = await db().device.findMany({ include: { statusHistory: { orderBy: { at: "asc" } } } });
    const at = now().getTime();
    for (const d of devices) {
      if (TYPE2.has(d.deviceType)) {
        expect(d.status, d.id).toBeNull();
        expect(d.modelId).toBeNull();
        expect(d.statusHistory).toHaveLength(0);
        continue;
      }
      expect(d.modelId, d.id).not.toBeNull();
      const history = d.statusHistory;
      expect(history.length, d.id).toBeGreaterThan(0);
      expect(history.at(-1)!.toStatus, d.id).toBe(d.status);
      expect(history[0].fromStatus).toBeNull();
      expect(history[0].toStatus).toBe("PENDING");
      expect(history[0].transition).toBe(d.deviceType === "CHF" || d.deviceType === "GPF" ? "T2" : "T1");
      for (let i = 1; i < history.length; i++) {
        expect(history[i].fromStatus).toBe(history[i - 1].toStatus);
        expect(history[i].at.getTime()).toBeGreaterThan(history[i - 1].at.getTime());
      }
      expect(history.at(-1)!.at.getTime()).toBeLessThan(at);
      expect(history[0].at.getTime()).toBeGreaterThan(at - 5 * 365 * 86_400_000);
      if (d.status === "COMMISSIONED") expect(d.commissionedAt).toEqual(history.findLast((h) => h.toStatus === "COMMISSIONED")!.at);
      if (d.status === "PENDING") {
        expect(d.pendingSince).toEqual(history.at(-1)!.at);
        expect(d.pendingSince!.getTime()).toBeGreaterThan(at - 365 * 86_400_000);
      }
    }
    const statuses = groupBy(devices.filter((d) => d.deviceType === "ESME"), (d) => d.status);
    const esmes = devices.filter((d) => d.deviceType === "ESME").length;
    expect(statuses.get("COMMISSIONED")!.length / esmes).toBeGreaterThan(0.7);
    for (const status of ["PENDING", "INSTALLED_NOT_COMMISSIONED", "DECOMMISSIONED", "WHITELISTED", "SUSPENDED"] as const) {
      expect(statuses.get(status)?.length ?? 0, status).toBeGreaterThan(0);
    }
  });

  it("suspends every device of the removed model cpl_esme_05; cpl_esme_07 has exactly the five demo ESMEs", async () => {
    const removed = await db().deviceModel.findFirstOrThrow({
      where: { model: DEMO_INVENTORY.removedModel.model },
      include: { devices: { include: { statusHistory: { orderBy: { at: "desc" }, take: 1 } } } },
    });
    expect(removed.status).toBe("REMOVED");
    expect(removed.devices.length).toBeGreaterThan(0);
    for (const d of removed.devices) {
      expect(d.status).toBe("SUSPENDED");
      expect(d.statusBeforeSuspension).toBe("COMMISSIONED");
      expect(d.statusHistory[0]).toMatchObject({ transition: "T16", cause: "CPL: model removed", fromStatus: "COMMISSIONED", toStatus: "SUSPENDED" });
    }
    expect(await db().device.count({ where: { status: "SUSPENDED", NOT: { modelId: removed.id } } })).toBe(0);

    const removable = await db().deviceModel.findFirstOrThrow({ where: { model: DEMO_INVENTORY.removableModel.model }, include: { devices: true } });
    expect(removable.status).toBe("CURRENT");
    expect(removable.devices.map((d) => d.id).sort()).toEqual(DEMO_INVENTORY.removableModel.premises.map((p) => p.esme).sort());
    expect(removable.devices.every((d) => d.status === "COMMISSIONED")).toBe(true);

    const empty = await db().deviceModel.findFirstOrThrow({ where: { model: DEMO_INVENTORY.removedModelWithoutDevices.model }, include: { devices: true } });
    expect(empty.status).toBe("REMOVED");
    expect(empty.devices).toHaveLength(0);
  });

  it("links and associates devices as their status allows", async () => {
    const devices = await db().device.findMany({ include: { associations: { include: { associatedDevice: true } }, meterPoints: true } });
    for (const d of devices) {
      const partners = d.associations.map((a) => a.associatedDevice.deviceType);
      if (d.status === "DECOMMISSIONED") {
        expect(d.associations, d.id).toHaveLength(0);
        expect(d.meterPoints, d.id).toHaveLength(0);
      }
      if ((d.deviceType === "ESME" || d.deviceType === "GSME") && d.status !== "DECOMMISSIONED") {
        expect(d.meterPoints.filter((m) => m.role === "PRIMARY"), d.id).toHaveLength(1);
        expect(d.meterPoints.length).toBe(d.esmeVariant === "TWIN_ELEMENT" ? 2 : 1);
      }
      if (d.deviceType === "GPF" && d.status !== "DECOMMISSIONED") expect(partners).toEqual(["CHF"]);
      if (d.deviceType === "CHF") expect(partners).toEqual([]);
      if (d.status === "COMMISSIONED" && d.deviceType !== "CHF" && d.deviceType !== "GPF") expect(partners, d.id).toContain("CHF");
      if (d.status === "PENDING" && d.deviceType !== "GPF") expect(partners, d.id).toEqual([]);
      if (d.deviceType === "GSME" && d.status === "COMMISSIONED") expect(partners).toContain("GPF");
    }
  });

  it("records who pre-notified: the DCC admin for a CH, the supplier's user@ account otherwise", async () => {
    const accounts = new Map((await db().account.findMany()).map((a) => [a.id, a]));
    const devices = await db().device.findMany({ select: { deviceType: true, preNotifiedById: true, preNotifiedByPartyId: true } });
    for (const d of devices) {
      const account = accounts.get(d.preNotifiedById!)!;
      expect(account.partyId).toBe(d.preNotifiedByPartyId);
      expect(account.email).toMatch(d.deviceType === "CHF" || d.deviceType === "GPF" ? /^admin@dcc\.demo$/ : /^user@/);
    }
  });

  it("creates the documented demo records", async () => {
    const include = {
      model: true,
      meterPoints: { include: { meterPoint: { include: { registrations: { include: { supplier: true, networkOperator: true, agent: true } } } } } },
      associations: true,
      statusHistory: { orderBy: { at: "asc" as const } },
      preNotifiedBy: true,
    };
    const device = (id: string) => db().device.findUniqueOrThrow({ where: { id }, include });
    const partnersOf = async (id: string) => (await device(id)).associations.map((a) => a.associatedDeviceId).sort();

    const dual = DEMO_INVENTORY.dualFuel;
    expect(dual.mpan).toBe("1400123456786");
    expect(dual.mprn).toBe("7123456786");
    for (const id of [dual.esme, dual.gsme, dual.chf, dual.gpf]) expect((await device(id)).status, id).toBe("COMMISSIONED");
    const ihd = await device(dual.ihd);
    expect(ihd.status).toBeNull();
    expect(ihd.deviceType).toBe("IHD");
    expect(await partnersOf(dual.ihd)).toEqual([dual.esme, dual.chf].sort());
    expect(await partnersOf(dual.gsme)).toEqual([dual.chf, dual.gpf].sort());
    expect(await partnersOf(dual.gpf)).toEqual([dual.chf]);
    const esme = await device(dual.esme);
    expect(esme.model!.model).toBe(dual.esmeModel);
    const [mpan] = esme.meterPoints;
    expect(mpan.meterPoint).toMatchObject({ mpxn: dual.mpan, addressLine: dual.addressLine, town: dual.town, postcode: dual.postcode, uprn: dual.uprn });
    expect(mpan.meterPoint.registrations).toHaveLength(1);
    expect(mpan.meterPoint.registrations[0]).toMatchObject({
      effectiveTo: null,
      supplier: { name: dual.supplier },
      networkOperator: { name: dual.distributor },
      agent: { name: dual.agent },
    });
    expect(esme.preNotifiedBy!.email).toBe(dual.supplierAccount);
    const [mprn] = (await device(dual.gsme)).meterPoints;
    expect(mprn.meterPoint).toMatchObject({ mpxn: dual.mprn, fuel: "GAS", uprn: dual.uprn });
    expect(mprn.meterPoint.registrations[0]).toMatchObject({ supplier: { name: dual.supplier }, networkOperator: { name: dual.transporter } });
    const chf = await device(dual.chf);
    expect(chf).toMatchObject({ cspRegion: dual.cspRegion, preNotifiedBy: { email: "admin@dcc.demo" } });
    expect(chf.wanTechnology).toBeTruthy();
    expect(chf.statusHistory.map((h) => h.transition)).toEqual(["T2", "T8"]);
    expect(esme.statusHistory.map((h) => h.transition)).toEqual(["T1", "T3", "T4", "T13"]);
    // Installed at 10:00 UTC, commissioned 20 minutes later: timestamps are stored as UTC whatever the server zone.
    expect(esme.commissionedAt!.toISOString()).toMatch(/T10:20:00\.000Z$/);

    const elec = DEMO_INVENTORY.electricityOnly;
    expect(elec.mpan).toBe("1600234567810");
    for (const id of [elec.esme, elec.chf, elec.gpf]) expect((await device(id)).status, id).toBe("COMMISSIONED");
    const northgate = await device(elec.esme);
    expect(northgate.meterPoints[0].meterPoint).toMatchObject({ mpxn: elec.mpan, addressLine: elec.addressLine, postcode: elec.postcode });
    expect(northgate.meterPoints[0].meterPoint.registrations[0]).toMatchObject({ supplier: { name: elec.supplier }, networkOperator: { name: elec.distributor } });
    expect(await partnersOf(elec.esme)).toEqual([elec.chf]);

    const pending = DEMO_INVENTORY.pendingEsme;
    expect(pending.mpan).toBe("1400123456795");
    const p = await device(pending.id);
    expect(p).toMatchObject({ status: "PENDING", deviceType: "ESME", model: { model: pending.model }, preNotifiedBy: { email: pending.preNotifiedBy } });
    expect(p.pendingSince).not.toBeNull();
    expect(p.statusHistory.map((h) => [h.transition, h.cause])).toEqual([["T1", "SRV 12.2 Device Pre-Notification"]]);
    expect(p.meterPoints[0].meterPoint).toMatchObject({ mpxn: pending.mpan, addressLine: pending.addressLine, postcode: pending.postcode });
    expect(p.meterPoints[0].meterPoint.registrations[0]).toMatchObject({ supplier: { name: pending.supplier } });
    expect(p.associations).toHaveLength(0);

    const removable = DEMO_INVENTORY.removableModel;
    expect(new Set(removable.premises.map((x) => x.mpan)).size).toBe(5);
    for (const premises of removable.premises) {
      const e = await device(premises.esme);
      expect(e).toMatchObject({ status: "COMMISSIONED", model: { model: removable.model } });
      expect(e.meterPoints[0].meterPoint).toMatchObject({ mpxn: premises.mpan, postcode: removable.postcode });
      expect(e.meterPoints[0].meterPoint.registrations[0]).toMatchObject({ supplier: { name: removable.supplier }, networkOperator: { name: removable.distributor } });
      expect(e.associations.map((a) => a.associatedDeviceId)).toEqual([premises.chf]);
      expect((await device(premises.chf)).status).toBe("COMMISSIONED");
    }
  });

  it("is deterministic: the same seed plans the same premises, and the database holds exactly those devices", async () => {
    const base = Date.UTC(2026, 10, 1);
    const plan = (seed: number) => [...inventoryPremises({ seed, devices: DEVICES, base })];
    const first = plan(DEFAULT_SEED);
    expect(plan(DEFAULT_SEED)).toEqual(first);
    const ids = [...first.flatMap(deviceIdsOf), ...[...dccStock(base)].flatMap((hub) => [hub.chf, hub.gpf])];
    expect(new Set(ids).size).toBe(ids.length);
    const stored = (await db().device.findMany({ where: { id: { notIn: REFERENCE_DEVICE_IDS } }, select: { id: true } })).map((d) => d.id);
    expect(stored.sort()).toEqual([...ids].sort());
    const other = plan(DEFAULT_SEED + 1).flatMap(deviceIdsOf);
    expect(other.filter((id) => !ids.includes(id)).length).toBeGreaterThan(other.length / 2);
  });

  it("never reuses a demo identifier in generated premises", () => {
    const demoPremises = [...inventoryPremises({ seed: 1, devices: 0 })];
    const demo = new Set(demoPremises.flatMap(deviceIdsOf));
    const generated = [...inventoryPremises({ seed: 7, devices: 50_000 })].slice(demoPremises.length);
    expect(demo.size).toBeGreaterThan(0);
    const mpxns = new Set<string>();
    for (const p of generated) {
      for (const id of deviceIdsOf(p)) expect(demo.has(id)).toBe(false);
      expect(p.postcode.startsWith("CV4 ")).toBe(false);
      for (const m of [p.esme, p.gsme]) for (const { mpxn } of m?.mpxns ?? []) mpxns.add(mpxn);
    }
    for (const mpxn of [DEMO_INVENTORY.dualFuel.mpan, DEMO_INVENTORY.dualFuel.mprn, DEMO_INVENTORY.pendingEsme.mpan]) expect(mpxns.has(mpxn)).toBe(false);
  });

  it("keeps the DCC's stock: CH_STOCK_PER_REGION CHs per Region, Pending, held by nobody, at no premises, of the Region's CH models", async () => {
    const stock = [...dccStock(now().getTime())];
    expect(stock).toHaveLength(3 * CH_STOCK_PER_REGION);
    const devices = await db().device.findMany({
      where: { id: { in: stock.flatMap((hub) => [hub.chf, hub.gpf]) } },
      include: { model: true, statusHistory: true, associations: true, associatedFrom: true, meterPoints: true },
    });
    const byId = new Map(devices.map((d) => [d.id, d]));
    const perRegion = new Map<string, number>();
    for (const hub of stock) {
      const chf = byId.get(hub.chf)!;
      const gpf = byId.get(hub.gpf)!;
      for (const d of [chf, gpf]) {
        expect(d, d.id).toMatchObject({ status: "PENDING", cspRegion: hub.region, chHolderPartyId: null, chConsignmentId: null, commissionedAt: null, wanBlockedAt: null });
        expect(d.pendingSince, d.id).toEqual(d.statusHistory[0].at);
        expect(d.statusHistory.map((h) => [h.transition, h.toStatus]), d.id).toEqual([["T2", "PENDING"]]);
        expect(d.model).toMatchObject({ deviceType: "CH", status: "CURRENT" });
        expect(CPL_MODELS.find((m) => m.model === d.model!.model)!.regions, d.id).toContain(hub.region);
        expect(d.wanTechnology).toBe(CPL_MODELS.find((m) => m.model === d.model!.model)!.wanTechnology);
        expect(d.meterPoints).toHaveLength(0);
      }
      // A CH: its GPF Associated to its CHF, and nothing else.
      expect([chf.associations, chf.associatedFrom.map((a) => a.deviceId)]).toEqual([[], [gpf.id]]);
      expect([gpf.associations.map((a) => a.associatedDeviceId), gpf.associatedFrom]).toEqual([[chf.id], []]);
      perRegion.set(hub.region, (perRegion.get(hub.region) ?? 0) + 1);
    }
    expect(Object.fromEntries(perRegion)).toEqual({ NORTH: CH_STOCK_PER_REGION, CENTRAL: CH_STOCK_PER_REGION, SOUTH: CH_STOCK_PER_REGION });
    // The DCC finds a stock CHF by its Device ID: no MPxN, no address.
    const admin = await actorFor("admin@dcc.demo");
    const found = await searchDevices(admin, { q: stock[0].chf });
    expect(found.page.data).toMatchObject([{ id: stock[0].chf, deviceType: "CHF", status: "PENDING", mpxn: null, addressLine: null }]);
  });

  it("never expires the stock: a CH stays Pending past 12 months (T22 is for meters and Type 1 devices)", async () => {
    const stock = [...dccStock(now().getTime())].flatMap((hub) => [hub.chf, hub.gpf]);
    setNow(new Date(now().getTime() + 400 * 86_400_000));
    try {
      const { removed } = await expirePendingDevices();
      expect(removed).toBeGreaterThan(0);
      expect(await db().device.count({ where: { id: { in: stock }, status: "PENDING" } })).toBe(stock.length);
    } finally {
      resetClock();
    }
  });
});
