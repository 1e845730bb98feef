// The SRO's home (issue 14): its party's held commands with their live 120-hour countdowns, never another party's.
// It holds a command of the DUIS reference supplier over HTTP, using up its 7.2 User ADT for the hour, so it lives
// with the other specs that do (e2e/tad), which run after the Critical flow spec (e2e/service-requests) needs a 7.2
// to pass.
import { DEMO, expect, signIn, test } from "../support";
import { REFERENCE_ESME, SUPPLIER_SRO, holdOneCommand } from "./helpers";

test("the SRO's home: its held commands with their 120-hour countdowns; another party's SRO does not see them", async ({ page, signedIn, baseURL }) => {
  test.setTimeout(120_000);
  const held = await holdOneCommand(baseURL!);

  await signIn(page, SUPPLIER_SRO);
  await expect(page).toHaveURL("/");
  // Soonest to expire first: whichever held command comes first, it is one of this hour's 7.2s.
  const panel = page.getByTestId("home-quarantine");
  const first = panel.getByTestId("home-quarantine-item").first();
  await expect(first).toContainText("SRV 7.2");
  await expect(first).toContainText(REFERENCE_ESME);
  await expect(first.getByTestId("countdown")).toContainText(/^4d 2\d:\d\d:\d\d left$/);
  const count = Number((await page.getByTestId("home-quarantine-count").innerText()).replace(/,/g, ""));
  expect(count).toBeGreaterThanOrEqual(1);
  await panel.getByRole("link", { name: new RegExp(`quarantine queue \\(${count}\\)`) }).click();
  await expect(page).toHaveURL("/quarantine");
  await expect(page.locator(`[data-testid="quarantine-item"][data-request-id="${held}"]`)).toHaveCount(1);

  const other = await signedIn(DEMO.supplierSro);
  await other.goto("/");
  await expect(other.getByTestId("home-sro")).toBeVisible();
  await expect(other.getByTestId("home-sro")).not.toContainText(REFERENCE_ESME);
});
