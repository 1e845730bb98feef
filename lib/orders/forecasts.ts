// CH forecasts (F5.2-F5.6): 24 months from the 6th month after submission; per month a total per Region, and per HAN
// Variant per Region for the first 10 months. Submitted by the monthly deadline; deemed from the previous one when
// none arrives.
import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { CspRegion } from "@/generated/prisma/enums";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize, authorizeResource, partyScope } from "@/lib/auth/policy";
import { formatLondon, now } from "@/lib/clock";
import { csvLines } from "@/lib/csv";
import { db, nextNumber, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { MAX_UPLOAD_BYTES, isoMonth, uploadTooLarge } from "@/lib/validation";
import { FORECAST_VARIANT_MONTHS, forecastMonths, orderingMonth, shiftMonth } from "./calendar";
import { HAN_VARIANTS, REGIONS } from "./catalog";
import { emailOmsAccounts, omsRef } from "./oms-notices";

/** "" is the Region's total (months 11-24); months 1-10 carry one row per HAN Variant and their sum is the total. */
export interface ForecastCell {
  month: string;
  region: CspRegion;
  hanVariant: string;
  quantity: number;
}

const cellSchema = z.object({
  month: isoMonth("A month is YYYY-MM."),
  region: z.enum(REGIONS as [CspRegion, ...CspRegion[]], "Unknown Region."),
  hanVariant: z.string().max(40, "Unknown HAN Variant."),
  quantity: z.coerce.number("A quantity is a whole number.").int("A quantity is a whole number.").min(0, "A quantity cannot be negative.").max(10_000_000),
});

/** The cells a forecast submitted in `submissionMonth` must have, in display order. */
export function forecastShape(submissionMonth: string): { month: string; index: number; region: CspRegion; hanVariant: string }[] {
  return forecastMonths(submissionMonth).flatMap((month, i) =>
    REGIONS.flatMap((region) =>
      i < FORECAST_VARIANT_MONTHS ? HAN_VARIANTS.map((hanVariant) => ({ month, index: i + 1, region, hanVariant })) : [{ month, index: i + 1, region, hanVariant: "" }],
    ),
  );
}

const cellKey = (c: { month: string; region: string; hanVariant: string }) => `${c.month}|${c.region}|${c.hanVariant}`;

/** A forecast has about a hundred cells, one row each: a file far longer is not a forecast, and is not read on. */
export const MAX_FORECAST_ROWS = 1_000;
/** Problems named one by one; any more are counted, so a file of bad rows cannot make an answer of any size. */
export const MAX_LISTED_PROBLEMS = 50;

/** Every required cell exactly once, nothing else: the messages name the cell. */
function validateCells(submissionMonth: string, cells: ForecastCell[]): ForecastCell[] {
  const shape = forecastShape(submissionMonth);
  const expected = new Set(shape.map(cellKey));
  const seen = new Map<string, ForecastCell>();
  const problems: string[] = [];
  let unlisted = 0;
  const problem = (text: string) => (problems.length < MAX_LISTED_PROBLEMS ? problems.push(text) : unlisted++);
  cells.forEach((raw, i) => {
    const parsed = cellSchema.safeParse(raw);
    if (!parsed.success) return problem(`row ${i + 1}: ${parsed.error.issues[0].message}`);
    const cell = parsed.data;
    const key = cellKey(cell);
    if (!expected.has(key)) {
      return problem(
        `row ${i + 1}: ${cell.month} ${cell.region} ${cell.hanVariant || "total"} is not in this forecast: submitted now, it counts for ${submissionMonth} and covers ${shape[0].month} to ${shape.at(-1)!.month}, with HAN Variants only in the first ${FORECAST_VARIANT_MONTHS} months.`,
      );
    }
    if (seen.has(key)) return problem(`row ${i + 1}: ${cell.month} ${cell.region} ${cell.hanVariant || "total"} is given twice.`);
    seen.set(key, cell);
  });
  const missing = shape.filter((c) => !seen.has(cellKey(c)));
  if (missing.length) problem(`${missing.length} cells are missing, the first ${missing[0].month} ${missing[0].region} ${missing[0].hanVariant || "total"}.`);
  if (problems.length) {
    const more = unlisted ? `\n…and ${unlisted} more.` : "";
    throw new AppError("INVALID", `The forecast has ${problems.length + unlisted} problem(s): ${problems.slice(0, 5).join(" ")}`, { cells: problems.join("\n") + more });
  }
  return shape.map((c) => seen.get(cellKey(c))!);
}

async function saveForecast(tx: Tx, partyId: string, submissionMonth: string, cells: ForecastCell[], actor: Actor | null) {
  const number = await nextNumber(tx, "ChForecast");
  const forecast = await tx.chForecast.create({
    data: {
      number,
      ref: omsRef("FC", number),
      partyId,
      submissionMonth,
      deemed: !actor,
      submittedAt: now(),
      submittedById: actor?.accountId ?? null,
      lines: { createMany: { data: cells } },
    },
  });
  await audit(tx, actor, { action: actor ? "ch-forecast.submit" : "ch-forecast.deem", entityType: "ChForecast", entityId: forecast.ref, partyId, after: { submissionMonth, cells: cells.length } });
  await emailOmsAccounts(
    tx,
    partyId,
    actor ? "ch-forecast.received" : "ch-forecast.deemed",
    `Forecast ${forecast.ref} is in the OMS`,
    `${actor ? "Your forecast was received" : "No forecast arrived, so one was deemed from your previous forecast"} on ${formatLondon(forecast.submittedAt)}: reference ${forecast.ref}.`,
  );
  return forecast;
}

export async function submitForecast(actor: Actor, input: { cells: ForecastCell[] }) {
  authorize(actor, "ch.order");
  const submissionMonth = orderingMonth(now());
  const cells = validateCells(submissionMonth, input.cells ?? []);
  return db().$transaction((tx) => saveForecast(tx, actor.partyId, submissionMonth, cells, actor));
}

/** CSV: month,region,han_variant,quantity (han_variant empty for a Region's total). */
export const FORECAST_CSV_HEADER = ["month", "region", "han_variant", "quantity"];

/** Reads a forecast file in that layout, stopping after MAX_FORECAST_ROWS rows. */
export function parseForecastCsv(csv: string): ForecastCell[] {
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true, to: MAX_FORECAST_ROWS + 1 });
  } catch (error) {
    throw new AppError("INVALID", `The file is not valid CSV: ${(error as Error).message}`);
  }
  if (records.length > MAX_FORECAST_ROWS) {
    throw new AppError("INVALID", `The file has more than ${MAX_FORECAST_ROWS.toLocaleString("en-GB")} rows: a forecast has one row per cell, about a hundred.`, { file: "Too many rows." });
  }
  const header = records.length ? Object.keys(records[0]) : [];
  if (FORECAST_CSV_HEADER.some((h) => !header.includes(h))) {
    throw new AppError("INVALID", "The header must be: month,region,han_variant,quantity.");
  }
  return records.map((r) => ({ month: r.month, region: r.region.toUpperCase() as CspRegion, hanVariant: r.han_variant.toUpperCase(), quantity: Number(r.quantity) }));
}

/** A forecast file (CSV) as a submission: who may submit is checked before the file is read, and its size is capped. */
export async function importForecast(actor: Actor, file: { size: number; text(): Promise<string> } | null) {
  authorize(actor, "ch.order");
  if (!file || file.size === 0) throw new AppError("INVALID", "Choose a CSV file to import.", { file: "Choose a CSV file." });
  if (file.size > MAX_UPLOAD_BYTES) throw new AppError("INVALID", uploadTooLarge(), { file: uploadTooLarge() });
  return submitForecast(actor, { cells: parseForecastCsv(await file.text()) });
}

export function forecastCsv(cells: ForecastCell[]): string {
  return csvLines([FORECAST_CSV_HEADER, ...cells.map((c) => [c.month, c.region, c.hanVariant, c.quantity])]);
}

export async function listForecasts(actor: Actor) {
  return db().chForecast.findMany({
    where: partyScope(actor, "ch.view"),
    orderBy: { submittedAt: "desc" },
    include: { party: { select: { name: true } }, submittedBy: { select: { name: true } } },
    take: 100,
  });
}

export async function readForecast(actor: Actor, ref: string) {
  const forecast = await db().chForecast.findUnique({ where: { ref: ref.toUpperCase() }, include: { lines: true, party: { select: { name: true } } } });
  const found = authorizeResource(actor, "ch.view", forecast, `Forecast ${ref}`);
  const order = new Map(forecastShape(found.submissionMonth).map((c, i) => [cellKey(c), i]));
  return { ...found, lines: [...found.lines].sort((a, b) => (order.get(cellKey(a)) ?? 0) - (order.get(cellKey(b)) ?? 0)) };
}

/** The forecast in force for a party from a submission month: its latest submitted or deemed one. */
export async function forecastOfMonth(tx: Tx, partyId: string, submissionMonth: string) {
  return tx.chForecast.findFirst({ where: { partyId, submissionMonth }, orderBy: { submittedAt: "desc" }, include: { lines: true } });
}

/**
 * The deemed forecast (F5.6) from the previous one: months 1-23 keep the previous forecast's figure for the same
 * calendar month (months 1-9 per HAN Variant too); month 10 splits its total by month 9's HAN Variant proportions;
 * month 24 is zero.
 */
export function deemFrom(previous: { lines: ForecastCell[] }, submissionMonth: string): ForecastCell[] {
  const old = new Map(previous.lines.map((l) => [cellKey(l), l.quantity]));
  const regionTotal = (month: string, region: CspRegion) =>
    old.get(cellKey({ month, region, hanVariant: "" })) ?? HAN_VARIANTS.reduce((sum, v) => sum + (old.get(cellKey({ month, region, hanVariant: v })) ?? 0), 0);
  // Only the cell's own fields: the shape's `index` is not a column of ChForecastLine.
  return forecastShape(submissionMonth).map(({ index, ...cell }): ForecastCell => {
    if (index === 24) return { ...cell, quantity: 0 };
    if (cell.hanVariant === "") return { ...cell, quantity: regionTotal(cell.month, cell.region) };
    if (index < FORECAST_VARIANT_MONTHS) return { ...cell, quantity: old.get(cellKey(cell)) ?? 0 };
    // Month 10: the previous forecast had only a total for it; split it by month 9's proportions.
    const month9 = forecastShape(submissionMonth).find((c) => c.index === 9)!.month;
    const month9Total = HAN_VARIANTS.reduce((sum, v) => sum + (old.get(cellKey({ month: month9, region: cell.region, hanVariant: v })) ?? 0), 0);
    const total = regionTotal(cell.month, cell.region);
    if (!month9Total) return { ...cell, quantity: cell.hanVariant === HAN_VARIANTS[0] ? total : 0 };
    const shares = HAN_VARIANTS.map((v) => Math.floor((total * (old.get(cellKey({ month: month9, region: cell.region, hanVariant: v })) ?? 0)) / month9Total));
    // Whole CHs: the rounding remainder goes to the first variant so the split still adds up to the total.
    const variant = HAN_VARIANTS.indexOf(cell.hanVariant as (typeof HAN_VARIANTS)[number]);
    return { ...cell, quantity: shares[variant] + (variant === 0 ? total - shares.reduce((a, b) => a + b, 0) : 0) };
  });
}

/**
 * After a month's deadline, every party that has forecast before but not for that month gets a deemed forecast for
 * it. Runs hourly; idempotent.
 */
export async function deemMissingForecasts(): Promise<{ deemed: number }> {
  const submissionMonth = shiftMonth(orderingMonth(now()), -1);
  const parties = await db().$queryRaw<{ partyId: string }[]>`
    SELECT DISTINCT "partyId" FROM "ChForecast" f
    WHERE f."submissionMonth" < ${submissionMonth}
      AND NOT EXISTS (SELECT 1 FROM "ChForecast" g WHERE g."partyId" = f."partyId" AND g."submissionMonth" = ${submissionMonth})`;
  for (const { partyId } of parties) {
    await db().$transaction(async (tx) => {
      const previous = await tx.chForecast.findFirst({ where: { partyId, submissionMonth: { lt: submissionMonth } }, orderBy: [{ submissionMonth: "desc" }, { submittedAt: "desc" }], include: { lines: true } });
      if (previous && !(await forecastOfMonth(tx, partyId, submissionMonth))) await saveForecast(tx, partyId, submissionMonth, deemFrom(previous, submissionMonth), null);
    });
  }
  return { deemed: parties.length };
}
