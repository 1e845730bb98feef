import { describe, expect, it } from "vitest";
import { cpaExpiry } from "./read-cpl";

const at = new Date("2026-12-06T10:00:00Z");

describe("CPA Certificate expiry on the CPL", () => {
  it("flags an expired certificate with the days since, and one within 6 months with the days left", () => {
    expect(cpaExpiry(new Date("2026-11-26T00:00:00Z"), at)).toEqual({ state: "expired", days: 10 });
    expect(cpaExpiry(new Date("2027-02-19T00:00:00Z"), at)).toEqual({ state: "near", days: 75 });
    expect(cpaExpiry(new Date("2027-06-06T00:00:00Z"), at)).toEqual({ state: "near", days: 182 });
  });

  it("leaves alone a certificate beyond the 6-month warning, and a model without one", () => {
    expect(cpaExpiry(new Date("2027-06-07T00:00:00Z"), at)).toBeNull();
    expect(cpaExpiry(null, at)).toBeNull();
  });
});
