// The DCC admin registers parties; a malformed Party ID is refused with a field message and creates nothing.
import { auditRows, createParty, DEMO, expect, randomEui64, signIn, submitPartyForm, test, uniqueSuffix } from "../support";

test("the DCC admin creates a party, which is listed and audited", async ({ page }) => {
  await signIn(page, DEMO.admin);
  const eui64 = randomEui64();
  const dashed = eui64.match(/.{2}/g)!.join("-");
  const party = await createParty(page, { roles: ["IS", "GS"], eui64: dashed.toLowerCase() });

  // Stored canonically (upper case), with its roles and contact.
  await expect(page.getByText(dashed, { exact: true })).toBeVisible();
  await expect(page.getByText(party.contactEmail)).toBeVisible();

  await page.goto(`/admin/parties?q=${encodeURIComponent(party.name)}`);
  const row = page.locator("table tbody tr").filter({ hasText: party.name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("IS");
  await expect(row).toContainText("GS");

  const entries = await auditRows(page, { entityId: party.id });
  expect(entries.map((e) => e.action)).toEqual(["party.create"]);
  await page.goto(entries[0].href);
  await expect(page.locator("#main").getByText(`(${DEMO.admin})`)).toBeVisible();
  // The entry names the request that wrote it and links to that request's rows.
  await page.getByTestId("audit-request").getByRole("link").click();
  await expect(page).toHaveURL(/\/audit\?requestId=/);
  expect((await page.locator("table tbody tr [data-action]").evaluateAll((cells) => cells.map((c) => c.getAttribute("data-action"))))).toContain("party.create");
});

test("an invalid EUI-64 shows a clear field message and creates nothing", async ({ page }) => {
  await signIn(page, DEMO.admin);
  const name = `E2E Bad Id ${uniqueSuffix()}`;
  await submitPartyForm(page, { name, eui64: "12-34-ZZ-not-hex" });

  await expect(page.getByTestId("eui64-error")).toContainText("Party ID must be an EUI-64");
  await expect(page.locator('input[name="eui64"]')).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/admin\/parties\/new$/);

  await page.goto(`/admin/parties?q=${encodeURIComponent(name)}`);
  await expect(page.getByText("No parties match these filters.")).toBeVisible();
});
