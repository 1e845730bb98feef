// Who sees an order (D1/D6): a party's OMS accounts see its own orders only; another party gets the 404 page (as for a
// reference that does not exist) and does not find them in its list. PARTY_USER alone has no OMS access (403);
// CH_DELIVERY_RETURNS reads the orders but cannot order or cancel. Read-only: ORD0000001 (Brightwater, Submitted) and
// ORD0000005 (Northgate).
import { DEMO, DEMO_ORDERS, expect, expectForbidden, expectOrderNotFound, listedOrderRefs, openOrder, ORDER_DEMO, signIn, test } from "../support";

const BRIGHTWATER = DEMO_ORDERS.brightwaterSubmitted;
const NORTHGATE = DEMO_ORDERS.northgate;
const BRIGHTWATER_REFS = [DEMO_ORDERS.brightwaterSubmitted, DEMO_ORDERS.brightwaterNonCompliant, DEMO_ORDERS.brightwaterCancellable, DEMO_ORDERS.brightwaterRejected].map((o) => o.ref);

test("Northgate gets 404 on a Brightwater order, which is not in its list", async ({ page }) => {
  await signIn(page, ORDER_DEMO.otherOrdering);
  await expectOrderNotFound(page, BRIGHTWATER.ref);
  await expect(page.getByText(BRIGHTWATER.party)).toHaveCount(0);
  // The same page as for a reference that does not exist.
  await expectOrderNotFound(page, "ORD9999999");

  const listed = await listedOrderRefs(page);
  expect(listed).toContain(NORTHGATE.ref);
  for (const ref of BRIGHTWATER_REFS) expect(listed).not.toContain(ref);
  await expect(page.getByText(BRIGHTWATER.party)).toHaveCount(0);
  await openOrder(page, NORTHGATE.ref);
});

test("Brightwater gets 404 on Northgate's order", async ({ page }) => {
  await signIn(page, ORDER_DEMO.ordering);
  await expectOrderNotFound(page, NORTHGATE.ref);
  await expect(page.getByText(NORTHGATE.party)).toHaveCount(0);
  const listed = await listedOrderRefs(page);
  expect(listed).not.toContain(NORTHGATE.ref);
  for (const ref of BRIGHTWATER_REFS) expect(listed).toContain(ref);
});

test("a PARTY_USER without an OMS profile gets 403 on the ordering pages", async ({ page }) => {
  await signIn(page, DEMO.supplierUser);
  for (const url of ["/orders", `/orders/${BRIGHTWATER.ref}`, "/orders/new", "/orders/forecasts", "/orders/locations"]) await expectForbidden(page, url);
});

test("CH_DELIVERY_RETURNS reads its party's orders but is offered no new order and no cancellation", async ({ page }) => {
  await signIn(page, ORDER_DEMO.deliveries);
  const listed = await listedOrderRefs(page);
  expect(listed).toContain(BRIGHTWATER.ref);
  expect(listed).not.toContain(NORTHGATE.ref);
  await expect(page.getByRole("link", { name: "New order" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Forecasts" })).toBeVisible();

  await openOrder(page, BRIGHTWATER.ref);
  await expect(page.getByTestId("order-status")).toHaveText("Submitted");
  await expect(page.getByRole("form", { name: "Cancel the order" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Answer the order" })).toHaveCount(0);
  await expectOrderNotFound(page, NORTHGATE.ref);
  // Ordering itself is refused.
  await expectForbidden(page, "/orders/new");
});
