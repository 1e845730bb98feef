import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { makeCplModel, newDeviceId } from "@/lib/testing/smi-fixtures";
import { COUNT_CAP, searchDevices, searchDevicesForExport } from "./search-devices";

// A filter-only search counts at most COUNT_CAP matches; the export must still yield every row.
describe("SMI search beyond the count cap", () => {
  const total = COUNT_CAP + 5;
  let user: Actor;
  beforeAll(async () => {
    await resetDatabase();
    user = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    const model = await makeCplModel({ deviceType: "ESME" });
    const ids = new Set<string>();
    while (ids.size < total) ids.add(newDeviceId());
    await db().device.createMany({
      data: [...ids].map((id) => ({ id, deviceType: "ESME" as const, status: "COMMISSIONED" as const, modelId: model.id, manufacturer: model.manufacturer })),
    });
  });

  it("caps the count of a filter-only search and says so", async () => {
    const result = await searchDevices(user, { type: "ESME" });
    expect(result).toMatchObject({ key: null, countCapped: true });
    expect(result.page.count).toBe(COUNT_CAP);
  });

  it("exports every matching row, past the cap", async () => {
    const seen = new Set<string>();
    for await (const batch of searchDevicesForExport(user, { type: "ESME" }, 5_000)) for (const row of batch) seen.add(row.id);
    expect(seen.size).toBe(total);
  });
});
