import type { Metadata } from "next";
import Link from "next/link";
import { LocationForm, RemoveLocationForm } from "@/components/orders/location-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { orPageError, requireActor } from "@/lib/auth/session";
import { readDeliveryLocation } from "@/lib/orders/locations";

export const metadata: Metadata = { title: "Edit a Delivery Location" };

export default async function EditLocationPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("ch.order");
  const { id } = await params;
  const location = await orPageError(() => readDeliveryLocation(actor, id));
  const { partyId: _party, createdAt: _created, ...fields } = location;
  return (
    <>
      <PageHeader
        title={location.name}
        description="Orders and consignments that name this Delivery Location show its details as saved here."
        actions={
          <Link href="/orders/locations" className="text-sm text-brand-700 underline">
            All Delivery Locations
          </Link>
        }
      />
      <div className="max-w-3xl space-y-4">
        <Card title="Edit the Delivery Location">
          <LocationForm location={fields} />
        </Card>
        <Card title="Remove it">
          <p className="mb-3 text-sm text-slate-600">A Delivery Location no order or consignment names can be removed.</p>
          <RemoveLocationForm id={location.id} name={location.name} />
        </Card>
      </div>
    </>
  );
}
