import type { Metadata } from "next";
import { CreateApiKeyForm, RegisterEndpointForm, RevokeApiKeyButton } from "@/components/integration/forms";
import { EndpointTable, UndeliveredTable } from "@/components/integration/tables";
import { Badge, Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/ui/table";
import { API_KEY_SCOPES, listApiKeys } from "@/lib/api-keys/api-keys";
import { can } from "@/lib/auth/policy";
import { requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { undeliveredMessages } from "@/lib/duis/delivery";
import { listResponseEndpoints, MAX_LIVE_ENDPOINTS } from "@/lib/duis/endpoints";
import { toPage } from "@/lib/lists";
import { pageNumber } from "@/lib/validation";

export const metadata: Metadata = { title: "Integration" };

export default async function IntegrationPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requireActor("api-key.manage");
  const page = pageNumber().parse((await searchParams).page);
  const keys = await listApiKeys(actor);
  const managesEndpoints = can(actor, "response-endpoint.manage");
  const [endpoints, undelivered] = managesEndpoints ? await Promise.all([listResponseEndpoints(actor), undeliveredMessages(actor, page)]) : [null, null];
  const scopes = Object.entries(API_KEY_SCOPES).map(([value, label]) => ({ value, label }));
  return (
    <>
      <PageHeader
        title="Integration"
        description={`How ${actor.partyName}'s own systems talk to the DCC: API keys for the DUIS endpoints${managesEndpoints ? ", and the Receive Response URLs asynchronous responses and alerts are sent to" : ""}.`}
        actions={
          <a href="/api/v1/openapi.json" className="text-sm text-brand-700 underline">
            API description (OpenAPI)
          </a>
        }
      />
      <div className="space-y-6">
        <Card title="API keys">
          <div className="space-y-4">
            <CreateApiKeyForm scopes={scopes} />
            {keys.length === 0 ? (
              <EmptyState title="No API keys yet.">Create one for each system that sends requests or polls responses.</EmptyState>
            ) : (
              <DataTable
                caption="API keys"
                page={toPage(keys, keys.length, 1, keys.length)}
                rowKey={(k) => k.id}
                columns={[
                  { header: "Name", cell: (k) => <span className="font-medium">{k.name}</span> },
                  { header: "Key", cell: (k) => <span className="font-mono text-xs" data-testid="api-key-prefix">{k.prefix}…</span> },
                  { header: "May", cell: (k) => k.scopes.map((s) => API_KEY_SCOPES[s]).join("; ") },
                  { header: "Created", cell: (k) => `${formatLondon(k.createdAt)}${k.createdBy ? ` · ${k.createdBy.name}` : ""}` },
                  { header: "Last used", cell: (k) => (k.lastUsedAt ? formatLondon(k.lastUsedAt) : "Never") },
                  {
                    header: "Status",
                    cell: (k) => <span data-testid="api-key-status">{k.revokedAt ? <Badge>Revoked {formatLondon(k.revokedAt)}</Badge> : <Badge tone="green">Active</Badge>}</span>,
                  },
                  { header: "Actions", cell: (k) => (k.revokedAt ? null : <RevokeApiKeyButton id={k.id} name={k.name} />) },
                ]}
              />
            )}
          </div>
        </Card>

        {endpoints && undelivered ? (
          <>
            <Card title="Receive Response URLs">
              <div className="space-y-4">
                <p className="text-sm text-slate-600">
                  Asynchronous Service Responses and alerts are POSTed to an approved URL; when there are several, the next is tried if one does not accept. Redirects are not followed. Up to {MAX_LIVE_ENDPOINTS} URLs approved or awaiting approval. Without one, poll <code className="font-mono">GET /api/v1/responses</code>.
                </p>
                <RegisterEndpointForm />
                {endpoints.length === 0 ? <EmptyState title="No Receive Response URLs registered." /> : <EndpointTable endpoints={endpoints} />}
              </div>
            </Card>
            <Card title="Undelivered messages">
              {undelivered.count === 0 ? (
                <EmptyState title="No undelivered messages.">Every message sent to your Receive Response URLs was accepted.</EmptyState>
              ) : (
                <UndeliveredTable page={undelivered} basePath="/integration" />
              )}
            </Card>
          </>
        ) : null}
      </div>
    </>
  );
}
