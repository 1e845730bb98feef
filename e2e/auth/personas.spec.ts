// Each persona signs in and sees only its own areas: main navigation, home page and the admin-only pages.
// Other features add navigation entries later, so the checks name the entries that must and must not be there.
import { DEMO, expect, expectForbidden, navEntry, signIn, test } from "../support";

const ADMIN_AREAS = ["Parties", "Accounts", "Email outbox"];
const HOME_IDS = ["home-dcc-admin", "home-service-desk", "home-sro", "home-party-user"];

const personas = [
  { who: "a supplier party user", email: DEMO.supplierUser, party: "Brightwater Energy", home: "home-party-user", admin: false },
  { who: "a DCC service desk agent", email: DEMO.serviceDesk, party: "Data and Communications Company", home: "home-service-desk", admin: false },
  { who: "a supplier SRO", email: DEMO.supplierSro, party: "Brightwater Energy", home: "home-sro", admin: false },
  { who: "the DCC admin", email: DEMO.admin, party: "Data and Communications Company", home: "home-dcc-admin", admin: true },
];

for (const persona of personas) {
  test(`${persona.who} signs in and sees only its areas`, async ({ page }) => {
    await signIn(page, persona.email);
    await expect(page).toHaveURL("/");
    await expect(page.getByTestId("header-party")).toHaveText(persona.party);

    // Its home page, and nobody else's.
    await expect(page.getByTestId(persona.home)).toBeVisible();
    for (const other of HOME_IDS.filter((id) => id !== persona.home)) await expect(page.getByTestId(other)).toHaveCount(0);

    // Every persona has Home and the audit trail; only the DCC admin has the administration areas.
    await expect(navEntry(page, "Home")).toBeVisible();
    await expect(navEntry(page, "Audit trail")).toBeVisible();
    for (const label of ADMIN_AREAS) await expect(navEntry(page, label)).toHaveCount(persona.admin ? 1 : 0);

    if (persona.admin) {
      // The entries lead to working pages.
      for (const label of [...ADMIN_AREAS, "Audit trail"]) {
        await navEntry(page, label).click();
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(label);
        await expect(navEntry(page, label)).toHaveAttribute("aria-current", "page");
      }
    } else {
      await navEntry(page, "Audit trail").click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit trail");
      // The areas it is not shown are closed to it too, not merely hidden.
      for (const url of ["/admin/parties", "/admin/accounts", "/admin/outbox"]) await expectForbidden(page, url);
    }
  });
}
