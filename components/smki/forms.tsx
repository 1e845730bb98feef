"use client";

// The DCC admin's SMKI forms: import a certificate (PEM pasted or read from a file), rotate one, revoke one.
import { useState } from "react";
import { importCertificateAction, revokeCertificateAction, rotateCertificateAction } from "@/app/(portal)/admin/certificates/actions";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField } from "@/components/ui/fields";
import { FormMessage } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";
import type { CertificateUsage } from "@/generated/prisma/enums";
import { USAGE_LABELS } from "@/lib/smki/schemas";

export function ImportCertificateForm({ parties }: { parties: { id: string; name: string }[] }) {
  const { state, dispatch, pending, values, errors, key } = useFormAction(importCertificateAction);
  const [pem, setPem] = useState(values.pem ?? "");
  return (
    <form key={key} action={dispatch} className="space-y-3" aria-label="Import a certificate" data-testid="import-form">
      <FormMessage result={state} />
      <TextAreaField
        id="import-pem"
        name="pem"
        label="Certificate (PEM)"
        rows={8}
        className="font-mono text-xs"
        placeholder={"-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----"}
        value={pem}
        onChange={(e) => setPem(e.target.value)}
        error={errors.pem}
        hint="The public certificate only: an ECDSA P-256 Organisation Certificate with the subject's EUI-64 in x500UniqueIdentifier."
      />
      <div>
        <label htmlFor="import-file" className="block text-sm font-medium">
          …or read it from a file
        </label>
        <input
          id="import-file"
          type="file"
          accept=".pem,.crt,.cer,text/plain"
          className="text-sm"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) setPem(await file.text());
          }}
        />
      </div>
      <SelectField id="import-usage" name="usage" label="Usage" defaultValue={values.usage ?? ""} error={errors.usage}>
        <option value="">Choose…</option>
        {(Object.keys(USAGE_LABELS) as CertificateUsage[]).map((usage) => (
          <option key={usage} value={usage}>
            {USAGE_LABELS[usage]}
          </option>
        ))}
      </SelectField>
      <SelectField id="import-party" name="partyId" label="Party" defaultValue={values.partyId ?? ""} error={errors.partyId} hint="Checked against the certificate's EUI-64.">
        <option value="">The party with the certificate&apos;s EUI-64 (if any)</option>
        {parties.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <Button type="submit" disabled={pending}>
        {pending ? "Importing…" : "Import certificate"}
      </Button>
    </form>
  );
}

export function RotateCertificateForm({ certificateId }: { certificateId: string }) {
  const { state, dispatch, pending, key } = useFormAction(rotateCertificateAction);
  return (
    <form key={key} action={dispatch} className="space-y-3" aria-label="Rotate the certificate">
      <FormMessage result={state} />
      <input type="hidden" name="certificateId" value={certificateId} />
      <p className="text-sm text-slate-600">
        Issues a new certificate and key for the same EUI-64, usage and role. This one stays valid until it expires or is revoked, so clients can move over at
        their own pace; the portal signs with the newest.
      </p>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Issuing…" : "Rotate: issue a new certificate"}
      </Button>
    </form>
  );
}

export function RevokeCertificateForm({ certificateId }: { certificateId: string }) {
  const { state, dispatch, pending, values, errors, key } = useFormAction(revokeCertificateAction);
  return (
    <form key={key} action={dispatch} className="space-y-3" aria-label="Revoke the certificate">
      <FormMessage result={state} />
      <input type="hidden" name="certificateId" value={certificateId} />
      <TextAreaField id="revoke-reason" name="reason" label="Reason" rows={2} defaultValue={values.reason ?? ""} error={errors.reason} placeholder="e.g. key compromised" />
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? "Revoking…" : "Revoke certificate"}
      </Button>
    </form>
  );
}
