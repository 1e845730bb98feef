import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Banner, CplStatusBadge, DeviceTypeLabel, ESME_VARIANT_LABELS, REGION_LABELS, SmiStatusBadge } from "@/components/smi/badges";
import { DecommissionForm, DeleteDeviceForm, DeviceDetailsForm, DeviceMpxnForm, DeviceStatusForm } from "@/components/smi/forms";
import { CPL_TYPE_FOR } from "@/components/smi/models";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card, DefinitionList } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { DCC_ALERT_NAMES } from "@/lib/alerts/dcc-alerts";
import type { Actor } from "@/lib/auth/actor";
import { can, seesAllParties } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { MESSAGE_KIND_LABELS } from "@/lib/duis/delivery";
import { AppError } from "@/lib/errors";
import { formatEui64 } from "@/lib/identifiers";
import { cplModelOptions } from "@/lib/smi/read-cpl";
import { readDeviceAlerts } from "@/lib/simulator/stats";
import { readDevice, type DeviceDetail } from "@/lib/smi/read-device";
import { DEVICE_TYPE_LABELS, STATUS_LABELS } from "@/lib/smi/status-machine";

export const metadata: Metadata = { title: "Device" };

/** The incident form, pre-filled with this device (its first MPxN, if any); the form validates it as any input. */
function raiseIncidentHref(detail: DeviceDetail): string {
  const query = new URLSearchParams({ deviceId: detail.device.id });
  const mpxn = detail.meterPoints[0]?.mpxn;
  if (mpxn) query.set("mpxn", mpxn);
  query.set("summary", `${detail.device.deviceType} ${detail.label}: `);
  return `/incidents/new?${query}`;
}

const dash = <span className="text-slate-500">—</span>;
const TH = "px-3 py-2 font-semibold";
const TD = "px-3 py-2 align-top";

function SmallTable({ caption, headers, children }: { caption: string; headers: string[]; children: React.ReactNode }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col" className={TH}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

const deviceLink = (id: string) => (
  <Link href={`/smi/devices/${id}`} className="font-mono text-xs font-medium text-brand-700 hover:underline">
    {formatEui64(id)}
  </Link>
);

export default async function DevicePage({ params, searchParams }: { params: Promise<{ deviceId: string }>; searchParams: Promise<{ created?: string }> }) {
  const actor = await requireActor("smi.search");
  const { deviceId } = await params;
  const { created } = await searchParams;
  const detail = await orPageError(() =>
    readDevice(actor, deviceId).catch((e) => {
      // Not a Device ID at all: there is no such page.
      if (e instanceof AppError && e.code === "INVALID") return null;
      throw e;
    }),
  );
  if (!detail) notFound();
  const { device, model } = detail;
  const isType2 = device.status === null && (device.deviceType === "IHD" || device.deviceType === "CAD");

  return (
    <>
      <PageHeader
        title={
          <>
            {/* The Device ID wraps as a whole onto its own line on a phone, never between its groups. */}
            {device.deviceType} <span className="whitespace-nowrap">{detail.label}</span>
          </>
        }
        description={
          <span className="flex flex-wrap items-center gap-2">
            <SmiStatusBadge status={device.status} />
            <span>{DEVICE_TYPE_LABELS[device.deviceType]}</span>
            {isType2 ? <span>· Type 2 device: no SMI Status</span> : null}
          </span>
        }
        actions={
          <div className="flex flex-wrap items-center gap-3">
            {can(actor, "incident.raise") ? (
              <ButtonLink href={raiseIncidentHref(detail)} variant="secondary" data-testid="raise-incident">
                Raise an incident about this device
              </ButtonLink>
            ) : null}
            <Link href="/smi" className="text-sm text-brand-700 underline">
              Back to search
            </Link>
          </div>
        }
      />
      {created ? (
        <Banner testId="created-banner">
          {device.status ? `Device pre-notified: SMI Status ${STATUS_LABELS[device.status]}.` : "Device pre-notified: Type 2 devices have no SMI Status."}
        </Banner>
      ) : null}
      {device.wanBlockedAt ? (
        <Banner tone="red" testId="wan-blocked">
          Blocked from the SM WAN (lost/stolen CH) since {formatLondon(device.wanBlockedAt)}.
        </Banner>
      ) : null}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Card title="Device">
            <DeviceAttributes detail={detail} />
          </Card>
          <Card title="Metering Points">
            <MeterPoints detail={detail} />
          </Card>
          <Card title="Associated devices">
            <Associations detail={detail} />
          </Card>
          <Card title="Registration details">
            <Registrations detail={detail} />
          </Card>
          <Card title="SMI Status history">
            <History detail={detail} />
          </Card>
          <Card title="DCC Alerts for this device">
            <Alerts detail={detail} actor={actor} />
          </Card>
          {can(actor, "service-request.view") ? (
            <Card title="Device alerts">
              <DeviceAlerts deviceId={device.id} actor={actor} />
            </Card>
          ) : null}
        </div>
        <div className="space-y-4">
          <Card title="CPL entry">
            {model ? (
              <div className="space-y-3">
                <CplStatusBadge status={model.status} long />
                <DefinitionList
                  items={[
                    ["Model", `${model.manufacturer} ${model.model}`],
                    ["Hardware version", model.hardwareVersion],
                    ["Firmware version", model.firmwareVersion],
                    [device.deviceType === "CHF" || device.deviceType === "GPF" ? "CHTS version" : "SMETS version", model.technicalSpecVersion],
                    ["GBCS version", model.gbcsVersion],
                    ["ZigBee certificate", model.zigbeeCertificateId ?? "—"],
                    ["DLMS certificate", model.dlmsCertificateId ?? "—"],
                    ["CPA certificate", model.cpaCertificateId ?? "—"],
                    ["CPA expiry", model.cpaExpiresOn ? formatLondon(model.cpaExpiresOn, "d MMM yyyy") : "—"],
                  ]}
                />
                {can(actor, "cpl.manage") ? (
                  <Link href={`/admin/cpl/${model.id}`} className="text-sm text-brand-700 underline">
                    Open the CPL entry
                  </Link>
                ) : null}
              </div>
            ) : (
              <p className="text-sm text-slate-600">{isType2 ? "Type 2 devices need no CPL entry." : "No CPL entry is recorded for this device."}</p>
            )}
          </Card>
          <ServiceRequests detail={detail} actor={actor} />
        </div>
      </div>
    </>
  );
}

function DeviceAttributes({ detail }: { detail: DeviceDetail }) {
  const { device, model } = detail;
  const isHub = detail.isCommsHub;
  const items: [string, React.ReactNode][] = [
    ["Device ID", <span key="id" className="whitespace-nowrap font-mono" data-testid="device-id">{detail.label}</span>],
    ["Device Type", DEVICE_TYPE_LABELS[device.deviceType]],
    ["Manufacturer", device.manufacturer ?? model?.manufacturer ?? dash],
    ["Device Model", model ? model.model : dash],
    ["Firmware version", device.firmwareVersion ?? dash],
  ];
  if (device.deviceType === "ESME") items.push(["ESME variant", device.esmeVariant ? ESME_VARIANT_LABELS[device.esmeVariant] : dash]);
  if (model) items.push([isHub ? "CHTS version" : "SMETS version", model.technicalSpecVersion]);
  if (isHub || device.wanTechnology) items.push(["WAN technology", device.wanTechnology ?? dash]);
  if (isHub || device.cspRegion) items.push(["CSP region", device.cspRegion ? REGION_LABELS[device.cspRegion] : dash]);
  items.push(["Description", device.description ?? dash]);
  items.push(["SMI Status", <SmiStatusBadge key="s" status={device.status} />]);
  if (device.statusBeforeSuspension) items.push(["Status before suspension", STATUS_LABELS[device.statusBeforeSuspension]]);
  if (device.statusBeforeRecovery) items.push(["Status before recovery", STATUS_LABELS[device.statusBeforeRecovery]]);
  if (device.pendingSince) items.push(["Pending since", formatLondon(device.pendingSince)]);
  if (device.commissionedAt) items.push(["Commissioned", formatLondon(device.commissionedAt)]);
  items.push(["Pre-notified by", detail.preNotifiedByPartyName ?? (isHub ? "The DCC" : dash)]);
  items.push(["Added to the SMI", formatLondon(device.createdAt)]);
  return <DefinitionList items={items} />;
}

function MeterPoints({ detail }: { detail: DeviceDetail }) {
  if (!detail.meterPoints.length) {
    const meter = detail.device.deviceType === "ESME" || detail.device.deviceType === "GSME";
    return (
      <p className="text-sm text-slate-600">
        {meter ? "No MPxN is Associated with this meter yet." : "Only Smart Meters have an MPxN; this device is found through the meters Associated with it."}
      </p>
    );
  }
  return (
    <SmallTable caption="Metering Points of this device" headers={["Role", "MPxN", "Address", "Postcode", "UPRN"]}>
      {detail.meterPoints.map((m) => (
        <tr key={m.role}>
          <td className={TD}>{m.role === "PRIMARY" ? "Primary" : "Secondary"}</td>
          <td className={TD}>
            <Link href={`/smi?q=${m.mpxn}`} className="font-mono text-xs text-brand-700 hover:underline">
              {m.mpxn}
            </Link>{" "}
            <span className="text-xs text-slate-500">{m.fuel === "ELECTRICITY" ? "MPAN" : "MPRN"}</span>
          </td>
          <td className={TD}>
            {m.addressLine}, {m.town}
          </td>
          <td className={`${TD} whitespace-nowrap`}>{m.postcode}</td>
          <td className={`${TD} font-mono text-xs`}>{m.uprn ?? "—"}</td>
        </tr>
      ))}
    </SmallTable>
  );
}

function Associations({ detail }: { detail: DeviceDetail }) {
  if (!detail.associations.length) return <p className="text-sm text-slate-600">No Associated devices.</p>;
  return (
    <SmallTable caption="Devices Associated with this device, in both directions" headers={["Direction", "Device ID", "Type", "SMI Status"]}>
      {detail.associations.map((a) => (
        <tr key={`${a.direction}-${a.id}`}>
          <td className={TD}>{a.direction === "to" ? "Associated to" : "Associated from"}</td>
          <td className={TD}>{deviceLink(a.id)}</td>
          <td className={TD}>
            <DeviceTypeLabel type={a.deviceType} />
          </td>
          <td className={TD}>
            <SmiStatusBadge status={a.status} />
          </td>
        </tr>
      ))}
    </SmallTable>
  );
}

function Registrations({ detail }: { detail: DeviceDetail }) {
  const hidden = detail.registrationsHidden > 0;
  if (!detail.registrations.length && !hidden) {
    return <p className="text-sm text-slate-600">No current Registration Data covers an MPxN this device serves.</p>;
  }
  return (
    <div className="space-y-3">
      {detail.registrations.length ? (
        <SmallTable caption="Current Registration Data for the MPxNs this device serves" headers={["MPxN", "Fuel", "Supplier", "Network Operator", "Agent", "Effective from"]}>
          {detail.registrations.map((r) => (
            <tr key={r.mpxn}>
              <td className={`${TD} font-mono text-xs`}>{r.mpxn}</td>
              <td className={TD}>{r.fuel === "ELECTRICITY" ? "Electricity" : "Gas"}</td>
              <td className={TD}>{r.supplierName}</td>
              <td className={TD}>{r.networkOperatorName}</td>
              <td className={TD}>{r.agentName ?? "—"}</td>
              <td className={TD}>{formatLondon(r.effectiveFrom, "d MMM yyyy")}</td>
            </tr>
          ))}
        </SmallTable>
      ) : null}
      {hidden ? (
        <p className="text-sm text-slate-600" data-testid="registration-hidden">
          Registration details are shown only to the DCC and to parties registered for this MPxN.
        </p>
      ) : null}
    </div>
  );
}

function History({ detail }: { detail: DeviceDetail }) {
  if (!detail.history.length) {
    return <p className="text-sm text-slate-600">{detail.device.status ? "No status changes are recorded." : "Type 2 devices have no SMI Status."}</p>;
  }
  return (
    <ol className="space-y-3 border-l-2 border-slate-200 pl-4 text-sm" data-testid="status-history">
      {detail.history.map((h) => (
        <li key={h.id} className="relative">
          <span aria-hidden className="absolute -left-[1.4rem] top-1 h-2.5 w-2.5 rounded-full bg-brand-600" />
          <div className="flex flex-wrap items-center gap-2">
            <time dateTime={h.at.toISOString()} className="font-medium">
              {formatLondon(h.at, "d MMM yyyy, HH:mm:ss")}
            </time>
            <span>
              {h.fromStatus ? STATUS_LABELS[h.fromStatus] : "Not in the SMI"} → {h.toStatus ? STATUS_LABELS[h.toStatus] : "Removed"}
            </span>
            <Badge>{h.transition}</Badge>
          </div>
          <div className="text-slate-600">
            {h.cause}
            {h.actorName ? ` · ${h.actorName}` : ""}
          </div>
        </li>
      ))}
    </ol>
  );
}

function Alerts({ detail, actor }: { detail: DeviceDetail; actor: Actor }) {
  if (!detail.alerts.length) {
    return <p className="text-sm text-slate-600">{seesAllParties(actor, "alerts.view") ? "No DCC Alerts name this device." : "No DCC Alerts about this device were sent to your organisation."}</p>;
  }
  const all = seesAllParties(actor, "alerts.view");
  return (
    <SmallTable caption="DCC Alerts about this device" headers={["Time (UK)", "Alert", "Message", ...(all ? ["Party"] : [])]}>
      {detail.alerts.map((a) => (
        <tr key={a.id}>
          <td className={`${TD} whitespace-nowrap`}>{formatLondon(a.createdAt)}</td>
          <td className={TD}>
            <Badge tone="amber">{a.code}</Badge> {DCC_ALERT_NAMES[a.code as keyof typeof DCC_ALERT_NAMES] ?? ""}
          </td>
          <td className={TD}>{a.message}</td>
          {all ? <td className={TD}>{a.party.name}</td> : null}
        </tr>
      ))}
    </SmallTable>
  );
}

/** The DUIS alert messages about the device (Device Alerts and DCC Alerts), as delivered: a party sees its own. */
async function DeviceAlerts({ deviceId, actor }: { deviceId: string; actor: Actor }) {
  const messages = await readDeviceAlerts(actor, deviceId);
  const all = seesAllParties(actor, "service-request.view");
  if (!messages.length) {
    return <p className="text-sm text-slate-600">{all ? "The device has raised no alert." : "No alert about this device was sent to your organisation."}</p>;
  }
  return (
    <SmallTable caption="Device and DCC Alert messages about this device, newest first" headers={["Time (UK)", "Kind", "Code", ...(all ? ["Party"] : [])]}>
      {messages.map((m) => (
        <tr key={m.id} data-testid="device-alert">
          <td className={`${TD} whitespace-nowrap`}>{formatLondon(m.createdAt, "d MMM yyyy, HH:mm:ss")}</td>
          <td className={TD}>{MESSAGE_KIND_LABELS[m.kind]}</td>
          <td className={TD}>
            <Badge tone={m.kind === "DCC_ALERT" ? "red" : "amber"}>{m.code ?? "—"}</Badge>
          </td>
          {all ? <td className={TD}>{m.partyName}</td> : null}
        </tr>
      ))}
    </SmallTable>
  );
}

async function ServiceRequests({ detail, actor }: { detail: DeviceDetail; actor: Actor }) {
  const sr = detail.serviceRequests;
  if (!sr.allowed) return null;
  const { device } = detail;
  const any = sr.statusTargets.length > 0 || sr.changeMpxn || sr.editDetails || sr.delete || sr.decommission;
  const cplType = CPL_TYPE_FOR[device.deviceType];
  const models = sr.editDetails && cplType ? (await cplModelOptions(actor)).filter((m) => m.status === "CURRENT" && m.deviceType === cplType) : [];
  const isHub = device.deviceType === "CHF";
  // Every form is rendered whether or not it applies now, so a form that stops applying after its own success
  // (e.g. Decommission) stays mounted and keeps showing its result.
  return (
    <Card title="Service requests">
      {!any ? (
        <p className="mb-4 text-sm text-slate-600" data-testid="no-service-requests">
          No service request applies to this device for {actor.partyName} now. SMI Status and MPxN changes and decommissioning are for the Responsible
          Supplier; changing or deleting a Pending record is for the party that pre-notified it.
        </p>
      ) : null}
      <div className="space-y-4" data-testid="service-requests">
        <DeviceStatusForm deviceId={device.id} targets={[...sr.statusTargets]} />
        <DeviceMpxnForm deviceId={device.id} deviceType={device.deviceType} twinElement={device.esmeVariant === "TWIN_ELEMENT"} available={sr.changeMpxn} />
        <DeviceDetailsForm
          deviceId={device.id}
          deviceType={device.deviceType}
          models={models}
          current={{ modelId: device.modelId, esmeVariant: device.esmeVariant, description: device.description }}
          available={sr.editDetails}
        />
      </div>
      {/* Apart from the everyday requests: the ones that end the record (each asks once more before it goes). */}
      <div className="mt-6 space-y-4 border-t-2 border-red-100 pt-4 empty:hidden" data-testid="ending-service-requests">
        <DeleteDeviceForm deviceId={device.id} label={detail.label} isCommsHub={isHub} available={sr.delete} />
        <DecommissionForm deviceId={device.id} label={detail.label} isCommsHub={isHub} available={sr.decommission} />
      </div>
    </Card>
  );
}
