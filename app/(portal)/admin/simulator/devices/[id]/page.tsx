import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ResponseCode, ServiceRequestStatusBadge } from "@/components/service-requests/badges";
import { AnswerData } from "@/components/simulator/answer-data";
import { DeviceStateSections } from "@/components/simulator/device-state";
import { BehaviourForm, ClearBehaviourButton, InjectForm } from "@/components/simulator/forms";
import { SimulatorQueryProvider } from "@/components/simulator/provider";
import { SmiStatusBadge } from "@/components/smi/badges";
import { Badge, Card, DefinitionList, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { srvEntry } from "@/lib/duis/catalogue";
import { MESSAGE_KIND_LABELS } from "@/lib/duis/delivery";
import { formatCount } from "@/lib/format";
import { formatEui64 } from "@/lib/identifiers";
import { MODES } from "@/lib/simulator/behaviours";
import { INJECTABLE_EVENTS } from "@/lib/simulator/inject";
import { INSPECTOR_ROWS, readDeviceInspector } from "@/lib/simulator/stats";
import { DEVICE_TYPE_LABELS } from "@/lib/smi/status-machine";

export const metadata: Metadata = { title: "Device inspector" };

const TH = "px-2 py-1.5 font-semibold";
const TD = "px-2 py-1.5 align-top";
const time = (at: Date | null) => (at ? <time dateTime={at.toISOString()}>{formatLondon(at, "d MMM, HH:mm:ss")}</time> : <span className="text-slate-500">—</span>);
const SOURCE_LABELS = { DEVICE: "Set for this device", MODEL: "From its model", DEVICE_TYPE: "From its device type", POPULATION: "Set for every device" } as const;

export default async function DeviceInspectorPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  // As the dashboard: to anyone but the DCC the simulator does not exist.
  if (!can(actor, "simulator.view")) notFound();
  const { id } = await params;
  const view = await orPageError(() => readDeviceInspector(actor, id));
  const { device, state, commands, alerts, behaviour, settings } = view;
  const label = formatEui64(device.id);
  const meter = device.deviceType === "ESME" || device.deviceType === "GSME";
  const manage = can(actor, "simulator.manage");
  const applies = behaviour.applies;

  return (
    <>
      <PageHeader
        title={`${device.deviceType} ${label}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <SmiStatusBadge status={device.status} />
            <span>{DEVICE_TYPE_LABELS[device.deviceType]}</span>
            {device.model ? <span>· {device.model.manufacturer} {device.model.model}</span> : null}
          </span>
        }
        actions={
          <span className="flex flex-wrap gap-3 text-sm">
            <Link href={`/smi/devices/${device.id}`} className="text-brand-700 underline">
              SMI record
            </Link>
            <Link href="/admin/simulator" className="text-brand-700 underline">
              Simulator
            </Link>
          </span>
        }
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <div className="min-w-0 space-y-4 lg:col-span-2">
          <Card title="Simulated state">
            {state ? (
              <>
                <p className="mb-3 text-xs text-slate-500">
                  Created {formatLondon(state.createdAt, "d MMM yyyy, HH:mm:ss")} · last changed {formatLondon(state.updatedAt, "d MMM yyyy, HH:mm:ss")} · version {state.version}
                </p>
                <DeviceStateSections state={state.state} meter={meter} />
              </>
            ) : (
              <EmptyState title="No state yet: created on first contact.">The device gets its state when the first Command reaches it or an event is injected.</EmptyState>
            )}
          </Card>

          <Card title={`Last ${INSPECTOR_ROWS} commands and answers`}>
            {commands.length === 0 ? (
              <EmptyState title="No Service Request has been sent to this device." />
            ) : (
              <div className="relative overflow-x-auto">
                <table className="w-full text-left text-sm" data-testid="inspector-commands">
                  <caption className="sr-only">The device&apos;s latest Service Requests, newest first, with their decoded answers</caption>
                  <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                    <tr>
                      <th scope="col" className={TH}>Received</th>
                      <th scope="col" className={TH}>SRV</th>
                      <th scope="col" className={TH}>Status</th>
                      <th scope="col" className={TH}>Code</th>
                      <th scope="col" className={TH}>Answer</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {commands.map((c) => (
                      <tr key={c.id} data-testid="inspector-command">
                        <td className={`${TD} whitespace-nowrap`}>{time(c.receivedAt)}</td>
                        <td className={TD}>
                          <Link href={`/service-requests/${c.id}`} className="text-brand-700 hover:underline">
                            <span className="font-mono text-xs">{c.srv}</span> {srvEntry(c.srv)?.name ?? ""}
                          </Link>
                          <span className="block text-xs text-slate-500">
                            {c.partyName}
                            {c.attempts > 1 ? ` · ${c.attempts} attempts` : ""}
                          </span>
                        </td>
                        <td className={TD}>
                          <ServiceRequestStatusBadge status={c.status} />
                        </td>
                        <td className={TD}>
                          <ResponseCode code={c.responseCode} />
                        </td>
                        <td className={TD}>
                          {c.responseData ? (
                            <details>
                              <summary className="cursor-pointer text-brand-700">Values</summary>
                              <div className="mt-2">
                                <AnswerData data={c.responseData} />
                              </div>
                            </details>
                          ) : (
                            <span className="text-slate-500">—</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>

          <Card title={`Last ${INSPECTOR_ROWS} alerts`}>
            {alerts.length === 0 ? (
              <EmptyState title="The device has raised no alert." />
            ) : (
              <div className="relative overflow-x-auto">
                <table className="w-full text-left text-sm" data-testid="inspector-alerts">
                  <caption className="sr-only">Device and DCC Alerts about the device, newest first</caption>
                  <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                    <tr>
                      <th scope="col" className={TH}>Time (UK)</th>
                      <th scope="col" className={TH}>Kind</th>
                      <th scope="col" className={TH}>Code</th>
                      <th scope="col" className={TH}>To</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {alerts.map((a) => (
                      <tr key={a.id} data-testid="inspector-alert">
                        <td className={`${TD} whitespace-nowrap`}>{time(a.createdAt)}</td>
                        <td className={TD}>{MESSAGE_KIND_LABELS[a.kind]}</td>
                        <td className={TD}>
                          <Badge tone={a.kind === "DCC_ALERT" ? "red" : "amber"}>{a.code ?? "—"}</Badge>
                        </td>
                        <td className={TD}>{a.partyName}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        </div>

        <div className="min-w-0 space-y-4">
          <Card title="Behaviour">
            <div className="space-y-3">
              <DefinitionList
                items={[
                  ["Answers", `${MODES[applies.mode]}${applies.errorCode ? ` (${applies.errorCode})` : ""}`],
                  ["Answer time", `${formatCount((settings.answerDelayMs + applies.delaySeconds * 1000) / 1000)} s`],
                  ["Drops", applies.dropPercent ? `${applies.dropPercent} % of Commands` : "None"],
                  ["WAN", applies.wanFlapSeconds ? `Down ${applies.wanFlapSeconds} s of every ${applies.wanFlapSeconds * 2} s` : "Up"],
                  ["Source", behaviour.source ? SOURCE_LABELS[behaviour.source.scope] : "Normal: no behaviour applies"],
                ]}
              />
              {manage ? (
                <SimulatorQueryProvider>
                  {behaviour.source?.scope === "DEVICE" ? <ClearBehaviourButton id={behaviour.source.id} label={label} refresh /> : null}
                  <div className="mt-3">
                    <BehaviourForm modes={MODES} deviceId={device.id} current={behaviour.source?.scope === "DEVICE" ? applies : undefined} />
                  </div>
                </SimulatorQueryProvider>
              ) : null}
            </div>
          </Card>
          {manage ? (
            <Card title="Inject an event">
              <SimulatorQueryProvider>
                <InjectForm deviceId={device.id} events={Object.entries(INJECTABLE_EVENTS).map(([value, text]) => ({ value, label: String(text) }))} />
              </SimulatorQueryProvider>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
