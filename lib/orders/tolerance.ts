// The order tolerance rule (F5.10, rounding F5.11), per HAN Variant: the ordered sum must lie between
// MIN = max(50% of F10, 80% of F7) rounded down and MAX = min(120% of F7, 150% of F10) rounded up, where F10 and F7
// are that month's figures in the forecasts submitted 10 and 7 months before the Delivery Month starts.

/** Integer percentages keep the rounding exact at its edges (no 0.1 + 0.2 surprises). */
const percentOf = (value: number, percent: number) => (value * percent) / 100;

export function toleranceBounds(f10: number, f7: number): { minimum: number; maximum: number } {
  return {
    minimum: Math.floor(Math.max(percentOf(f10, 50), percentOf(f7, 80))),
    maximum: Math.ceil(Math.min(percentOf(f7, 120), percentOf(f10, 150))),
  };
}

export function isWithinTolerance(ordered: number, f10: number, f7: number): boolean {
  const { minimum, maximum } = toleranceBounds(f10, f7);
  return ordered >= minimum && ordered <= maximum;
}
