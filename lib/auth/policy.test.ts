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

  it("lets the Service Desk and DCC admins record a party's return notification for any party, and no party account", () => {
    for (const dcc of [serviceDesk, admin]) {
      expect(can(dcc, "ch.return.record")).toBe(true);
      expect(seesAllParties(dcc, "ch.return.record")).toBe(true);
      expect(seesAllParties(dcc, "ch.view")).toBe(true);
    }
    const oms = actor({ permissions: ["CH_ORDERING", "CH_DELIVERY_RETURNS"] });
    expect(can(oms, "ch.return")).toBe(true);
    expect(can(oms, "ch.return.record")).toBe(false);
    expect(can(supplier, "ch.return.record")).toBe(false);
    expect(can(actor({ permissions: ["PARTY_USER", "SERVICE_DESK"] }), "ch.return.record")).toBe(false);
  });

  it("keeps disputes, re-opening and SRs with party users, and full Registration Data with DCC staff", () => {
    for (const action of ["incident.dispute", "incident.reopen", "smi.service-request"] as const) {
      expect(can(supplier, action)).toBe(true);
      expect(can(serviceDesk, action)).toBe(false);
      expect(can(admin, action)).toBe(false);
      // A party permission on a DCC account grants nothing.
      expect(can(actor({ isDcc: true, permissions: ["PARTY_USER"] }), action)).toBe(false);
    }
    expect(seesAllParties(serviceDesk, "smi.registration.view")).toBe(true);
    expect(seesAllParties(admin, "smi.registration.view")).toBe(true);
    expect(seesAllParties(supplier, "smi.registration.view")).toBe(false);
  });

  it("shows each persona's home panel only to accounts of that persona", () => {
    const sro = actor({ permissions: ["SRO"] });
    expect(can(serviceDesk, "home.service-desk")).toBe(true);
    expect(can(admin, "home.service-desk")).toBe(false);
    expect(can(sro, "home.sro")).toBe(true);
    expect(can(sro, "home.organisation")).toBe(true);
    expect(can(sro, "home.party-user")).toBe(false);
    expect(can(actor({ permissions: ["CH_DELIVERY_RETURNS"] }), "home.oms")).toBe(true);
    for (const dcc of [serviceDesk, admin, actor({ isDcc: true, permissions: ["SRO", "PARTY_USER", "CH_ORDERING"] })]) {
      for (const action of ["home.sro", "home.party-user", "home.oms", "home.organisation"] as const) expect(can(dcc, action), action).toBe(false);
    }
  });

  it("gives every rule at least one permission or opens it to every account on purpose", () => {
    for (const [name, rule] of Object.entries(RULES)) {
      expect(rule.allow === "any" || rule.allow.length > 0, name).toBe(true);
    }
    expect(() => authorize(supplier, "home.view")).not.toThrow();
  });
});
