// CH ordering builders for unit tests. `forecastGrid` is a complete, valid forecast for a submission month (what a
// party would upload); `storeForecast` and `makeDeliveryLocation` write rows through Prisma directly, so order tests
// can set up the forecasts made 10 and 7 months earlier without going through (or depending on) submitForecast.
import crypto from "node:crypto";
import type { ChConsignmentStatus, ChDeliveryGround, ChOrderStatus, CspRegion } from "@/generated/prisma/enums";
import { now } from "@/lib/clock";
import { db, nextNumber } from "@/lib/db";
import { shiftMonth } from "@/lib/orders/calendar";
import { forecastShape, type ForecastCell } from "@/lib/orders/forecasts";
import { omsRef } from "@/lib/orders/oms-notices";
import type { OrderInput } from "@/lib/orders/orders";

type ShapeCell = ReturnType<typeof forecastShape>[number];

/** A quantity per cell: a function of the cell, or one number for every cell. */
export type CellQuantity = number | ((cell: ShapeCell) => number);

const quantityOf = (quantity: CellQuantity, cell: ShapeCell) => (typeof quantity === "number" ? quantity : quantity(cell));

/** Every cell a forecast submitted in `submissionMonth` needs, once each, in display order (default 100 a cell). */
export function forecastGrid(submissionMonth: string, quantity: CellQuantity = 100): ForecastCell[] {
  return forecastShape(submissionMonth).map((cell) => ({ month: cell.month, region: cell.region, hanVariant: cell.hanVariant, quantity: quantityOf(quantity, cell) }));
}

/**
 * Chosen figures for one (month, Region): `{ SINGLE_BAND: 1000, DUAL_BAND: 400 }`, or `{ "": 1400 }` for a total-only
 * month. Every other cell gets `otherwise` (default 0).
 */
export function figures(month: string, region: CspRegion, byVariant: Record<string, number>, otherwise = 0): (cell: ShapeCell) => number {
  return (cell) => (cell.month === month && cell.region === region && cell.hanVariant in byVariant ? byVariant[cell.hanVariant] : otherwise);
}

/** A forecast row (and its full grid of lines) written directly, as if submitted (or deemed) in `submissionMonth`. */
export async function storeForecast(opts: {
  partyId: string;
  submissionMonth: string;
  quantity?: CellQuantity;
  deemed?: boolean;
  submittedAt?: Date;
  submittedById?: string | null;
}) {
  const number = await nextNumber(db(), "ChForecast");
  return db().chForecast.create({
    data: {
      number,
      ref: omsRef("FC", number),
      partyId: opts.partyId,
      submissionMonth: opts.submissionMonth,
      deemed: opts.deemed ?? false,
      submittedAt: opts.submittedAt ?? now(),
      submittedById: opts.submittedById ?? null,
      lines: { createMany: { data: forecastGrid(opts.submissionMonth, opts.quantity ?? 0) } },
    },
    include: { lines: true },
  });
}

/** A Delivery Location of the party, written directly. */
export async function makeDeliveryLocation(partyId: string, overrides: Partial<{ name: string; postcode: string; town: string }> = {}) {
  return db().deliveryLocation.create({
    data: {
      partyId,
      name: overrides.name ?? `Depot ${crypto.randomBytes(3).toString("hex")}`,
      addressLine: "1 Meter Way",
      town: overrides.town ?? "Coventry",
      postcode: overrides.postcode ?? "CV4 8DE",
      operatingHours: "Mon-Fri 08:00-16:00",
      contactName: "Stores Manager",
      contactEmail: "stores@example.test",
      contactPhone: "01234 567890",
      createdAt: now(),
    },
  });
}

export type OrderLineInput = OrderInput["lines"][number];

/** An order form for one Region: the lines as given, with the order's contacts filled in. */
export function orderInput(region: CspRegion, lines: OrderLineInput[]): OrderInput {
  return { region, contactPhone: "01234 567890", contactEmail: "orders@example.test", lines };
}

/** One line: `quantity` of `itemCode` to `locationId` on `preferredDate` ("YYYY-MM-DD"). */
export const line = (locationId: string, itemCode: string, quantity: number, preferredDate: string): OrderLineInput => ({ locationId, itemCode, quantity, preferredDate });

/** A line of an order row: `preferredDate` "YYYY-MM-DD" (default the 15th of the Delivery Month). */
export interface OrderRowLine {
  locationId: string;
  itemCode: string;
  quantity: number;
  preferredDate?: string;
}

/**
 * An order row written directly, accepted by default (as if submitted in the month before the 5-month lead time and
 * decided), for tests of what follows acceptance: consignments, deemed orders, the chart.
 */
export async function makeOrderRow(opts: {
  partyId: string;
  deliveryMonth: string;
  lines: OrderRowLine[];
  region?: CspRegion;
  status?: ChOrderStatus;
  submissionMonth?: string;
  submittedAt?: Date;
  deemed?: boolean;
}) {
  const number = await nextNumber(db(), "ChOrder");
  const at = opts.submittedAt ?? now();
  const status = opts.status ?? "ACCEPTED";
  return db().chOrder.create({
    data: {
      number,
      ref: omsRef("ORD", number),
      partyId: opts.partyId,
      region: opts.region ?? "NORTH",
      submissionMonth: opts.submissionMonth ?? shiftMonth(opts.deliveryMonth, -5),
      deliveryMonth: opts.deliveryMonth,
      status,
      compliant: true,
      deemed: opts.deemed ?? false,
      contactPhone: "01234 567890",
      contactEmail: "orders@example.test",
      submittedAt: at,
      answerDueAt: at,
      decidedAt: status === "SUBMITTED" ? null : at,
      lines: {
        createMany: {
          data: opts.lines.map((l) => ({ locationId: l.locationId, itemCode: l.itemCode, quantity: l.quantity, preferredDate: new Date(l.preferredDate ?? `${opts.deliveryMonth}-15`) })),
        },
      },
    },
    include: { lines: true },
  });
}

/** A consignment row written directly, in whatever status and with whatever Delivery Date the test states. */
export async function makeConsignmentRow(opts: {
  orderId: string;
  locationId: string;
  deliveryDate: Date;
  lines: { itemCode: string; quantity: number; affectedQuantity?: number }[];
  deliveryWindow?: string;
  status?: ChConsignmentStatus;
  ground?: ChDeliveryGround | null;
  confirmDueAt?: Date | null;
  /** The consignment whose units this one replaces (the only second consignment a location may have). */
  replacementOfId?: string;
}) {
  const number = await nextNumber(db(), "ChConsignment");
  return db().chConsignment.create({
    data: {
      number,
      ref: omsRef("CON", number),
      orderId: opts.orderId,
      locationId: opts.locationId,
      deliveryDate: opts.deliveryDate,
      deliveryWindow: opts.deliveryWindow ?? "09:00-17:00",
      status: opts.status ?? "SCHEDULED",
      ground: opts.ground ?? null,
      confirmDueAt: opts.confirmDueAt ?? null,
      replacementOfId: opts.replacementOfId ?? null,
      createdAt: now(),
      lines: { createMany: { data: opts.lines.map((l) => ({ itemCode: l.itemCode, quantity: l.quantity, affectedQuantity: l.affectedQuantity ?? 0 })) } },
    },
    include: { lines: true },
  });
}
