import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { RaiseIncidentForm } from "@/components/incidents/raise-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { CATEGORIES, CATEGORY_DEFINITIONS } from "@/lib/incidents/categories";
import { SERVICE_DESK_PHONE } from "@/lib/incidents/categories";

export const metadata: Metadata = { title: "Raise an incident" };

/** From a device's page: only pre-fills the form (cut to the fields' lengths); the submission is validated as ever. */
const prefill = z.object({
  deviceId: z.string().max(30).optional().catch(undefined),
  mpxn: z.string().max(20).optional().catch(undefined),
  summary: z.string().max(200).optional().catch(undefined),
});

export default async function RaiseIncidentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("incident.raise");
  const about = prefill.parse(await searchParams);
  const categories = CATEGORIES.map((c) => {
    const d = CATEGORY_DEFINITIONS[c];
    return { category: c, name: d.name, meaning: d.meaning, response: d.response.label, resolution: d.resolution.label };
  });
  return (
    <>
      <PageHeader
        title="Raise an incident"
        description={
          <>
            Log an incident with the DCC Service Desk in the Incident Management Log.{" "}
            <Link href="/incidents" className="text-brand-700 underline">
              Back to incidents
            </Link>
          </>
        }
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <RaiseIncidentForm
            mode="raise"
            categories={categories}
            serviceDeskPhone={SERVICE_DESK_PHONE}
            defaults={{ contactName: actor.name, contactOrganisation: actor.partyName, contactDetails: actor.email, ...about }}
            formKey={randomUUID()}
          />
        </Card>
        <Card title="Good to know">
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            <li>
              A Category 1 (Major) incident is phoned to the Service Desk on <strong>{SERVICE_DESK_PHONE}</strong>, not raised here.
            </li>
            <li>If an open incident already covers your issue, ask the Service Desk to add you as an Interested Party instead of raising another.</li>
            <li>The category you choose is a proposal: the Service Desk sets the one that counts, and the response and resolution targets follow it.</li>
            <li>When it is resolved you have 3 Working Days to dispute the resolution; after that it is closed.</li>
          </ul>
        </Card>
      </div>
    </>
  );
}
