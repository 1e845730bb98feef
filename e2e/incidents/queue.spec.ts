// The Service Desk queue (service.md §7 scenario 34, AG 2.4.3, peers.md §2.3): open incidents by category, then time
// left, one line each with one live SLA countdown; keyboard shortcuts with a "?" list; a bulk bar that shows once
// incidents are selected, with a result panel; saved views with their counts in a menu; CSV export of the filtered
// list; a party's list opens on its open incidents. The bulk note and the export use incidents this spec records.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { DEMO, INCIDENT_DEMO, demoPartyName, expect, raiseIncident, signIn, test, uniqueSuffix } from "../support";

const HARBOUR = demoPartyName("harbour.demo");

const rows = (page: Page) => page.getByTestId("incident-row");

/** The category numbers of the first `n` rows of the list, in order. */
async function firstCategories(page: Page, n: number): Promise<number[]> {
  const texts = await rows(page).getByTestId("incident-category").allInnerTexts();
  return texts.slice(0, n).map((t) => Number(/Cat (\d)/.exec(t)![1]));
}

/** As the desk: record `count` phoned-in incidents whose summaries share `tag`; returns their references. */
async function recordTagged(page: Page, tag: string, count: number, category = 4): Promise<string[]> {
  const refs: string[] = [];
  for (let i = 1; i <= count; i++) refs.push(await raiseIncident(page, { partyName: HARBOUR, category, summary: `${tag} hub ${i} not responding` }));
  return refs;
}

test("the desk queue lists open incidents by category then time left, with live countdowns", async ({ page }) => {
  await signIn(page, DEMO.serviceDesk);
  await page.goto("/incidents");
  await expect(page.getByTestId("incident-count")).toContainText(/^[\d,]+ incidents open$/);
  await expect(rows(page).first()).toBeVisible();
  const categories = await firstCategories(page, 50);
  expect(categories.length).toBeGreaterThan(5);
  expect(categories, "categories in queue order").toEqual([...categories].sort((a, b) => a - b));
  // Only open statuses.
  for (const status of await rows(page).getByTestId("incident-status").allInnerTexts()) {
    expect(["New", "Assigned", "In Progress", "Pending", "Reopened"]).toContain(status.trim());
  }
  // Within a category, the least time left comes first (paused clocks aside).
  const running = await rows(page).evaluateAll((trs) =>
    trs.map((tr) => ({
      category: tr.querySelector('[data-testid="incident-category"]')?.textContent?.trim() ?? "",
      due: tr.querySelector('[data-testid="countdown"]')?.getAttribute("title") ?? "",
      paused: tr.querySelector('[data-testid="countdown"]')?.getAttribute("data-state") === "paused",
    })),
  );
  // A row shows the response countdown until the incident has its response: those rows say nothing of the resolution.
  const firstCategory = running.filter((r) => r.category === running[0].category && !r.paused && r.due.startsWith("Resolution due "));
  const dues = firstCategory.map((r) => Date.parse(r.due.replace("Resolution due ", "").replace(",", "")));
  expect(dues.every((d) => !Number.isNaN(d))).toBe(true);
  expect(dues).toEqual([...dues].sort((a, b) => a - b));

  // The countdowns tick.
  const countdown = rows(page).locator('[data-testid="countdown"]:not([data-state="paused"])').first();
  const before = await countdown.innerText();
  expect(before).toMatch(/^(\d+d )?\d{2}:\d{2}:\d{2} (left|overdue)$/);
  await page.waitForTimeout(2_000);
  await expect(countdown).not.toHaveText(before);
});

test("keyboard: ? lists the shortcuts, Escape closes them, j then o opens the first incident", async ({ page }) => {
  await signIn(page, DEMO.serviceDesk);
  await page.goto("/incidents");
  const first = rows(page).first();
  const ref = await first.getAttribute("data-ref");
  expect(ref).toMatch(/^INC\d{7}$/);

  const help = page.getByTestId("shortcut-help");
  await expect(help).toBeHidden();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("?");
  await expect(help).toBeVisible();
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await expect(help).toContainText("Move down to the next incident");
  await expect(help).toContainText("Select or unselect the incident");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // Typing in the search box is not a shortcut.
  await page.getByLabel("Reference, summary, Device ID or MPxN").fill("jo?");
  await expect(help).toBeHidden();
  await expect(page).toHaveURL(/\/incidents$/);
  await page.getByLabel("Reference, summary, Device ID or MPxN").blur();

  await page.keyboard.press("j");
  await expect(first).toHaveAttribute("data-focused", "true");
  await expect(first).toBeFocused();
  await page.keyboard.press("o");
  await expect(page).toHaveURL(new RegExp(`/incidents/${ref}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ref!);
});

test("bulk: two selected incidents get a note; the result panel says 2 updated", async ({ page }) => {
  await signIn(page, DEMO.serviceDesk);
  const tag = `E2E bulk ${uniqueSuffix()}`;
  const refs = await recordTagged(page, tag, 2);

  await page.goto(`/incidents?q=${encodeURIComponent(tag)}`);
  await expect(rows(page)).toHaveCount(2);
  const bar = page.getByTestId("bulk-bar");
  // No bar until something is selected.
  await expect(bar).toHaveCount(0);
  for (const ref of refs) await page.getByRole("checkbox", { name: `Select ${ref}`, exact: true }).check();
  await expect(bar.getByTestId("selected-count")).toHaveText("2 selected");

  const note = `E2E bulk note: CSP investigating the cell site ${uniqueSuffix()}`;
  const noteForm = bar.getByRole("form", { name: "Add a note to the selected incidents" });
  await noteForm.getByLabel("Note for the timeline").fill(note);
  await noteForm.getByRole("button", { name: "Add note" }).click();
  const result = page.getByTestId("bulk-result");
  await expect(result).toContainText("2 incidents updated.");
  await expect(result.getByTestId("bulk-updated")).toContainText("Updated (2)");
  for (const ref of refs) await expect(result.getByTestId("bulk-updated").getByRole("link", { name: ref, exact: true })).toBeVisible();
  await expect(result.getByTestId("bulk-skipped")).toContainText("Skipped (0)");
  await expect(result.getByTestId("bulk-failed")).toContainText("Failed (0)");
  // The selection is cleared, so the bar goes; the result stays.
  await expect(bar).toHaveCount(0);
  await expect(result).toBeVisible();

  // Each incident has the note on its timeline.
  for (const ref of refs) {
    await page.goto(`/incidents/${ref}`);
    const entry = page.getByTestId("timeline-entry").filter({ hasText: note });
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText("Note");
  }
});

test("a filtered view is saved and listed with its count; the filtered list exports as CSV", async ({ page, signedIn }) => {
  await signIn(page, DEMO.serviceDesk);
  const tag = `E2E export ${uniqueSuffix()}`;
  const refs = await recordTagged(page, tag, 2, 2);

  // Filter Category 2, open, and save the view.
  await page.goto("/incidents");
  const filters = page.getByRole("search", { name: "Filter incidents" });
  await filters.getByLabel("Category", { exact: true }).selectOption("2");
  await filters.getByLabel("Status", { exact: true }).selectOption("open");
  await filters.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get("category") === "2" && url.searchParams.get("status") === "open");
  const count = Number((await page.getByTestId("incident-count").innerText()).replace(/[^\d]/g, ""));
  expect(count).toBeGreaterThanOrEqual(2);
  expect(new Set(await firstCategories(page, 50))).toEqual(new Set([2]));

  const menu = page.getByTestId("saved-views-menu");
  await menu.locator("summary").click();
  const save = page.getByRole("form", { name: "Save this view" });
  await save.getByLabel("Name for this view").fill("Cat 2 open");
  await save.getByRole("button", { name: "Save this view" }).click();
  await expect(save.getByTestId("form-message")).toHaveText('View saved as "Cat 2 open".');
  const view = page.getByTestId("saved-view").filter({ has: page.getByRole("link", { name: "Cat 2 open", exact: true }) });
  await expect(view).toHaveCount(1);
  await expect(view.getByTestId("saved-view-count")).toHaveText(count.toLocaleString("en-GB"));
  await expect(view.getByRole("link", { name: "Cat 2 open", exact: true })).toHaveAttribute("aria-current", "page");

  // The view opens the same filters from the plain queue, and is this account's only.
  await page.goto("/incidents");
  await menu.locator("summary").click();
  await page.getByTestId("saved-view").getByRole("link", { name: "Cat 2 open", exact: true }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get("category") === "2");
  await expect(page.getByTestId("incident-count")).toHaveText(`${count.toLocaleString("en-GB")} incidents open`);

  // Export: narrowed to this spec's incidents, the CSV holds exactly them.
  await page.goto(`/incidents?status=all&q=${encodeURIComponent(tag)}`);
  await expect(rows(page)).toHaveCount(2);
  const link = page.getByRole("link", { name: "Export CSV" });
  await expect(link).toHaveAttribute("href", /^\/incidents\/export\?/);
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^incidents-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = fs.readFileSync(await download.path(), "utf8").trim().split(/\r?\n/);
  expect(lines[0].split(",").slice(0, 5)).toEqual(["ref", "category", "status", "summary", "raised_by"]);
  const body = lines.slice(1).map((l) => l.split(","));
  expect(body.map((r) => r[0]).sort()).toEqual([...refs].sort());
  for (const row of body) {
    expect(row[0]).toMatch(/^INC\d{7}$/);
    expect(row.slice(1, 3)).toEqual(["2", "New"]);
    expect(row[3]).toContain(tag);
    expect(row[4]).toBe(HARBOUR);
  }

  // The Category 2 filter's export: every row an INC reference of Category 2.
  const cat2 = await page.request.get("/incidents/export?category=2&status=open");
  expect(cat2.status()).toBe(200);
  expect(cat2.headers()["content-type"]).toContain("text/csv");
  const cat2Rows = (await cat2.text()).trim().split(/\r?\n/).slice(1);
  expect(cat2Rows.length).toBe(count);
  for (const line of cat2Rows) expect(line).toMatch(/^INC\d{7},2,/);

  // Another desk agent does not see this view.
  const other = await signedIn(INCIDENT_DEMO.otherServiceDesk);
  await other.goto("/incidents");
  await expect(other.getByTestId("incident-count")).toBeVisible();
  await expect(other.getByRole("link", { name: "Cat 2 open", exact: true })).toHaveCount(0);
});

test("a party's list opens on its open incidents; Closed and All are one click away", async ({ page }) => {
  await signIn(page, DEMO.supplierUser);
  await page.goto("/incidents");
  await expect(page.getByTestId("incident-count")).toContainText(/^[\d,]+ incidents? open$/);
  for (const status of await rows(page).getByTestId("incident-status").allInnerTexts()) {
    expect(["New", "Assigned", "In Progress", "Pending", "Reopened"]).toContain(status.trim());
  }
  const views = page.getByRole("navigation", { name: "Incidents by status" });
  await expect(views.getByRole("link", { name: "Open", exact: true })).toHaveAttribute("aria-current", "page");
  await views.getByRole("link", { name: "Closed", exact: true }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get("status") === "CLOSED");
  await expect(rows(page).first()).toBeVisible();
  for (const status of await rows(page).getByTestId("incident-status").allInnerTexts()) expect(status.trim()).toBe("Closed");
  await views.getByRole("link", { name: "All", exact: true }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get("status") === "all");
  await expect(page.getByTestId("incident-count")).toContainText(/^[\d,]+ incidents?$/);
});
