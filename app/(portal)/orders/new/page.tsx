import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { OrderForm } from "@/components/orders/order-form";
import { WindowNote } from "@/components/orders/window-note";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { formatMonth } from "@/lib/format";
import { submissionWindow } from "@/lib/orders/forecast-grid";
import { listDeliveryLocations } from "@/lib/orders/locations";
import { orderTolerances } from "@/lib/orders/orders";

export const metadata: Metadata = { title: "New CH order" };

/** The first and last calendar days of a "YYYY-MM" month, for the date inputs. */
function monthBounds(month: string) {
  const [y, m] = month.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(last).padStart(2, "0")}` };
}

export default async function NewOrderPage() {
  const actor = await requireActor("ch.order");
  const [locations, tolerances] = await Promise.all([orPageError(() => listDeliveryLocations(actor)), orPageError(() => orderTolerances(actor))]);
  const omsWindow = submissionWindow();
  const bounds = monthBounds(omsWindow.deliveryMonth);
  return (
    <>
      <PageHeader
        title="New CH order"
        description={
          <>
            Communications Hubs for one Region, delivered in <strong data-testid="delivery-month">{formatMonth(omsWindow.deliveryMonth)}</strong> (the 5th month after{" "}
            {formatMonth(omsWindow.orderMonth)}), to at most two of your Delivery Locations.
          </>
        }
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card>
            <div className="mb-4">
              <WindowNote window={omsWindow} what="orders" testId="order-window" />
            </div>
            <OrderForm
              locations={locations.map((l) => ({ id: l.id, name: l.name, town: l.town, postcode: l.postcode }))}
              deliveryMonth={omsWindow.deliveryMonth}
              dateMin={bounds.first}
              dateMax={bounds.last}
              defaultEmail={actor.email}
              formKey={randomUUID()}
              tolerances={tolerances}
            />
          </Card>
        </div>
        <Card title="Before you order">
          <ul className="list-disc space-y-2 pl-5 text-sm text-slate-700">
            <li data-testid="order-deadline">
              Submit by <strong>{formatLondon(omsWindow.orderDeadline)}</strong>, the 5th Working Day before the last Working Day of the month. A later order
              is late: not compliant, for the DCC to decide by the end of the month.
            </li>
            <li>One order per Region per month; one delivery a week to any location.</li>
            <li>Each CH variant in whole cartons, at least its minimum per delivery: each variant&apos;s numbers are shown with it.</li>
            <li>Auxiliary equipment only alongside Communications Hubs.</li>
            <li>
              Your order is checked against the forecasts you made 10 and 7 months before the Delivery Month. An order outside the tolerance is allowed: the
              DCC then decides whether to accept it.
            </li>
            <li>The DCC answers within 5 Working Days.</li>
            <li>
              <Link href="/orders/locations" className="text-brand-700 underline">
                Manage Delivery Locations
              </Link>
            </li>
          </ul>
        </Card>
      </div>
    </>
  );
}
