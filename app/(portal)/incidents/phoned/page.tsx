import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { RaiseIncidentForm } from "@/components/incidents/raise-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { orPageError, requireActor } from "@/lib/auth/session";
import { CATEGORIES, CATEGORY_DEFINITIONS } from "@/lib/incidents/categories";
import { SERVICE_DESK_PHONE } from "@/lib/incidents/categories";
import { listIncidentParties } from "@/lib/incidents/service-desk-agents";

export const metadata: Metadata = { title: "Record a phoned-in incident" };

export default async function PhonedIncidentPage() {
  const actor = await requireActor("incident.manage");
  const parties = await orPageError(() => listIncidentParties(actor));
  const categories = CATEGORIES.map((c) => {
    const d = CATEGORY_DEFINITIONS[c];
    return { category: c, name: d.name, meaning: d.meaning, response: d.response.label, resolution: d.resolution.label };
  });
  return (
    <>
      <PageHeader
        title="Record a phoned-in incident"
        description={
          <>
            A party phoned the Service Desk ({SERVICE_DESK_PHONE}): record the incident for it, in any category.{" "}
            <Link href="/incidents" className="text-brand-700 underline">
              Back to incidents
            </Link>
          </>
        }
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <RaiseIncidentForm mode="phoned" categories={categories} serviceDeskPhone={SERVICE_DESK_PHONE} parties={parties} defaults={{}} formKey={randomUUID()} />
        </Card>
        <Card title="Good to know">
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            <li>Check first that no open incident already covers it: if one does, add the caller&apos;s party as an Interested Party there.</li>
            <li>A suspected Category 1 is phoned in: record it, then flag it as a Major Incident on its page once confirmed.</li>
            <li>The response and resolution clocks start when you record it.</li>
            <li>The channel is recorded as Phone; the party&apos;s users see the incident in their list.</li>
          </ul>
        </Card>
      </div>
    </>
  );
}
