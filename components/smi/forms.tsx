"use client";

// Client forms of the SMI pages: each posts one thin server action and shows its result (FormMessage) and field errors.
import { useActionState, useState } from "react";
import {
  decommissionDeviceAction,
  deleteDeviceAction,
  deleteSavedSearchAction,
  preNotifyAction,
  saveSearchAction,
  updateDeviceDetailsAction,
  updateDeviceMpxnAction,
  updateDeviceStatusAction,
  type FormResult,
} from "@/app/(portal)/smi/actions";
import type { CplDeviceType, DeviceType, EsmeVariant, SmiStatus } from "@/generated/prisma/enums";
import { Button } from "@/components/ui/button";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { Field, FormMessage, Input, Select } from "@/components/ui/form";
import { DEVICE_TYPE_LABELS, STATUS_LABELS } from "@/lib/smi/status-machine";
import { ESME_VARIANT_LABELS } from "./badges";
import { CPL_TYPE_FOR, modelLabel, type ModelOption } from "./models";

const errorsOf = (state: { ok: boolean; fieldErrors?: Record<string, string> } | null) => (state && !state.ok ? (state.fieldErrors ?? {}) : {});

// ---------------------------------------------------------------------------------------------------------------
// Saved searches

export function SaveSearchForm({ query }: { query: string }) {
  const [state, action, pending] = useActionState(saveSearchAction, null);
  const errors = errorsOf(state);
  return (
    <form action={action} className="space-y-2" aria-label="Save this search">
      <FormMessage result={state} />
      <input type="hidden" name="query" value={query} />
      <Field label="Name for this search" name="name" error={errors.name}>
        <Input name="name" required maxLength={60} error={errors.name} placeholder="e.g. Suspended ESMEs in the North" />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save this search"}
      </Button>
    </form>
  );
}

export function DeleteSavedSearchButton({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState(deleteSavedSearchAction, null);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className="text-xs text-red-700 underline hover:text-red-900" aria-label={`Delete saved search ${name}`}>
        Delete
      </button>
      {state && !state.ok ? <FormMessage result={state} /> : null}
    </form>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// SR 12.2 Device Pre-Notification

const PRE_NOTIFY_TYPES: DeviceType[] = ["ESME", "GSME", "PPMID", "HCALCS", "IHD", "CAD"];
const CPL_GROUP_LABELS: Record<CplDeviceType, string> = { ESME: "ESME", GSME: "GSME", PPMID: "PPMID", HCALCS: "HCALCS", CH: "Communications Hub" };

function ModelSelect({ name, models, type, defaultValue, error }: { name: string; models: ModelOption[]; type: CplDeviceType | null; defaultValue?: string; error?: string }) {
  const groups = (Object.keys(CPL_GROUP_LABELS) as CplDeviceType[])
    .filter((t) => !type || t === type)
    .map((t) => [t, models.filter((m) => m.deviceType === t)] as const)
    .filter(([, list]) => list.length > 0);
  return (
    <Select name={name} defaultValue={defaultValue ?? ""} aria-invalid={!!error} aria-describedby={error ? `${name}-error` : undefined}>
      <option value="">{type ? "Choose a model from the CPL…" : "Choose the Device Type first…"}</option>
      {groups.map(([t, list]) => (
        <optgroup key={t} label={CPL_GROUP_LABELS[t]}>
          {list.map((m) => (
            <option key={m.id} value={m.id}>
              {modelLabel(m)}
            </option>
          ))}
        </optgroup>
      ))}
    </Select>
  );
}

export function PreNotifyForm({ models }: { models: ModelOption[] }) {
  const [state, action, pending] = useActionState<FormResult | null, FormData>(preNotifyAction, null);
  const values = state?.values ?? {};
  // A refused form comes back with what was sent; remounting the fields restores it (React resets a submitted form).
  return (
    <form key={JSON.stringify(values)} action={action} className="max-w-xl space-y-4" aria-label="SR 12.2 Device Pre-Notification">
      <FormMessage result={state} />
      <PreNotifyFields models={models} values={values} errors={errorsOf(state)} />
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Pre-notify device"}
      </Button>
    </form>
  );
}

function PreNotifyFields({ models, values, errors }: { models: ModelOption[]; values: Record<string, string>; errors: Record<string, string> }) {
  const [deviceType, setDeviceType] = useState<DeviceType | "">((values.deviceType as DeviceType) ?? "");
  const [variant, setVariant] = useState<EsmeVariant>((values.esmeVariant as EsmeVariant) || "SINGLE_ELEMENT");
  const cplType = deviceType ? CPL_TYPE_FOR[deviceType] : null;
  const needsModel = deviceType === "" || cplType !== null;
  const isMeter = deviceType === "ESME" || deviceType === "GSME";
  return (
    <>
      <Field label="Device ID" name="deviceId" error={errors.deviceId} hint="16 hexadecimal digits (EUI-64), with or without separators.">
        <Input name="deviceId" required defaultValue={values.deviceId} placeholder="00-DB-12-34-56-78-90-A0" className="font-mono" autoComplete="off" error={errors.deviceId} />
      </Field>
      <Field label="Device Type" name="deviceType" error={errors.deviceType} hint="CHF and GPF are added by the DCC before it delivers the Communications Hub.">
        <Select
          name="deviceType"
          required
          defaultValue={values.deviceType ?? ""}
          onChange={(e) => setDeviceType(e.target.value as DeviceType | "")}
          aria-invalid={!!errors.deviceType}
          aria-describedby={errors.deviceType ? "deviceType-error" : undefined}
        >
          <option value="">Choose a Device Type…</option>
          {PRE_NOTIFY_TYPES.map((t) => (
            <option key={t} value={t}>
              {DEVICE_TYPE_LABELS[t]}
            </option>
          ))}
        </Select>
      </Field>
      {needsModel ? (
        <Field label="Device Model" name="modelId" error={errors.modelId} hint="Only models marked 'current' on the CPL can be added.">
          <ModelSelect name="modelId" models={models} type={cplType} defaultValue={values.modelId} error={errors.modelId} />
        </Field>
      ) : (
        <p className="text-sm text-slate-600" data-testid="type-2-note">
          Type 2 devices (IHD, CAD) need no CPL entry and have no SMI Status.
        </p>
      )}
      {deviceType === "ESME" ? (
        <Field label="ESME variant" name="esmeVariant" error={errors.esmeVariant}>
          <Select name="esmeVariant" defaultValue={variant} onChange={(e) => setVariant(e.target.value as EsmeVariant)}>
            {(Object.keys(ESME_VARIANT_LABELS) as EsmeVariant[]).map((v) => (
              <option key={v} value={v}>
                {ESME_VARIANT_LABELS[v]}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {isMeter ? (
        <Field
          label={deviceType === "ESME" ? "MPAN (optional)" : "MPRN (optional)"}
          name="mpxn"
          error={errors.mpxn}
          hint={deviceType === "ESME" ? "13 digits; must be in the Registration Data." : "6-10 digits; must be in the Registration Data."}
        >
          <Input name="mpxn" inputMode="numeric" defaultValue={values.mpxn} className="font-mono" autoComplete="off" error={errors.mpxn} />
        </Field>
      ) : null}
      {deviceType === "ESME" && variant === "TWIN_ELEMENT" ? (
        <Field label="Secondary MPAN (optional)" name="secondaryMpxn" error={errors.secondaryMpxn} hint="Twin element ESMEs only.">
          <Input name="secondaryMpxn" inputMode="numeric" defaultValue={values.secondaryMpxn} className="font-mono" autoComplete="off" error={errors.secondaryMpxn} />
        </Field>
      ) : null}
      <Field label="Description (optional)" name="description" error={errors.description}>
        <Input name="description" maxLength={200} defaultValue={values.description} error={errors.description} />
      </Field>
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// SR 8.4 Update Inventory and SR 8.3 Decommission Device (device page)
//
// The device page always renders each of these, with `available` saying whether the form applies now. After a
// success the page re-renders and the form may no longer apply (a decommissioned device cannot be decommissioned
// again); the component stays mounted, so its result message is still shown in place of the form.

function SrSection({ title, available, result, children }: { title: string; available: boolean; result: { ok: boolean; message?: string } | null; children: React.ReactNode }) {
  if (!available && !result?.ok) return null;
  return (
    <section className="space-y-2 border-t border-slate-100 pt-4 first:border-t-0 first:pt-0" aria-label={title}>
      <h3 className="text-sm font-semibold">{title}</h3>
      {available ? children : <FormMessage result={result} />}
    </section>
  );
}

export function DeviceStatusForm({ deviceId, targets }: { deviceId: string; targets: SmiStatus[] }) {
  const [state, action, pending] = useActionState(updateDeviceStatusAction, null);
  const errors = errorsOf(state);
  return (
    <SrSection title="SR 8.4 Update Inventory: SMI Status" available={targets.length > 0} result={state}>
      <form action={action} className="space-y-2" aria-label="SR 8.4 Update SMI Status">
        <FormMessage result={state} />
        <input type="hidden" name="deviceId" value={deviceId} />
        <Field label="New SMI Status" name="status" error={errors.status}>
          <Select name="status" required defaultValue="">
            <option value="">Choose…</option>
            {targets.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "Updating…" : "Update SMI Status"}
        </Button>
      </form>
    </SrSection>
  );
}

export function DeviceMpxnForm({ deviceId, deviceType, twinElement, available }: { deviceId: string; deviceType: DeviceType; twinElement: boolean; available: boolean }) {
  const [state, action, pending] = useActionState<FormResult | null, FormData>(updateDeviceMpxnAction, null);
  const values = (state && !state.ok ? state.values : undefined) ?? {};
  const errors = errorsOf(state);
  const kind = deviceType === "ESME" ? "MPAN" : "MPRN";
  return (
    <SrSection title="SR 8.4 Update Inventory: MPxN" available={available} result={state}>
      <form key={JSON.stringify(values)} action={action} className="space-y-2" aria-label="SR 8.4 Change MPxN">
        <FormMessage result={state} />
        <input type="hidden" name="deviceId" value={deviceId} />
        {twinElement ? (
          <Field label="Which MPAN" name="role" error={errors.role}>
            <Select name="role" defaultValue={values.role ?? "PRIMARY"}>
              <option value="PRIMARY">Primary MPAN</option>
              <option value="SECONDARY">Secondary MPAN</option>
            </Select>
          </Field>
        ) : (
          <input type="hidden" name="role" value="PRIMARY" />
        )}
        <Field label={`New ${kind}`} name="mpxn" error={errors.mpxn} hint="You must be the Responsible Supplier for both the current and the new MPxN.">
          <Input name="mpxn" required inputMode="numeric" className="font-mono" autoComplete="off" defaultValue={values.mpxn} error={errors.mpxn} />
        </Field>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Changing…" : `Change ${kind}`}
        </Button>
      </form>
    </SrSection>
  );
}

export function DeviceDetailsForm({
  deviceId,
  deviceType,
  models,
  current,
  available,
}: {
  deviceId: string;
  deviceType: DeviceType;
  models: ModelOption[];
  current: { modelId: string | null; esmeVariant: EsmeVariant | null; description: string | null };
  available: boolean;
}) {
  const [state, action, pending] = useActionState<FormResult | null, FormData>(updateDeviceDetailsAction, null);
  const values = (state && !state.ok ? state.values : undefined) ?? {};
  const errors = errorsOf(state);
  const cplType = CPL_TYPE_FOR[deviceType];
  return (
    <SrSection title="SR 8.4 Update Inventory: device details" available={available} result={state}>
      <form key={JSON.stringify(values)} action={action} className="space-y-2" aria-label="SR 8.4 Update device details">
        <FormMessage result={state} />
        <input type="hidden" name="deviceId" value={deviceId} />
        {cplType ? (
          <Field label="Device Model" name="modelId" error={errors.modelId} hint="Only 'current' CPL models.">
            <ModelSelect name="modelId" models={models} type={cplType} defaultValue={values.modelId ?? current.modelId ?? ""} error={errors.modelId} />
          </Field>
        ) : null}
        {deviceType === "ESME" ? (
          <Field label="ESME variant" name="esmeVariant" error={errors.esmeVariant}>
            <Select name="esmeVariant" defaultValue={values.esmeVariant ?? current.esmeVariant ?? "SINGLE_ELEMENT"}>
              {(Object.keys(ESME_VARIANT_LABELS) as EsmeVariant[]).map((v) => (
                <option key={v} value={v}>
                  {ESME_VARIANT_LABELS[v]}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <Field label="Description" name="description" error={errors.description}>
          <Input name="description" maxLength={200} defaultValue={values.description ?? current.description ?? ""} error={errors.description} />
        </Field>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : "Update details"}
        </Button>
      </form>
    </SrSection>
  );
}

/** On success the action redirects to the search page (the record is gone), which shows what was deleted. */
export function DeleteDeviceForm({ deviceId, label, isCommsHub, available }: { deviceId: string; label: string; isCommsHub: boolean; available: boolean }) {
  const [state, action, pending] = useActionState(deleteDeviceAction, null);
  return (
    <SrSection title="SR 8.4 Update Inventory: delete the record" available={available} result={state}>
      <form key={JSON.stringify(state)} action={action} className="space-y-2" aria-label="SR 8.4 Delete device record">
        <FormMessage result={state} />
        <input type="hidden" name="deviceId" value={deviceId} />
        <ConfirmSubmit
          trigger="Delete this record…"
          question={`Delete ${label} from the SMI${isCommsHub ? " together with its GPF" : ""}? Pre-notify it again (SR 12.2) if it was entered wrongly.`}
          confirm="Yes, delete the record"
          pending={pending}
        />
      </form>
    </SrSection>
  );
}

export function DecommissionForm({ deviceId, label, isCommsHub, available }: { deviceId: string; label: string; isCommsHub: boolean; available: boolean }) {
  const [state, action, pending] = useActionState(decommissionDeviceAction, null);
  return (
    <SrSection title="SR 8.3 Decommission Device" available={available} result={state}>
      <form key={JSON.stringify(state)} action={action} className="space-y-2" aria-label="SR 8.3 Decommission Device">
        <FormMessage result={state} />
        <input type="hidden" name="deviceId" value={deviceId} />
        <ConfirmSubmit
          trigger="Decommission…"
          question={`Decommission ${label}${isCommsHub ? " and its GPF" : ""}? Its Associations and MPxN links end, and the Network Operator is alerted. This cannot be undone.`}
          confirm="Yes, decommission"
          pending={pending}
        />
      </form>
    </SrSection>
  );
}
