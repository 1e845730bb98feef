import { describe, expect, it } from "vitest";
import type { Actor } from "./actor";
import { authorize, authorizeResource, can, partyScope, RULES, seesAllParties } from "./policy";

const actor = (over: Partial<Actor>): Actor => ({
  accountId: "acc",
  email: "a@example.test",
  name: "A",
  partyId: "party-a",
  partyName: "Party A",
  partyEui64: "0000000000000001",
  isDcc: false,
  roles: ["IS"],
  permissions: ["PARTY_USER"],
  ...over,
});

const supplier = actor({});
const admin = actor({ partyId: "dcc", isDcc: true, roles: [], permissions: ["DCC_ADMIN"] });
const serviceDesk = actor({ partyId: "dcc", isDcc: true, roles: [], permissions: ["SERVICE_DESK"] });

describe("policy", () => {
  it("lets only DCC admins manage parties, accounts and the outbox", () => {
    for (const action of ["party.manage", "account.manage", "outbox.view"] as const) {
      expect(can(admin, action)).toBe(true);
      expect(can(supplier, action)).toBe(false);
      expect(can(serviceDesk, action)).toBe(false);
    }
  });

  it("ignores a DCC permission held by a non-DCC account", () => {
    const impostor = actor({ permissions: ["PARTY_USER", "DCC_ADMIN"] });
    expect(can(impostor, "account.manage")).toBe(false);
    expect(seesAllParties(impostor, "audit.view")).toBe(false);
  });

  it("ignores party permissions held by a DCC account", () => {
    expect(can(actor({ isDcc: true, permissions: ["PARTY_USER"] }), "audit.view")).toBe(false);
  });

  it("scopes the audit trail to the actor's party except for DCC admins", () => {
    expect(partyScope(supplier, "audit.view")).toEqual({ partyId: "party-a" });
    expect(partyScope(admin, "audit.view")).toEqual({});
    expect(() => partyScope(actor({ permissions: ["CH_ORDERING"] }), "audit.view")).toThrow(/permission/);
  });

  it("answers NOT_FOUND for another party's resource before checking permission", () => {
    const other = { partyId: "party-b" };
    expect(() => authorizeResource(supplier, "account.manage", other)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(() => authorizeResource(supplier, "account.manage", { partyId: "party-a" })).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => authorizeResource(supplier, "party.view", null)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(() => authorizeResource(supplier, "audit.view", { partyId: null })).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(authorizeResource(admin, "account.manage", other)).toBe(other);
  });

  it("gives every rule at least one permission or opens it to every account on purpose", () => {
    for (const [name, rule] of Object.entries(RULES)) {
      expect(rule.allow === "any" || rule.allow.length > 0, name).toBe(true);
    }
    expect(() => authorize(supplier, "home.view")).not.toThrow();
  });
});
