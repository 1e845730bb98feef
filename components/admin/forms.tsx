"use client";

import { useActionState } from "react";
import { createAccountAction, createPartyAction, resetPasswordAction, setAccountDisabledAction, setPartySuspendedAction } from "@/app/(portal)/admin/actions";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/fields";
import { Field, FormMessage, Input, Select } from "@/components/ui/form";

type Option = { value: string; label: string };

function CheckboxGroup({ legend, name, options, error }: { legend: string; name: string; options: Option[]; error?: string }) {
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="flex items-center gap-2 text-sm">
          <input type="checkbox" name={name} value={o.value} /> <span className="font-mono text-xs">{o.value}</span> {o.label}
        </label>
      ))}
      {error ? (
        <p className="text-sm text-red-700" data-testid={`${name}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function CreatePartyForm({ roles }: { roles: Option[] }) {
  const [state, action, pending] = useActionState(createPartyAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} className="max-w-xl space-y-4">
      <FormMessage result={state} />
      <Field label="Organisation name" name="name" error={errors.name}>
        <Input name="name" required error={errors.name} />
      </Field>
      <Field label="Party ID (EUI-64)" name="eui64" error={errors.eui64} hint="16 hexadecimal digits, with or without separators.">
        <Input name="eui64" required placeholder="90-B3-D5-00-00-00-00-01" className="font-mono" error={errors.eui64} />
      </Field>
      <CheckboxGroup legend="User Roles" name="roles" options={roles} error={errors.roles} />
      <Field label="Contact email (optional)" name="contactEmail" error={errors.contactEmail}>
        <Input name="contactEmail" type="email" error={errors.contactEmail} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create party"}
      </Button>
    </form>
  );
}

export function CreateAccountForm({ parties, permissions, defaultPartyId }: { parties: Option[]; permissions: Option[]; defaultPartyId?: string }) {
  const [state, action, pending] = useActionState(createAccountAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} className="max-w-xl space-y-4">
      <FormMessage result={state} />
      <Field label="Party" name="partyId" error={errors.partyId}>
        <Select name="partyId" defaultValue={defaultPartyId ?? ""} required>
          <option value="">Choose a party…</option>
          {parties.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Full name" name="name" error={errors.name}>
        <Input name="name" required error={errors.name} />
      </Field>
      <Field label="Email" name="email" error={errors.email}>
        <Input name="email" type="email" required error={errors.email} />
      </Field>
      <CheckboxGroup legend="Permissions" name="permissions" options={permissions} error={errors.permissions} />
      <Field label="Initial password" name="password" error={errors.password} hint="At least 12 characters. Give it to the account holder separately.">
        <Input name="password" type="password" autoComplete="new-password" required error={errors.password} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create account"}
      </Button>
    </form>
  );
}

export function AccountAdminActions({ accountId, disabled }: { accountId: string; disabled: boolean }) {
  const [toggleState, toggle, toggling] = useActionState(setAccountDisabledAction, null);
  const [resetState, reset, resetting] = useActionState(resetPasswordAction, null);
  const resetErrors = resetState && !resetState.ok ? (resetState.fieldErrors ?? {}) : {};
  return (
    <div className="space-y-6">
      <form action={toggle} className="space-y-2">
        <FormMessage result={toggleState} />
        <input type="hidden" name="accountId" value={accountId} />
        <input type="hidden" name="disabled" value={String(!disabled)} />
        <Button type="submit" variant={disabled ? "secondary" : "danger"} disabled={toggling}>
          {disabled ? "Enable account" : "Disable account"}
        </Button>
      </form>
      <form action={reset} className="max-w-sm space-y-2">
        <FormMessage result={resetState} />
        <input type="hidden" name="accountId" value={accountId} />
        <Field label="New password" name="password" error={resetErrors.password} hint="At least 12 characters. Also lifts a lock-out.">
          <Input name="password" type="password" autoComplete="new-password" required error={resetErrors.password} />
        </Field>
        <Button type="submit" variant="secondary" disabled={resetting}>
          Reset password
        </Button>
      </form>
    </div>
  );
}

/** SEC M8.5: suspend a party's right to send Service Requests (with the reason its refusals quote), or lift it. */
export function PartySuspensionActions({ partyId, suspended, reasonMax }: { partyId: string; suspended: boolean; reasonMax: number }) {
  const [state, action, pending] = useActionState(setPartySuspendedAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} className="space-y-2">
      <FormMessage result={state} />
      <input type="hidden" name="partyId" value={partyId} />
      <input type="hidden" name="suspend" value={String(!suspended)} />
      {suspended ? null : (
        <TextAreaField
          id="suspension-reason"
          name="reason"
          label="Reason for suspension"
          hint="Quoted in the reason of every request refused while suspended."
          maxLength={reasonMax}
          required
          error={errors.reason}
        />
      )}
      <Button type="submit" variant={suspended ? "secondary" : "danger"} disabled={pending}>
        {suspended ? "Lift suspension" : "Suspend Service Requests"}
      </Button>
    </form>
  );
}
