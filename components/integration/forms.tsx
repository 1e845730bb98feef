"use client";

// The integration forms: API keys (the new key shown once), Receive Response URLs, and the DCC admin's decision.
import { useActionState, useState } from "react";
import { decideResponseEndpointAction } from "@/app/(portal)/admin/response-endpoints/actions";
import { createApiKeyAction, registerResponseEndpointAction, revokeApiKeyAction, revokeResponseEndpointAction } from "@/app/(portal)/integration/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form";
import { TextField } from "@/components/ui/fields";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/errors";

type Option = { value: string; label: string };

/** The key just created, with a copy button: it is in this page's memory only and gone on reload. */
function NewKey({ name, apiKey }: { name: string; apiKey: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="region" aria-label="New API key" className="space-y-2 rounded-md border border-green-200 bg-green-50 p-3" data-testid="new-api-key">
      <p className="text-sm font-medium text-green-900">API key &ldquo;{name}&rdquo; created.</p>
      <div className="flex gap-2">
        <input readOnly value={apiKey} aria-label="The new API key" className="block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        <Button
          type="button"
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard.writeText(apiKey);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <p className="text-sm text-green-900">Copy the key now and keep it safe: it is shown only once. Send it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>.</p>
    </div>
  );
}

export function CreateApiKeyForm({ scopes }: { scopes: Option[] }) {
  const f = useFormAction(createApiKeyAction);
  const chosen = (f.values.scopes ?? "").split(",");
  const created = f.state?.created;
  return (
    <div className="space-y-3">
      {created ? <NewKey name={created.name} apiKey={created.key} /> : null}
      <form key={f.key} action={f.dispatch} className="grid max-w-3xl gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-start" aria-label="Create an API key">
        <div className="sm:col-span-3">
          <FormMessage result={f.state?.ok ? null : f.state} />
        </div>
        <TextField id="api-key-name" name="name" label="Name" maxLength={80} required defaultValue={f.values.name} error={f.errors.name} hint="What uses the key, e.g. DUIS adapter (production)." />
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">May</legend>
          {scopes.map((scope) => (
            <label key={scope.value} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="scopes" value={scope.value} defaultChecked={chosen.includes(scope.value)} /> {scope.label}
            </label>
          ))}
          {f.errors.scopes || f.errors["scopes.0"] ? (
            <p className="text-sm text-red-700" data-testid="scopes-error">
              {f.errors.scopes ?? f.errors["scopes.0"]}
            </p>
          ) : null}
        </fieldset>
        <Button type="submit" disabled={f.pending} className="sm:mt-6">
          {f.pending ? "Creating…" : "Create API key"}
        </Button>
      </form>
    </div>
  );
}

/** A row's action: one button posting the row's id, its result beside it. */
function RowAction({ action, id, label, ariaLabel, variant = "secondary", fields = {} }: {
  action: (state: ActionResult | null, form: FormData) => Promise<ActionResult>;
  id: string;
  label: string;
  ariaLabel: string;
  variant?: "primary" | "secondary" | "danger";
  fields?: Record<string, string>;
}) {
  const [state, dispatch, pending] = useActionState(action, null);
  return (
    <form action={dispatch} className="space-y-1" aria-label={ariaLabel}>
      <input type="hidden" name="id" value={id} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant={variant} disabled={pending} aria-label={ariaLabel} className="px-2 py-1 text-xs">
        {pending ? "Working…" : label}
      </Button>
      <FormMessage result={state?.ok ? null : state} />
    </form>
  );
}

export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  return <RowAction action={revokeApiKeyAction} id={id} label="Revoke" ariaLabel={`Revoke API key ${name}`} variant="danger" />;
}

export function RegisterEndpointForm() {
  const f = useFormAction(registerResponseEndpointAction);
  return (
    <form key={f.key} action={f.dispatch} className="grid max-w-3xl gap-3 sm:grid-cols-[1fr_auto] sm:items-start" aria-label="Register a Receive Response URL">
      <div className="sm:col-span-2">
        <FormMessage result={f.state} />
      </div>
      <TextField
        id="endpoint-url"
        name="url"
        label="Receive Response URL"
        type="url"
        maxLength={500}
        required
        placeholder="https://duis.example.com/smartdcc/duis"
        defaultValue={f.values.url}
        error={f.errors.url}
        hint="Asynchronous Service Responses and alerts are POSTed here as XML once the DCC approves the URL."
      />
      <Button type="submit" disabled={f.pending} className="sm:mt-6">
        {f.pending ? "Registering…" : "Register URL"}
      </Button>
    </form>
  );
}

export function RevokeEndpointButton({ id, url }: { id: string; url: string }) {
  return <RowAction action={revokeResponseEndpointAction} id={id} label="Revoke" ariaLabel={`Revoke ${url}`} variant="danger" />;
}

export function DecideEndpointButtons({ id, url }: { id: string; url: string }) {
  return (
    <div className="flex gap-2">
      <RowAction action={decideResponseEndpointAction} id={id} label="Approve" ariaLabel={`Approve ${url}`} variant="primary" fields={{ decision: "APPROVE" }} />
      <RowAction action={decideResponseEndpointAction} id={id} label="Reject" ariaLabel={`Reject ${url}`} variant="secondary" fields={{ decision: "REJECT" }} />
    </div>
  );
}
