// A simulated Device's state (lib/simulator/state.ts) as readable sections for the inspector.
import { Badge, DefinitionList } from "@/components/ui/card";
import { formatLondon } from "@/lib/clock";
import { formatCount, plural } from "@/lib/format";
import { formatEui64 } from "@/lib/identifiers";
import type { DeviceState } from "@/lib/simulator/state";

const dash = <span className="text-slate-500">—</span>;
const pounds = (pence: number) => `£${(pence / 100).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const perKwh = (pence: number) => `${pence.toLocaleString("en-GB", { maximumFractionDigits: 4 })} p/kWh`;
const when = (iso: string | null) => (iso ? <time dateTime={iso}>{formatLondon(new Date(iso), "d MMM yyyy, HH:mm:ss")}</time> : dash);
const sentence = (upper: string) => upper.charAt(0) + upper.slice(1).toLowerCase().replaceAll("_", " ");
const list = (values: number[], format: (n: number) => string) => (values.length ? values.map(format).join(", ") : dash);

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-2" aria-label={title}>
      <h3 className="text-sm font-semibold text-slate-800">{title}</h3>
      {children}
    </section>
  );
}

const SUPPLY_TONES = { ENABLED: "green", DISABLED: "red", ARMED: "amber" } as const;

export function DeviceStateSections({ state, meter }: { state: DeviceState; meter: boolean }) {
  const { supply, payment, tariff, firmware, clock } = state;
  const anchors = Object.entries(state.trustAnchors);
  return (
    <div className="grid grid-cols-1 gap-5 md:grid-cols-2" data-testid="device-state">
      {meter ? (
        <>
          <Section title="Supply">
            <DefinitionList
              items={[
                ["Supply state", <Badge key="s" tone={SUPPLY_TONES[supply.state]}>{sentence(supply.state)}</Badge>],
                ["Locked", supply.locked ? "Yes" : "No"],
                ["Disabled by", supply.disableCause ? sentence(supply.disableCause) : dash],
                ["Tamper state", sentence(supply.tamperState)],
                ["Depletion state", sentence(supply.depletionState)],
                ["Load limit", state.loadLimit.thresholdW ? `${formatCount(state.loadLimit.thresholdW)} W for ${state.loadLimit.periodSeconds} s (${plural(state.loadLimit.counter, "event")})` : "Not set"],
              ]}
            />
          </Section>
          <Section title="Payment">
            <DefinitionList
              items={[
                ["Payment mode", sentence(payment.mode)],
                ["Meter balance", pounds(payment.meterBalance)],
                ["Emergency credit", `${pounds(payment.emergencyCreditBalance)}${payment.emergencyCreditActive ? " (in use)" : ""}`],
                ["Low credit threshold", pounds(payment.config.lowCreditThreshold)],
                ["Disablement threshold", pounds(payment.config.disablementThreshold)],
                ["Emergency credit limit", pounds(payment.config.emergencyCreditLimit)],
                ["Debts", `Time debt 1 ${pounds(payment.debt.timeDebt1)}, time debt 2 ${pounds(payment.debt.timeDebt2)}, payment debt ${pounds(payment.debt.paymentDebt)}`],
                ["Last UTRN counter", payment.utrnCounter || dash],
                ["Non-Disablement periods", payment.config.nonDisablement.length ? payment.config.nonDisablement.map((p) => `${p.from} to ${p.to}`).join("; ") : "None"],
              ]}
            />
          </Section>
          <Section title="Tariff">
            <DefinitionList
              items={[
                ["Time-of-use prices", list(tariff.primary.touPrices, perKwh)],
                ["Block prices", list(tariff.primary.blockPrices, perKwh)],
                ["Block thresholds", list(tariff.primary.blockThresholds, (n) => `${formatCount(n)} kWh`)],
                ["Standing charge", `${tariff.primary.standingCharge} p/day`],
                ["Secondary element", tariff.secondary ? `${list(tariff.secondary.touPrices, perKwh)}; standing charge ${tariff.secondary.standingCharge} p/day` : "None"],
                ["Activated", when(tariff.activatedAt)],
              ]}
            />
          </Section>
        </>
      ) : null}
      <Section title="Firmware">
        <DefinitionList
          items={[
            ["Running version", <span key="v" className="font-mono">{firmware.version}</span>],
            ["Image held", firmware.pendingImage ? `${firmware.pendingImage.version}, received ${formatLondon(new Date(firmware.pendingImage.receivedAt))}` : "None"],
            ["Activation scheduled", firmware.scheduledActivation ? when(firmware.scheduledActivation.executeAt) : "None"],
          ]}
        />
      </Section>
      <Section title="Trust anchors">
        {anchors.length === 0 ? (
          <p className="text-sm text-slate-600">No organisation certificates placed yet: the device trusts the ones it was installed with.</p>
        ) : (
          <DefinitionList items={anchors.map(([cell, anchor]) => [cell.replaceAll("_", " "), <span key={cell} className="font-mono text-xs">{anchor ? `${formatEui64(anchor.partyEui)} · serial ${anchor.serial}` : "—"}</span>])} />
        )}
        <p className="text-xs text-slate-600">Device certificates issued: {state.deviceCertificates}</p>
      </Section>
      <Section title="HAN device log">
        {state.hanLog.length === 0 ? (
          <p className="text-sm text-slate-600">Empty: no device has joined.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {state.hanLog.map((entry) => (
              <li key={entry.deviceId}>
                <span className="font-mono text-xs">{formatEui64(entry.deviceId)}</span> {entry.deviceType ?? ""} · added {formatLondon(new Date(entry.addedAt))}
                {entry.lastCommunicatedAt ? ` · last heard ${formatLondon(new Date(entry.lastCommunicatedAt), "d MMM, HH:mm")}` : ""}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Clock">
        <DefinitionList
          items={[
            ["Status", sentence(clock.status)],
            ["Offset", clock.offsetSeconds ? `${clock.offsetSeconds > 0 ? "+" : ""}${clock.offsetSeconds} s` : "None"],
            ["Last synchronised", when(clock.lastSyncAt)],
            ["Billing calendar", state.billingCalendar ? `${sentence(state.billingCalendar.periodicity)} from ${formatLondon(new Date(state.billingCalendar.start), "d MMM yyyy")}` : "None"],
          ]}
        />
      </Section>
      <Section title="Other">
        <DefinitionList
          items={[
            ["Alerts switched off", state.alertsDisabled.length ? state.alertsDisabled.join(", ") : "None"],
            ["Change of Tenancy restriction", when(state.cotRestrictionAt)],
            ["WAN connected", state.wanConnected ? "Yes" : "No"],
            ["Mains power lost", when(state.powerLostAt)],
            ["Changes made", state.changes],
          ]}
        />
      </Section>
      {state.eventLog.length ? (
        <Section title="Event log (newest first)">
          <ul className="max-h-48 space-y-1 overflow-y-auto text-sm">
            {state.eventLog.slice(0, 20).map((e, i) => (
              <li key={i}>
                {formatLondon(new Date(e.at), "d MMM, HH:mm:ss")} <code className="font-mono text-xs">{e.code}</code> {e.text}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}
