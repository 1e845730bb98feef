"use client";

import { useState } from "react";
import { Button } from "./button";

/**
 * A submit button that asks once more before a change that cannot be undone from this page. The first button is an
 * outline, so a destructive action never outshines the everyday ones beside it; the confirmation is the solid one.
 */
export function ConfirmSubmit({ trigger, question, confirm, pending }: { trigger: string; question: string; confirm: string; pending: boolean }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button type="button" variant="danger-outline" onClick={() => setAsking(true)}>
        {trigger}
      </Button>
    );
  }
  return (
    <div role="group" aria-label={trigger} className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3">
      <p className="text-sm text-red-900">{question}</p>
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={pending} autoFocus>
          {pending ? "Working…" : confirm}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setAsking(false)} disabled={pending}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
