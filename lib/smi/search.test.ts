import { beforeAll, describe, expect, it } from "vitest";
import type { DeviceModel } from "@/generated/prisma/client";
import { DeviceType } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { makeCplModel, makeDevice, makePremises, makePremisesParties, newUprn } from "@/lib/testing/smi-fixtures";
import { searchDevices, searchDevicesForExport } from "./search-devices";
import { parseSearchKey } from "./search-query";

type Premises = Awaited<ReturnType<typeof makePremises>>;
const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe("SMI search (scenarios 26-27)", () => {
  let rsa: Actor;
  let a: Premises;
  let b: Premises;
  let c: Premises;
  let esmeModel: DeviceModel;
  let loose: Awaited<ReturnType<typeof makeDevice>>;

  // The searches only read: one data set serves every test.
  beforeAll(async () => {
    await resetDatabase();
    rsa = await makeActor(["PARTY_USER"], { roles: ["RSA"] });
    const parties = await makePremisesParties();
    esmeModel = await makeCplModel({ deviceType: "ESME", model: "Sparky 2" });
    a = await makePremises({ parties, addressLine: "12 High Street", postcode: "CV4 8DE", uprn: "100023336956", cspRegion: "CENTRAL", models: { esme: esmeModel } });
    b = await makePremises({ parties, addressLine: "14 High Street", postcode: "CV4 8DE", cspRegion: "CENTRAL", status: "INSTALLED_NOT_COMMISSIONED" });
    c = await makePremises({ parties, addressLine: "Flat 3, Palace Road", postcode: "SW1A 1AA", uprn: newUprn(), cspRegion: "SOUTH", models: { esme: esmeModel } });
    loose = await makeDevice({ deviceType: "PPMID", model: await makeCplModel({ deviceType: "PPMID" }) });
  });

  it("finds a device by its Device ID typed with separators and in lower case", async () => {
    const result = await searchDevices(rsa, { q: formatEui64(a.esme.id).toLowerCase() });
    expect(result.key).toEqual({ kind: "deviceId", value: a.esme.id });
    expect(result.page.data).toEqual([
      expect.objectContaining({ id: a.esme.id, deviceType: "ESME", status: "COMMISSIONED", mpxn: a.mpan.mpxn, addressLine: "12 High Street", postcode: "CV4 8DE", modelName: "Sparky 2", cplStatus: "CURRENT" }),
    ]);
    expect((await searchDevices(rsa, { q: a.esme.id.replace(/(..)/g, "$1:").slice(0, -1), by: "deviceId" })).page.count).toBe(1);
    expect((await searchDevices(rsa, { q: "00-00-00-00-00-00-00-0A" })).page.count).toBe(0);
  });

  it("finds the whole premises by MPAN: the meter, the CHF, the GPF, the other meter and the IHD", async () => {
    const result = await searchDevices(rsa, { q: a.mpan.mpxn });
    expect(result.key).toEqual({ kind: "mpan", value: a.mpan.mpxn });
    expect(ids(result.page.data)).toEqual(ids(a.devices));
    expect(result.page.count).toBe(5);
    // Spaces in the MPAN are fine.
    const spaced = `${a.mpan.mpxn.slice(0, 2)} ${a.mpan.mpxn.slice(2, 6)} ${a.mpan.mpxn.slice(6)}`;
    expect(ids((await searchDevices(rsa, { q: spaced })).page.data)).toEqual(ids(a.devices));
  });

  it("finds the premises by MPRN and by UPRN", async () => {
    const byMprn = await searchDevices(rsa, { q: a.mprn.mpxn });
    expect(byMprn.key?.kind).toBe("mprnOrUprn");
    expect(ids(byMprn.page.data)).toEqual(ids(a.devices));
    expect(ids((await searchDevices(rsa, { q: "100023336956" })).page.data)).toEqual(ids(a.devices));
    expect(ids((await searchDevices(rsa, { q: "100023336956", by: "uprn" })).page.data)).toEqual(ids(a.devices));
    expect((await searchDevices(rsa, { q: "999999999999" })).page.count).toBe(0);
  });

  it("finds every premises on a full postcode, or one house on it by name or number", async () => {
    expect(ids((await searchDevices(rsa, { q: "CV4 8DE" })).page.data)).toEqual(ids([...a.devices, ...b.devices]));
    const house12 = await searchDevices(rsa, { q: "cv48de", property: "12" });
    expect(house12.key).toEqual({ kind: "postcode", value: "CV4 8DE", property: "12" });
    expect(ids(house12.page.data)).toEqual(ids(a.devices));
    expect(ids((await searchDevices(rsa, { q: "CV4 8DE", property: "14" })).page.data)).toEqual(ids(b.devices));
    expect((await searchDevices(rsa, { q: "CV4 8DE", property: "1" })).page.count).toBe(0);
    expect(ids((await searchDevices(rsa, { q: "SW1A 1AA", property: "flat 3" })).page.data)).toEqual(ids(c.devices));
  });

  it("asks for the full postcode when given part of one, or a property without a postcode", async () => {
    for (const q of ["CV4", "cv4 8"]) {
      await expect(searchDevices(rsa, { q })).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("full postcode") });
    }
    await expect(searchDevices(rsa, { q: "", property: "12" })).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("full postcode") });
  });

  it("explains what is wrong with an MPAN, a Device ID or anything else", async () => {
    const badMpan = `${a.mpan.mpxn.slice(0, 12)}${(Number(a.mpan.mpxn[12]) + 1) % 10}`;
    await expect(searchDevices(rsa, { q: badMpan })).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("check digit") });
    for (const q of ["00DB1234567890AG", "00-db-12-34-56-78-90-ag", "00DB1234567890A"]) {
      await expect(searchDevices(rsa, { q })).rejects.toMatchObject({
        code: "INVALID",
        message: expect.stringContaining("is not a Device ID: a Device ID is 16 hexadecimal digits"),
        fieldErrors: { q: expect.any(String) },
      });
    }
    await expect(searchDevices(rsa, { q: "hello!" })).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("not a Device ID, MPAN, MPRN, full postcode or UPRN") });
    expect(() => parseSearchKey({ q: "12", by: "uprn", property: "" })).not.toThrow();
    expect(() => parseSearchKey({ q: "1234567890123", by: "uprn", property: "" })).toThrow("up to 12 digits");
  });

  it("narrows a keyed search by device type, SMI Status, model and region", async () => {
    const postcode = { q: "CV4 8DE" };
    expect(ids((await searchDevices(rsa, { ...postcode, type: "ESME" })).page.data)).toEqual(ids([a.esme, b.esme]));
    expect(ids((await searchDevices(rsa, { ...postcode, status: "INSTALLED_NOT_COMMISSIONED" })).page.data)).toEqual(ids([b.chf, b.gpf, b.esme, b.gsme]));
    expect(ids((await searchDevices(rsa, { ...postcode, model: esmeModel.id })).page.data)).toEqual([a.esme.id]);
    expect(ids((await searchDevices(rsa, { ...postcode, region: "CENTRAL" })).page.data)).toEqual(ids([a.chf, a.gpf, b.chf, b.gpf]));
    expect((await searchDevices(rsa, { ...postcode, region: "SOUTH" })).page.count).toBe(0);
    // An unknown filter value is ignored rather than failing the search.
    expect((await searchDevices(rsa, { ...postcode, type: "TOASTER" })).page.count).toBe(10);
  });

  it("searches on filters alone, counting every match", async () => {
    const esmes = await searchDevices(rsa, { type: "ESME" });
    expect(esmes.key).toBeNull();
    expect(esmes.countCapped).toBe(false);
    expect(esmes.page.count).toBe(3);
    expect(ids(esmes.page.data)).toEqual(ids([a.esme, b.esme, c.esme]));
    expect((await searchDevices(rsa, { region: "SOUTH" })).page.count).toBe(2);
    expect((await searchDevices(rsa, { status: "PENDING" })).page.data.map((r) => r.id)).toEqual([loose.id]);
    expect((await searchDevices(rsa, {})).page.count).toBe(16);
  });

  it("pages a keyed search and keeps the total on every page, even past the end", async () => {
    const pages = [];
    for (const page of [1, 2, 3, 4]) pages.push((await searchDevices(rsa, { q: "CV4 8DE", page }, 3)).page);
    expect(pages.map((p) => p.data.length)).toEqual([3, 3, 3, 1]);
    expect(pages.map((p) => p.count)).toEqual([10, 10, 10, 10]);
    expect(pages[0].totalPages).toBe(4);
    expect(new Set(pages.flatMap((p) => ids(p.data))).size).toBe(10);
    const pastTheEnd = (await searchDevices(rsa, { q: "CV4 8DE", page: 5 }, 3)).page;
    expect(pastTheEnd).toMatchObject({ data: [], count: 10, page: 5 });
    // Rows come ordered by device type (in the enum's order: meters first), then Device ID.
    const all = (await searchDevices(rsa, { q: "CV4 8DE" })).page.data;
    const typeOrder = Object.keys(DeviceType);
    const key = (r: { deviceType: string; id: string }) => `${typeOrder.indexOf(r.deviceType)}|${r.id}`;
    expect(all.map(key)).toEqual(all.map(key).sort());
    expect(all.slice(0, 2).map((r) => r.deviceType)).toEqual(["ESME", "ESME"]);
  });

  it("exports every matching row in batches", async () => {
    const batches: string[][] = [];
    for await (const batch of searchDevicesForExport(rsa, { q: "CV4 8DE" }, 4)) batches.push(batch.map((r) => r.id));
    expect(batches.map((x) => x.length)).toEqual([4, 4, 2]);
    expect(batches.flat().sort()).toEqual(ids([...a.devices, ...b.devices]));
    const exact: string[] = [];
    for await (const batch of searchDevicesForExport(rsa, { type: "ESME" }, 3)) exact.push(...batch.map((r) => r.id));
    expect(exact.sort()).toEqual(ids([a.esme, b.esme, c.esme]));
  });

  it("lets any party user or DCC staff search, and nobody else", async () => {
    const serviceDesk = await makeActor(["SERVICE_DESK"], { isDcc: true });
    expect((await searchDevices(serviceDesk, { q: a.mpan.mpxn })).page.count).toBe(5);
    const sro = await makeActor(["SRO"], { roles: ["IS"] });
    await expect(searchDevices(sro, { q: a.mpan.mpxn })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db().device.count()).toBe(16);
  });
});
