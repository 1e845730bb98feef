import { beforeAll, describe, expect, it } from "vitest";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { parseMpan, parseMprn } from "@/lib/identifiers";
import { decommissionDevice } from "@/lib/smi/decommission-device";
import { deleteDevice } from "@/lib/smi/delete-device";
import { preNotifyDevice } from "@/lib/smi/pre-notify-device";
import { registrationsOf } from "@/lib/smi/registrations";
import { DEFAULT_SEED } from "@/prisma/seed/index";
import { CPL_MODELS, seedInventory } from "@/prisma/seed/inventory";
import { seedParties } from "@/prisma/seed/parties";
import { seedReferencePremises } from "@/prisma/seed/reference-premises";
import { REFERENCE_DEVICE_IDS, REFERENCE_EUI, REFERENCE_PREMISES, resetReferencePremises } from "./reference-premises";

const NOW = new Date("2026-11-24T09:00:00Z");
const A = (last: string) => `00DB1234567890${last}`;
const actorFor = async (email: string): Promise<Actor> => (await loadActor((await db().account.findUniqueOrThrow({ where: { email } })).id))!;
const partyId = async (eui64: string) => (await db().party.findUniqueOrThrow({ where: { eui64 } })).id;

/** Everything the reset restores, without row versions, update times and generated ids. */
async function premisesState() {
  const devices = await db().device.findMany({
    where: { id: { in: REFERENCE_DEVICE_IDS } },
    orderBy: { id: "asc" },
    include: {
      meterPoints: { orderBy: { role: "asc" } },
      associations: { orderBy: { associatedDeviceId: "asc" }, select: { associatedDeviceId: true, createdAt: true } },
      statusHistory: { orderBy: { at: "asc" }, omit: { id: true } },
    },
    omit: { version: true, updatedAt: true },
  });
  const registrations = await db().registrationRecord.findMany({
    where: { mpxn: { in: REFERENCE_PREMISES.meterPoints.map((p) => p.mpxn) } },
    orderBy: { mpxn: "asc" },
    omit: { id: true },
  });
  const meterPoints = await db().meterPoint.findMany({ where: { postcode: REFERENCE_PREMISES.postcode }, orderBy: { mpxn: "asc" } });
  return { devices, registrations, meterPoints };
}

describe("DUIS reference premises", () => {
  let seeded: Awaited<ReturnType<typeof premisesState>>;
  beforeAll(async () => {
    setNow(NOW);
    await seedParties(db(), { seed: DEFAULT_SEED });
    await seedInventory(db(), { seed: DEFAULT_SEED, devices: 0 });
    await seedReferencePremises(db());
    seeded = await premisesState();
    return resetClock;
  });

  it("seeds the reference Users with their fixed EUIs and roles, the DCC with 90-B3-D5-1F-30-00-00-02", async () => {
    const parties = await db().party.findMany({ where: { eui64: { in: Object.values(REFERENCE_EUI) } }, include: { accounts: true } });
    const byEui = new Map(parties.map((p) => [p.eui64, p]));
    expect(byEui.get(REFERENCE_EUI.dcc)).toMatchObject({ isDcc: true, name: "Data and Communications Company" });
    expect(byEui.get(REFERENCE_EUI.supplier)).toMatchObject({ name: "RTDS Supplier", roles: ["IS", "ES", "GS", "OU"] });
    expect(byEui.get(REFERENCE_EUI.networkOperator)).toMatchObject({ name: "RTDS Network Operator", roles: ["ED", "GT"] });
    expect(byEui.get(REFERENCE_EUI.supplier2)).toMatchObject({ name: "RTDS Supplier 2", roles: ["IS", "GS"] });
    expect(byEui.get(REFERENCE_EUI.loadController)).toMatchObject({ name: "RTDS Load Controller", roles: ["OU"] });
    expect(byEui.get(REFERENCE_EUI.supplier)!.accounts.map((a) => a.email).sort()).toEqual(
      ["aro", "deliveries", "orders", "sro", "user"].map((local) => `${local}@rtds-supplier.demo`),
    );
    expect(byEui.get(REFERENCE_EUI.networkOperator)!.accounts.map((a) => a.email).sort()).toEqual(["aro", "sro", "user"].map((local) => `${local}@rtds-network.demo`));
  });

  it("seeds the devices the templates need: types, SMI Statuses, models, MPxN links and Associations", async () => {
    const devices = new Map(seeded.devices.map((d) => [d.id, d]));
    const summary = (id: string) => {
      const d = devices.get(A(id))!;
      return [d.deviceType, d.status, d.esmeVariant, d.meterPoints.map((m) => `${m.role}:${m.mpxn}`), d.associations.map((a) => a.associatedDeviceId)];
    };
    expect(summary("A0")).toEqual(["ESME", "INSTALLED_NOT_COMMISSIONED", "TWIN_ELEMENT", ["PRIMARY:1312345678111", "SECONDARY:1312345678222"], [A("A2")]]);
    expect(summary("A1")).toEqual(["GSME", "INSTALLED_NOT_COMMISSIONED", null, ["PRIMARY:1234567890"], [A("A2"), A("A3")]]);
    expect(summary("A2")).toEqual(["CHF", "COMMISSIONED", null, [], []]);
    expect(summary("A3")).toEqual(["GPF", "INSTALLED_NOT_COMMISSIONED", null, [], [A("A2")]]);
    expect(summary("A4")).toEqual(["PPMID", "INSTALLED_NOT_COMMISSIONED", null, [], [A("A0"), A("A2")]]);
    expect(summary("A5")).toEqual(["HCALCS", "INSTALLED_NOT_COMMISSIONED", null, [], [A("A0"), A("A2")]]);
    expect(summary("A6")).toEqual(["ESME", "COMMISSIONED", "SINGLE_ELEMENT", ["PRIMARY:1300123456781"], [A("A2")]]);

    // A CHF and its GPF share a current Dual Band CH model of their CSP Region (Sub-GHz SRVs 6.28-6.32).
    const models = new Map((await db().deviceModel.findMany()).map((m) => [m.id, m]));
    const chf = devices.get(A("A2"))!;
    const ch = CPL_MODELS.find((m) => m.model === models.get(chf.modelId!)!.model)!;
    expect(devices.get(A("A3"))!.modelId).toBe(chf.modelId);
    expect(ch.regions).toContain(chf.cspRegion);
    expect(chf.wanTechnology).toBe(ch.wanTechnology);
    expect(chf.wanTechnology).toContain("Sub-GHz");
    for (const d of seeded.devices) {
      const model = models.get(d.modelId!)!;
      expect(model.status, d.id).toBe("CURRENT");
      expect(model.deviceType, d.id).toBe(d.deviceType === "CHF" || d.deviceType === "GPF" ? "CH" : d.deviceType);
      const demo = CPL_MODELS.find((m) => m.model === model.model);
      if (d.esmeVariant && demo) expect(demo.variant).toBe(d.esmeVariant);
      // A history the SMI Status machine allows, ending in the status.
      expect(d.statusHistory.at(-1)!.toStatus, d.id).toBe(d.status);
      expect(d.statusHistory[0]).toMatchObject({ fromStatus: null, toStatus: "PENDING", transition: d.deviceType === "CHF" || d.deviceType === "GPF" ? "T2" : "T1" });
      d.statusHistory.slice(1).forEach((h, i) => expect(h.fromStatus).toBe(d.statusHistory[i].toStatus));
      expect(d.statusHistory.at(-1)!.at.getTime()).toBeLessThan(NOW.getTime());
    }
    expect(devices.get(A("A6"))!.commissionedAt).toEqual(devices.get(A("A6"))!.statusHistory.at(-1)!.at);

    // A0's model is the one 12.2 names; the firmware 11.1 and 11.4 distribute is on the CPL for A0's and A4's models.
    const key = (id: string | null) => {
      const m = models.get(id!)!;
      return [m.manufacturer, m.model, m.firmwareVersion, m.status];
    };
    expect(key(devices.get(A("A0"))!.modelId)).toEqual(["AB01", "010A030B", "0002012F", "CURRENT"]);
    expect(key(devices.get(A("A4"))!.modelId)).toEqual(["AB01", "RTDS-PPMID", "00000000", "CURRENT"]);
    const update = await db().deviceModel.findFirstOrThrow({ where: { deviceType: "ESME", manufacturer: "AB01", model: "010A030B", firmwareVersion: "00000000" } });
    expect(update.status).toBe("CURRENT");
  });

  it("registers every MPxN to the RTDS Supplier and Network Operator since 2010, so each device has its Responsible Supplier", async () => {
    const supplier = await partyId(REFERENCE_EUI.supplier);
    const networkOperator = await partyId(REFERENCE_EUI.networkOperator);
    expect(seeded.registrations).toHaveLength(REFERENCE_PREMISES.meterPoints.length);
    for (const r of seeded.registrations) {
      expect(r).toMatchObject({ supplierId: supplier, networkOperatorId: networkOperator, agentId: null, effectiveTo: null, effectiveFrom: new Date("2010-01-01T00:00:00Z") });
    }
    expect(seeded.meterPoints.map((p) => p.mpxn)).toEqual(REFERENCE_PREMISES.meterPoints.map((p) => p.mpxn).sort());
    // The reference data's own MPxNs fail the check digit (D4); the one we chose for A6 passes.
    for (const mpxn of ["1312345678111", "1312345678222", "1312345678333"]) expect(parseMpan(mpxn)).toBeNull();
    for (const mpxn of ["1234567890", "1000999888"]) expect(parseMprn(mpxn)).toBeNull();
    expect(parseMpan("1300123456781")).toBe("1300123456781");

    const registrations = await registrationsOf(db(), REFERENCE_DEVICE_IDS);
    const fuels = (id: string) => [...new Set(registrations.get(A(id))!.map((r) => `${r.fuel}:${r.supplierId === supplier}`))].sort();
    expect(fuels("A0")).toEqual(["ELECTRICITY:true"]);
    expect(fuels("A1")).toEqual(["GAS:true"]);
    expect(fuels("A2")).toEqual(["ELECTRICITY:true", "GAS:true"]);
    expect(fuels("A3")).toEqual(["GAS:true"]);
    expect(fuels("A4")).toEqual(["ELECTRICITY:true"]);
    expect(fuels("A5")).toEqual(["ELECTRICITY:true"]);
    expect(fuels("A6")).toEqual(["ELECTRICITY:true"]);
  });

  it("refuses a reset by anyone but the DCC, changing nothing", async () => {
    for (const email of ["user@rtds-supplier.demo", "servicedesk@dcc.demo"]) {
      await expect(resetReferencePremises(await actorFor(email))).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await db().auditEvent.count({ where: { action: "duis.reset-reference-premises" } })).toBe(0);
  });

  it("resets the premises after a run: recreates the decommissioned, re-pre-notified and deleted ESME, deletes the Users' schedules, cancels their pending future-dated requests", async () => {
    const user = await actorFor("user@rtds-supplier.demo");
    const supplier = user.partyId;
    const other = (await db().party.findFirstOrThrow({ where: { name: "Brightwater Energy" } })).id;
    // The end of a template run: 8.3 decommissions A0, 12.2 pre-notifies it again, 8.4 deletes it.
    await decommissionDevice(user, { deviceId: A("A0") });
    await preNotifyDevice(user, { deviceId: A("A0"), deviceType: "ESME", modelId: seeded.devices[0].modelId!, esmeVariant: "SINGLE_ELEMENT" });
    await deleteDevice(user, { deviceId: A("A0") });
    expect(await db().device.findUnique({ where: { id: A("A0") } })).toBeNull();
    // And the rest of the premises moved on: the CHF notified for return, the GSME commissioned, a stray Association.
    await db().chReturn.create({
      data: { ref: "RET9000001", partyId: supplier, deviceId: A("A2"), kind: "NO_FAULT", reason: "NF1", removedAt: NOW, notifiedAt: NOW, notifiedVia: "SRV 8.14.4", createdAt: NOW },
    });
    await db().device.update({ where: { id: A("A1") }, data: { status: "COMMISSIONED", commissionedAt: NOW } });
    await db().deviceAssociation.create({ data: { deviceId: A("A4"), associatedDeviceId: A("A6") } });

    const schedule = { srv: "4.6.1", frequency: "Daily", startDate: NOW, nextRunAt: NOW, bodyXml: "<sr:ReadSchedule/>", createdAt: NOW };
    await db().dccSchedule.createMany({
      data: [
        { ...schedule, partyId: supplier, deviceId: A("A0") },
        { ...schedule, partyId: supplier, deviceId: A("A6"), deletedAt: NOW },
        { ...schedule, partyId: other, deviceId: A("A6") },
      ],
    });
    const request = (counter: number, party: string, status: "WAITING_EXECUTION" | "COMMAND_SENT") => ({
      requestId: `90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A6:${counter}`,
      originatorEui: REFERENCE_EUI.supplier,
      targetEui: A("A6"),
      partyId: party,
      srv: "4.1.1",
      commandVariant: 1,
      kind: "NON_CRITICAL" as const,
      mode: "FUTURE_DATED_DSP" as const,
      status,
      deviceId: A("A6"),
      executeAt: new Date(NOW.getTime() + 86_400_000),
      checks: [],
      requestXml: "<sr:Request/>",
      receivedAt: NOW,
    });
    await db().serviceRequest.createMany({ data: [request(1, supplier, "WAITING_EXECUTION"), request(2, supplier, "COMMAND_SENT"), request(3, other, "WAITING_EXECUTION")] });

    const admin = await actorFor("admin@dcc.demo");
    expect(await resetReferencePremises(admin)).toEqual({ devices: 7, schedulesDeleted: 1, requestsCancelled: 1 });
    expect(await premisesState()).toEqual(seeded);
    expect(await db().chReturn.count({ where: { deviceId: A("A2") } })).toBe(0);
    expect((await db().dccSchedule.findMany({ orderBy: { id: "asc" } })).map((s) => s.deletedAt !== null)).toEqual([true, true, false]);
    expect((await db().serviceRequest.findMany({ orderBy: { requestId: "asc" } })).map((r) => r.status)).toEqual(["CANCELLED", "COMMAND_SENT", "WAITING_EXECUTION"]);
    expect(await db().auditEvent.findFirst({ where: { action: "duis.reset-reference-premises" } })).toMatchObject({
      actorId: admin.accountId,
      partyId: null,
      after: { devices: 7, schedulesDeleted: 1, requestsCancelled: 1 },
    });

    // A re-run can pre-notify and delete again after 8.3; a second reset finds nothing more to undo.
    await decommissionDevice(user, { deviceId: A("A0") });
    await preNotifyDevice(user, { deviceId: A("A0"), deviceType: "ESME", modelId: seeded.devices[0].modelId!, esmeVariant: "SINGLE_ELEMENT" });
    expect(await resetReferencePremises(admin)).toEqual({ devices: 7, schedulesDeleted: 0, requestsCancelled: 0 });
    expect(await premisesState()).toEqual(seeded);
  });
});
