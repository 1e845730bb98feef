// Six months of what the portal would have recorded around the seeded records: the audit trail of every incident and
// CH order change, the emails those changes sent (delivered to the local mailbox), and the DCC Alerts of the seeded
// SMI Status changes plus the devices' own alerts (power outages, no response).
//
// Derived from the rows the earlier modules wrote (incident and order timelines, SMI status history), so the three
// always agree with them: each timeline entry becomes the audit row lib/incidents or lib/orders writes for it (same
// action, actor, time, entity and before/after), and the emails go to whom those functions address them. Rows go in
// bulk (INSERT ... SELECT FROM unnest(...), a few thousand a statement).
import type { PrismaClient } from "@/generated/prisma/client";
import type { ChConsignmentStatus, IncidentStatus } from "@/generated/prisma/enums";
import { DCC_ALERT_NAMES, type DccAlertCode } from "@/lib/alerts/dcc-alerts";
import { AUDIT_ACTIONS, statusAuditAction, type AuditAction } from "@/lib/audit-actions";
import { actorLabel } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { formatEui64 } from "@/lib/identifiers";
import { STATUS_LABELS } from "@/lib/incidents/status-machine";
import { CONSIGNMENT_STATUS_LABELS } from "@/lib/orders/consignments";
import { registrationsOf, type DeviceRegistration } from "@/lib/smi/registrations";
import { Table, type ColumnType } from "./incidents";
import { rng } from "./random";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How far back the DCC Alerts go (the incident log's six months). */
const HISTORY_DAYS = 182;
const BATCH = 5_000;

const AUDIT_COLUMNS: [string, ColumnType][] = [
  ["id", "text"],
  ["at", "timestamp(3)"],
  ["actorId", "text"],
  ["partyId", "text"],
  ["action", "text"],
  ["entityType", "text"],
  ["entityId", "text"],
  ["before", "jsonb"],
  ["after", "jsonb"],
];
const OUTBOX_COLUMNS: [string, ColumnType][] = [
  ["id", "text"],
  ["createdAt", "timestamp(3)"],
  ["eventType", "text"],
  ["toAddress", "text"],
  ["toAccountId", "text"],
  ["partyId", "text"],
  ["subject", "text"],
  ["body", "text"],
  ["status", "EmailStatus"],
  ["attempts", "int"],
  ["nextAttemptAt", "timestamp(3)"],
  ["sentAt", "timestamp(3)"],
  ["transport", "text"],
  ["messageId", "text"],
];
const ALERT_COLUMNS: [string, ColumnType][] = [
  ["id", "text"],
  ["code", "text"],
  ["deviceId", "text"],
  ["partyId", "text"],
  ["message", "text"],
  ["createdAt", "timestamp(3)"],
];

interface Recipient {
  accountId: string;
  email: string;
  partyId: string;
}

class HistoryRows {
  audit = new Table("AuditEvent", AUDIT_COLUMNS);
  outbox = new Table("OutboxEmail", OUTBOX_COLUMNS);
  alerts = new Table("DccAlert", ALERT_COLUMNS);

  addAudit(at: number, actorId: string | null, action: AuditAction, entity: { type: string; id: string; partyId: string | null }, before: object | null, after: object | null) {
    this.audit.push([`ae_seed_${this.audit.size.toString(36)}`, at, actorId, entity.partyId, action, entity.type, entity.id, before && JSON.stringify(before), after && JSON.stringify(after)]);
  }

  /** One email per recipient, sent by the mailbox a few seconds after the change that queued it. */
  addEmails(at: number, eventType: string, to: Recipient[], subject: string, body: string) {
    for (const r of to) {
      const id = `ob_seed_${this.outbox.size.toString(36)}`;
      this.outbox.push([id, at, eventType, r.email, r.accountId, r.partyId, subject, body, "SENT", 1, at, at + 2_000 + (this.outbox.size % 40) * 500, "mailbox", `<${id}@ssi.demo>`]);
    }
  }

  addAlert(at: number, code: DccAlertCode, deviceId: string, partyId: string, message: string) {
    this.alerts.push([`da_seed_${this.alerts.size.toString(36)}`, code, deviceId, partyId, message, at]);
  }
}

async function write(db: PrismaClient, table: Table) {
  const sql = table.sql(1);
  const params = table.params();
  for (let i = 0; i < table.size; i += BATCH) await db.$executeRawUnsafe(sql, ...params.map((column) => column.slice(i, i + BATCH)));
}

// ─── Accounts ─────────────────────────────────────────────────────────────────────────────────────────────────────

interface Accounts {
  /** Timelines name their actor by actorLabel: back to the account. */
  byLabel: Map<string, string>;
  byId: Map<string, Recipient & { disabled: boolean; partyName: string }>;
  /** Each party's users (PARTY_USER): who incident emails reach for an Interested Party. */
  users: Map<string, Recipient[]>;
  /** Each party's OMS accounts (CH Ordering, CH Delivery and Returns): who order notices reach. */
  oms: Map<string, Recipient[]>;
}

async function loadAccounts(db: PrismaClient): Promise<Accounts> {
  const accounts = await db.account.findMany({ include: { party: { select: { name: true } } }, orderBy: { email: "asc" } });
  const accountsData: Accounts = { byLabel: new Map(), byId: new Map(), users: new Map(), oms: new Map() };
  const add = (map: Map<string, Recipient[]>, r: Recipient) => map.set(r.partyId, [...(map.get(r.partyId) ?? []), r]);
  for (const a of accounts) {
    const r = { accountId: a.id, email: a.email, partyId: a.partyId };
    accountsData.byLabel.set(actorLabel({ name: a.name, partyName: a.party.name }), a.id);
    accountsData.byId.set(a.id, { ...r, disabled: a.disabled, partyName: a.party.name });
    if (a.disabled) continue;
    if (a.permissions.includes("PARTY_USER")) add(accountsData.users, r);
    if (a.permissions.some((p) => p === "CH_ORDERING" || p === "CH_DELIVERY_RETURNS")) add(accountsData.oms, r);
  }
  return accountsData;
}

// ─── Incidents: one audit row per change (lib/incidents/incident-log logIncidentChange), emails as each function sends ──

interface IncidentEventRow {
  incidentId: string;
  at: Date;
  actorId: string | null;
  kind: string;
  field: string | null;
  fromValue: string | null;
  toValue: string | null;
  text: string | null;
  ref: string;
  summary: string;
  raisedByPartyId: string;
  raisedById: string | null;
}

/** The audit action of a field change, by the fields it set (as manage-incident's functions name them). */
function fieldAction(fields: Set<string>): AuditAction {
  if (fields.has("resolverGroup") || fields.has("assigneeId")) return "incident.assign";
  if (fields.has("category")) return "incident.change-category";
  if (fields.has("problemId")) return "incident.link-problem";
  if (fields.has("isMajor")) return "incident.flag-major";
  if (fields.has("majorSummarySentAt") || fields.has("majorReviewSentAt")) return "incident.major-report";
  return "incident.set-status";
}

const KIND_ACTIONS: Record<string, AuditAction> = {
  raised: "incident.raise",
  note: "incident.note",
  "interested-party": "incident.add-interested-party",
  dispute: "incident.dispute",
  reopen: "incident.reopen",
  "auto-close": "incident.auto-close",
};

async function incidentHistory(db: PrismaClient, rows: HistoryRows, accounts: Accounts) {
  const events = await db.$queryRawUnsafe<IncidentEventRow[]>(`
    SELECT e."incidentId", e.at, e."actorId", e.kind, e.field, e."fromValue", e."toValue", e.text, i.ref, i.summary, i."raisedByPartyId", i."raisedById"
    FROM "IncidentEvent" e JOIN "Incident" i ON i.id = e."incidentId"
    WHERE e.id LIKE 'ie\_%'
    ORDER BY i.number, e.at, e.id`);
  const interested = new Map<string, { partyId: string; addedAt: number }[]>();
  for (const p of await db.incidentInterestedParty.findMany({ select: { incidentId: true, partyId: true, addedAt: true } })) {
    interested.set(p.incidentId, [...(interested.get(p.incidentId) ?? []), { partyId: p.partyId, addedAt: p.addedAt.getTime() }]);
  }

  // The incident as it stands after each change, for the emails' closing line.
  let current = { id: "", status: "NEW" as IncidentStatus, category: "", resolverGroup: null as string | null };
  let changes = 0;
  for (let i = 0; i < events.length; ) {
    // One logIncidentChange call: the rows of one change share incident, time, actor and kind; only the first has text.
    const first = events[i];
    const group = [first];
    for (i++; i < events.length; i++) {
      const e = events[i];
      if (e.incidentId !== first.incidentId || e.at.getTime() !== first.at.getTime() || e.actorId !== first.actorId || e.kind !== first.kind || !first.field || !e.field || e.text !== null) break;
      group.push(e);
    }
    changes++;
    if (first.incidentId !== current.id) current = { id: first.incidentId, status: "NEW", category: /Category (\d)/.exec(first.text ?? "")?.[1] ?? "", resolverGroup: null };
    const at = first.at.getTime();
    const fields = group.filter((e) => e.field);
    const action = fields.length && first.kind === "field" ? fieldAction(new Set(fields.map((e) => e.field!))) : KIND_ACTIONS[first.kind];
    if (!action) throw new Error(`seedHistory: no audit action for the incident event kind "${first.kind}"`);
    const changed = (field: string) => fields.find((e) => e.field === field);
    for (const e of fields) {
      if (e.field === "status") current.status = e.toValue as IncidentStatus;
      if (e.field === "category") current.category = e.toValue ?? current.category;
      if (e.field === "resolverGroup") current.resolverGroup = e.toValue;
    }
    rows.addAudit(
      at,
      first.actorId,
      action,
      { type: "Incident", id: first.ref, partyId: first.raisedByPartyId },
      fields.length ? Object.fromEntries(fields.map((e) => [e.field, e.fromValue])) : null,
      fields.length ? Object.fromEntries(fields.map((e) => [e.field, e.toValue])) : first.text ? { text: first.text } : null,
    );

    const actorParty = first.actorId ? accounts.byId.get(first.actorId)?.partyName : undefined;
    const text = first.text ?? "";
    const status = changed("status")?.toValue as IncidentStatus | undefined;
    const email: [string, string, string] | null =
      action === "incident.raise"
        ? ["incident.raised", "incident logged", "Your incident has been logged in the Incident Management Log."]
        : action === "incident.assign"
          ? ["incident.assigned", "assigned", `Your incident has been assigned to ${changed("resolverGroup")?.toValue ?? current.resolverGroup ?? "a Service Desk agent"}.`]
          : action === "incident.set-status" && status
            ? status === "RESOLVED"
              ? ["incident.resolved", "resolved", `Your incident has been resolved: ${text}\nIf it is not resolved, dispute it within 3 Working Days in the portal.`]
              : ["incident.status", `status ${STATUS_LABELS[status]}`, `Your incident is now ${STATUS_LABELS[status]}.${text ? `\n${text}` : ""}`]
            : action === "incident.change-category"
              ? ["incident.category", `now Category ${changed("category")?.toValue}`, `The DCC changed the category from ${changed("category")?.fromValue} to ${changed("category")?.toValue}: ${text}`]
              : action === "incident.add-interested-party"
                ? ["incident.interested-party", "you are an Interested Party", `${text.replace(/ added as an Interested Party\.$/, "")} is now an Interested Party of this incident.`]
                : action === "incident.dispute"
                  ? ["incident.disputed", "resolution disputed", `${actorParty} disputed the resolution: ${text}`]
                  : action === "incident.reopen"
                    ? ["incident.reopened", "re-opened", `${actorParty} re-opened the incident: ${text}`]
                    : action === "incident.auto-close"
                      ? ["incident.closed", "closed", "Your incident was closed: nobody disputed the resolution within 3 Working Days."]
                      : null;
    if (!email) continue;
    // emailIncidentParties: the raiser's account and the users of the Interested Parties at that moment.
    const to = new Map<string, Recipient>();
    const raiser = first.raisedById ? accounts.byId.get(first.raisedById) : undefined;
    if (raiser && !raiser.disabled) to.set(raiser.email, raiser);
    for (const p of interested.get(first.incidentId) ?? []) {
      if (p.addedAt <= at) for (const u of accounts.users.get(p.partyId) ?? []) to.set(u.email, u);
    }
    const [eventType, subject, body] = email;
    rows.addEmails(at, eventType, [...to.values()], `${first.ref}: ${subject}`, `${body}\n\nIncident ${first.ref} — ${first.summary}\nCategory ${current.category}, status ${current.status}.`);
  }
  return changes;
}

// ─── CH orders and consignments: the audit row and OMS notice of each timeline entry ────────────────────────────────

interface OrderEventRow {
  at: Date;
  actorName: string;
  kind: string;
  text: string;
  ref: string;
  partyId: string;
  region: string;
  consignmentRef: string | null;
}

async function orderHistory(db: PrismaClient, rows: HistoryRows, accounts: Accounts) {
  const events = await db.$queryRawUnsafe<OrderEventRow[]>(`
    SELECT e.at, e."actorName", e.kind, e.text, o.ref, o."partyId", o.region::text AS region, c.ref AS "consignmentRef"
    FROM "ChOrderEvent" e JOIN "ChOrder" o ON o.id = e."orderId" LEFT JOIN "ChConsignment" c ON c.id = e."consignmentId"
    WHERE e.id LIKE 'cho\_%' OR e.id LIKE 'chc\_%'
    ORDER BY e.at, e.id`);
  for (const e of events) {
    const at = e.at.getTime();
    const actorId = accounts.byLabel.get(e.actorName) ?? null;
    const region = e.region.toLowerCase();
    const order = { type: "ChOrder", id: e.ref, partyId: e.partyId };
    const consignment = { type: "ChConsignment", id: e.consignmentRef ?? "", partyId: e.partyId };
    let entry: { action: AuditAction; entity: typeof order; eventType: string; subject: string; after: object };
    if (e.kind.startsWith("consignment.")) {
      const step = e.kind.slice("consignment.".length);
      const cref = e.consignmentRef!;
      if (step === "scheduled" || step === "replacement") {
        entry = { action: step === "scheduled" ? "ch-consignment.raise" : "ch-consignment.pick-replacement", entity: consignment, eventType: "ch-consignment.scheduled", subject: `Consignment ${cref} scheduled`, after: { text: e.text } };
      } else if (step === "replacement-offered") {
        entry = { action: "ch-consignment.offer-replacement", entity: consignment, eventType: "ch-consignment.replacement-offered", subject: `Consignment ${cref}: pick a replacement date`, after: { text: e.text } };
      } else {
        const status = step.toUpperCase() as ChConsignmentStatus;
        const action = statusAuditAction("ch-consignment", status);
        if (!(action in AUDIT_ACTIONS) || !(status in CONSIGNMENT_STATUS_LABELS)) throw new Error(`seedHistory: no audit action for the order event kind "${e.kind}"`);
        entry = { action, entity: consignment, eventType: `ch-consignment.${step}`, subject: `Consignment ${cref}: ${CONSIGNMENT_STATUS_LABELS[status]}`, after: { status } };
      }
    } else if (e.kind === "submitted") {
      entry = { action: "ch-order.submit", entity: order, eventType: "ch-order.submitted", subject: `Order ${e.ref} received`, after: { text: e.text } };
    } else if (e.kind === "deemed") {
      entry = { action: "ch-order.deem", entity: order, eventType: "ch-order.deemed", subject: `Deemed order ${e.ref} for the ${region} Region`, after: { text: e.text } };
    } else if (e.kind === "decision") {
      // orderEventText.decision: the status label, then the reason.
      entry = { action: "ch-order.decide", entity: order, eventType: "ch-order.decision", subject: `Order ${e.ref}: ${e.text.split(": ")[0]}`, after: { text: e.text } };
    } else if (e.kind === "details") {
      entry = { action: "ch-order.confirm-deemed", entity: order, eventType: "ch-order.details", subject: `Deemed order ${e.ref}: delivery details confirmed`, after: { text: e.text } };
    } else if (e.kind === "cancelled") {
      // Cancelled by the party, or (the DCC's automatic processing) a deemed order whose details never came.
      entry = actorId
        ? { action: "ch-order.cancel", entity: order, eventType: "ch-order.cancelled", subject: `Order ${e.ref} cancelled`, after: { text: e.text } }
        : { action: "ch-order.deemed-cancel", entity: order, eventType: "ch-order.deemed-cancelled", subject: `Deemed order ${e.ref} cancelled`, after: { text: e.text } };
    } else {
      throw new Error(`seedHistory: no audit action for the order event kind "${e.kind}"`);
    }
    rows.addAudit(at, actorId, entry.action, entry.entity, null, entry.after);
    rows.addEmails(at, entry.eventType, accounts.oms.get(e.partyId) ?? [], entry.subject, e.text);
  }
  return events.length;
}

// ─── DCC Alerts ───────────────────────────────────────────────────────────────────────────────────────────────────

interface StatusChangeRow {
  deviceId: string;
  deviceType: string;
  toStatus: string | null;
  transition: string;
  at: Date;
  actorName: string | null;
  /** The Device Model as cpl.ts names it in N28. */
  modelName: string | null;
}

/**
 * The N-codes the seeded SMI Status changes raised (decommissions N1/N2/N9, identity confirmation N16 on whitelisting,
 * whitelist update N24 at CS14, suspension N28 on a CPL removal), then the devices' own: AD1 power outages and N13 no
 * response, on a deterministic sample of commissioned hubs and meters.
 */
async function alertHistory(db: PrismaClient, rows: HistoryRows, opts: { seed: number; base: number }) {
  const from = new Date(opts.base - HISTORY_DAYS * DAY);
  const changes = await db.$queryRawUnsafe<StatusChangeRow[]>(
    `SELECT c."deviceId", d."deviceType"::text AS "deviceType", c."toStatus"::text AS "toStatus", c.transition, c.at, c."actorName",
       m.manufacturer || ' ' || m.model || ' (hardware ' || m."hardwareVersion" || ', firmware ' || m."firmwareVersion" || ')' AS "modelName"
     FROM "DeviceStatusChange" c JOIN "Device" d ON d.id = c."deviceId" LEFT JOIN "DeviceModel" m ON m.id = d."modelId"
     WHERE c.at >= $1 AND c.transition IN ('T3', 'T4', 'T16', 'T21')
     ORDER BY c.at, c.id`,
    from,
  );
  // Hubs and meters for the devices' own alerts: a stable sample, about one in eight hubs and one in twenty meters.
  const sample = await db.$queryRawUnsafe<{ id: string; deviceType: string }[]>(
    `SELECT id, "deviceType"::text AS "deviceType" FROM "Device"
     WHERE status = 'COMMISSIONED' AND (("deviceType" = 'CHF' AND abs(hashtext(id || $1)) % 8 = 0) OR ("deviceType" IN ('ESME', 'GSME') AND abs(hashtext(id || $1)) % 20 = 0))
     ORDER BY id`,
    String(opts.seed),
  );
  const ids = [...new Set([...changes.map((c) => c.deviceId), ...sample.map((d) => d.id)])];
  const registrations = new Map<string, DeviceRegistration[]>();
  for (let i = 0; i < ids.length; i += BATCH) for (const [id, regs] of await registrationsOf(db, ids.slice(i, i + BATCH), new Date(opts.base))) registrations.set(id, regs);

  const partiesOf = (deviceId: string, who: "supplier" | "networkOperator" | "both") => {
    const regs = registrations.get(deviceId) ?? [];
    const parties = regs.flatMap((r) => (who === "supplier" ? [r.supplierId] : who === "networkOperator" ? [r.networkOperatorId] : [r.supplierId, r.networkOperatorId]));
    return [...new Set(parties)];
  };
  const mpxnOf = (deviceId: string) => registrations.get(deviceId)?.[0]?.mpxn ?? "its MPxN";
  const actorParty = (name: string | null) => /\((.+)\)$/.exec(name ?? "")?.[1] ?? "the DCC";
  const before = rows.alerts.size;

  for (const c of changes) {
    const at = c.at.getTime();
    const label = formatEui64(c.deviceId);
    if (c.transition === "T21" && (c.deviceType === "ESME" || c.deviceType === "GSME")) {
      // decommission-device: N1 / N2 to the Network Operator of the meter's MPxN.
      const code = c.deviceType === "ESME" ? "N1" : "N2";
      for (const p of partiesOf(c.deviceId, "networkOperator")) rows.addAlert(at, code, c.deviceId, p, `${c.deviceType} ${label} on ${mpxnOf(c.deviceId)} was decommissioned by ${actorParty(c.actorName)}.`);
    } else if (c.transition === "T21" && c.deviceType === "CHF") {
      for (const p of partiesOf(c.deviceId, "both")) rows.addAlert(at, "N9", c.deviceId, p, `Communications Hub ${label} was decommissioned by ${actorParty(c.actorName)}.`);
    } else if (c.transition === "T3") {
      for (const p of partiesOf(c.deviceId, "networkOperator")) rows.addAlert(at, "N16", c.deviceId, p, `${DCC_ALERT_NAMES.N16}: device ${label}.`);
    } else if (c.transition === "T4") {
      for (const p of partiesOf(c.deviceId, "supplier")) rows.addAlert(at, "N24", c.deviceId, p, `${DCC_ALERT_NAMES.N24}: device ${label}.`);
    } else if (c.transition === "T16") {
      for (const p of partiesOf(c.deviceId, "both")) rows.addAlert(at, "N28", c.deviceId, p, `Device ${label} is Suspended: its Device Model ${c.modelName} was removed from the CPL.`);
    }
  }
  for (const d of sample) {
    const r = rng(opts.seed, "device-alerts", d.id);
    const at = Math.floor(opts.base - r.between(MINUTE * 30, HISTORY_DAYS * DAY));
    const code: DccAlertCode = d.deviceType === "CHF" ? "AD1" : "N13";
    const to = partiesOf(d.id, d.deviceType === "CHF" ? "both" : "supplier");
    for (const p of to) rows.addAlert(at, code, d.id, p, `${DCC_ALERT_NAMES[code]}: device ${formatEui64(d.id)}.`);
  }
  return rows.alerts.size - before;
}

// ─── The seed module ──────────────────────────────────────────────────────────────────────────────────────────────

export async function seedHistory(db: PrismaClient, opts: { seed: number; base?: number }): Promise<Record<string, number>> {
  const base = opts.base ?? now().getTime();
  const accounts = await loadAccounts(db);
  const rows = new HistoryRows();
  await incidentHistory(db, rows, accounts);
  await orderHistory(db, rows, accounts);
  await alertHistory(db, rows, { seed: opts.seed, base });
  await write(db, rows.audit);
  await write(db, rows.outbox);
  await write(db, rows.alerts);
  for (const table of ["AuditEvent", "OutboxEmail", "DccAlert"]) await db.$executeRawUnsafe(`ANALYZE "${table}"`);
  return { "audit events": rows.audit.size, "emails sent": rows.outbox.size, "DCC alerts": rows.alerts.size };
}
