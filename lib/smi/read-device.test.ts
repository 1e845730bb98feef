import { beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { openAdapter } from "@/lib/database-adapter";
import { databaseConnection, db, setDatabase } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { makeCplModel, makeDevice, makePremises, type PremisesParties } from "@/lib/testing/smi-fixtures";
import { readDevice } from "./read-device";

describe("SR 8.2 Read Inventory / SSI detail view", () => {
  let parties: PremisesParties;
  let site: Awaited<ReturnType<typeof makePremises>>;
  let supplier: Actor;
  let distributor: Actor;
  let agent: Actor;
  let unrelatedRsa: Actor;
  let serviceDesk: Actor;
  let pending: Awaited<ReturnType<typeof makeDevice>>;

  beforeAll(async () => {
    await resetDatabase();
    const supplierParty = await makeParty({ name: "Brightwater Energy", roles: ["IS", "GS"] });
    const distributorParty = await makeParty({ name: "Midlands Wires", roles: ["ED"] });
    const transporterParty = await makeParty({ name: "Gas Pipes", roles: ["GT"] });
    const agentParty = await makeParty({ name: "Meter Fixers", roles: ["RSA"] });
    parties = {
      electricitySupplierId: supplierParty.id,
      gasSupplierId: supplierParty.id,
      distributorId: distributorParty.id,
      transporterId: transporterParty.id,
      agentId: agentParty.id,
    };
    supplier = await makeActor(["PARTY_USER"], { partyId: supplierParty.id });
    distributor = await makeActor(["PARTY_USER"], { partyId: distributorParty.id });
    agent = await makeActor(["PARTY_USER"], { partyId: agentParty.id });
    unrelatedRsa = await makeActor(["PARTY_USER"], { roles: ["RSA"] });
    serviceDesk = await makeActor(["SERVICE_DESK"], { isDcc: true });
    site = await makePremises({ parties, addressLine: "12 High Street", postcode: "CV4 8DE", uprn: "100023336956", preNotifiedBy: supplier });
    await db().deviceStatusChange.create({
      data: { deviceId: site.esme.id, fromStatus: "INSTALLED_NOT_COMMISSIONED", toStatus: "COMMISSIONED", at: new Date("2026-01-01"), cause: "SR 8.1.1 Commission Device", transition: "T13" },
    });
    await db().dccAlert.createMany({
      data: [
        { code: "N16", deviceId: site.esme.id, partyId: distributorParty.id, message: "for the distributor", createdAt: new Date("2026-01-01") },
        { code: "N28", deviceId: site.esme.id, partyId: supplierParty.id, message: "for the supplier", createdAt: new Date("2026-01-02") },
      ],
    });
    pending = await makeDevice({ deviceType: "ESME", model: await makeCplModel(), preNotifiedBy: supplier, mpxn: site.mpan.mpxn });
  });

  it("scenario 27: an RSA reads a device it does not supply: the device, MPxN, address, Associations and history, but no registration parties", async () => {
    const detail = await readDevice(unrelatedRsa, formatEui64(site.esme.id).toLowerCase());
    expect(detail).not.toBeNull();
    expect(detail!.device).toMatchObject({ id: site.esme.id, status: "COMMISSIONED" });
    expect(detail!.label).toBe(formatEui64(site.esme.id));
    expect(detail!.model?.id).toBe(site.esme.modelId);
    expect(detail!.meterPoints).toMatchObject([{ role: "PRIMARY", mpxn: site.mpan.mpxn, addressLine: "12 High Street", postcode: "CV4 8DE", uprn: "100023336956" }]);
    expect(detail!.associations.map((x) => `${x.direction}|${x.id}`).sort()).toEqual([`from|${site.ihd.id}`, `to|${site.chf.id}`].sort());
    expect(detail!.history).toMatchObject([{ transition: "T13", toStatus: "COMMISSIONED" }]);
    expect(detail!.preNotifiedByPartyName).toBe("Brightwater Energy");
    // D8: the registration behind it is hidden from a party with no part in it.
    expect(detail!.registrations).toEqual([]);
    expect(detail!.registrationsHidden).toBe(1);
    expect(detail!.alerts).toEqual([]);
    expect(detail!.serviceRequests).toMatchObject({ allowed: true, isResponsibleSupplier: false, statusTargets: [], decommission: false, changeMpxn: false });
  });

  it("D8: shows the registration to its supplier, network operator and agent, and to DCC staff", async () => {
    const expected = {
      mpxn: site.mpan.mpxn,
      supplierName: "Brightwater Energy",
      networkOperatorName: "Midlands Wires",
      agentName: "Meter Fixers",
    };
    for (const viewer of [supplier, distributor, agent, serviceDesk]) {
      const detail = await readDevice(viewer, site.esme.id);
      expect(detail!.registrations).toEqual([expect.objectContaining(expected)]);
      expect(detail!.registrationsHidden).toBe(0);
    }
  });

  it("shows a CHF the registrations of both fuels, and each party only its own alerts (DCC staff all)", async () => {
    const chf = await readDevice(supplier, site.chf.id);
    expect(chf!.registrations.map((r) => r.fuel).sort()).toEqual(["ELECTRICITY", "GAS"]);
    expect(chf!.isCommsHub).toBe(true);
    expect(chf!.associations.map((x) => x.id).sort()).toEqual([site.esme.id, site.gsme.id, site.gpf.id, site.ihd.id].sort());
    expect((await readDevice(supplier, site.esme.id))!.alerts.map((x) => x.message)).toEqual(["for the supplier"]);
    expect((await readDevice(distributor, site.esme.id))!.alerts.map((x) => x.message)).toEqual(["for the distributor"]);
  });

  it("offers the Responsible Supplier its SR forms: status moves for the device's status, decommission, MPxN change", async () => {
    const commissioned = await readDevice(supplier, site.esme.id);
    expect(commissioned!.serviceRequests).toMatchObject({ isResponsibleSupplier: true, isPreNotifier: true, editDetails: false, delete: false, statusTargets: [], decommission: true, changeMpxn: true });
    const pend = await readDevice(supplier, pending.id);
    expect(pend!.serviceRequests).toMatchObject({ editDetails: true, delete: true, statusTargets: ["INSTALLED_NOT_COMMISSIONED"], decommission: false });
    expect((await readDevice(serviceDesk, pending.id))!.serviceRequests.allowed).toBe(false);
  });

  it("shows a Type 2 device with no SMI Status and no history", async () => {
    const ihd = await readDevice(unrelatedRsa, site.ihd.id);
    expect(ihd!.device).toMatchObject({ deviceType: "IHD", status: null });
    expect(ihd!.history).toEqual([]);
    expect(ihd!.associations.map((x) => x.id).sort()).toEqual([site.chf.id, site.esme.id].sort());
  });

  it("returns null for a Device ID not in the SMI and refuses a malformed one", async () => {
    expect(await readDevice(unrelatedRsa, "00-00-00-00-00-00-00-01")).toBeNull();
    await expect(readDevice(unrelatedRsa, "00-00-01")).rejects.toMatchObject({ code: "INVALID" });
    const sro = await makeActor(["SRO"], { roles: ["RSA"] });
    await expect(readDevice(sro, site.esme.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("reads the device page in at most 3 queries, its dates as dates", async () => {
    const connection = databaseConnection()!;
    const original = db();
    const counting = new PrismaClient({ adapter: openAdapter(connection.target, { pglite: connection.pglite }).adapter, log: [{ emit: "event", level: "query" }] });
    const queries: string[] = [];
    counting.$on("query", (event) => queries.push(event.query));
    setDatabase(counting, connection);
    try {
      const detail = await readDevice(supplier, site.esme.id);
      expect(queries.length).toBeGreaterThan(0);
      expect(queries.length).toBeLessThanOrEqual(3);
      expect(detail!.history[0].at).toEqual(new Date("2026-01-01"));
      expect(detail!.alerts[0]).toMatchObject({ createdAt: new Date("2026-01-02"), party: { name: "Brightwater Energy" } });
      expect(detail!.associations.every((a) => a.since instanceof Date)).toBe(true);
      expect(detail!.model!.createdAt).toBeInstanceOf(Date);
      expect(detail!.device.createdAt).toBeInstanceOf(Date);
    } finally {
      setDatabase(original, connection);
      await counting.$disconnect();
    }
  });
});
