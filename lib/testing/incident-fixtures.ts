// Incident builders for unit tests. `raiseInput` is a valid portal form; `raisedIncident` raises it through the
// portal operation (for tests of what happens after raising); `makeIncidentRow` writes a row through Prisma directly
// with the timing a test needs (for reports and lists, which must not depend on the operations that write incidents).
import crypto from "node:crypto";
import { ZodError } from "zod";
import type { Incident } from "@/generated/prisma/client";
import type { IncidentStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { raiseIncident } from "@/lib/incidents/raise-incident";
import type { RaiseIncidentInput } from "@/lib/incidents/schemas";

/** A complete, valid SSI incident form (Category 3, no MPxN or Device ID). */
export function raiseInput(overrides: Partial<RaiseIncidentInput> = {}): RaiseIncidentInput {
  return {
    category: 3,
    contactName: "Ada Lovelace",
    contactOrganisation: "Test Energy Ltd",
    contactDetails: "ada@example.test, 01234 567890",
    occurredAt: new Date(now().getTime() - 30 * 60_000).toISOString(),
    summary: "Service Requests to a batch of ESMEs time out",
    businessImpact: "Prepayment top-ups are not reaching 40 consumers.",
    triageResults: "Checked our systems and the HAN; no Known Error matches; SR 6.2 retried twice.",
    ...overrides,
  };
}

/** An incident raised in the portal by `raiser` (a PARTY_USER actor) at the current clock time. */
export async function raisedIncident(raiser: Actor, overrides: Partial<RaiseIncidentInput> = {}): Promise<Incident> {
  return raiseIncident(raiser, raiseInput(overrides));
}

let rowNumber = 900_000;

/** An Incident row written directly, with whatever status and timing the test states. */
export async function makeIncidentRow(opts: {
  raisedByPartyId: string;
  category?: number;
  status?: IncidentStatus;
  createdAt?: Date;
  responseDueAt?: Date;
  resolutionDueAt?: Date;
  respondedAt?: Date | null;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
  summary?: string;
}): Promise<Incident> {
  const number = rowNumber++;
  const createdAt = opts.createdAt ?? now();
  return db().incident.create({
    data: {
      number,
      ref: `INC${String(number).padStart(7, "0")}`,
      category: opts.category ?? 3,
      status: opts.status ?? "NEW",
      raisedByPartyId: opts.raisedByPartyId,
      contactName: "Test Contact",
      contactOrganisation: "Test Org",
      contactDetails: "contact@example.test",
      occurredAt: createdAt,
      summary: opts.summary ?? `Row incident ${crypto.randomBytes(2).toString("hex")}`,
      businessImpact: "Some impact.",
      triageResults: "Some triage.",
      createdAt,
      responseDueAt: opts.responseDueAt ?? new Date(createdAt.getTime() + 45 * 60_000),
      resolutionDueAt: opts.resolutionDueAt ?? new Date(createdAt.getTime() + 72 * 3_600_000),
      respondedAt: opts.respondedAt ?? null,
      resolvedAt: opts.resolvedAt ?? null,
      closedAt: opts.closedAt ?? null,
    },
  });
}

/**
 * The refusal a user would read: runs the operation, expects it to throw, and returns the AppError (a zod parse error
 * converted as the server actions convert it, so per-field messages can be asserted the same way).
 */
export async function refusal(operation: Promise<unknown>): Promise<AppError> {
  try {
    await operation;
  } catch (caught) {
    if (caught instanceof ZodError) return AppError.fromZod(caught);
    if (caught instanceof AppError) return caught;
    throw caught;
  }
  throw new Error("expected the operation to be refused, but it succeeded");
}
