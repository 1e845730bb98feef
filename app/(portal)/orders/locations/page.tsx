import type { Metadata } from "next";
import Link from "next/link";
import { LocationForm } from "@/components/orders/location-form";
import { Banner } from "@/components/smi/badges";
import { Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable, type Column } from "@/components/ui/table";
import { can } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { toPage } from "@/lib/lists";
import { listDeliveryLocations } from "@/lib/orders/locations";

export const metadata: Metadata = { title: "Delivery Locations" };

type Location = Awaited<ReturnType<typeof listDeliveryLocations>>[number];

const columns: Column<Location>[] = [
  { header: "Name", cell: (l) => <span className="font-medium" data-testid="location-name">{l.name}</span> },
  {
    header: "Address",
    cell: (l) => (
      <>
        {l.addressLine}, {l.town} <span className="whitespace-nowrap font-mono text-xs">{l.postcode}</span>
      </>
    ),
  },
  { header: "Operating hours", cell: (l) => l.operatingHours },
  {
    header: "Contact",
    cell: (l) => (
      <>
        {l.contactName}
        <span className="block text-xs text-slate-600">
          {l.contactEmail} · {l.contactPhone}
        </span>
      </>
    ),
  },
  { header: "Added", cell: (l) => formatLondon(l.createdAt, "d MMM yyyy") },
];

const editColumn: Column<Location> = {
  header: "Actions",
  cell: (l) => (
    <Link href={`/orders/locations/${l.id}`} className="text-sm text-brand-700 underline">
      Edit<span className="sr-only"> or remove {l.name}</span>
    </Link>
  ),
};

export default async function LocationsPage({ searchParams }: { searchParams: Promise<{ removed?: string }> }) {
  const actor = await requireActor("ch.view");
  const { removed } = await searchParams;
  const locations = await orPageError(() => listDeliveryLocations(actor));
  const manage = can(actor, "ch.order");
  return (
    <>
      <PageHeader
        title="Delivery Locations"
        description="Where the DCC delivers your Communications Hubs: an order names at most two of them. Kept by your CH ordering accounts."
        actions={
          <Link href="/orders" className="text-sm text-brand-700 underline">
            CH orders
          </Link>
        }
      />
      <div className="space-y-4">
        {removed ? <Banner testId="removed-banner">Delivery Location &ldquo;{removed}&rdquo; removed.</Banner> : null}
        {locations.length === 0 ? (
          <EmptyState title="No Delivery Locations yet.">{manage ? "Add one below before you place an order." : null}</EmptyState>
        ) : (
          <DataTable page={toPage(locations, locations.length, 1, locations.length)} columns={manage ? [...columns, editColumn] : columns} rowKey={(l) => l.id} caption={`Delivery Locations: ${locations.length}`} />
        )}
        {manage ? (
          <Card title="Add a Delivery Location" className="max-w-3xl">
            <LocationForm />
          </Card>
        ) : null}
      </div>
    </>
  );
}
