"use client";

// The return record's actions: the party reports the CH lost (F8.17) or objects to the Fault Analysis Report
// (F9.13); the DCC says it will diagnose (F9.9), accepts the party's reason, issues the report (F9.11) or settles an
// objection (F9.14). Each form posts one thin server action and shows its result; a form whose step is done stays
// mounted (the page re-renders without it being available) so its confirmation stays in view.
import {
  acceptReasonAction,
  issueReportAction,
  objectToReportAction,
  reportLostAction,
  settleObjectionAction,
  startDiagnosisAction,
  type FormResult,
} from "@/app/(portal)/returns/actions";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";
import { FormMessage } from "@/components/ui/form";
import { RETURN_REASONS } from "@/lib/returns/catalog";
import { SelectField, TextAreaField } from "@/components/ui/fields";


function ActionSection({
  f,
  id,
  title,
  available,
  recordRef,
  description,
  children,
}: {
  f: ReturnType<typeof useFormAction<FormResult>>;
  id: string;
  title: string;
  available: boolean;
  recordRef: string;
  description?: React.ReactNode;
  children: React.ReactNode;
}) {
  if (!available && !f.state?.ok) return null;
  return (
    <section className="space-y-2 border-t border-slate-100 pt-4 first:border-t-0 first:pt-0" data-testid={`${id}-section`} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="text-sm font-semibold">
        {title}
      </h3>
      {available ? (
        <form key={f.key} action={f.dispatch} className="space-y-2" aria-labelledby={`${id}-title`}>
          <FormMessage result={f.state} />
          {description ? <div className="text-sm text-slate-700">{description}</div> : null}
          <input type="hidden" name="ref" value={recordRef} />
          {children}
        </form>
      ) : (
        <FormMessage result={f.state} />
      )}
    </section>
  );
}

function Submit({ pending, children, variant = "primary" }: { pending: boolean; children: React.ReactNode; variant?: "primary" | "secondary" | "danger" }) {
  return (
    <Button type="submit" variant={variant} disabled={pending}>
      {pending ? "Working…" : children}
    </Button>
  );
}

function ReasonOptions({ exclude }: { exclude?: string }) {
  return (
    <>
      <option value="">Choose the reason…</option>
      {RETURN_REASONS.filter((r) => r.code !== exclude).map((r) => (
        <option key={r.code} value={r.code}>
          ({r.code}) {r.label}
        </option>
      ))}
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The party

export function PartyReturnActions({ recordRef, canReportLost, canObject, objectionDue }: { recordRef: string; canReportLost: boolean; canObject: boolean; objectionDue?: string }) {
  const lost = useFormAction(reportLostAction);
  const objection = useFormAction(objectToReportAction);
  const none = !canReportLost && !canObject && !lost.state?.ok && !objection.state?.ok;
  return (
    <div className="space-y-4">
      {none ? <p className="text-sm text-slate-600">Nothing for you to do on this record now.</p> : null}
      <ActionSection
        f={objection}
        id="object"
        title="Object to the report"
        available={canObject}
        recordRef={recordRef}
        description={<>Your objection goes to the Service Desk{objectionDue ? <>, by {objectionDue}</> : null}. Without one, the DCC&apos;s analysis stands. Either side may then refer it to the Panel (F9.13-F9.14).</>}
      >
        <TextAreaField id="object-text" name="text" label="Why you object" rows={4} maxLength={4000} required error={objection.errors.text} defaultValue={objection.values.text} />
        <Submit pending={objection.pending}>Send the objection</Submit>
      </ActionSection>
      <ActionSection
        f={lost}
        id="lost"
        title="Report lost"
        available={canReportLost}
        recordRef={recordRef}
        description={<>A CH lost or destroyed after removal is reported here (F8.17). It is blocked from the SM WAN at once; this cannot be undone.</>}
      >
        <TextAreaField id="lost-note" name="note" label="What happened" rows={3} maxLength={2000} required error={lost.errors.note} defaultValue={lost.values.note} />
        <Submit pending={lost.pending} variant="danger">
          Report lost and block from the SM WAN
        </Submit>
      </ActionSection>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The DCC

export function DccReturnActions({
  recordRef,
  status,
  partyReason,
  dccReason,
}: {
  recordRef: string;
  status: string;
  /** The party's stated reason code, and the Fault Analysis Report's (if any). */
  partyReason: string;
  dccReason: string | null;
}) {
  const diagnose = useFormAction(startDiagnosisAction);
  const accept = useFormAction(acceptReasonAction);
  const report = useFormAction(issueReportAction);
  const settle = useFormAction(settleObjectionAction);
  const received = status === "RECEIVED";
  const analysing = status === "UNDER_ANALYSIS";
  const none = !received && !analysing && status !== "OBJECTED" && !diagnose.state?.ok && !accept.state?.ok && !report.state?.ok && !settle.state?.ok;
  return (
    <div className="space-y-4">
      {none ? <p className="text-sm text-slate-600">Nothing for the DCC to do on this record now.</p> : null}
      <ActionSection
        f={diagnose}
        id="diagnose"
        title="Further analysis required"
        available={received}
        recordRef={recordRef}
        description="Tell the party the DCC will diagnose the CH (F9.9). Without this notice by the due date the party's reason is deemed correct."
      >
        <Submit pending={diagnose.pending}>Further analysis required</Submit>
      </ActionSection>
      <ActionSection
        f={accept}
        id="accept"
        title="Accept the party's reason"
        available={received || analysing}
        recordRef={recordRef}
        description="The party's reason becomes final and the record closes."
      >
        <Submit pending={accept.pending} variant="secondary">
          Accept the party&apos;s reason
        </Submit>
      </ActionSection>
      <ActionSection
        f={report}
        id="report"
        title="Issue Fault Analysis Report"
        available={analysing}
        recordRef={recordRef}
        description="Dispute the party's reason with the finding of the diagnosis: visual checks, then electronic tests (CHIMSM 11.4-11.7). The party has 35 days to object."
      >
        <SelectField id="report-dccReason" name="dccReason" label="Reason the DCC finds" required error={report.errors.dccReason} defaultValue={report.values.dccReason ?? ""}>
          <ReasonOptions exclude={partyReason} />
        </SelectField>
        <TextAreaField id="report-finding" name="finding" label="Finding" rows={5} maxLength={4000} required error={report.errors.finding} defaultValue={report.values.finding} />
        <Submit pending={report.pending}>Issue the report</Submit>
      </ActionSection>
      <ActionSection
        f={settle}
        id="settle"
        title="Settle objection"
        available={status === "OBJECTED"}
        recordRef={recordRef}
        description={
          <>
            Record the outcome, by agreement or the Panel&apos;s final decision (F9.14). If the Panel cannot decide, the party&apos;s reason stands.{" "}
            {`The party gave (${partyReason})${dccReason ? `, the report found (${dccReason})` : ""}.`}
          </>
        }
      >
        <SelectField id="settle-finalReason" name="finalReason" label="Final reason" required error={settle.errors.finalReason} defaultValue={settle.values.finalReason ?? ""}>
          <ReasonOptions />
        </SelectField>
        <TextAreaField id="settle-note" name="note" label="How it was settled" rows={3} maxLength={2000} required error={settle.errors.note} defaultValue={settle.values.note} />
        <Submit pending={settle.pending}>Settle and close</Submit>
      </ActionSection>
    </div>
  );
}
