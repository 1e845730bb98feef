// The DCC admin resets a password: the old one stops working, the new one signs in, the holder is emailed.
import {
  auditRows,
  createAccount,
  DEMO,
  demoPartyName,
  expect,
  loginError,
  newPassword,
  outboxSubjectsFor,
  resetPassword,
  signIn,
  submitLogin,
  test,
} from "../support";

test("the DCC admin resets a password and the account signs in with the new one", async ({ page, signedIn }) => {
  const admin = await signedIn(DEMO.admin);
  const account = await createAccount(admin, { partyName: demoPartyName("meridian.demo"), permissions: ["SRO"] });
  const password = newPassword();
  await resetPassword(admin, account.id, password);

  await submitLogin(page, account.email, account.password);
  await expect(loginError(page)).toHaveText("Incorrect email or password.");
  await signIn(page, account.email, password);
  await expect(page.getByTestId("home-sro")).toBeVisible();

  expect((await auditRows(admin, { entityId: account.id })).map((e) => e.action)).toEqual(["account.reset-password", "account.create"]);
  // Newest first: the reset notice, then the welcome email.
  expect(await outboxSubjectsFor(admin, account.email)).toEqual(["Your SSI password was reset", "Your DCC Self-Service Interface account"]);
});
