// Form field names shared by the order form and its server action (a "use server" file exports only actions).

/** Per delivery slot of the order form: its Delivery Location, preferred date and one quantity per item. */
export const slotField = {
  location: (slot: number) => `location${slot}`,
  date: (slot: number) => `date${slot}`,
  quantity: (slot: number, code: string) => `qty${slot}:${code}`,
};

/** The forecast grid's inputs: "cell:YYYY-MM|REGION|HAN_VARIANT" ("" HAN Variant for a Region's total). */
export const CELL_PREFIX = "cell:";
export const cellKey = (month: string, region: string, hanVariant: string) => `${month}|${region}|${hanVariant}`;
