import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { newDeviceId } from "@/lib/testing/smi-fixtures";
import { raiseDccAlerts } from "./dcc-alerts";
import { listDccAlerts } from "./read-alerts";

describe("DCC Alerts", () => {
  let alpha: Actor;
  let beta: Actor;
  let admin: Actor;
  const device = newDeviceId();
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow("2026-11-24T09:00:00Z");
    alpha = await makeActor(["PARTY_USER"], { roles: ["ED"] });
    beta = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
  });

  it("raises one alert per recipient party in the caller's transaction, collapsing duplicates", async () => {
    await db().$transaction((tx) =>
      raiseDccAlerts(tx, [
        { code: "N16", deviceId: device, partyId: alpha.partyId, message: "one" },
        { code: "N16", deviceId: device, partyId: alpha.partyId, message: "one again" },
        { code: "N28", deviceId: device, partyId: beta.partyId, recipientAccountId: beta.accountId, message: "two" },
      ]),
    );
    expect(await db().dccAlert.count()).toBe(2);
    expect(await db().dccAlert.findFirst({ where: { partyId: beta.partyId } })).toMatchObject({ recipientAccountId: beta.accountId, createdAt: new Date("2026-11-24T09:00:00Z") });
    // An alert raised in a transaction that fails is never seen.
    await expect(
      db().$transaction(async (tx) => {
        await raiseDccAlerts(tx, [{ code: "N1", deviceId: device, partyId: alpha.partyId, message: "rolled back" }]);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await db().dccAlert.count()).toBe(2);
  });

  it("lists a party only its own alerts, newest first; a DCC admin sees every party's", async () => {
    const other = await makeParty({ roles: ["GT"] });
    await db().dccAlert.createMany({
      data: [
        { code: "N16", deviceId: device, partyId: alpha.partyId, message: "old", createdAt: new Date("2026-11-01T00:00:00Z") },
        { code: "N1", deviceId: newDeviceId(), partyId: alpha.partyId, message: "new", createdAt: new Date("2026-11-20T00:00:00Z") },
        { code: "N28", deviceId: device, partyId: beta.partyId, message: "beta's", createdAt: new Date("2026-11-10T00:00:00Z") },
        { code: "N2", deviceId: null, partyId: other.id, message: "other's", createdAt: new Date("2026-11-11T00:00:00Z") },
      ],
    });
    expect((await listDccAlerts(alpha, {})).data.map((a) => a.message)).toEqual(["new", "old"]);
    expect((await listDccAlerts(beta, {})).data.map((a) => a.message)).toEqual(["beta's"]);
    const all = await listDccAlerts(admin, {});
    expect(all.count).toBe(4);
    expect(all.data.map((a) => a.message)).toEqual(["new", "other's", "beta's", "old"]);
    expect(all.data.find((a) => a.message === "beta's")?.party.name).toBeTruthy();

    // Filters: code, and Device ID as typed; an unparseable ID matches nothing.
    expect((await listDccAlerts(alpha, { code: "N16" })).data.map((a) => a.message)).toEqual(["old"]);
    expect((await listDccAlerts(admin, { deviceId: formatEui64(device).toLowerCase() })).data.map((a) => a.message).sort()).toEqual(["beta's", "old"]);
    expect((await listDccAlerts(alpha, { deviceId: formatEui64(device) })).count).toBe(1);
    expect((await listDccAlerts(admin, { deviceId: "nonsense" })).count).toBe(0);
    expect((await listDccAlerts(admin, { code: "N99" })).count).toBe(4);
  });

  it("pages the list", async () => {
    await db().dccAlert.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({ code: "N16", deviceId: device, partyId: alpha.partyId, message: `#${i}`, createdAt: new Date(Date.UTC(2026, 10, 1, 0, i)) })),
    });
    const first = await listDccAlerts(alpha, {});
    const second = await listDccAlerts(alpha, { page: "2" });
    expect(first).toMatchObject({ count: 30, page: 1, totalPages: 2 });
    expect(first.data).toHaveLength(25);
    expect(first.data[0].message).toBe("#29");
    expect(second.data.map((a) => a.message)).toEqual(["#4", "#3", "#2", "#1", "#0"]);
  });

  it("is refused to accounts without a party-user or DCC-admin permission", async () => {
    const serviceDesk = await makeActor(["SERVICE_DESK"], { isDcc: true });
    const sro = await makeActor(["SRO"], { roles: ["IS"] });
    await expect(listDccAlerts(serviceDesk, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listDccAlerts(sro, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
