import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { canonicalSearchQuery, deleteSavedSearch, listSavedSearches, saveSearch } from "./saved-searches";

describe("saved SMI searches", () => {
  let ada: Actor;
  let colleague: Actor;
  beforeEach(async () => {
    await resetDatabase();
    ada = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    // Same party, different account: saved searches are per account, not per party.
    colleague = await makeActor(["PARTY_USER"], { partyId: ada.partyId });
  });

  it("keeps only the search's own fields, never the page", () => {
    expect(canonicalSearchQuery("?q=CV4+8DE&page=3&type=ESME&junk=1&status=")).toBe("q=CV4+8DE&type=ESME");
    expect(canonicalSearchQuery("page=2")).toBe("");
  });

  it("saves a search for its account, without the page, and lists it only to that account", async () => {
    const saved = await saveSearch(ada, { name: "  Coventry meters ", query: "?q=CV4%208DE&property=12&page=4&region=CENTRAL" });
    expect(saved).toMatchObject({ accountId: ada.accountId, name: "Coventry meters", query: "q=CV4+8DE&property=12&region=CENTRAL" });
    expect((await listSavedSearches(ada)).map((s) => s.id)).toEqual([saved.id]);
    expect(await listSavedSearches(colleague)).toEqual([]);
  });

  it("lets nobody but its account delete it (NOT_FOUND), and lets its account delete it", async () => {
    const saved = await saveSearch(ada, { name: "Mine", query: "q=1234567890" });
    const stranger = await makeActor(["PARTY_USER"], { roles: ["GS"] });
    await expect(deleteSavedSearch(colleague, { id: saved.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteSavedSearch(stranger, { id: saved.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().savedSearch.count()).toBe(1);
    await deleteSavedSearch(ada, { id: saved.id });
    expect(await db().savedSearch.count()).toBe(0);
    await expect(deleteSavedSearch(ada, { id: saved.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a second search of the same name for one account, but not for another account", async () => {
    await saveSearch(ada, { name: "ESMEs", query: "type=ESME" });
    await expect(saveSearch(ada, { name: "ESMEs", query: "type=GSME" })).rejects.toMatchObject({ code: "CONFLICT", fieldErrors: { name: "Name already used." } });
    await expect(saveSearch(colleague, { name: "ESMEs", query: "type=GSME" })).resolves.toMatchObject({ accountId: colleague.accountId });
    expect((await listSavedSearches(ada)).map((s) => s.query)).toEqual(["type=ESME"]);
  });

  it("refuses an empty search or an empty name, and accounts that cannot search", async () => {
    await expect(saveSearch(ada, { name: "Nothing", query: "page=3" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(saveSearch(ada, { name: "  ", query: "type=ESME" })).rejects.toMatchObject({ issues: [expect.objectContaining({ message: "Give the search a name." })] });
    const sro = await makeActor(["SRO"], { roles: ["IS"] });
    await expect(saveSearch(sro, { name: "x", query: "type=ESME" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db().savedSearch.count()).toBe(0);
  });
});
