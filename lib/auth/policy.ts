// The one authorisation choke point. Every page, server action and route asks here; nothing else decides who may
// do what. Rules are data: an action names the portal permissions that allow it and whether it is scoped to the
// actor's own party (someone else's resource then reads as "not found", never as "forbidden").
import type { Permission } from "@/generated/prisma/enums";
import { forbidden, notFound } from "@/lib/errors";
import type { Actor } from "./actor";

/** Permissions that only accounts of the DCC may hold; party-side permissions belong to the other parties. */
export const DCC_PERMISSIONS: readonly Permission[] = ["SERVICE_DESK", "DCC_ADMIN"];
export const PARTY_PERMISSIONS: readonly Permission[] = ["PARTY_USER", "CH_ORDERING", "CH_DELIVERY_RETURNS", "ARO", "SRO"];

/** Each permission in words, wherever one is shown (badges, filters, messages, emails): never the enum. */
export const PERMISSION_NAMES: Record<Permission, string> = {
  PARTY_USER: "Party user",
  CH_ORDERING: "CH ordering",
  CH_DELIVERY_RETURNS: "CH delivery and returns",
  ARO: "Authorised Responsible Officer",
  SRO: "Senior Responsible Officer",
  SERVICE_DESK: "DCC service desk",
  DCC_ADMIN: "DCC administrator",
};

/** What each permission opens, beside its name where accounts are created and read. */
export const PERMISSION_SCOPES: Record<Permission, string> = {
  PARTY_USER: "SMI, incidents, service requests, audit trail",
  CH_ORDERING: "forecasts, orders, delivery locations",
  CH_DELIVERY_RETURNS: "deliveries and returns of CHs",
  ARO: "signed ADT and QCA files",
  SRO: "quarantine decisions",
  SERVICE_DESK: "incidents of every party",
  DCC_ADMIN: "parties, accounts and the DCC's decisions",
};

interface Rule {
  /** Any one of these permissions allows the action. `"any"`: every signed-in account. */
  allow: readonly Permission[] | "any";
  /** Holders of these permissions act across all parties; everyone else only on their own party's resources. */
  allParties?: readonly Permission[];
}

export const RULES = {
  "home.view": { allow: "any" },
  // The home page's panels, one per persona an account may combine.
  "home.service-desk": { allow: ["SERVICE_DESK"] },
  "home.sro": { allow: ["SRO"] },
  "home.party-user": { allow: ["PARTY_USER"] },
  "home.oms": { allow: ["CH_ORDERING", "CH_DELIVERY_RETURNS"] },
  "home.organisation": { allow: PARTY_PERMISSIONS },
  "party.view": { allow: "any", allParties: ["DCC_ADMIN"] },
  "party.manage": { allow: ["DCC_ADMIN"], allParties: ["DCC_ADMIN"] },
  "account.view": { allow: "any", allParties: ["DCC_ADMIN"] },
  "account.manage": { allow: ["DCC_ADMIN"], allParties: ["DCC_ADMIN"] },
  "audit.view": { allow: ["PARTY_USER", "SRO", "ARO", "SERVICE_DESK", "DCC_ADMIN"], allParties: ["DCC_ADMIN"] },
  "outbox.view": { allow: ["DCC_ADMIN"], allParties: ["DCC_ADMIN"] },
  // Read Inventory has no ownership check (D8): every party user and DCC staff may search and view any device.
  "smi.search": { allow: ["PARTY_USER", "SERVICE_DESK", "DCC_ADMIN"], allParties: ["SERVICE_DESK", "DCC_ADMIN"] },
  // Registration Data beyond the address (D8): DCC staff see every party's; a party only registrations it is part of.
  "smi.registration.view": { allow: ["PARTY_USER", "SERVICE_DESK", "DCC_ADMIN"], allParties: ["SERVICE_DESK", "DCC_ADMIN"] },
  // SR 12.2, SR 8.4, SR 8.3: sent by DCC Users' staff; the rule files add who among them (lib/smi/guards.ts).
  "smi.service-request": { allow: ["PARTY_USER"] },
  "cpl.manage": { allow: ["DCC_ADMIN"], allParties: ["DCC_ADMIN"] },
  "registration.import": { allow: ["DCC_ADMIN"], allParties: ["DCC_ADMIN"] },
  "alerts.view": { allow: ["PARTY_USER", "DCC_ADMIN"], allParties: ["DCC_ADMIN"] },
  // Incidents (D6): parties raise and follow their own; the service desk triages and changes everything.
  "incident.raise": { allow: ["PARTY_USER"] },
  "incident.view": { allow: ["PARTY_USER", "SERVICE_DESK", "DCC_ADMIN"], allParties: ["SERVICE_DESK", "DCC_ADMIN"] },
  "incident.manage": { allow: ["SERVICE_DESK"], allParties: ["SERVICE_DESK"] },
  // A resolution is disputed by the Incident Party or an Interested Party (AG 2.12.6), never by the DCC; re-opening
  // is the raiser's (AG 2.13), which the operation checks on the incident.
  "incident.dispute": { allow: ["PARTY_USER"] },
  "incident.reopen": { allow: ["PARTY_USER"] },
  // Communications Hub ordering (D1): CH_ORDERING forecasts and orders; both OMS profiles and DCC staff read.
  "ch.order": { allow: ["CH_ORDERING"] },
  "ch.view": { allow: ["CH_ORDERING", "CH_DELIVERY_RETURNS", "SERVICE_DESK", "DCC_ADMIN"], allParties: ["SERVICE_DESK", "DCC_ADMIN"] },
  "ch.decide": { allow: ["DCC_ADMIN"], allParties: ["DCC_ADMIN"] },
  // Receiving deliveries and returning CHs: either OMS profile of the party (CH Delivery and Returns exists for this).
  "ch.delivery": { allow: ["CH_ORDERING", "CH_DELIVERY_RETURNS"] },
  "ch.return": { allow: ["CH_ORDERING", "CH_DELIVERY_RETURNS"] },
  // The Service Desk records a party's return notification when its SRV 8.14.3 / 8.14.4 could not be sent (CHIMSM 9.9).
  "ch.return.record": { allow: ["SERVICE_DESK", "DCC_ADMIN"], allParties: ["SERVICE_DESK", "DCC_ADMIN"] },
  "service-alert.manage": { allow: ["SERVICE_DESK", "DCC_ADMIN"], allParties: ["SERVICE_DESK", "DCC_ADMIN"] },
  // DUIS service requests (issue 11): a party's staff compose and send as their party and read its trail; DCC staff
  // read every party's. A party's own systems send over HTTP, authenticated by their XML signature, not by this table.
  "service-request.send": { allow: ["PARTY_USER"] },
  "service-request.view": { allow: ["PARTY_USER", "SERVICE_DESK", "DCC_ADMIN"], allParties: ["SERVICE_DESK", "DCC_ADMIN"] },
  "duis.silent-rejects.view": { allow: ["DCC_ADMIN"], allParties: ["DCC_ADMIN"] },
  // Puts the DUIS reference test premises back in their starting state (`npm run duis -- reset`): the DCC only.
  "duis.reset-reference-premises": { allow: ["DCC_ADMIN"], allParties: ["DCC_ADMIN"] },
  // API keys and Receive Response URLs are the party's own integration settings; the DCC approves every URL (an
  // allow-list) before the gateway posts to it.
  "api-key.manage": { allow: ["PARTY_USER", "ARO", "DCC_ADMIN"] },
  "response-endpoint.manage": { allow: ["PARTY_USER", "ARO"] },
  "response-endpoint.decide": { allow: ["DCC_ADMIN"], allParties: ["DCC_ADMIN"] },
  // SMKI (D3): a party's ARO sees and downloads its own Organisation Certificates; DCC admins see every party's and
  // import, rotate and revoke them. Certificates are public: the SMKI search endpoint serves them without sign-in.
  "smki.view": { allow: ["ARO"] },
  "smki.manage": { allow: ["DCC_ADMIN"], allParties: ["DCC_ADMIN"] },
  // Threshold Anomaly Detection (issue 13; docs/decisions.md): an ARO raises ADT SMSRs and uploads the signed ADT File;
  // the SRO confirms out-of-guidance thresholds and decides on quarantined commands; either uploads a signed QCA File
  // (the File Signing signature authorises it); the party's other users read; DCC admins set the DCC's thresholds and
  // advice and see every party's.
  "tad.view": { allow: ["PARTY_USER", "ARO", "SRO", "SERVICE_DESK", "DCC_ADMIN"], allParties: ["SERVICE_DESK", "DCC_ADMIN"] },
  "tad.adt.submit": { allow: ["ARO"] },
  "tad.adt.confirm": { allow: ["SRO"] },
  "tad.quarantine.decide": { allow: ["SRO"] },
  "tad.qca.upload": { allow: ["ARO", "SRO"] },
  "tad.dcc.manage": { allow: ["DCC_ADMIN"], allParties: ["DCC_ADMIN"] },
  "tad.thresholds.restore": { allow: ["ARO", "DCC_ADMIN"], allParties: ["DCC_ADMIN"] },
  // The device simulator (issue 12) is the DCC's: its dashboard, behaviours, traffic and injected events.
  "simulator.view": { allow: ["DCC_ADMIN"], allParties: ["DCC_ADMIN"] },
  "simulator.manage": { allow: ["DCC_ADMIN"], allParties: ["DCC_ADMIN"] },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof RULES;

/** A resource that belongs to a party (`partyId` is Party.id); `null` partyId means DCC-internal. */
export interface PartyOwned {
  partyId: string | null;
}

function effectivePermissions(actor: Actor): Permission[] {
  // A DCC permission on a non-DCC account (or the reverse) never grants anything, whatever the data says.
  return actor.permissions.filter((p) => (actor.isDcc ? DCC_PERMISSIONS : PARTY_PERMISSIONS).includes(p));
}

/** May the actor perform this kind of action at all? (Navigation and 403 decisions.) */
export function can(actor: Actor, action: Action): boolean {
  const rule: Rule = RULES[action];
  if (rule.allow === "any") return true;
  const held = effectivePermissions(actor);
  return rule.allow.some((p) => held.includes(p));
}

/** Does the actor see every party's resources for this action, or only their own party's? */
export function seesAllParties(actor: Actor, action: Action): boolean {
  const rule: Rule = RULES[action];
  const held = effectivePermissions(actor);
  return !!rule.allParties?.some((p) => held.includes(p));
}

/** Throws FORBIDDEN when the actor lacks the permission for the action. */
export function authorize(actor: Actor, action: Action): void {
  if (!can(actor, action)) throw forbidden();
}

/**
 * Throws NOT_FOUND when the resource does not exist or belongs to another party (no existence leak), then
 * FORBIDDEN when the actor may see it but not perform the action.
 */
export function authorizeResource<T extends PartyOwned>(actor: Actor, action: Action, resource: T | null, what?: string): T {
  if (!resource || !inScope(actor, action, resource)) throw notFound(what);
  authorize(actor, action);
  return resource;
}

function inScope(actor: Actor, action: Action, resource: PartyOwned): boolean {
  return seesAllParties(actor, action) || (resource.partyId !== null && resource.partyId === actor.partyId);
}

/** Prisma `where` fragment restricting a party-owned model to what the actor may list for the action. */
export function partyScope(actor: Actor, action: Action): { partyId?: string } {
  authorize(actor, action);
  return seesAllParties(actor, action) ? {} : { partyId: actor.partyId };
}
