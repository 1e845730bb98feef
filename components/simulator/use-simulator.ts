"use client";

// The dashboard's one connection to /api/simulator: the polled state, and the POSTed actions whose refusals come back
// with a message per field (every field at once).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { CommandAnswer, SimulatorAction, SimulatorState } from "@/lib/simulator/api";

export const POLL_MS = 2_000;
export const simulatorKey = ["simulator", "state"] as const;

/** The state as the JSON route sends it (dates as strings). */
export type SimulatorJson = Omit<SimulatorState, "behaviours"> & { behaviours: (Omit<SimulatorState["behaviours"][number], "updatedAt"> & { updatedAt: string })[] };

async function fetchState(): Promise<SimulatorJson> {
  const response = await fetch("/api/simulator", { cache: "no-store" });
  if (!response.ok) throw new Error(`The simulator's figures are not available (HTTP ${response.status}).`);
  return (await response.json()) as SimulatorJson;
}

export function useSimulatorState(initial: SimulatorJson) {
  return useQuery({ queryKey: simulatorKey, queryFn: fetchState, initialData: initial, refetchInterval: POLL_MS, refetchIntervalInBackground: false });
}

type Answer = CommandAnswer["body"];

export async function postAction(action: SimulatorAction, fields: Record<string, unknown>): Promise<Answer> {
  const response = await fetch("/api/simulator", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...fields, action }) });
  const body = (await response.json().catch(() => null)) as Answer | null;
  return body ?? { ok: false, error: "UNAVAILABLE", message: `The simulator did not answer (HTTP ${response.status}). Try again.`, errors: [], fieldErrors: {} };
}

/** Fields of a form as strings (empty ones left out), ready to POST as JSON. */
export function formFields(form: HTMLFormElement): Record<string, string> {
  return Object.fromEntries([...new FormData(form).entries()].filter(([, v]) => typeof v === "string" && v !== "").map(([k, v]) => [k, String(v)]));
}

/**
 * One action the dashboard or the inspector posts: its pending state, its last answer (message and field errors)
 * and a refresh of what shows its effect afterwards.
 */
export function useSimulatorAction(action: SimulatorAction, onDone?: (answer: Answer) => void) {
  const queryClient = useQueryClient();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const mutation = useMutation({
    mutationFn: (fields: Record<string, unknown>) => postAction(action, fields),
    onSuccess: async (result) => {
      setAnswer(result);
      if (result.ok) {
        await queryClient.invalidateQueries({ queryKey: simulatorKey });
        onDone?.(result);
      }
    },
    onError: (error) => setAnswer({ ok: false, error: "UNAVAILABLE", message: error instanceof Error ? error.message : String(error), errors: [], fieldErrors: {} }),
  });
  return {
    submit: (fields: Record<string, unknown>) => mutation.mutate(fields),
    pending: mutation.isPending,
    answer,
    errors: answer && !answer.ok ? answer.fieldErrors : ({} as Record<string, string>),
  };
}
