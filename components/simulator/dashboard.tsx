"use client";

// /admin/simulator, live: the state is polled from /api/simulator every 2 s (React Query) and every panel redraws
// from it; the forms post to the same route and refresh it at once.
import Link from "next/link";
import { Badge, Card, EmptyState } from "@/components/ui/card";
import { formatCount, formatLondon } from "@/lib/format";
import { formatEui64 } from "@/lib/identifiers";
import { CountBarChart, LatencyChart, RateChart, codeColour } from "./charts";
import { BehaviourForm, ClearBehaviourButton, DeviceLookup, SettingsForm, StartTrafficForm, StopRunButton, type ScenarioOption } from "./forms";
import { SimulatorQueryProvider } from "./provider";
import { useSimulatorState, type SimulatorJson } from "./use-simulator";

type Option = { value: string; label: string };

const SCOPE_LABELS: Record<string, string> = { DEVICE: "Device", MODEL: "Model", DEVICE_TYPE: "Device type", POPULATION: "Every device" };
const RUN_TONES = { RUNNING: "green", STOPPED: "slate", FINISHED: "blue" } as const;
const KIND_SHORT: Record<string, string> = { DEVICE_ALERT: "Device", DCC_ALERT: "DCC" };

const ms = (v: number | null) => (v === null ? "—" : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${formatCount(v)} ms`);

function Tile({ label, value, testId }: { label: string; value: React.ReactNode; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid={testId}>
      <div className="text-xl font-semibold tabular-nums">{value}</div>
      <div className="text-xs text-slate-600">{label}</div>
    </div>
  );
}

/** A window's counts as bars, saying when they come from its newest rows only; the empty state when it has none. */
function Counts({ counted, what, empty, ...chart }: { counted: { total: number; sampled: boolean }; what: string; empty: string } & React.ComponentProps<typeof CountBarChart>) {
  if (!counted.total) return <EmptyState title={empty} />;
  return (
    <>
      <CountBarChart {...chart} />
      {counted.sampled ? <p className="mt-1 text-xs text-slate-500">From the newest {formatCount(counted.total)} {what} of the window.</p> : null}
    </>
  );
}

function Dashboard({ initial, scenarios, modes, models }: { initial: SimulatorJson; scenarios: ScenarioOption[]; modes: Record<string, string>; models: Option[] }) {
  const { data, error, dataUpdatedAt } = useSimulatorState(initial);
  const s = data;
  const running = s.runs.filter((r) => r.status === "RUNNING");
  const answered = s.responseCodes.codes.filter((c) => c.code).reduce((a, c) => a + c.count, 0);
  const ok = s.responseCodes.codes.find((c) => c.code === "I0")?.count ?? 0;
  const modelLabel = (id: string) => models.find((m) => m.value === id)?.label ?? id;

  return (
    <div className="space-y-4">
      {error ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {error.message} Showing the figures of {formatLondon(new Date(dataUpdatedAt), "HH:mm:ss")}.
        </p>
      ) : null}

      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-live="off">
        <Tile testId="tile-rate" label="Requests/s (last minute)" value={s.rate.perSecond.toFixed(1)} />
        <Tile testId="tile-success" label="Answered I0 (15 min)" value={answered ? `${Math.round((ok / answered) * 100)} %` : "—"} />
        <Tile testId="tile-p95" label="Command p95 (15 min)" value={ms(s.latency.p95)} />
        <Tile testId="tile-alerts" label="Alerts (last hour)" value={formatCount(s.alerts.total)} />
        <Tile testId="tile-runs" label="Traffic runs running" value={running.length} />
        <Tile testId="tile-states" label="Devices with state" value={`${s.deviceStates.estimated ? "≈ " : ""}${formatCount(s.deviceStates.count)}`} />
      </div>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card title="Requests per second, last minute">
          {s.rate.buckets.some((b) => b.perSecond > 0) ? <RateChart buckets={s.rate.buckets} /> : <EmptyState title="No Service Requests in the last minute." />}
        </Card>
        <Card title="Response codes, last 15 minutes">
          <Counts
            counted={s.responseCodes}
            what="requests"
            empty="No Service Requests in the last 15 minutes."
            testId="codes-chart"
            caption="Service Requests by latest response code, last 15 minutes"
            bars={s.responseCodes.codes.map((c) => ({ label: c.code || "Unanswered", count: c.count }))}
            colour={(label) => codeColour(label === "Unanswered" ? "" : label)}
          />
        </Card>
        <Card title="Command latency, last 15 minutes">
          {s.latency.count ? (
            <>
              <p className="mb-2 text-sm text-slate-700" data-testid="latency-figures">
                p50 {ms(s.latency.p50)} · p95 {ms(s.latency.p95)} · p99 {ms(s.latency.p99)} over {formatCount(s.latency.count)} answered Commands
              </p>
              <LatencyChart p50={s.latency.p50} p95={s.latency.p95} p99={s.latency.p99} />
            </>
          ) : (
            <EmptyState title="No Command answered by a Device in the last 15 minutes." />
          )}
        </Card>
        <Card title="Alerts by code, last hour">
          <Counts
            counted={s.alerts}
            what="messages"
            empty="No Device or DCC Alerts in the last hour."
            testId="alerts-chart"
            caption="Device and DCC Alerts by code, last hour"
            bars={s.alerts.codes.map((a) => ({ label: `${KIND_SHORT[a.kind]} ${a.code || "?"}`, count: a.count }))}
            colour={(label) => (label.startsWith("DCC") ? "#b91c1c" : "#b45309")}
          />
        </Card>
      </div>

      <Card title="Traffic">
        <div className="space-y-4">
          <StartTrafficForm scenarios={scenarios} />
          {s.runs.length === 0 ? (
            <EmptyState title="No traffic has run yet.">Start a scenario: simulated Users send its Service Requests through the DUIS gateway.</EmptyState>
          ) : (
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm" data-testid="traffic-runs">
                <caption className="sr-only">The newest traffic runs</caption>
                <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                  <tr>
                    {["Scenario", "Status", "Rate", "Progress", "Started", ""].map((h) => (
                      <th key={h} scope="col" className={`px-2 py-1.5 font-semibold ${h === "Started" ? "hidden sm:table-cell" : ""}`}>
                        {h || <span className="sr-only">Actions</span>}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {s.runs.map((r) => (
                    <tr key={r.id} data-testid="traffic-run" data-status={r.status} data-scenario={r.scenario}>
                      <td className="px-2 py-1.5">{r.label}</td>
                      <td className="px-2 py-1.5">
                        <Badge tone={RUN_TONES[r.status as keyof typeof RUN_TONES] ?? "slate"}>{r.status.charAt(0) + r.status.slice(1).toLowerCase()}</Badge>
                      </td>
                      <td className="px-2 py-1.5 tabular-nums">{r.ratePerSecond}/s</td>
                      <td className="px-2 py-1.5">
                        <span className="flex items-center gap-2 tabular-nums">
                          {r.total ? <progress max={r.total} value={r.sent} className="h-2 w-16 sm:w-24" aria-label={`${r.sent} of ${r.total} sent`} /> : null}
                          <span data-testid="run-progress">
                            {formatCount(r.sent)}
                            {r.total ? ` / ${formatCount(r.total)}` : " sent"}
                          </span>
                          {r.refused ? <span className="text-red-700">({formatCount(r.refused)} refused)</span> : null}
                        </span>
                      </td>
                      <td className="hidden whitespace-nowrap px-2 py-1.5 sm:table-cell">{formatLondon(r.startedAt)}</td>
                      <td className="px-2 py-1.5">{r.status === "RUNNING" ? <StopRunButton runId={r.id} scenario={r.label} /> : null}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </Card>

      <Card title="Behaviours">
        <div className="space-y-4">
          {s.behaviours.length === 0 ? (
            <EmptyState title="Every device answers normally: no behaviour is set." />
          ) : (
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm" data-testid="behaviours">
                <caption className="sr-only">Behaviours set: the most specific one applies to a device</caption>
                <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                  <tr>
                    {["Applies to", "Answers", "Delay", "Drop", "WAN flap", ""].map((h) => (
                      <th key={h} scope="col" className="px-2 py-1.5 font-semibold">
                        {h || <span className="sr-only">Actions</span>}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {s.behaviours.map((b) => {
                    const target =
                      b.scope === "POPULATION" ? "" : b.scope === "DEVICE" ? formatEui64(b.target) : b.scope === "MODEL" ? modelLabel(b.target) : b.target;
                    const label = `${SCOPE_LABELS[b.scope]} ${target}`.trim();
                    return (
                      <tr key={b.id} data-testid="behaviour" data-scope={b.scope}>
                        <td className="px-2 py-1.5">
                          {SCOPE_LABELS[b.scope]}{" "}
                          {b.scope === "DEVICE" ? (
                            <Link href={`/admin/simulator/devices/${formatEui64(b.target)}`} className="font-mono text-xs text-brand-700 underline">
                              {target}
                            </Link>
                          ) : (
                            target
                          )}
                        </td>
                        <td className="px-2 py-1.5">
                          {modes[b.mode] ?? b.mode}
                          {b.errorCode ? <code className="ml-1 font-mono text-xs text-red-800">{b.errorCode}</code> : null}
                        </td>
                        <td className="px-2 py-1.5 tabular-nums">{b.delaySeconds ? `${b.delaySeconds} s` : "—"}</td>
                        <td className="px-2 py-1.5 tabular-nums">{b.dropPercent ? `${b.dropPercent} %` : "—"}</td>
                        <td className="px-2 py-1.5 tabular-nums">{b.wanFlapSeconds ? `${b.wanFlapSeconds} s` : "—"}</td>
                        <td className="px-2 py-1.5">
                          <ClearBehaviourButton id={b.id} label={label} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <BehaviourForm modes={modes} models={models} />
        </div>
      </Card>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card title="Inspect a device">
          <DeviceLookup />
        </Card>
        <Card title="Settings">
          <SettingsForm settings={s.settings} />
        </Card>
      </div>
      <p className="text-xs text-slate-500">Figures of {formatLondon(s.at, "HH:mm:ss")} (UK), refreshed every 2 seconds.</p>
    </div>
  );
}

export function SimulatorDashboard(props: { initial: SimulatorJson; scenarios: ScenarioOption[]; modes: Record<string, string>; models: Option[] }) {
  return (
    <SimulatorQueryProvider>
      <Dashboard {...props} />
    </SimulatorQueryProvider>
  );
}
