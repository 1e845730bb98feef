"use client";

// Saved views of the incident list: save the current filters under a name, delete a view.
import { useActionState } from "react";
import { deleteIncidentViewAction, saveIncidentViewAction } from "@/app/(portal)/incidents/actions";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, Input } from "@/components/ui/form";

export function SaveViewForm({ query }: { query: string }) {
  const [state, action, pending] = useActionState(saveIncidentViewAction, null);
  const error = state && !state.ok ? (state.fieldErrors?.name ?? undefined) : undefined;
  return (
    <form action={action} className="space-y-2" aria-label="Save this view">
      <FormMessage result={state} />
      <input type="hidden" name="query" value={query} />
      <Field label="Name for this view" name="name" error={error}>
        <Input name="name" required maxLength={60} error={error} placeholder="e.g. My breached Cat 2" />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save this view"}
      </Button>
    </form>
  );
}

export function DeleteViewButton({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState(deleteIncidentViewAction, null);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className="text-xs text-red-700 underline hover:text-red-900" aria-label={`Delete saved view ${name}`}>
        Delete
      </button>
      {state && !state.ok ? <FormMessage result={state} /> : null}
    </form>
  );
}
