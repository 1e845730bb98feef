// Receive Response URLs (issue 11 item 2): a party registers the addresses its asynchronous Service Responses and
// alerts are POSTed to, as DCC Boxed users configure theirs; a DCC admin approves each one first. The approved ones are
// an allow-list: lib/duis/delivery.ts posts to nothing else.
import { z } from "zod";
import type { EndpointStatus } from "@/generated/prisma/enums";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorizeResource, can, partyScope, type Action } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { transition, type StateMachine } from "@/lib/state/transition";
import { reference, requiredText } from "@/lib/validation";

export const ENDPOINT_STATUS_LABELS: Record<EndpointStatus, string> = {
  PENDING: "Awaiting approval",
  APPROVED: "Approved",
  REJECTED: "Rejected",
  REVOKED: "Revoked",
};

/** The DCC decides a pending URL once; the party (or the DCC) withdraws a pending or approved one. */
export const ENDPOINT_MACHINE: StateMachine<EndpointStatus> = {
  labels: ENDPOINT_STATUS_LABELS,
  moves: { PENDING: ["APPROVED", "REJECTED", "REVOKED"], APPROVED: ["REVOKED"], REJECTED: [], REVOKED: [] },
};

/** URLs in force or asked for: what the limit and the duplicate check count (a rejected or revoked URL is history). */
const LIVE_STATUSES: EndpointStatus[] = ["PENDING", "APPROVED"];
export const MAX_LIVE_ENDPOINTS = 5;
export const MAX_URL_LENGTH = 500;

const url = requiredText("The URL", MAX_URL_LENGTH).transform((value, ctx) => {
  const refuse = (message: string) => (ctx.addIssue({ code: "custom", message }), z.NEVER);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return refuse("Give the full URL, starting with https:// or http://.");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return refuse("The URL must start with https:// or http://.");
  // Credentials in a URL end up in logs and in the DCC admin's list.
  if (parsed.username || parsed.password) return refuse("The URL must not contain a user name or password.");
  // A fragment is never sent to the server, so it cannot be part of the address.
  if (value.includes("#")) return refuse("The URL must not contain a fragment (#…).");
  if (parsed.href.length > MAX_URL_LENGTH) return refuse(`The URL: at most ${MAX_URL_LENGTH} characters.`);
  return parsed.href;
});

const registerSchema = z.object({ url });
const decideSchema = z.object({
  id: reference("Which Receive Response URL?"),
  decision: z.enum(["APPROVE", "REJECT"], "Choose whether to approve or reject the URL."),
});

const what = "That Receive Response URL";
const refOf = (endpoint: { url: string }) => `Receive Response URL ${endpoint.url}`;

/** DCC admins act on every party's URLs (deciding, revoking, reading); a party's staff on their own party's. */
const endpointAction = (actor: Actor): Action => (can(actor, "response-endpoint.decide") ? "response-endpoint.decide" : "response-endpoint.manage");

/** Prisma `where` fragment: the party-owned records (URLs, their deliveries) the actor may list. */
export const responseEndpointScope = (actor: Actor) => partyScope(actor, endpointAction(actor));

/** The actor's party asks for a new Receive Response URL; it is used once a DCC admin approves it. */
export async function registerResponseEndpoint(actor: Actor, input: z.input<typeof registerSchema>) {
  const { partyId = actor.partyId } = partyScope(actor, "response-endpoint.manage");
  const data = registerSchema.parse(input);
  return db().$transaction(async (tx) => {
    // Serialises a party's registrations, so that two at once cannot pass the limit or the duplicate check together.
    await tx.$queryRaw`SELECT id FROM "Party" WHERE id = ${partyId} FOR UPDATE`;
    const live = await tx.responseEndpoint.findMany({ where: { partyId, status: { in: LIVE_STATUSES } }, select: { url: true } });
    if (live.some((endpoint) => endpoint.url === data.url)) {
      throw new AppError("CONFLICT", `${data.url} is already registered.`, { url: "This URL is already registered." });
    }
    if (live.length >= MAX_LIVE_ENDPOINTS) {
      throw new AppError("CONFLICT", `Your organisation already has ${MAX_LIVE_ENDPOINTS} Receive Response URLs approved or awaiting approval: revoke one first.`, {
        url: `At most ${MAX_LIVE_ENDPOINTS} URLs.`,
      });
    }
    const endpoint = await tx.responseEndpoint.create({ data: { partyId, url: data.url, status: "PENDING", requestedById: actor.accountId, createdAt: now() } });
    await audit(tx, actor, { action: "response-endpoint.request", entityType: "ResponseEndpoint", entityId: endpoint.id, partyId, after: { url: endpoint.url, status: endpoint.status } });
    return endpoint;
  });
}

/** A DCC admin approves or rejects a pending URL, exactly once: of two decisions at once, the second is refused. */
export async function decideResponseEndpoint(actor: Actor, input: z.input<typeof decideSchema>) {
  const data = decideSchema.parse(input);
  const to: EndpointStatus = data.decision === "APPROVE" ? "APPROVED" : "REJECTED";
  return db().$transaction(async (tx) => {
    const endpoint = authorizeResource(actor, "response-endpoint.decide", await tx.responseEndpoint.findUnique({ where: { id: data.id } }), what);
    const decided = await transition(tx, "responseEndpoint", ENDPOINT_MACHINE, { ...endpoint, ref: refOf(endpoint) }, to, { decidedById: actor.accountId, decidedAt: now() });
    await audit(tx, actor, {
      action: to === "APPROVED" ? "response-endpoint.approve" : "response-endpoint.reject",
      entityType: "ResponseEndpoint",
      entityId: endpoint.id,
      partyId: endpoint.partyId,
      before: { url: endpoint.url, status: endpoint.status },
      after: { status: decided.status },
    });
    return decided;
  });
}

/** The party withdraws a pending or approved URL (or a DCC admin does): nothing is posted to it afterwards. */
export async function revokeResponseEndpoint(actor: Actor, input: { id: unknown }) {
  const id = reference("Which Receive Response URL?").parse(input.id);
  return db().$transaction(async (tx) => {
    const endpoint = authorizeResource(actor, endpointAction(actor), await tx.responseEndpoint.findUnique({ where: { id } }), what);
    const revoked = await transition(tx, "responseEndpoint", ENDPOINT_MACHINE, { ...endpoint, ref: refOf(endpoint) }, "REVOKED");
    await audit(tx, actor, {
      action: "response-endpoint.revoke",
      entityType: "ResponseEndpoint",
      entityId: endpoint.id,
      partyId: endpoint.partyId,
      before: { url: endpoint.url, status: endpoint.status },
      after: { status: revoked.status },
    });
    return revoked;
  });
}

/** The party's URLs, or for a DCC admin every party's; those awaiting approval first, then the newest. */
export async function listResponseEndpoints(actor: Actor) {
  return db().responseEndpoint.findMany({
    where: responseEndpointScope(actor),
    // PostgreSQL sorts an enum by its declared order: PENDING first.
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    select: {
      id: true,
      url: true,
      status: true,
      createdAt: true,
      decidedAt: true,
      party: { select: { id: true, name: true } },
      requestedBy: { select: { name: true } },
      decidedBy: { select: { name: true } },
    },
  });
}
