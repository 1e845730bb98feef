import type { Metadata } from "next";
import { EndpointTable, UndeliveredTable } from "@/components/integration/tables";
import { Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { undeliveredMessages } from "@/lib/duis/delivery";
import { listResponseEndpoints } from "@/lib/duis/endpoints";
import { pageNumber } from "@/lib/validation";

export const metadata: Metadata = { title: "Receive Response URLs" };

export default async function ResponseEndpointsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requireActor("response-endpoint.decide");
  const page = pageNumber().parse((await searchParams).page);
  const [endpoints, undelivered] = await Promise.all([listResponseEndpoints(actor), undeliveredMessages(actor, page)]);
  const pending = endpoints.filter((e) => e.status === "PENDING").length;
  return (
    <>
      <PageHeader
        title="Receive Response URLs"
        description="Every party's Receive Response URLs. The gateway POSTs asynchronous responses and alerts only to approved ones, and follows no redirects."
      />
      <div className="space-y-6">
        <Card title={`URLs (${pending} awaiting approval)`}>
          {endpoints.length === 0 ? <EmptyState title="No party has registered a Receive Response URL." /> : <EndpointTable endpoints={endpoints} decide />}
        </Card>
        <Card title="Undelivered messages">
          {undelivered.count === 0 ? (
            <EmptyState title="No undelivered messages." />
          ) : (
            <UndeliveredTable page={undelivered} showParty basePath="/admin/response-endpoints" />
          )}
        </Card>
      </div>
    </>
  );
}
