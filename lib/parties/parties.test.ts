import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { createParty } from "./create-party";
import { getParty, listParties } from "./read-parties";

describe("parties", () => {
  let admin: Actor;
  beforeEach(async () => {
    await resetDatabase();
    admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
  });

  it("registers a party with its User Roles, normalising the EUI-64 Party ID, and audits it", async () => {
    const party = await createParty(admin, { name: " Solent Power ", eui64: "90-b3-d5-00-00-00-00-2a", roles: ["IS", "ES"] });
    expect(party).toMatchObject({ name: "Solent Power", eui64: "90B3D5000000002A", roles: ["IS", "ES"], isDcc: false });
    expect(await db().auditEvent.count({ where: { action: "party.create", entityId: party.id, actorId: admin.accountId } })).toBe(1);
  });

  it("refuses a malformed Party ID, a party without roles, and a duplicate, writing nothing", async () => {
    await expect(createParty(admin, { name: "Bad", eui64: "90-B3-D5", roles: ["IS"] })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["eui64"], message: expect.stringContaining("16 hexadecimal digits") })],
    });
    await expect(createParty(admin, { name: "No roles", eui64: "90B3D5000000002B", roles: [] })).rejects.toMatchObject({
      issues: [expect.objectContaining({ message: "Choose at least one User Role." })],
    });
    await createParty(admin, { name: "Solent", eui64: "90B3D5000000002C", roles: ["GS"] });
    await expect(createParty(admin, { name: "Solent again", eui64: "90B3D5000000002C", roles: ["GS"] })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().party.count({ where: { isDcc: false } })).toBe(1);
    expect(await db().auditEvent.count()).toBe(1);
  });

  it("refuses party registration to anyone but a DCC admin", async () => {
    const serviceDesk = await makeActor(["SERVICE_DESK"], { isDcc: true });
    await expect(createParty(serviceDesk, { name: "X", eui64: "90B3D5000000002D", roles: ["IS"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("shows a party to its own members and to DCC admins only", async () => {
    const a = await makeParty({ name: "Alpha" });
    const b = await makeParty({ name: "Beta" });
    const alphaUser = await makeActor(["PARTY_USER"], { partyId: a.id });
    expect((await getParty(alphaUser, a.id)).accounts).toHaveLength(1);
    await expect(getParty(alphaUser, b.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getParty(alphaUser, "no-such-id")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getParty(admin, b.id)).name).toBe("Beta");
    await expect(listParties(alphaUser, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("filters the list by name, Party ID and User Role", async () => {
    await makeParty({ name: "Gas Only", roles: ["GS"] });
    const ed = await makeParty({ name: "Wires", roles: ["ED"] });
    expect((await listParties(admin, { role: "ED" })).data.map((p) => p.name)).toEqual(["Wires"]);
    expect((await listParties(admin, { q: "gas" })).data.map((p) => p.name)).toEqual(["Gas Only"]);
    expect((await listParties(admin, { q: ed.eui64.toLowerCase() })).data.map((p) => p.id)).toEqual([ed.id]);
  });
});
