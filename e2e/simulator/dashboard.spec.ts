// The device simulator's dashboard (issue 12 item 7): the DCC admin starts the normal-day scenario in
// /admin/simulator and watches it run; a supplier the scenario sends for sees its requests answered I0 by the
// simulated devices on /service-requests. To a party's user the simulator does not exist.
import type { Page } from "@playwright/test";
import { DEMO_PARTIES } from "@/prisma/seed/parties";
import { DEMO, demoEmail, expect, expectNotFound, signIn, test } from "../support";

const REFERENCE_ESME = "00-DB-12-34-56-78-90-A0";

/** Device reads and the like (Non-Critical) answered I0 by their device. */
const ANSWERED_READS = "/service-requests?code=I0&kind=NON_CRITICAL";

const trafficForm = (page: Page) => page.getByRole("form", { name: "Start traffic" });

/** The party of the newest request answered I0 (the DCC admin sees every party's). */
async function newestAnsweredParty(admin: Page): Promise<string> {
  let party = "";
  await expect(async () => {
    await admin.goto(ANSWERED_READS);
    const row = admin.getByTestId("sr-row").first();
    await expect(row).toBeVisible({ timeout: 1_000 });
    party = (await row.locator("td").nth(5).innerText()).trim();
  }).toPass({ timeout: 45_000, intervals: [2_000] });
  return party;
}

test("the DCC admin starts a normal day; a supplier it sends for sees its requests answered", async ({ page, signedIn }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/admin/simulator");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Device simulator");

  await trafficForm(page).getByLabel("Scenario").selectOption("normal-day");
  await trafficForm(page).getByLabel("Rate (requests/s)").fill("5");
  await trafficForm(page).getByLabel("Total").fill("60");
  await trafficForm(page).getByRole("button", { name: "Start" }).click();
  await expect(trafficForm(page).getByTestId("form-message")).toHaveText("Traffic started.");

  // The run shows at once and counts up by polling, without a reload.
  const run = page.locator('[data-testid="traffic-run"][data-scenario="normal-day"][data-status="RUNNING"]');
  await expect(run).toHaveCount(1);
  await expect(run.getByTestId("run-progress")).not.toHaveText(/^0 \/ 60$/, { timeout: 20_000 });

  const partyName = await newestAnsweredParty(page);
  const party = DEMO_PARTIES.find((p) => p.name === partyName);
  expect(party, `a demo party sends the normal day (got "${partyName}")`).toBeTruthy();

  const supplier = await signedIn(demoEmail("user", party!.domain));
  await supplier.goto(ANSWERED_READS);
  const answered = supplier.getByTestId("sr-row");
  await expect(answered.first()).toBeVisible();
  await expect(answered.first().getByTestId("sr-code")).toHaveText("I0");
  await expect(answered.first().getByTestId("sr-status")).toHaveText("Responded");

  // Stop what is left of the run, so later specs see a quiet system.
  await page.goto("/admin/simulator");
  const running = page.locator('[data-testid="traffic-run"][data-status="RUNNING"]');
  if (await running.count()) {
    await running.first().getByRole("button", { name: /^Stop/ }).click();
    await expect(running).toHaveCount(0);
  }
});

test("to a party's user the simulator's dashboard and inspector do not exist", async ({ page }) => {
  await signIn(page, DEMO.supplierUser);
  await expect(page.locator("nav[aria-label=Main]").getByRole("link", { name: "Device simulator" })).toHaveCount(0);
  await expectNotFound(page, "/admin/simulator");
  await expectNotFound(page, `/admin/simulator/devices/${REFERENCE_ESME}`);
});
