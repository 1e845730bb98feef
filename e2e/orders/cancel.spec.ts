// Cancellation (F5.19): an accepted order more than 48 hours before its delivery can be cancelled by the party's
// CH_ORDERING accounts, after a warning that the DCC's costs are billed. CH_DELIVERY_RETURNS reads it but is not
// offered the cancellation. Mutates ORD0000003 only (no other spec relies on it).
import { DEMO_ORDERS, expect, openOrder, ORDER_DEMO, test } from "../support";

const ORDER = DEMO_ORDERS.brightwaterCancellable;

test("orders@brightwater cancels the accepted ORD0000003 after the cost warning; the timeline shows it", async ({ signedIn }) => {
  // Delivery & returns reads the accepted order but has no cancellation to offer.
  const deliveries = await signedIn(ORDER_DEMO.deliveries);
  await openOrder(deliveries, ORDER.ref);
  await expect(deliveries.getByTestId("order-status")).toHaveText("Accepted");
  await expect(deliveries.getByRole("form", { name: "Cancel the order" })).toHaveCount(0);
  await expect(deliveries.getByRole("button", { name: "Cancel this order…" })).toHaveCount(0);

  const party = await signedIn(ORDER_DEMO.ordering);
  await openOrder(party, ORDER.ref);
  await expect(party.getByTestId("order-status")).toHaveText("Accepted");
  const form = party.getByRole("form", { name: "Cancel the order" });
  await expect(form).toContainText("The DCC's reasonable costs are billed on your next Invoice.");

  // The first click only asks; "Keep the order" backs out.
  await form.getByRole("button", { name: "Cancel this order…" }).click();
  const confirm = form.getByRole("group", { name: "Confirm cancellation" });
  await expect(confirm).toContainText(`Cancel ${ORDER.ref}? The DCC's reasonable costs are billed on your next Invoice. This cannot be undone.`);
  await confirm.getByRole("button", { name: "Keep the order" }).click();
  await expect(confirm).toHaveCount(0);
  await party.reload();
  await expect(party.getByTestId("order-status")).toHaveText("Accepted");

  await form.getByRole("button", { name: "Cancel this order…" }).click();
  await confirm.getByRole("button", { name: "Yes, cancel the order" }).click();
  await expect(party.getByTestId("form-message")).toHaveText(`${ORDER.ref} is cancelled. The DCC's reasonable costs are billed on your next Invoice.`);

  await party.reload();
  await expect(party.getByTestId("order-status")).toHaveText("Cancelled");
  await expect(party.getByRole("form", { name: "Cancel the order" })).toHaveCount(0);
  const cancelled = party.getByTestId("timeline-entry").filter({ hasText: "Cancelled by the party" });
  await expect(cancelled).toHaveCount(1);
  await expect(cancelled).toContainText("Cancelled");
  await expect(cancelled).toContainText("the DCC's reasonable costs are billed on the next Invoice.");
  // The list shows it cancelled too.
  await party.goto("/orders");
  await expect(party.locator("tbody tr").filter({ hasText: ORDER.ref }).getByTestId("order-status")).toHaveText("Cancelled");
});
