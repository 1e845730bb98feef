// The DCC's answer (F5.16-F5.17): admin@dcc.demo rejects the non-compliant ORD0000002; without a reason the answer is
// refused (a non-compliant order's decision needs one), with a reason it is Rejected, and Brightwater sees the decision
// and the reason on its order page. Mutates ORD0000002 only (no other spec relies on it).
import { DEMO, DEMO_ORDERS, expect, openOrder, ORDER_DEMO, test } from "../support";

const ORDER = DEMO_ORDERS.brightwaterNonCompliant;

test("the DCC rejects a non-compliant order only with a reason, and the party sees it", async ({ signedIn }) => {
  const reason = `Dual band CHs are far above the forecast tolerance (e2e ${Date.now().toString(36)}).`;
  const admin = await signedIn(DEMO.admin);
  await openOrder(admin, ORDER.ref);
  await expect(admin.getByTestId("order-status")).toHaveText("Not compliant (DCC deciding)");
  await expect(admin.getByTestId("order-compliant")).toHaveText("Not compliant");
  const form = admin.getByRole("form", { name: "Answer the order" });
  // A non-compliant order cannot be marked non-compliant again: accept, accept in part or reject.
  await expect(form.locator('select[name="status"] option')).toHaveText(["Choose…", "Accepted", "Accepted in part", "Rejected"]);

  // Without a reason: refused, the order unchanged.
  await form.locator('select[name="status"]').selectOption({ label: "Rejected" });
  await form.getByRole("button", { name: "Send the answer" }).click();
  await expect(form.getByTestId("form-message")).toHaveText("Give the reason: the party is told why.");
  await expect(form.getByTestId("reason-error")).toHaveText("A reason is required.");
  await expect(form.locator('select[name="status"]')).toHaveValue("REJECTED");
  await admin.reload();
  await expect(admin.getByTestId("order-status")).toHaveText("Not compliant (DCC deciding)");
  await expect(admin.getByTestId("decision-reason")).not.toHaveText(reason);

  // With a reason: Rejected.
  await form.locator('select[name="status"]').selectOption({ label: "Rejected" });
  await form.getByLabel("Reason").fill(reason);
  await form.getByRole("button", { name: "Send the answer" }).click();
  await expect(admin.getByTestId("form-message")).toHaveText(`${ORDER.ref} is now Rejected. An email to the party's OMS accounts has been queued.`);
  await admin.reload();
  await expect(admin.getByTestId("order-status")).toHaveText("Rejected");
  await expect(admin.getByTestId("decision-reason")).toHaveText(reason);
  await expect(admin.getByText("The order is Rejected: there is nothing left to answer.")).toBeVisible();

  // The party sees the decision, the reason and the DCC's answer in the timeline.
  const party = await signedIn(ORDER_DEMO.ordering);
  await openOrder(party, ORDER.ref);
  await expect(party.getByTestId("order-status")).toHaveText("Rejected");
  await expect(party.getByTestId("decision-reason")).toHaveText(reason);
  // (The seeded entry marking it not compliant comes before it.)
  const answer = party.getByTestId("timeline-entry").filter({ hasText: `Rejected: ${reason}` });
  await expect(answer).toHaveCount(1);
  await expect(answer).toContainText("DCC answer");
  await expect(party.getByTestId("timeline-entry").last()).toContainText(`Rejected: ${reason}`);
  await expect(party.getByRole("form", { name: "Answer the order" })).toHaveCount(0);
  // Rejected orders cannot be cancelled.
  await expect(party.getByRole("form", { name: "Cancel the order" })).toHaveCount(0);
});
