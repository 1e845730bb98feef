import { describe, expect, it } from "vitest";
import { SLOT_MS, blockSplit, halfHours, hasStream, midnights, register, touRegisters, type MeterIdentity } from "./consumption";

const esme: MeterIdentity = { id: "00-11-22-33-44-55-66-01", deviceType: "ESME", esmeVariant: "SINGLE_ELEMENT" };
const gsme: MeterIdentity = { id: "00-11-22-33-44-55-66-02", deviceType: "GSME", esmeVariant: null };
const twin: MeterIdentity = { ...esme, id: "00-11-22-33-44-55-66-03", esmeVariant: "TWIN_ELEMENT" };
const t = (iso: string) => new Date(iso);

describe("consumption", () => {
  it("is the same for the same device and time, and differs between devices", () => {
    const at = t("2026-03-10T12:34:56Z");
    expect(register(esme, "import", at)).toBe(register({ ...esme }, "import", new Date(at)));
    expect(register(esme, "import", at)).not.toBe(register({ ...esme, id: "00-11-22-33-44-55-66-99" }, "import", at));
  });

  it("registers only grow, at any instants", () => {
    for (const meter of [esme, gsme, twin]) {
      let previous = -1;
      // Irregular steps, across a year boundary and both seasons.
      for (let ms = t("2025-12-30T00:00:00Z").getTime(); ms < t("2026-08-01T00:00:00Z").getTime(); ms += 7_777_777) {
        const value = register(meter, "import", new Date(ms));
        expect(value).toBeGreaterThanOrEqual(previous);
        previous = value;
      }
    }
  });

  it("half-hour values are positive and sum exactly to the register's growth", () => {
    for (const meter of [esme, gsme]) {
      const from = t("2026-01-05T00:00:00Z");
      const to = t("2026-01-12T00:00:00Z");
      const values = halfHours(meter, "import", from, to);
      expect(values).toHaveLength(7 * 48);
      expect(values.every((v) => v.value > 0)).toBe(true);
      expect(values.reduce((a, v) => a + v.value, 0)).toBe(register(meter, "import", to) - register(meter, "import", from));
    }
  });

  it("a profile read later agrees with one read earlier, and a partial half hour is not included", () => {
    const early = halfHours(esme, "import", t("2026-02-01T00:00:00Z"), t("2026-02-01T06:15:00Z"));
    const later = halfHours(esme, "import", t("2026-02-01T00:00:00Z"), t("2026-02-02T00:00:00Z"));
    expect(early).toHaveLength(12);
    expect(later.slice(0, 12)).toEqual(early);
    expect(later[12].start.getTime() - later[11].start.getTime()).toBe(SLOT_MS);
  });

  it("uses more electricity in the evening than at night, and more gas in winter than in summer", () => {
    const day = halfHours(esme, "import", t("2026-03-02T00:00:00Z"), t("2026-03-03T00:00:00Z"));
    expect(day[37].value).toBeGreaterThan(day[6].value); // 18:30 vs 03:00
    const winter = register(gsme, "import", t("2026-02-01T00:00:00Z")) - register(gsme, "import", t("2026-01-01T00:00:00Z"));
    const summer = register(gsme, "import", t("2026-08-01T00:00:00Z")) - register(gsme, "import", t("2026-07-01T00:00:00Z"));
    expect(winter).toBeGreaterThan(summer * 1.5);
  });

  it("has a secondary register only on a twin-element ESME, reactive only on an ESME", () => {
    expect(hasStream(twin, "secondary")).toBe(true);
    expect(hasStream(esme, "secondary")).toBe(false);
    expect(register(esme, "secondary", t("2026-03-01T00:00:00Z"))).toBe(0);
    expect(hasStream(gsme, "reactive")).toBe(false);
    expect(register(esme, "reactive", t("2026-03-01T00:00:00Z"))).toBeGreaterThan(0);
  });

  it("splits the import register across TOU registers that each grow and add up to it", () => {
    const a = touRegisters(esme, t("2026-03-01T00:00:00Z"), 3);
    const b = touRegisters(esme, t("2026-03-02T00:00:00Z"), 3);
    expect(a).toHaveLength(3);
    b.forEach((v, i) => expect(v).toBeGreaterThanOrEqual(a[i]));
    expect(Math.abs(a.reduce((x, y) => x + y, 0) - register(esme, "import", t("2026-03-01T00:00:00Z")))).toBeLessThanOrEqual(3);
  });

  it("splits consumption across blocks by cumulative thresholds", () => {
    expect(blockSplit(25_000, [10, 20])).toEqual([10_000, 10_000, 5_000, 0]);
    expect(blockSplit(5_000, [])).toEqual([5_000, 0, 0, 0]);
  });

  it("lists each midnight in a range", () => {
    expect(midnights(t("2026-01-01T06:00:00Z"), t("2026-01-03T00:00:00Z")).map((d) => d.toISOString())).toEqual(["2026-01-02T00:00:00.000Z", "2026-01-03T00:00:00.000Z"]);
  });
});
