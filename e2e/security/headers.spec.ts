// Every response carries the security headers; pages carry a Content-Security-Policy with a fresh nonce that the
// portal's own scripts pass: sign-in, client-side navigation and a client-side form all still work, and the browser
// reports no violation.
import type { Page, Response } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expect, navEntry, submitLogin, test } from "../support";

declare global {
  interface Window {
    cspViolations?: string[];
    sameDocument?: boolean;
  }
}

/** Violations the page reports (the listener is added by the browser's automation, which CSP does not govern). */
async function watchViolations(page: Page): Promise<string[]> {
  const console: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) console.push(m.text());
  });
  page.on("pageerror", (e) => console.push(`page error: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => (window.cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return console;
}

function expectSecurityHeaders(response: Response | null, url: string) {
  const headers = response!.headers();
  expect(headers["x-content-type-options"], url).toBe("nosniff");
  expect(headers["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, url).toContain("frame-ancestors 'none'");
  expect(csp, url).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp, url).not.toContain("'unsafe-inline' 'strict-dynamic'");
  return csp;
}

test("pages carry the headers and a new nonce each time; the portal's scripts run without a violation", async ({ page }) => {
  const violations = await watchViolations(page);
  const assets: Response[] = [];
  page.on("response", (r) => {
    if (r.url().includes("/_next/static/")) assets.push(r);
  });

  const first = expectSecurityHeaders(await page.goto("/login"), "/login");
  const second = expectSecurityHeaders(await page.goto("/login"), "/login again");
  expect(second).not.toBe(first);

  // Sign-in runs in the page's script (next-auth's client): blocked scripts would leave the form unanswered.
  await submitLogin(page, DEMO.supplierUser, DEMO_PASSWORD);
  await expect(page.getByTestId("header-account")).toContainText(DEMO.supplierUser);

  for (const url of ["/", "/smi", "/incidents", "/incidents/new", "/audit", "/no-such-page"]) {
    expectSecurityHeaders(await page.goto(url), url);
    await expect(page.locator("h1").first()).toBeVisible();
  }

  // A client-side navigation: the document stays the same, which only the router's scripts can do.
  await page.goto("/");
  await page.evaluate(() => (window.sameDocument = true));
  await navEntry(page, "Inventory").click();
  await expect(page).toHaveURL(/\/smi$/);
  expect(await page.evaluate(() => window.sameDocument)).toBe(true);

  expect(assets.length).toBeGreaterThan(0);
  for (const asset of assets) expect(asset.headers()["x-content-type-options"], asset.url()).toBe("nosniff");
  expect(violations).toEqual([]);
  expect(await page.evaluate(() => window.cspViolations ?? [])).toEqual([]);
});

test("route handlers and the sign-in API carry the headers too, and the portal refuses to be framed", async ({ page, request }) => {
  for (const url of ["/api/auth/csrf", "/api/auth/session"]) {
    const response = await request.get(url);
    expect(response.headers()["x-content-type-options"], url).toBe("nosniff");
    expect(response.headers()["content-security-policy"], url).toContain("frame-ancestors 'none'");
  }
  const violations = await watchViolations(page);
  await page.goto("/login");
  // Another page trying to frame the portal gets nothing.
  await page.setContent(`<iframe id="portal" src="${new URL("/login", page.url()).href}"></iframe>`);
  await expect.poll(() => violations.some((v) => /frame-ancestors/.test(v))).toBe(true);
  expect(await page.frameLocator("#portal").locator("form").count()).toBe(0);
});
