// Who sees a return (D1/D6, F5.22(b)): a party's OMS accounts see their own return records and RMAs only; another
// party's record, RMA or RMA label URL gets the 404 page (as for a reference that does not exist) and never appears in
// its lists or searches. PARTY_USER alone has no OMS profile (403); the DCC admin sees every party's but requests no
// RMA. Read-only: RET0000004 / RMA0000003 (Northgate Power's only return) and Brightwater's fixed refs.
import { DEMO, expect, expectForbidden, navEntry, signIn, test } from "../support";
import { DEMO_RETURNS, RETURNS_DEMO, dashed, expectReturnsNotFound, listedReturns, openReturn, openRma } from "./helpers";

const NORTHGATE = DEMO_RETURNS.northgateRmaRequested;
const BRIGHTWATER = [DEMO_RETURNS.brightwaterNotified, DEMO_RETURNS.brightwaterRmaRequested, DEMO_RETURNS.brightwaterRmaAuthorised];
const BRIGHTWATER_REFS = BRIGHTWATER.map((r) => r.ref);
const BRIGHTWATER_RMAS = [DEMO_RETURNS.brightwaterRmaRequested.rma, DEMO_RETURNS.brightwaterRmaAuthorised.rma];

test("Brightwater gets the 404 page on Northgate's return, RMA and RMA label, and never lists them", async ({ page }) => {
  await signIn(page, RETURNS_DEMO.deliveries);
  await expectReturnsNotFound(page, `/returns/${NORTHGATE.ref}`, "Return not found");
  await expect(page.getByText(NORTHGATE.party)).toHaveCount(0);
  await expectReturnsNotFound(page, `/returns/rma/${NORTHGATE.rma}`, "RMA not found");
  await expectReturnsNotFound(page, `/returns/rma/${NORTHGATE.rma}/label`, "RMA not found");
  await expect(page.getByTestId("rma-label")).toHaveCount(0);
  await expect(page.getByText(NORTHGATE.party)).toHaveCount(0);
  // The same pages as for references that do not exist.
  await expectReturnsNotFound(page, "/returns/RET9999999", "Return not found");
  await expectReturnsNotFound(page, "/returns/rma/RMA9999999/label", "RMA not found");

  const listed = await listedReturns(page);
  for (const ref of BRIGHTWATER_REFS) expect(listed.returns).toContain(ref);
  for (const ref of BRIGHTWATER_RMAS) expect(listed.rmas).toContain(ref);
  expect(listed.returns).not.toContain(NORTHGATE.ref);
  expect(listed.rmas).not.toContain(NORTHGATE.rma);
  await expect(page.locator("#main")).not.toContainText(NORTHGATE.party);
  await expect(page.locator("#main")).not.toContainText(dashed(NORTHGATE.chfId));
  await expect(page.getByRole("columnheader", { name: "Party" })).toHaveCount(0);
  // Searching for Northgate's refs or CHF finds nothing.
  for (const q of [NORTHGATE.ref, NORTHGATE.rma, NORTHGATE.chfId]) {
    expect((await listedReturns(page, q)).returns).toEqual([]);
    await expect(page.getByText("No return record matches these filters.")).toBeVisible();
  }

  // Nor does an RMA request for Northgate's CHF reveal its return.
  await page.goto("/returns/rma/new");
  const form = page.getByRole("form", { name: "Request an RMA" });
  await expect(form.getByTestId("notified-returns")).not.toContainText(dashed(NORTHGATE.chfId));
  await form.getByLabel("CHF IDs").fill(NORTHGATE.chfId);
  await form.getByLabel("DCC Returns Location").selectOption("RL-C2");
  await form.getByLabel("Preferred Return Date").fill((await form.getByLabel("Preferred Return Date").getAttribute("min"))!);
  await form.getByLabel("Phone").fill("0121 496 0003");
  await form.getByRole("button", { name: "Request the RMA" }).click();
  await expect(form.getByTestId("form-message")).toContainText(`Return notification required first`);
  await expect(form.getByTestId("form-message")).not.toContainText(NORTHGATE.ref);
});

test("Northgate sees only its own return and RMA, and gets the 404 page on Brightwater's", async ({ page }) => {
  await signIn(page, RETURNS_DEMO.otherDeliveries);
  const listed = await listedReturns(page);
  expect(listed.returns).toEqual([NORTHGATE.ref]);
  expect(listed.rmas).toEqual([NORTHGATE.rma]);
  await expect(page.locator("#main")).not.toContainText("Brightwater Energy");

  for (const r of BRIGHTWATER) await expectReturnsNotFound(page, `/returns/${r.ref}`, "Return not found");
  for (const ref of BRIGHTWATER_RMAS) {
    await expectReturnsNotFound(page, `/returns/rma/${ref}`, "RMA not found");
    await expectReturnsNotFound(page, `/returns/rma/${ref}/label`, "RMA not found");
  }
  await expect(page.getByText("Brightwater Energy")).toHaveCount(0);
  expect((await listedReturns(page, DEMO_RETURNS.brightwaterRmaAuthorised.chfId)).returns).toEqual([]);

  // Its own record and RMA open; the RMA is not authorised yet, so there is no label.
  await openReturn(page, NORTHGATE.ref);
  await expect(page.getByTestId("return-status")).toHaveText("RMA requested");
  await expect(page.getByTestId("return-rma")).toHaveText(NORTHGATE.rma);
  await openRma(page, NORTHGATE.rma);
  await expect(page.getByTestId("rma-status")).toHaveText("Requested: awaiting the DCC");
  await expect(page.getByTestId("label-link")).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Authorise or reject the RMA" })).toHaveCount(0);
  await page.goto(`/returns/rma/${NORTHGATE.rma}/label`);
  await expect(page.getByTestId("label-not-ready")).toContainText(`RMA ${NORTHGATE.rma} is not authorised yet (Requested: awaiting the DCC).`);
  await expect(page.getByTestId("rma-label")).toHaveCount(0);
});

test("a PARTY_USER without an OMS profile gets 403 on the returns pages", async ({ page }) => {
  await signIn(page, DEMO.supplierUser);
  await expect(navEntry(page, "CH returns")).toHaveCount(0);
  for (const url of [
    "/returns",
    "/returns/new",
    "/returns/rma/new",
    `/returns/${DEMO_RETURNS.brightwaterNotified.ref}`,
    `/returns/rma/${DEMO_RETURNS.brightwaterRmaAuthorised.rma}`,
    `/returns/rma/${DEMO_RETURNS.brightwaterRmaAuthorised.rma}/label`,
  ]) {
    await expectForbidden(page, url);
  }
});

test("the DCC admin sees every party's returns, decides RMAs but requests none", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await expect(navEntry(page, "CH returns")).toBeVisible();
  await page.goto("/returns");
  await expect(page.getByRole("columnheader", { name: "Party" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Request an RMA" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Notify a removed CH" })).toBeVisible();
  for (const r of [DEMO_RETURNS.brightwaterNotified, NORTHGATE]) {
    expect((await listedReturns(page, r.ref)).returns).toEqual([r.ref]);
    await expect(page.locator("table tbody tr").filter({ hasText: r.ref })).toContainText(r.party);
  }
  await openRma(page, NORTHGATE.rma);
  await expect(page.getByRole("form", { name: "Authorise or reject the RMA" })).toBeVisible();
  await expectForbidden(page, "/returns/rma/new");
});

test("the Service Desk sees every party's returns and records a notification for a party, but decides no RMA", async ({ page }) => {
  await signIn(page, DEMO.serviceDesk);
  await expect(navEntry(page, "CH returns")).toBeVisible();
  await page.goto("/returns");
  await expect(page.getByRole("columnheader", { name: "Party" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Request an RMA" })).toHaveCount(0);
  await page.getByRole("link", { name: "Notify a removed CH" }).click();
  const form = page.getByRole("form", { name: "Notify a removed CH" });
  await expect(form.getByLabel("Party")).toContainText(NORTHGATE.party);
  await expect(page.getByTestId("notify-rule")).toContainText("A Service Desk notification is accepted later, and flagged as late.");
  await openRma(page, NORTHGATE.rma);
  await expect(page.getByRole("form", { name: "Authorise or reject the RMA" })).toHaveCount(0);
  await expectForbidden(page, "/returns/rma/new");
});
