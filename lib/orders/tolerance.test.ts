import { describe, expect, it } from "vitest";
import { isWithinTolerance, toleranceBounds } from "./tolerance";

describe("order tolerance (F5.10): MIN = max(50% F10, 80% F7) rounded down, MAX = min(120% F7, 150% F10) rounded up (F5.11)", () => {
  it("the seed's example: F10 = F7 = 1000 gives 800..1200", () => {
    expect(toleranceBounds(1000, 1000)).toEqual({ minimum: 800, maximum: 1200 });
  });

  it("F10 = 1001, F7 = 999: MIN = floor(max(500.5, 799.2)) = 799, MAX = ceil(min(1198.8, 1501.5)) = 1199", () => {
    expect(toleranceBounds(1001, 999)).toEqual({ minimum: 799, maximum: 1199 });
  });

  it("rounding is down for MIN and up for MAX, never to the nearest", () => {
    // 80% of 1001 = 800.8 (nearest would be 801); 120% of 1001 = 1201.2 (nearest would be 1201, up is 1202).
    expect(toleranceBounds(1001, 1001)).toEqual({ minimum: 800, maximum: 1202 });
    // 80% of 3 = 2.4 → 2; 120% of 3 = 3.6 → 4.
    expect(toleranceBounds(3, 3)).toEqual({ minimum: 2, maximum: 4 });
  });

  it("a bound that is already a whole number is not moved by the rounding", () => {
    // 80% of 1005 = 804 exactly (not 803); 120% of 35 = 42 exactly (not 43).
    expect(toleranceBounds(0, 1005).minimum).toBe(804);
    expect(toleranceBounds(1000, 35).maximum).toBe(42);
    expect(toleranceBounds(10, 10)).toEqual({ minimum: 8, maximum: 12 });
  });

  it("50% of F10 dominates MIN when F10 is much larger than F7", () => {
    // 50% of 2000 = 1000 > 80% of 1000 = 800.
    expect(toleranceBounds(2000, 1000).minimum).toBe(1000);
    // 50% of 1001 = 500.5 > 80% of 600 = 480 → 500.
    expect(toleranceBounds(1001, 600)).toEqual({ minimum: 500, maximum: 720 });
  });

  it("150% of F10 is MAX when F10 is much smaller than F7", () => {
    // 150% of 401 = 601.5 < 120% of 1000 = 1200 → 602.
    expect(toleranceBounds(401, 1000)).toEqual({ minimum: 800, maximum: 602 });
    expect(toleranceBounds(1000, 2000).maximum).toBe(1500);
  });

  it("scenario 5: F10 = 333, F7 = 101 gives MIN 166 > MAX 122, so nothing is compliant", () => {
    expect(toleranceBounds(333, 101)).toEqual({ minimum: 166, maximum: 122 });
    for (const q of [0, 121, 122, 144, 166, 167]) expect(isWithinTolerance(q, 333, 101)).toBe(false);
  });

  it("zeros: no forecast means only zero is compliant; a zero F10 caps MAX at zero whatever F7 says", () => {
    expect(toleranceBounds(0, 0)).toEqual({ minimum: 0, maximum: 0 });
    expect(isWithinTolerance(0, 0, 0)).toBe(true);
    expect(isWithinTolerance(10, 0, 0)).toBe(false);
    expect(toleranceBounds(0, 1000)).toEqual({ minimum: 800, maximum: 0 });
    expect(toleranceBounds(1000, 0)).toEqual({ minimum: 500, maximum: 0 });
  });

  it("exactly MIN and MAX are compliant; MIN - 1 and MAX + 1 are not (scenario 4)", () => {
    for (const [f10, f7] of [
      [1000, 1000],
      [1001, 999],
      [2000, 1000],
      [401, 500],
    ]) {
      const { minimum, maximum } = toleranceBounds(f10, f7);
      expect(minimum).toBeLessThanOrEqual(maximum);
      expect(isWithinTolerance(minimum, f10, f7)).toBe(true);
      expect(isWithinTolerance(maximum, f10, f7)).toBe(true);
      expect(isWithinTolerance(minimum - 1, f10, f7)).toBe(false);
      expect(isWithinTolerance(maximum + 1, f10, f7)).toBe(false);
    }
    expect(isWithinTolerance(799, 1000, 1000)).toBe(false);
    expect(isWithinTolerance(800, 1000, 1000)).toBe(true);
    expect(isWithinTolerance(1200, 1000, 1000)).toBe(true);
    expect(isWithinTolerance(1201, 1000, 1000)).toBe(false);
  });
});
