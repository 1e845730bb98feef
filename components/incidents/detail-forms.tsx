"use client";

// The forms of the incident page: each posts one thin server action and shows its result (FormMessage) and field
// errors, keeping what was typed when refused. Each is rendered whether or not it applies now (`available`), so a
// form that stops applying after its own success (resolving, flagging Major...) stays mounted and shows its result.
import { useState } from "react";
import {
  addInterestedPartyAction,
  addNoteAction,
  assignAction,
  changeCategoryAction,
  disputeAction,
  flagMajorAction,
  linkProblemAction,
  recordMajorReportAction,
  reopenAction,
  setStatusAction,
  type FormResult,
} from "@/app/(portal)/incidents/[ref]/actions";
import type { IncidentStatus } from "@/generated/prisma/enums";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";
import { FormMessage } from "@/components/ui/form";
import { STATUS_LABELS } from "@/lib/incidents/status-machine";
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/ui/fields";


function Section({ id, title, available, result, children }: { id: string; title: string; available: boolean; result: FormResult | null; children: React.ReactNode }) {
  if (!available && !result?.ok) return null;
  return (
    <section className="space-y-2 border-t border-slate-100 pt-4 first:border-t-0 first:pt-0" data-testid={`${id}-section`}>
      <h3 className="text-sm font-semibold">
        {title}
      </h3>
      {available ? children : <FormMessage result={result} />}
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

/** One incident action: its section, the form posting the action for this incident, and the result above the fields. */
function ActionForm({
  f,
  id,
  title,
  available = true,
  incidentRef,
  children,
}: {
  f: ReturnType<typeof useFormAction<FormResult>>;
  id: string;
  title: string;
  available?: boolean;
  incidentRef: string;
  children: React.ReactNode;
}) {
  return (
    <Section id={id} title={title} available={available} result={f.state}>
      <form key={f.key} action={f.dispatch} className="space-y-2">
        <FormMessage result={f.state} />
        <input type="hidden" name="ref" value={incidentRef} />
        {children}
      </form>
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// What a party that sees the incident may do

export function NoteForm({ incidentRef }: { incidentRef: string }) {
  const f = useFormAction(addNoteAction);
  return (
    <ActionForm f={f} id="note" title="Add a note" incidentRef={incidentRef}>
      <TextAreaField id="note-text" name="text" label="New note" hint="Progress, findings or information for the Service Desk. Everyone who can see this incident reads it." error={f.errors.text} required maxLength={4000} defaultValue={f.values.text} />
      <Submit pending={f.pending} variant="secondary">
        Add note
      </Submit>
    </ActionForm>
  );
}

export function DisputeForm({ incidentRef, deadline, available }: { incidentRef: string; deadline: string | null; available: boolean }) {
  const f = useFormAction(disputeAction);
  return (
    <ActionForm f={f} id="dispute" title="Dispute the resolution" available={available} incidentRef={incidentRef}>
      <p className="text-sm text-slate-700" data-testid="dispute-deadline">
        Not resolved? You may dispute it until <strong>{deadline}</strong> (3 Working Days after it was resolved); after that it is closed.
      </p>
      <TextAreaField
        id="dispute-reason"
        name="reason"
        label="Supporting information"
        hint="Why the incident is not resolved."
        error={f.errors.reason}
        required
        maxLength={4000}
        defaultValue={f.values.reason}
      />
      <Submit pending={f.pending} variant="danger">
        Dispute resolution
      </Submit>
    </ActionForm>
  );
}

export function ReopenForm({ incidentRef, available }: { incidentRef: string; available: boolean }) {
  const f = useFormAction(reopenAction);
  return (
    <ActionForm f={f} id="reopen" title="Re-open" available={available} incidentRef={incidentRef}>
      <p className="text-sm text-slate-700">It was closed with a workaround. Re-open it if the workaround has failed or degraded enough to disrupt normal business.</p>
      <TextAreaField id="reopen-reason" name="reason" label="How the workaround failed" error={f.errors.reason} required maxLength={4000} defaultValue={f.values.reason} />
      <Submit pending={f.pending} variant="secondary">
        Re-open incident
      </Submit>
    </ActionForm>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Service Desk

export interface Option {
  id: string;
  name: string;
}

export function AssignForm({
  incidentRef,
  groups,
  agents,
  current,
  available,
}: {
  incidentRef: string;
  groups: readonly string[];
  agents: (Option & { email: string })[];
  current: { resolverGroup: string | null; assigneeId: string | null };
  available: boolean;
}) {
  const f = useFormAction(assignAction);
  return (
    <ActionForm f={f} id="assign" title="Assign" available={available} incidentRef={incidentRef}>
      <SelectField id="assign-resolverGroup" name="resolverGroup" label="Resolver group" error={f.errors.resolverGroup} defaultValue={f.values.resolverGroup ?? current.resolverGroup ?? ""}>
        <option value="">Choose a group…</option>
        {groups.map((g) => (
          <option key={g} value={g}>
            {g}
          </option>
        ))}
      </SelectField>
      <SelectField id="assign-assigneeId" name="assigneeId" label="Assignee" error={f.errors.assigneeId} defaultValue={f.values.assigneeId ?? current.assigneeId ?? ""}>
        <option value="">Choose a Service Desk agent…</option>
        {agents.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name} ({a.email})
          </option>
        ))}
      </SelectField>
      <Submit pending={f.pending}>Assign</Submit>
    </ActionForm>
  );
}

export function SetStatusForm({
  incidentRef,
  status,
  targets,
  parties,
  available,
}: {
  incidentRef: string;
  status: IncidentStatus;
  targets: readonly IncidentStatus[];
  parties: Option[];
  available: boolean;
}) {
  const f = useFormAction(setStatusAction);
  return (
    <ActionForm f={f} id="status" title="Set status" available={available} incidentRef={incidentRef}>
      <StatusFields status={status} targets={targets} parties={parties} values={f.values} errors={f.errors} />
      <Submit pending={f.pending}>Set status</Submit>
    </ActionForm>
  );
}

function StatusFields({
  status,
  targets,
  parties,
  values,
  errors,
}: {
  status: IncidentStatus;
  targets: readonly IncidentStatus[];
  parties: Option[];
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const [to, setTo] = useState<IncidentStatus | "">((values.status as IncidentStatus) ?? "");
  const closingOpen = to === "CLOSED" && status !== "RESOLVED";
  return (
    <>
      <SelectField id="status-status" name="status" label="New status" error={errors.status} required value={to} onChange={(e) => setTo(e.target.value as IncidentStatus | "")}>
        <option value="">Choose…</option>
        {targets.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
            {s === "CLOSED" && status !== "RESOLVED" ? " (not an Incident)" : ""}
          </option>
        ))}
      </SelectField>
      {to === "PENDING" ? (
        <>
          <SelectField
            id="status-pendingWithPartyId"
            name="pendingWithPartyId"
            label="Pending with party"
            hint="The Incident Party now diagnosing, resolving or confirming. It becomes an Interested Party."
            error={errors.pendingWithPartyId}
            required
            defaultValue={values.pendingWithPartyId ?? ""}
          >
            <option value="">Choose a party…</option>
            {parties.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <CheckboxField
            id="status-pauseWhilePending"
            name="pauseWhilePending"
            label="Pause the resolution clock"
            hint="While pending, the resolution due time moves on with the clock."
            defaultChecked={values.pauseWhilePending === "on"}
          />
        </>
      ) : null}
      {to === "RESOLVED" ? (
        <>
          <TextAreaField id="status-note" name="note" label="Resolution note" hint="How it was resolved: emailed to the parties." error={errors.note} required maxLength={4000} defaultValue={values.note} />
          <CheckboxField
            id="status-workaround"
            name="workaround"
            label="Resolved with a workaround"
            hint="The raiser may re-open it if the workaround fails. Link a Problem too."
            defaultChecked={values.workaround === "on"}
          />
        </>
      ) : closingOpen ? (
        <TextAreaField
          id="status-note"
          name="note"
          label="Reason it is not an Incident"
          hint="Sent to the raiser with what it needs to manage the issue itself."
          error={errors.note}
          required
          maxLength={4000}
          defaultValue={values.note}
        />
      ) : to ? (
        <TextAreaField id="status-note" name="note" label="Status note (optional)" error={errors.note} maxLength={4000} defaultValue={values.note} />
      ) : null}
    </>
  );
}

export function ChangeCategoryForm({
  incidentRef,
  current,
  categories,
  available,
}: {
  incidentRef: string;
  current: number;
  categories: { category: number; name: string; resolution: string }[];
  available: boolean;
}) {
  const f = useFormAction(changeCategoryAction);
  return (
    <ActionForm f={f} id="category" title="Change category" available={available} incidentRef={incidentRef}>
      <SelectField
        id="category-category"
        name="category"
        label="New category"
        hint="Targets are recounted from when the incident was logged."
        error={f.errors.category}
        required
        defaultValue={f.values.category ?? ""}
      >
        <option value="">Choose…</option>
        {categories.map((c) => (
          <option key={c.category} value={c.category} disabled={c.category === current}>
            Category {c.category}: {c.name} (resolution {c.resolution}){c.category === current ? " — current" : ""}
          </option>
        ))}
      </SelectField>
      <TextAreaField id="category-reason" name="reason" label="Reason for the change" hint="Sent to the parties." error={f.errors.reason} required maxLength={1000} defaultValue={f.values.reason} />
      <Submit pending={f.pending} variant="secondary">
        Change category
      </Submit>
    </ActionForm>
  );
}

export function InterestedPartyForm({ incidentRef, parties, available }: { incidentRef: string; parties: Option[]; available: boolean }) {
  const f = useFormAction(addInterestedPartyAction);
  return (
    <ActionForm f={f} id="interested" title="Add an Interested Party" available={available} incidentRef={incidentRef}>
      <SelectField id="interested-partyId" name="partyId" label="Interested Party" error={f.errors.partyId} required defaultValue={f.values.partyId ?? ""}>
        <option value="">Choose a party…</option>
        {parties.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <Submit pending={f.pending} variant="secondary">
        Add Interested Party
      </Submit>
    </ActionForm>
  );
}

export function LinkProblemForm({ incidentRef, currentProblem, available }: { incidentRef: string; currentProblem: string | null; available: boolean }) {
  const f = useFormAction(linkProblemAction);
  return (
    <ActionForm f={f} id="problem" title={currentProblem ? "Link another Problem" : "Link a Problem"} available={available} incidentRef={incidentRef}>
      {currentProblem ? <p className="text-sm text-slate-700">Now linked to {currentProblem}; linking another replaces it.</p> : null}
      <TextField
        id="problem-problemRef"
        name="problemRef"
        label="Existing Problem reference"
        hint="e.g. PRB0000001. Leave empty to raise a new Problem."
        error={f.errors.problemRef}
        maxLength={20}
        autoComplete="off"
        className="font-mono"
        defaultValue={f.values.problemRef}
      />
      <TextField id="problem-title" name="title" label="New Problem title" error={f.errors.title} maxLength={200} defaultValue={f.values.title} />
      <Submit pending={f.pending} variant="secondary">
        Link Problem
      </Submit>
    </ActionForm>
  );
}

export function FlagMajorForm({ incidentRef, available }: { incidentRef: string; available: boolean }) {
  const f = useFormAction(flagMajorAction);
  return (
    <ActionForm f={f} id="major" title="Major Incident" available={available} incidentRef={incidentRef}>
      <p className="text-sm text-slate-700">Confirmed Category 1: invoke the Major Incident process. The summary report falls due 2 Working Days and the review 20 Working Days after resolution.</p>
      <Submit pending={f.pending} variant="danger">
        Flag as Major Incident
      </Submit>
    </ActionForm>
  );
}

export function MajorReportForm({ incidentRef, reports, available }: { incidentRef: string; reports: { value: "summary" | "review"; label: string }[]; available: boolean }) {
  const f = useFormAction(recordMajorReportAction);
  return (
    <ActionForm f={f} id="major-report" title="Major Incident reports" available={available} incidentRef={incidentRef}>
      <SelectField id="major-report" name="report" label="Report sent to the Panel" error={f.errors.report} required defaultValue={f.values.report ?? reports[0]?.value ?? ""}>
        {reports.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </SelectField>
      <Submit pending={f.pending} variant="secondary">
        Record report sent
      </Submit>
    </ActionForm>
  );
}
