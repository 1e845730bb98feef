// API keys on /integration: a party user creates a key with its scopes, sees it once (never again after a reload),
// uses it, and revokes it, after which the gateway refuses it. Every validation error shows at once.
import { DEMO, expect, signIn, test, uniqueSuffix } from "../support";

const createForm = (page: import("@playwright/test").Page) => page.getByRole("form", { name: "Create an API key" });
const keyRow = (page: import("@playwright/test").Page, name: string) => page.locator("table tbody tr").filter({ hasText: name });

test("a key is shown once after creation, listed by its prefix, and refused by the gateway once revoked", async ({ page }) => {
  await signIn(page, DEMO.supplierUser);
  await page.goto("/integration");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Integration");

  const name = `E2E adapter ${uniqueSuffix()}`;
  const form = createForm(page);
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Send DUIS requests").check();
  await form.getByLabel("Read responses and alerts").check();
  await form.getByRole("button", { name: "Create API key" }).click();

  const shown = page.getByRole("region", { name: "New API key" });
  await expect(shown).toContainText(`API key “${name}” created.`);
  await expect(shown).toContainText("it is shown only once");
  const key = await shown.getByLabel("The new API key").inputValue();
  expect(key).toMatch(/^ssi_[A-Za-z0-9_-]{40,}$/);
  await expect(shown.getByRole("button", { name: "Copy" })).toBeVisible();

  const row = keyRow(page, name);
  await expect(row.getByTestId("api-key-prefix")).toHaveText(`${key.slice(0, 12)}…`);
  await expect(row).toContainText("Send DUIS requests; Read responses and alerts");
  await expect(row).toContainText("Never");
  await expect(row.getByTestId("api-key-status")).toHaveText("Active");

  // Shown once: a reload shows the prefix only.
  await page.reload();
  await expect(page.getByRole("region", { name: "New API key" })).toHaveCount(0);
  await expect(keyRow(page, name).getByTestId("api-key-prefix")).toBeVisible();
  expect(await page.content()).not.toContain(key);

  // The key polls responses; once revoked it is refused.
  const headers = { Authorization: `Bearer ${key}` };
  expect((await page.request.get("/api/v1/responses", { headers })).status()).toBe(200);
  await keyRow(page, name).getByRole("button", { name: `Revoke API key ${name}` }).click();
  await expect(keyRow(page, name).getByTestId("api-key-status")).toContainText("Revoked");
  await expect(keyRow(page, name).getByRole("button", { name: `Revoke API key ${name}` })).toHaveCount(0);
  expect((await page.request.get("/api/v1/responses", { headers })).status()).toBe(401);
});

test("a key without a name or scopes is refused with both errors at once, keeping nothing", async ({ page }) => {
  await signIn(page, DEMO.supplierUser);
  await page.goto("/integration");
  const form = createForm(page);
  await form.evaluate((el: HTMLFormElement) => (el.noValidate = true));
  await form.getByRole("button", { name: "Create API key" }).click();
  await expect(form.getByTestId("name-error")).toHaveText("Name is required.");
  await expect(form.getByTestId("scopes-error")).toHaveText("Choose what the key may do.");
  await expect(page.getByRole("region", { name: "New API key" })).toHaveCount(0);

  // The name typed is kept after a refusal.
  const name = `E2E no scope ${uniqueSuffix()}`;
  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Create API key" }).click();
  await expect(createForm(page).getByTestId("scopes-error")).toBeVisible();
  await expect(createForm(page).getByLabel("Name")).toHaveValue(name);
  await expect(keyRow(page, name)).toHaveCount(0);
});
