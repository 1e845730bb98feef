// Helpers of the CH returns specs (e2e/returns): the OMS logins, the fixed demo records, London dates as the pages
// show them, and the return / RMA pages. Plain data only (no Prisma client): DEMO_RETURNS, DEMO_INVENTORY, the catalog.
import type { Locator, Page } from "@playwright/test";
import { DEMO_INVENTORY } from "@/prisma/seed/inventory";
import { DEMO_RETURNS } from "@/prisma/seed/demo-returns";
import { demoEmail, expect } from "../support";

export { DEMO_RETURNS };

/** The seeded logins the returns specs sign in with. */
export const RETURNS_DEMO = {
  /** Brightwater Energy, CH_DELIVERY_RETURNS. */
  deliveries: demoEmail("deliveries", "brightwater.demo"),
  /** Brightwater Energy, CH_ORDERING (may return CHs too). */
  ordering: demoEmail("orders", "brightwater.demo"),
  /** Northgate Power, CH_DELIVERY_RETURNS. */
  otherDeliveries: demoEmail("deliveries", "northgate.demo"),
  /** Northgate Power, CH_ORDERING. */
  otherOrdering: demoEmail("orders", "northgate.demo"),
};

/** A Brightwater CHF (the dual-fuel premises') that no return record mentions. */
export const UNNOTIFIED_CHF = DEMO_INVENTORY.dualFuel.chf;

/** 0A5D84DE00000401 → 0A-5D-84-DE-00-00-04-01, as the pages show a CHF ID. */
export const dashed = (id: string) => id.match(/../g)!.join("-");

// ── London dates ───────────────────────────────────────────────────────────────────────────────────────────────

const DAY = 86_400_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** Today in London, yyyy-MM-dd. */
export function londonToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

const noon = (day: string) => new Date(`${day}T12:00:00Z`);
/** A yyyy-MM-dd date `by` calendar days later (earlier when negative). */
export const shiftDay = (day: string, by: number) => new Date(noon(day).getTime() + by * DAY).toISOString().slice(0, 10);
/** 0 (Sunday) to 6 (Saturday). */
export const weekday = (day: string) => noon(day).getUTCDay();
/** "d MMM yyyy", e.g. 7 Mar 2026. */
export const shortDate = (day: string) => `${noon(day).getUTCDate()} ${MONTHS[noon(day).getUTCMonth()]} ${noon(day).getUTCFullYear()}`;
/** "EEEE d MMM yyyy", e.g. Saturday 7 Mar 2026. */
export const longDate = (day: string) => `${WEEKDAYS[weekday(day)]} ${shortDate(day)}`;

// ── Pages ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** Visit a return record and expect it (HTTP 200, "Return <ref>"). */
export async function openReturn(page: Page, ref: string): Promise<void> {
  const response = await page.goto(`/returns/${ref}`);
  expect(response?.status(), `HTTP status of /returns/${ref}`).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Return ${ref}`);
}

/** Visit an RMA and expect it (HTTP 200, "RMA <ref>"). */
export async function openRma(page: Page, ref: string): Promise<void> {
  const response = await page.goto(`/returns/rma/${ref}`);
  expect(response?.status(), `HTTP status of /returns/rma/${ref}`).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`RMA ${ref}`);
}

/** Visit a returns URL and expect the returns "not found" page (HTTP 404) with this heading. */
export async function expectReturnsNotFound(page: Page, url: string, heading: "Return not found" | "RMA not found"): Promise<void> {
  const response = await page.goto(url);
  expect(response?.status(), `HTTP status of ${url}`).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
}

/** The return refs and RMA refs listed on /returns (optionally searched), for the signed-in account. */
export async function listedReturns(page: Page, q?: string): Promise<{ returns: string[]; rmas: string[] }> {
  await page.goto(q ? `/returns?q=${encodeURIComponent(q)}` : "/returns");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("CH returns");
  const trim = (texts: string[]) => texts.map((t) => t.trim());
  return { returns: trim(await page.getByTestId("return-ref").allInnerTexts()), rmas: trim(await page.getByTestId("rma-ref").allInnerTexts()) };
}

/** The value of a term of a definition list on the page (e.g. "Fault type", "Notified via"). */
export const detail = (scope: Page | Locator, term: string) =>
  scope.locator("dt").filter({ hasText: new RegExp(`^${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) }).locator("xpath=following-sibling::dd[1]");

/** A titled action section of the return page (object, lost, diagnose, accept, report, settle). */
export const returnSection = (page: Page, id: string) => page.getByTestId(`${id}-section`);

/** The timeline entries' texts of a return record page, in order. */
export async function timelineTexts(page: Page): Promise<string[]> {
  return (await page.getByTestId("return-timeline").getByTestId("timeline-entry").allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
}
