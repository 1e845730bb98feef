"use client";

// The simulator's forms: start and stop traffic, set and clear behaviours, settings, device lookup, injected events.
// Each posts JSON to /api/simulator and shows every field's refusal at once.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/fields";
import { FormMessage } from "@/components/ui/form";
import { RESPONSE_CODES } from "@/lib/duis/codes";
import { formatEui64, parseEui64 } from "@/lib/identifiers";
import type { SimulatorAction } from "@/lib/simulator/api";
import { formFields, useSimulatorAction } from "./use-simulator";

type Option = { value: string; label: string };

const ERROR_CODES = Object.entries(RESPONSE_CODES).filter(([code]) => /^[EW]\d+$/.test(code));
const SCOPE_LABELS: Record<string, string> = { DEVICE: "One device", MODEL: "A device model", DEVICE_TYPE: "A device type", POPULATION: "Every device" };
const DEVICE_TYPES = ["ESME", "GSME", "CHF", "GPF", "PPMID", "HCALCS", "IHD", "CAD"];

/** A select's options, in the order given. */
function Options({ items }: { items: Option[] }) {
  return (
    <>
      {items.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}

/** value -> label, as options. */
const labelled = (labels: Record<string, string>): Option[] => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The result line of a form: its message, and every refusal not tied to one of the form's own fields. */
function Outcome({ answer, fields, success }: { answer: ReturnType<typeof useSimulatorAction>["answer"]; fields: string[]; success?: string }) {
  if (!answer) return null;
  if (answer.ok) return success ? <FormMessage result={{ ok: true, message: success }} /> : null;
  const others = Object.entries(answer.fieldErrors).filter(([field]) => !fields.includes(field));
  return (
    <div className="space-y-1">
      <FormMessage result={{ ok: false, message: answer.message }} />
      {others.length > 0 ? (
        <ul className="list-disc pl-5 text-sm text-red-700">
          {others.map(([field, message]) => (
            <li key={field}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function useForm(action: SimulatorAction, onDone?: () => void) {
  const act = useSimulatorAction(action, onDone);
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    act.submit(formFields(event.currentTarget));
  };
  return { ...act, onSubmit };
}

export interface ScenarioOption extends Option {
  description: string;
  ratePerSecond: number;
  total: number | null;
}

export function StartTrafficForm({ scenarios }: { scenarios: ScenarioOption[] }) {
  const f = useForm("scenario");
  const [chosen, setChosen] = useState(scenarios[0]?.value ?? "");
  const scenario = scenarios.find((s) => s.value === chosen);
  const fields = ["scenario", "ratePerSecond", "total"];
  return (
    <form onSubmit={f.onSubmit} aria-label="Start traffic" className="space-y-3">
      <Outcome answer={f.answer} fields={fields} success="Traffic started." />
      <div className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-start">
        <SelectField id="traffic-scenario" name="scenario" label="Scenario" error={f.errors.scenario} value={chosen} onChange={(e) => setChosen(e.target.value)} hint={scenario?.description}>
          <Options items={scenarios} />
        </SelectField>
        <TextField id="traffic-rate" name="ratePerSecond" label="Rate (requests/s)" inputMode="decimal" placeholder={scenario ? String(scenario.ratePerSecond) : ""} error={f.errors.ratePerSecond} />
        <TextField id="traffic-total" name="total" label="Total" inputMode="numeric" placeholder={scenario?.total ? String(scenario.total) : "Until stopped"} error={f.errors.total} />
        <Button type="submit" disabled={f.pending} className="sm:mt-6">
          {f.pending ? "Starting…" : "Start"}
        </Button>
      </div>
    </form>
  );
}

/** A row's one-button action (stop a run, clear a behaviour), its refusal beside it. */
function RowButton({ action, fields, label, ariaLabel, refresh }: { action: SimulatorAction; fields: Record<string, string>; label: string; ariaLabel: string; refresh?: boolean }) {
  const router = useRouter();
  const f = useSimulatorAction(action, refresh ? () => router.refresh() : undefined);
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button type="button" variant="secondary" className="px-2 py-1 text-xs" disabled={f.pending} aria-label={ariaLabel} onClick={() => f.submit(fields)}>
        {f.pending ? "Working…" : label}
      </Button>
      {f.answer && !f.answer.ok ? (
        <span role="status" className="text-xs text-red-700">
          {f.answer.message}
        </span>
      ) : null}
    </span>
  );
}

export const StopRunButton = ({ runId, scenario }: { runId: string; scenario: string }) => <RowButton action="stop" fields={{ runId }} label="Stop" ariaLabel={`Stop ${scenario}`} />;

/** `refresh`: on a server-rendered page (the inspector), show the page again once cleared. */
export const ClearBehaviourButton = ({ id, label, refresh }: { id: string; label: string; refresh?: boolean }) => (
  <RowButton action="clear-behaviour" fields={{ id }} label="Clear" ariaLabel={`Clear the behaviour for ${label}`} refresh={refresh} />
);

/**
 * Set a behaviour. With `deviceId` (the inspector) it is that device's own; otherwise the scope decides what the
 * target field asks for: a Device ID, a CPL model, a device type, or nothing for the whole population.
 */
export function BehaviourForm({ modes, models = [], deviceId, current }: {
  modes: Record<string, string>;
  models?: Option[];
  deviceId?: string;
  current?: { mode: string; errorCode: string | null; delaySeconds: number; dropPercent: number; wanFlapSeconds: number | null };
}) {
  const router = useRouter();
  // The inspector is a server page: it shows the saved behaviour once re-rendered.
  const f = useForm("behaviour", deviceId ? () => router.refresh() : undefined);
  const [scope, setScope] = useState(deviceId ? "DEVICE" : "POPULATION");
  const [mode, setMode] = useState(current?.mode ?? "RESPOND_OK");
  const fields = ["scope", "target", "mode", "errorCode", "delaySeconds", "dropPercent", "wanFlapSeconds"];
  return (
    <form onSubmit={f.onSubmit} aria-label={deviceId ? "This device's behaviour" : "Set a behaviour"} className="space-y-3">
      <Outcome answer={f.answer} fields={fields} success="Behaviour saved." />
      {/* On the inspector the form sits in a narrow column. */}
      <div className={`grid gap-3 sm:grid-cols-2 ${deviceId ? "" : "lg:grid-cols-4"}`}>
        {deviceId ? (
          <>
            <input type="hidden" name="scope" value="DEVICE" />
            <input type="hidden" name="target" value={deviceId} />
          </>
        ) : (
          <>
            <SelectField id="behaviour-scope" name="scope" label="Applies to" value={scope} onChange={(e) => setScope(e.target.value)} error={f.errors.scope}>
              <Options items={labelled(SCOPE_LABELS)} />
            </SelectField>
            {scope === "DEVICE" ? (
              <TextField id="behaviour-target" name="target" label="Device ID" placeholder="00-DB-12-34-56-78-90-A0" autoComplete="off" className="font-mono" error={f.errors.target} />
            ) : scope === "MODEL" ? (
              <SelectField id="behaviour-target" name="target" label="Device model" error={f.errors.target} defaultValue="">
                <option value="">Choose a CPL model</option>
                <Options items={models} />
              </SelectField>
            ) : scope === "DEVICE_TYPE" ? (
              <SelectField id="behaviour-target" name="target" label="Device type" error={f.errors.target} defaultValue="ESME">
                {DEVICE_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </SelectField>
            ) : (
              <input type="hidden" name="target" value="*" />
            )}
          </>
        )}
        <SelectField id="behaviour-mode" name="mode" label="Answers" value={mode} onChange={(e) => setMode(e.target.value)} error={f.errors.mode}>
          <Options items={labelled(modes)} />
        </SelectField>
        {mode === "RESPOND_ERROR" ? (
          <SelectField id="behaviour-error" name="errorCode" label="Error code" error={f.errors.errorCode} defaultValue={current?.errorCode ?? ""}>
            <option value="">Choose a code</option>
            {ERROR_CODES.map(([code, meaning]) => (
              <option key={code} value={code}>
                {code}: {meaning.length > 60 ? `${meaning.slice(0, 57)}…` : meaning}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextField id="behaviour-delay" name="delaySeconds" label="Extra delay (s)" inputMode="numeric" defaultValue={current?.delaySeconds || ""} placeholder="0" error={f.errors.delaySeconds} />
        <TextField id="behaviour-drop" name="dropPercent" label="Drop (%)" inputMode="numeric" defaultValue={current?.dropPercent || ""} placeholder="0" error={f.errors.dropPercent} />
        <TextField
          id="behaviour-flap"
          name="wanFlapSeconds"
          label="WAN flap period (s)"
          inputMode="numeric"
          defaultValue={current?.wanFlapSeconds ?? ""}
          placeholder="No flapping"
          hint="Down this long, then up as long."
          error={f.errors.wanFlapSeconds}
        />
      </div>
      <Button type="submit" disabled={f.pending}>
        {f.pending ? "Saving…" : "Save behaviour"}
      </Button>
    </form>
  );
}

export function SettingsForm({ settings }: { settings: Record<"seed" | "answerDelayMs" | "onDemandRetrySeconds" | "onDemandRetries" | "joinAllowanceSeconds", number> }) {
  const f = useForm("settings");
  const field = (name: keyof typeof settings, label: string, hint?: string) => (
    <TextField id={`settings-${name}`} name={name} label={label} inputMode="numeric" required defaultValue={settings[name]} hint={hint} error={f.errors[name]} />
  );
  return (
    <form onSubmit={f.onSubmit} aria-label="Simulator settings" className="space-y-3">
      <Outcome answer={f.answer} fields={Object.keys(settings)} success="Settings saved." />
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {field("seed", "Seed", "Same seed, same run.")}
        {field("answerDelayMs", "Answer delay (ms)")}
        {field("onDemandRetrySeconds", "Retry after (s)")}
        {field("onDemandRetries", "Re-sends")}
        {field("joinAllowanceSeconds", "Join allowance (s)")}
      </div>
      <Button type="submit" disabled={f.pending}>
        {f.pending ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}

/** Opens a device's inspector; the ID is checked here so a typo is named before any page load. */
export function DeviceLookup() {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  return (
    <form
      role="search"
      aria-label="Inspect a device"
      className="flex flex-wrap items-start gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        const id = parseEui64(String(new FormData(event.currentTarget).get("device") ?? ""));
        if (!id) return setError("Give the Device ID as 16 hex digits, e.g. 00-DB-12-34-56-78-90-A0.");
        setError(undefined);
        router.push(`/admin/simulator/devices/${formatEui64(id)}`);
      }}
    >
      <div className="min-w-0 flex-1">
        <TextField id="lookup-device" name="device" label="Device ID" placeholder="00-DB-12-34-56-78-90-A0" autoComplete="off" className="font-mono" error={error} />
      </div>
      <Button type="submit" className="mt-6">
        Inspect
      </Button>
    </form>
  );
}

/** Raise an event on the device (tamper, outage, top-up...), as the device would on its own. */
export function InjectForm({ deviceId, events }: { deviceId: string; events: Option[] }) {
  const router = useRouter();
  const f = useForm("inject", () => router.refresh());
  const fields = ["event", "minutes", "amount", "phase"];
  return (
    <form onSubmit={f.onSubmit} aria-label="Inject an event" className="space-y-3">
      <Outcome answer={f.answer} fields={fields} success="Event injected: its alerts and state changes show here once the device has handled it." />
      <input type="hidden" name="deviceId" value={deviceId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField id="inject-event" name="event" label="Event" error={f.errors.event} defaultValue={events[0]?.value}>
          <Options items={events} />
        </SelectField>
        <TextField id="inject-minutes" name="minutes" label="Minutes" inputMode="numeric" hint="Outage length, clock drift." error={f.errors.minutes} />
        <TextField id="inject-amount" name="amount" label="Amount" inputMode="numeric" hint="Top-up or consumption." error={f.errors.amount} />
        <SelectField id="inject-phase" name="phase" label="Phase" error={f.errors.phase} defaultValue="">
          <option value="">Not a phase event</option>
          <option value="1">1</option>
          <option value="2">2</option>
          <option value="3">3</option>
        </SelectField>
      </div>
      <Button type="submit" disabled={f.pending}>
        {f.pending ? "Injecting…" : "Inject event"}
      </Button>
    </form>
  );
}
