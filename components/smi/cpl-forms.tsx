"use client";

// The DCC admin's CPL status change: confirm, apply, and report how many devices moved.
import { useActionState, useState } from "react";
import { removeCplModelAction, restoreCplModelAction } from "@/app/(portal)/admin/cpl/actions";
import type { CplStatus } from "@/generated/prisma/enums";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form";
import { plural } from "@/lib/format";

export function CplStatusForm({ modelId, status, deviceCount }: { modelId: string; status: CplStatus; deviceCount: number }) {
  const removing = status === "CURRENT";
  const [state, action, pending] = useActionState(removing ? removeCplModelAction : restoreCplModelAction, null);
  const [asking, setAsking] = useState(false);
  const trigger = removing ? "Mark removed from the CPL" : "Mark current again";
  const question = removing
    ? `Every device of this model will be Suspended and N28 sent (${plural(deviceCount, "device")} of this model in the SMI). New devices of it can no longer be pre-notified.`
    : "Every Suspended device of this model returns to the status it held before suspension and N29 is sent.";
  return (
    <form
      action={(form) => {
        setAsking(false);
        return action(form);
      }}
      className="space-y-3"
      aria-label={trigger}
    >
      <FormMessage result={state} />
      <input type="hidden" name="modelId" value={modelId} />
      {asking ? (
        <div role="group" aria-label={`Confirm: ${trigger}`} className={`space-y-2 rounded-md border p-3 ${removing ? "border-red-200 bg-red-50" : "border-slate-200 bg-slate-50"}`}>
          <p className="text-sm">{question}</p>
          <div className="flex gap-2">
            <Button type="submit" variant={removing ? "danger" : "primary"} disabled={pending} autoFocus>
              {pending ? "Applying…" : removing ? "Yes, remove and suspend" : "Yes, mark current"}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setAsking(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <Button type="button" variant={removing ? "danger" : "primary"} disabled={pending} onClick={() => setAsking(true)}>
          {pending ? "Applying…" : trigger}
        </Button>
      )}
    </form>
  );
}
