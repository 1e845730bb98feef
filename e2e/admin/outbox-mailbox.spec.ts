// With no SMTP server configured (the embedded demo), emails are delivered to the portal's local mailbox: the DCC admin
// reads each message there, with its headers and text, labelled as not sent.
import { createAccount, DEMO, demoPartyName, expect, newPassword, resetPassword, test } from "../support";

test("the DCC admin reads a password-reset email in the local mailbox", async ({ signedIn }) => {
  const admin = await signedIn(DEMO.admin);
  const account = await createAccount(admin, { partyName: demoPartyName("meridian.demo"), permissions: ["SRO"] });
  await resetPassword(admin, account.id, newPassword());

  await admin.goto("/admin/outbox");
  await expect(admin.getByText("No SMTP server is configured: emails are delivered to this local mailbox, not sent to their addresses.")).toBeVisible();
  const row = admin.locator("table tbody tr").filter({ has: admin.getByRole("link", { name: "Your SSI password was reset" }) }).filter({ hasText: account.email });
  // The in-process sender delivers within seconds.
  await expect(async () => {
    await admin.reload();
    await expect(row.getByText("local mailbox")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  await row.getByRole("link", { name: "Your SSI password was reset" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Your SSI password was reset");
  await expect(admin.getByText("Delivered to the portal's local mailbox (no SMTP server was configured): it was not sent to the address.")).toBeVisible();
  const headers = admin.getByRole("table", { name: "Headers" });
  await expect(headers.getByRole("row", { name: /^To / })).toContainText(account.email);
  await expect(headers.getByRole("row", { name: /^Subject / })).toContainText("Your SSI password was reset");
  await expect(headers.getByRole("row", { name: /^Message-ID / })).toBeVisible();
  await expect(admin.getByTestId("message-text")).not.toBeEmpty();
});
