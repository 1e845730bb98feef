// A signed-in account without the permission an area needs gets the 403 page, with no content of the area.
import { DEMO, expect, expectForbidden, signIn, test } from "../support";

test("a supplier visiting /admin/parties gets the 403 page", async ({ page }) => {
  await signIn(page, DEMO.supplierUser);
  await expectForbidden(page, "/admin/parties");
  await expect(page.getByText("You do not have permission")).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await expect(page.getByText("Northgate Power")).toHaveCount(0);
});
