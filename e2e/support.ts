// Shared helpers for the end-to-end specs: demo logins, signing in, a second signed-in browser, the 403/404
// checks and the DCC admin's forms. Specs create their own parties and accounts (random suffixes) so they do not
// depend on each other's order; seeded demo accounts are only signed in with, never changed, except where a spec
// says so (the lock-out uses an account no other spec touches).
import { expect, test as base, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_PARTIES, DEMO_PASSWORD, demoAccountsFor } from "@/prisma/seed/parties";

export { expect, DEMO_PASSWORD };

/** A seeded demo login `<local>@<domain>`; throws when the seed (prisma/seed/parties.ts) no longer has it. */
export function demoEmail(local: string, domain: string): string {
  const party = DEMO_PARTIES.find((p) => p.domain === domain);
  if (!party || !demoAccountsFor(party).some((a) => a.local === local)) {
    throw new Error(`${local}@${domain} is not a seeded demo account (prisma/seed/parties.ts)`);
  }
  return `${local}@${domain}`;
}

export function demoPartyName(domain: string): string {
  const party = DEMO_PARTIES.find((p) => p.domain === domain);
  if (!party) throw new Error(`No seeded demo party with domain ${domain}`);
  return party.name;
}

export const DEMO = {
  admin: demoEmail("admin", "dcc.demo"),
  serviceDesk: demoEmail("servicedesk", "dcc.demo"),
  supplierUser: demoEmail("user", "brightwater.demo"),
  supplierSro: demoEmail("sro", "brightwater.demo"),
  otherSupplierUser: demoEmail("user", "northgate.demo"),
};

/** Unique enough for names and emails across specs and reruns. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

export function randomEui64(): string {
  return Array.from({ length: 16 }, () => "0123456789ABCDEF"[Math.floor(Math.random() * 16)]).join("");
}

/** A password that meets the 12-character minimum. */
export function newPassword(): string {
  return `e2e-pw-${uniqueSuffix()}`;
}

// ── Signing in ─────────────────────────────────────────────────────────────────────────────────────────────────

/** Fill the login form (`email`, `password`), click "Sign in" and wait until the credentials check has answered. */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  if (new URL(page.url(), "http://x").pathname !== "/login") await page.goto("/login");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  const button = page.getByRole("button", { name: "Sign in" });
  await expect(button).toBeEnabled();
  await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials") && r.request().method() === "POST"),
    button.click(),
  ]);
}

/** Sign in through the login form and wait for the portal to show the signed-in account. */
export async function signIn(page: Page, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await submitLogin(page, email, password);
  await expect(page.getByTestId("header-account")).toContainText(email);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** The login form's error after a refused sign-in. */
export const loginError = (page: Page) => page.getByTestId("login-error");

/** The main navigation, and one of its entries by exact label. */
export const mainNav = (page: Page) => page.locator("nav[aria-label=Main]");
export const navEntry = (page: Page, label: string) => mainNav(page).getByRole("link", { name: label, exact: true });

type SignedIn = (email: string, password?: string) => Promise<Page>;

/**
 * `signedIn(email)`: a page in a browser context of its own (its own cookies) signed in as that account, for tests
 * with two people at once, e.g. the DCC admin disabling an account while its holder is signed in. Closed after
 * the test.
 */
export const test = base.extend<{ signedIn: SignedIn }>({
  signedIn: async ({ browser }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (email, password = DEMO_PASSWORD) => {
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      await signIn(page, email, password);
      return page;
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});

// ── Error pages ────────────────────────────────────────────────────────────────────────────────────────────────

/** Visit a path and expect the "Not found" page with HTTP 404. */
export async function expectNotFound(page: Page, url: string): Promise<void> {
  const response = await page.goto(url);
  expect(response?.status(), `HTTP status of ${url}`).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
}

/** Visit a path and expect the permission page with HTTP 403. */
export async function expectForbidden(page: Page, url: string): Promise<void> {
  const response = await page.goto(url);
  expect(response?.status(), `HTTP status of ${url}`).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("You do not have permission");
}

// ── DCC admin ──────────────────────────────────────────────────────────────────────────────────────────────────

function idAfter(url: string, prefix: string): string {
  const match = new RegExp(`${prefix}/([^/?#]+)`).exec(url);
  if (!match) throw new Error(`No id after ${prefix} in ${url}`);
  return match[1];
}

export interface PartyForm {
  name: string;
  eui64: string;
  roles: string[];
  contactEmail: string;
}

/** As the DCC admin: fill /admin/parties/new and submit; the caller checks the outcome. */
export async function submitPartyForm(admin: Page, form: Partial<PartyForm> = {}): Promise<PartyForm> {
  const filled: PartyForm = {
    name: `E2E Energy ${uniqueSuffix()}`,
    eui64: randomEui64(),
    roles: ["IS"],
    contactEmail: `contact-${uniqueSuffix()}@e2e.test`,
    ...form,
  };
  await admin.goto("/admin/parties/new");
  await admin.locator('input[name="name"]').fill(filled.name);
  await admin.locator('input[name="eui64"]').fill(filled.eui64);
  for (const role of filled.roles) await admin.locator(`input[name="roles"][value="${role}"]`).check();
  await admin.locator('input[name="contactEmail"]').fill(filled.contactEmail);
  await admin.getByRole("button", { name: "Create party" }).click();
  return filled;
}

/** As the DCC admin: register a party and land on its page. */
export async function createParty(admin: Page, form: Partial<PartyForm> = {}): Promise<PartyForm & { id: string }> {
  const filled = await submitPartyForm(admin, form);
  await admin.waitForURL(/\/parties\/[^/?]+\?created=1$/);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(filled.name);
  return { ...filled, id: idAfter(admin.url(), "/parties") };
}

export interface AccountForm {
  /** The party's name as the party select shows it. */
  partyName: string;
  name: string;
  email: string;
  permissions: string[];
  password: string;
}

/** As the DCC admin: fill /admin/accounts/new and submit; the caller checks the outcome. */
export async function submitAccountForm(admin: Page, form: Partial<AccountForm> & { partyName: string }): Promise<AccountForm> {
  const suffix = uniqueSuffix();
  const filled: AccountForm = {
    name: `E2E Person ${suffix}`,
    email: `e2e-${suffix}@e2e.test`,
    permissions: ["PARTY_USER"],
    password: newPassword(),
    ...form,
  };
  await admin.goto("/admin/accounts/new");
  await admin.locator('select[name="partyId"]').selectOption({ label: filled.partyName });
  await admin.locator('input[name="name"]').fill(filled.name);
  await admin.locator('input[name="email"]').fill(filled.email);
  for (const p of filled.permissions) await admin.locator(`input[name="permissions"][value="${p}"]`).check();
  await admin.locator('input[name="password"]').fill(filled.password);
  await admin.getByRole("button", { name: "Create account" }).click();
  return filled;
}

/** As the DCC admin: create a staff account and land on its page. */
export async function createAccount(admin: Page, form: Partial<AccountForm> & { partyName: string }): Promise<AccountForm & { id: string }> {
  const filled = await submitAccountForm(admin, form);
  await admin.waitForURL(/\/accounts\/[^/?]+\?created=1$/);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(filled.name);
  return { ...filled, id: idAfter(admin.url(), "/accounts") };
}

/** As the DCC admin: reset an account's password from its page. */
export async function resetPassword(admin: Page, accountId: string, password: string): Promise<void> {
  await admin.goto(`/accounts/${accountId}`);
  await admin.locator('input[name="password"]').fill(password);
  await admin.getByRole("button", { name: "Reset password" }).click();
  await expect(admin.getByTestId("form-message")).toContainText("Password reset");
}

/** As the DCC admin: the id of a party, from its link on /admin/parties. */
export async function partyIdByName(admin: Page, name: string): Promise<string> {
  await admin.goto(`/admin/parties?q=${encodeURIComponent(name)}`);
  const link = admin.locator("table tbody tr").getByRole("link", { name, exact: true });
  await expect(link).toHaveCount(1);
  return idAfter((await link.getAttribute("href")) ?? "", "/parties");
}

/** The id of an account listed on a party page, found by its email. */
export async function accountIdOnPartyPage(page: Page, partyId: string, email: string): Promise<string> {
  await page.goto(`/parties/${partyId}`);
  const row = page.locator("#main li").filter({ hasText: email });
  await expect(row).toHaveCount(1);
  return idAfter((await row.getByRole("link").getAttribute("href")) ?? "", "/accounts");
}

export interface AuditRow {
  /** The action's code (the cell shows its label). */
  action: string;
  entity: string;
  href: string;
}

/** The rows of the first page of /audit, optionally filtered (e.g. `{ entityId }`). */
export async function auditRows(page: Page, filters: Record<string, string> = {}): Promise<AuditRow[]> {
  const query = new URLSearchParams(filters).toString();
  await page.goto(`/audit${query ? `?${query}` : ""}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit trail");
  const rows: AuditRow[] = [];
  for (const row of await page.locator("table tbody tr").all()) {
    const cells = row.locator("td");
    rows.push({
      action: (await cells.nth(1).locator("[data-action]").getAttribute("data-action")) ?? "",
      entity: (await cells.nth(2).innerText()).trim(),
      href: (await row.locator('a[href^="/audit/"]').getAttribute("href")) ?? "",
    });
  }
  return rows;
}

/** The /admin/outbox rows (any status: the background sender may already have sent them) for an address. */
export async function outboxSubjectsFor(admin: Page, address: string): Promise<string[]> {
  await admin.goto("/admin/outbox");
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Email outbox");
  const rows = admin.locator("table tbody tr").filter({ has: admin.getByRole("cell", { name: address, exact: true }) });
  const subjects: string[] = [];
  for (const row of await rows.all()) subjects.push((await row.locator('a[href^="/admin/outbox/"]').innerText()).trim());
  return subjects;
}

// ── Smart Metering Inventory ───────────────────────────────────────────────────────────────────────────────────

/** More seeded demo logins the SMI specs sign in with. */
export const SMI_DEMO = {
  distributorUser: demoEmail("user", "centralnetworks.demo"),
  agentUser: demoEmail("user", "metercraft.demo"),
};

export interface SmiSearchFields {
  /** "Search by": auto (default), deviceId, mpxn, postcode, uprn. */
  by?: string;
  /** House name or number. */
  property?: string;
}

/** From a fresh /smi, type a search into the form and submit it (a GET form: the search becomes the URL). */
export async function searchSmi(page: Page, q: string, fields: SmiSearchFields = {}): Promise<void> {
  await page.goto("/smi");
  await page.getByLabel("Device ID, MPAN, MPRN, postcode or UPRN").fill(q);
  if (fields.by) await page.getByLabel("Search by").selectOption(fields.by);
  if (fields.property !== undefined) await page.getByLabel("House name or number").fill(fields.property);
  await Promise.all([
    page.waitForURL((url) => url.pathname === "/smi" && url.searchParams.get("q") === q),
    page.getByRole("button", { name: "Search", exact: true }).click(),
  ]);
}

/** The SMI search results table (absent when nothing matched or the search was refused). */
export const smiResults = (page: Page) => page.getByRole("table", { name: /^SMI devices matching the search/ });

/** The Device IDs (as shown, e.g. 0A-1C-4D-DE-00-00-01-01) in the results table once it holds `count` rows, sorted. */
export async function smiResultIds(page: Page, count: number): Promise<string[]> {
  const cells = smiResults(page).locator("tbody tr td:first-child");
  await expect(cells).toHaveCount(count);
  return (await cells.allInnerTexts()).map((t) => t.trim()).sort();
}

/** A card of the device page (or any page built from Card) by its exact title. */
export const card = (page: Page, title: string) => page.getByRole("heading", { level: 2, name: title, exact: true }).locator("xpath=..");

/** The SMI Status badge in the device page's header. */
export const deviceHeaderStatus = (page: Page) => page.locator("h1 + p").getByTestId("smi-status");

/** A service request form's section on the device page, by its title (e.g. "SR 8.4 Update Inventory: SMI Status"). */
export const srSection = (page: Page, title: string) => page.getByRole("region", { name: title, exact: true });

// ── Incidents ──────────────────────────────────────────────────────────────────────────────────────────────────

/** More seeded demo logins the incident specs sign in with. */
export const INCIDENT_DEMO = {
  otherServiceDesk: demoEmail("servicedesk2", "dcc.demo"),
  harbourUser: demoEmail("user", "harbour.demo"),
  distributorUser: demoEmail("user", "centralnetworks.demo"),
  agentUser: demoEmail("user", "metercraft.demo"),
};

export { DEMO_INCIDENTS } from "@/prisma/seed/demo-incidents";
export { SERVICE_DESK_PHONE } from "@/lib/incidents/categories";

export interface RaiseIncidentFields {
  category: number;
  summary: string;
  businessImpact: string;
  triageResults: string;
  /** `datetime-local` value (London wall clock); default: yesterday at 09:30. */
  occurredAt: string;
  deviceId: string;
  mpxn: string;
  ownReference: string;
  /** Tick the four pre-raise checks (default true). */
  checks: boolean;
}

/** A `datetime-local` value (yyyy-MM-ddTHH:mm, London wall clock) some hours before now. */
export function londonLocalHoursAgo(hours: number): string {
  const at = new Date(Date.now() - hours * 3_600_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

type IncidentFormFields = Partial<RaiseIncidentFields> & { partyName?: string; contactName?: string; contactDetails?: string };

/**
 * On /incidents/new (a party user) or /incidents/phoned (the desk, with `partyName`): fill the form without sending
 * it; returns the form. The contact fields keep their defaults (filled from the account) unless empty or given.
 */
export async function fillIncidentForm(page: Page, fields: IncidentFormFields = {}) {
  const form = page.getByRole("form", { name: fields.partyName ? "Record a phoned-in incident" : "Raise an incident" });
  await expect(form).toBeVisible();
  if (fields.partyName) await form.getByLabel("Party that phoned").selectOption({ label: fields.partyName });
  if (!fields.partyName && (fields.checks ?? true)) {
    for (const checkbox of await form.getByRole("checkbox").all()) await checkbox.check();
  }
  const contactName = form.getByLabel("Contact name");
  if (fields.contactName !== undefined || !(await contactName.inputValue())) await contactName.fill(fields.contactName ?? "E2E Contact");
  const contactDetails = form.getByLabel("Contact details");
  if (fields.contactDetails !== undefined || !(await contactDetails.inputValue())) await contactDetails.fill(fields.contactDetails ?? "e2e-contact@e2e.test");
  await form.getByLabel("Date and time of occurrence").fill(fields.occurredAt ?? londonLocalHoursAgo(3));
  if (fields.ownReference !== undefined) await form.getByLabel("Your own incident reference (optional)").fill(fields.ownReference);
  if (fields.mpxn !== undefined) await form.getByLabel("MPxN (optional)").fill(fields.mpxn);
  if (fields.deviceId !== undefined) await form.getByLabel("Device ID (optional)").fill(fields.deviceId);
  await form.getByLabel("Summary", { exact: true }).fill(fields.summary ?? `E2E incident ${uniqueSuffix()}`);
  await form.getByLabel("Business impact").fill(fields.businessImpact ?? "One consumer affected; reads retried manually.");
  await form.getByLabel("Results of initial triage and diagnosis").fill(fields.triageResults ?? "Three reads timed out; the hub LED shows no WAN.");
  if (fields.category !== undefined) await form.locator(`input[name="category"][value="${fields.category}"]`).check();
  return form;
}

/** Fill the raise (or phoned-in) form and send it; the caller checks the outcome. Returns the form. */
export async function submitIncidentForm(page: Page, fields: IncidentFormFields = {}) {
  const form = await fillIncidentForm(page, fields);
  await form.getByRole("button", { name: fields.partyName ? "Record incident" : "Raise incident" }).click();
  return form;
}

/** Raise (party user) or record (desk, with `partyName`) an incident and land on its page; returns its reference. */
export async function raiseIncident(page: Page, fields: IncidentFormFields = {}): Promise<string> {
  await page.goto(fields.partyName ? "/incidents/phoned" : "/incidents/new");
  await submitIncidentForm(page, { category: 3, ...fields });
  await page.waitForURL(/\/incidents\/INC\d{7}\?raised=1$/);
  await expect(page.getByTestId("raised-banner")).toBeVisible();
  return /\/incidents\/(INC\d{7})/.exec(page.url())![1];
}

/** Visit an incident's page and expect the incident "not found" page with HTTP 404. */
export async function expectIncidentNotFound(page: Page, ref: string): Promise<void> {
  const response = await page.goto(`/incidents/${ref}`);
  expect(response?.status(), `HTTP status of /incidents/${ref}`).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Incident not found");
}

/** A form section of the incident page by its test id (e.g. "assign", "status", "category", "dispute", "reopen", "note"). */
export const incidentSection = (page: Page, id: string) => page.getByTestId(`${id}-section`);

/** The value of a term of the incident page's Details list (e.g. "Channel", "Logged", "Problem"). */
export const incidentDetail = (page: Page, term: string) =>
  page.locator("dt").filter({ hasText: new RegExp(`^${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) }).locator("xpath=following-sibling::dd[1]");

/** The `dateTime` of a <time> element, as a Date. */
export async function timeOf(locator: ReturnType<Page["locator"]>): Promise<Date> {
  const value = await locator.getAttribute("datetime");
  if (!value) throw new Error("No datetime attribute");
  return new Date(value);
}

// ── CH ordering ────────────────────────────────────────────────────────────────────────────────────────────────

/** The seeded OMS logins the order specs sign in with. */
export const ORDER_DEMO = {
  /** Brightwater Energy, CH_ORDERING. */
  ordering: demoEmail("orders", "brightwater.demo"),
  /** Brightwater Energy, CH_DELIVERY_RETURNS only: reads the OMS, orders nothing. */
  deliveries: demoEmail("deliveries", "brightwater.demo"),
  /** Northgate Power, CH_ORDERING. */
  otherOrdering: demoEmail("orders", "northgate.demo"),
};

export { DEMO_DELIVERY_LOCATIONS, DEMO_ORDERS } from "@/prisma/seed/demo-orders";

/** Visit an order's page and expect the order "not found" page with HTTP 404. */
export async function expectOrderNotFound(page: Page, ref: string): Promise<void> {
  const response = await page.goto(`/orders/${ref}`);
  expect(response?.status(), `HTTP status of /orders/${ref}`).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Order not found");
}

/** Open an order's page and expect it (HTTP 200, "Order <ref>" as the title). */
export async function openOrder(page: Page, ref: string): Promise<void> {
  const response = await page.goto(`/orders/${ref}`);
  expect(response?.status(), `HTTP status of /orders/${ref}`).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Order ${ref}`);
}

/** The references in the signed-in account's /orders list. */
export async function listedOrderRefs(page: Page): Promise<string[]> {
  await page.goto("/orders");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("CH orders");
  return (await page.getByTestId("order-ref").allInnerTexts()).map((t) => t.trim());
}
