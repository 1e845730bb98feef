"use client";

// The state of a form posting one server action: its result, the values to keep after a refusal, the field errors,
// and a key that changes with each answer (`seq`), so a form remounts with what the server sent back.
import { startTransition, useActionState } from "react";
import type { ActionResult } from "@/lib/errors";
import { errorsOf } from "./fields";

type Result = ActionResult & { values?: Record<string, string>; seq?: number };

export function useFormAction<R extends Result>(action: (state: R | null, form: FormData) => Promise<R>) {
  const [state, dispatch, pending] = useActionState<R | null, FormData>(action, null);
  const values = (state && !state.ok ? state.values : undefined) ?? {};
  return { state, dispatch, pending, values, errors: errorsOf(state), key: String(state?.seq ?? "new") };
}

/**
 * A form's onSubmit that posts it to `dispatch` without React's reset after a form `action`: an upload form keeps
 * its chosen files when the server refuses them, to send again once fixed.
 */
export function submitKeepingFiles(dispatch: (form: FormData) => void) {
  return (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  };
}
