// Receive Response URLs: a party registers one, the DCC admin approves it (the allow-list), and another party that
// puts its id in its own revoke form is told it was not found, with the URL untouched.
import type { Page } from "@playwright/test";
import { DEMO, demoPartyName, expect, expectForbidden, navEntry, signIn, test, uniqueSuffix } from "../support";

const endpointRow = (page: Page, url: string) => page.locator("table tbody tr").filter({ has: page.getByTestId("endpoint-url").getByText(url, { exact: true }) });

async function registerUrl(page: Page, url: string): Promise<string> {
  await page.goto("/integration");
  const form = page.getByRole("form", { name: "Register a Receive Response URL" });
  await form.getByLabel("Receive Response URL").fill(url);
  await form.getByRole("button", { name: "Register URL" }).click();
  await expect(form.getByTestId("form-message")).toContainText(`${url} registered.`);
  const row = endpointRow(page, url);
  await expect(row.getByTestId("endpoint-status")).toHaveText("Awaiting approval");
  return row.locator('input[name="id"]').inputValue();
}

test("a party registers a URL, the DCC admin approves it; another party's revoke form with its id is not found", async ({ page, signedIn }) => {
  await signIn(page, DEMO.supplierUser);
  const url = `https://e2e-${uniqueSuffix()}.example.test/smartdcc/duis`;
  const id = await registerUrl(page, url);
  // Registering it again is refused.
  const form = page.getByRole("form", { name: "Register a Receive Response URL" });
  await form.getByLabel("Receive Response URL").fill(url);
  await form.getByRole("button", { name: "Register URL" }).click();
  await expect(page.getByRole("form", { name: "Register a Receive Response URL" }).getByTestId("url-error")).toHaveText("This URL is already registered.");

  // The DCC admin sees it first among those awaiting approval and approves it.
  const admin = await signedIn(DEMO.admin);
  await navEntry(admin, "Receive Response URLs").click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Receive Response URLs");
  const adminRow = endpointRow(admin, url);
  await expect(adminRow).toContainText(demoPartyName("brightwater.demo"));
  await adminRow.getByRole("button", { name: `Approve ${url}` }).click();
  await expect(endpointRow(admin, url).getByTestId("endpoint-status")).toHaveText("Approved");
  await expect(endpointRow(admin, url).getByRole("button", { name: `Approve ${url}` })).toHaveCount(0);

  await page.reload();
  await expect(endpointRow(page, url).getByTestId("endpoint-status")).toHaveText("Approved");

  // Northgate sends its own revoke form with Brightwater's id: not found, and Brightwater's URL stays approved.
  const other = await signedIn(DEMO.otherSupplierUser);
  const ownUrl = `https://e2e-${uniqueSuffix()}.example.test/northgate`;
  await registerUrl(other, ownUrl);
  await expect(endpointRow(other, url)).toHaveCount(0);
  const ownRevoke = other.getByRole("form", { name: `Revoke ${ownUrl}` });
  await ownRevoke.locator('input[name="id"]').evaluate((input, stolen) => ((input as HTMLInputElement).value = stolen), id);
  await ownRevoke.getByRole("button", { name: `Revoke ${ownUrl}` }).click();
  await expect(ownRevoke.getByTestId("form-message")).toHaveText("That Receive Response URL was not found.");
  await page.reload();
  await expect(endpointRow(page, url).getByTestId("endpoint-status")).toHaveText("Approved");

  // The party revokes its own.
  await endpointRow(page, url).getByRole("button", { name: `Revoke ${url}` }).click();
  await expect(endpointRow(page, url).getByTestId("endpoint-status")).toHaveText("Revoked");
});

test("a URL that is not plain http(s) is refused; only DCC admins decide", async ({ page }) => {
  await signIn(page, DEMO.supplierUser);
  await page.goto("/integration");
  const form = page.getByRole("form", { name: "Register a Receive Response URL" });
  await form.getByLabel("Receive Response URL").fill("https://user:secret@e2e.example.test/in");
  await form.getByRole("button", { name: "Register URL" }).click();
  await expect(page.getByRole("form", { name: "Register a Receive Response URL" }).getByTestId("url-error")).toHaveText("The URL must not contain a user name or password.");
  await expect(page.getByText("e2e.example.test/in")).toHaveCount(0);

  await expect(navEntry(page, "Receive Response URLs")).toHaveCount(0);
  await expectForbidden(page, "/admin/response-endpoints");
});
