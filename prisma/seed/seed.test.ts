import { describe, expect, it } from "vitest";
import { PARTY_PERMISSIONS } from "@/lib/auth/policy";
import { checkCredentials } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { REFERENCE_EUI } from "@/lib/duis/reference-premises";
import { cpaExpiry } from "@/lib/smi/read-cpl";
import { DEFAULT_SEED, isDatabaseEmpty, seedDemoData } from "./index";
import { DEMO_INVENTORY } from "./inventory";
import { britishName } from "./names";
import { DEMO_PARTIES, DEMO_PASSWORD } from "./parties";

describe("demo data", () => {
  it("seeds the DCC, 6 suppliers (one exporting), 3 distributors, 2 transporters, an agent, an other user and the 4 DUIS reference Users", async () => {
    expect(await isDatabaseEmpty(db())).toBe(true);
    // devices: 0 keeps this fast: only the fixed demo inventory (prisma/seed/inventory.test.ts covers the rest).
    await seedDemoData(db(), { seed: DEFAULT_SEED, devices: 0, incidents: 0, orders: false });
    expect(await isDatabaseEmpty(db())).toBe(false);

    const all = await db().party.findMany({ include: { accounts: true } });
    const { dcc: dccEui, ...referenceUsers } = REFERENCE_EUI;
    const reference = new Set<string>(Object.values(referenceUsers));
    expect(all.filter((p) => reference.has(p.eui64)).map((p) => p.name).sort()).toEqual(["RTDS Load Controller", "RTDS Network Operator", "RTDS Supplier", "RTDS Supplier 2"]);
    expect(all.find((p) => p.isDcc)!.eui64).toBe(dccEui);
    const parties = all.filter((p) => !reference.has(p.eui64));
    const withRole = (role: string) => parties.filter((p) => p.roles.some((r) => r === role));
    expect(parties.filter((p) => p.isDcc)).toHaveLength(1);
    expect(parties.filter((p) => p.roles.some((r) => r === "IS" || r === "GS"))).toHaveLength(6);
    expect(withRole("ES")).toHaveLength(1);
    expect(withRole("ED")).toHaveLength(3);
    expect(withRole("GT")).toHaveLength(2);
    expect(withRole("RSA")).toHaveLength(1);
    expect(withRole("OU")).toHaveLength(1);
    expect(parties.every((p) => /^[0-9A-F]{16}$/.test(p.eui64))).toBe(true);

    // At least one account per permission per relevant party.
    const dcc = parties.find((p) => p.isDcc)!;
    expect(new Set(dcc.accounts.flatMap((a) => a.permissions))).toEqual(new Set(["DCC_ADMIN", "SERVICE_DESK"]));
    for (const party of all.filter((p) => !p.isDcc)) {
      const held = new Set(party.accounts.flatMap((a) => a.permissions));
      const supplier = party.roles.some((r) => r === "IS" || r === "GS" || r === "ES");
      const expected = PARTY_PERMISSIONS.filter((p) => supplier || !p.startsWith("CH_"));
      expect([...held].sort(), party.name).toEqual([...expected].sort());
    }
  }, 90_000); // a whole seed (bar the bulk modules) on a busy machine

  it("is deterministic and every demo login works with the published password", async () => {
    const first = await db().party.findMany({ orderBy: { name: "asc" }, select: { name: true, eui64: true } });
    expect(first).toHaveLength(DEMO_PARTIES.length);
    // The same seed always yields the same Party IDs (the README and tests can rely on them); the DCC's is fixed, and
    // drawing one for it all the same keeps the others' as they were.
    const { seededFaker, eui64From } = await import("./random");
    const faker = seededFaker(DEFAULT_SEED);
    expect(eui64From(faker)).not.toBe(REFERENCE_EUI.dcc);
    expect(eui64From(faker)).toBe((await db().party.findFirstOrThrow({ where: { name: "Brightwater Energy" } })).eui64);
    // People's names read as British staff: a first name and a surname, no honorific, the same on every run.
    const names = (await db().account.findMany({ select: { name: true } })).map((a) => a.name);
    expect(names.every((name) => /^[A-Z][a-z]+ [A-Z][A-Za-z]+$/.test(name) && name.split(" ")[0] !== name.split(" ")[1])).toBe(true);
    expect(await db().account.findUniqueOrThrow({ where: { email: "user@brightwater.demo" } })).toMatchObject({ name: britishName(DEFAULT_SEED, "user@brightwater.demo") });
    expect((await checkCredentials("admin@dcc.demo", DEMO_PASSWORD)).ok).toBe(true);
    expect((await checkCredentials("user@brightwater.demo", DEMO_PASSWORD)).ok).toBe(true);
    expect((await checkCredentials("user@rtds-supplier.demo", DEMO_PASSWORD)).ok).toBe(true);
  });

  it("always seeds the documented demo inventory, even with devices: 0", async () => {
    const d = DEMO_INVENTORY;
    const ids = [d.dualFuel.esme, d.dualFuel.gsme, d.dualFuel.chf, d.dualFuel.gpf, d.dualFuel.ihd, d.electricityOnly.esme, d.pendingEsme.id];
    const devices = await db().device.findMany({ where: { id: { in: ids } } });
    expect(devices.map((x) => x.id).sort()).toEqual([...ids].sort());
    expect(await db().device.count({ where: { model: { model: d.removableModel.model } } })).toBe(5);
    expect(await db().meterPoint.count({ where: { mpxn: { in: [d.dualFuel.mpan, d.dualFuel.mprn, d.pendingEsme.mpan] } } })).toBe(3);
    expect(await db().deviceModel.count()).toBeGreaterThanOrEqual(28);
    // The CPL page has CPA Certificates to flag: at least one expired and one within the Panel's 6-month warning.
    const states = (await db().deviceModel.findMany()).map((m) => cpaExpiry(m.cpaExpiresOn)?.state);
    expect(states).toContain("expired");
    expect(states).toContain("near");
  });
});
