// After signing in, a callbackUrl that a browser would resolve to another host (`/\evil.example`, `/<tab>/evil`,
// `//evil`) lands on the portal's home instead; a path on the portal is kept.
import { DEMO, DEMO_PASSWORD, expect, submitLogin, test } from "../support";

for (const callbackUrl of ["/%5Cevil.example/x", "/%09/evil.example/x", "//evil.example/x", "https://evil.example/x"]) {
  test(`sign-in with callbackUrl=${callbackUrl} stays on the portal`, async ({ page, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    // Nothing may reach the other host, even on the way.
    await page.route((url) => url.hostname.endsWith("evil.example"), (route) => route.abort());
    await page.goto(`/login?callbackUrl=${callbackUrl}`);
    await submitLogin(page, DEMO.supplierUser, DEMO_PASSWORD);
    await expect(page.getByTestId("header-account")).toContainText(DEMO.supplierUser);
    expect(new URL(page.url()).origin).toBe(origin);
    expect(new URL(page.url()).pathname).toBe("/");
  });
}

test("a callbackUrl on the portal is where sign-in leads", async ({ page }) => {
  await page.goto(`/login?callbackUrl=${encodeURIComponent("/smi?q=1400123456786")}`);
  await submitLogin(page, DEMO.supplierUser, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/smi\?q=1400123456786$/);
});
