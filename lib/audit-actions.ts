// Every action the audit trail records, with the label the trail shows for it. `audit()` takes only these, so a new
// kind of change is added here first and the trail's filter offers it at once.

export const AUDIT_ACTIONS = {
  "party.create": "Party created",
  "party.suspend": "Party suspended from sending Service Requests",
  "party.reinstate": "Party reinstated to send Service Requests",
  "account.create": "Account created",
  "account.disable": "Account disabled",
  "account.enable": "Account enabled",
  "account.lock": "Account locked after failed sign-ins",
  "account.reset-password": "Password reset",
  "account.sign-out": "Signed out everywhere",
  "saved-search.create": "Saved search created",
  "saved-search.delete": "Saved search deleted",

  "device.pre-notify": "SR 12.2 device pre-notified",
  "device.pre-notify-again": "SR 12.2 device pre-notified again",
  "device.update-details": "SR 8.4 device details updated",
  "device.update-status": "SR 8.4 SMI Status updated",
  "device.update-mpxn": "SR 8.4 MPxN updated",
  "device.delete": "SR 8.4 device deleted",
  "device.decommission": "SR 8.3 device decommissioned",
  "device.pending-expired": "Pending device removed after 12 months",
  "dcc-schedule.create": "SR 5.1 DCC Schedule created",
  "dcc-schedule.delete": "SR 5.3 DCC Schedule deleted",
  "cpl.remove-model": "CPL model removed",
  "cpl.restore-model": "CPL model current again",
  "registration.import": "Registration Data imported",
  "api-key.create": "API key created",
  "api-key.revoke": "API key revoked",
  "response-endpoint.request": "Receive Response URL registered",
  "response-endpoint.approve": "Receive Response URL approved",
  "response-endpoint.reject": "Receive Response URL rejected",
  "response-endpoint.revoke": "Receive Response URL revoked",
  "duis.reset-reference-premises": "DUIS reference premises reset",
  "simulator.behaviour.set": "Simulator behaviour set",
  "simulator.behaviour.clear": "Simulator behaviour cleared",
  "simulator.settings.update": "Simulator settings changed",
  "simulator.event.inject": "Simulator device event injected",
  "simulator.traffic.start": "Simulator traffic started",
  "simulator.traffic.stop": "Simulator traffic stopped",
  "certificate.import": "Organisation Certificate imported",
  "certificate.rotate": "Organisation Certificate rotated",
  "certificate.revoke": "Organisation Certificate revoked",

  "incident.raise": "Incident raised",
  "incident.assign": "Incident assigned",
  "incident.set-status": "Incident status changed",
  "incident.change-category": "Incident category changed",
  "incident.add-interested-party": "Interested Party added",
  "incident.interest-request": "Interested Party request sent",
  "incident.link-problem": "Incident linked to a Problem",
  "incident.flag-major": "Major Incident flagged",
  "incident.major-report": "Major Incident report sent",
  "incident.note": "Incident note added",
  "incident.dispute": "Resolution disputed",
  "incident.reopen": "Incident re-opened",
  "incident.auto-close": "Incident closed automatically",
  "service-alert.publish": "Service Alert published",
  "service-alert.end": "Service Alert ended",

  "delivery-location.create": "Delivery Location created",
  "ch-forecast.submit": "CH forecast submitted",
  "ch-forecast.deem": "CH forecast deemed",
  "ch-order.submit": "CH order submitted",
  "ch-order.decide": "CH order answered by the DCC",
  "ch-order.cancel": "CH order cancelled",
  "ch-order.deem": "CH order deemed",
  "ch-order.confirm-deemed": "Deemed CH order confirmed",
  "ch-order.deemed-cancel": "Unconfirmed deemed CH order cancelled",
  "ch-consignment.raise": "Consignment scheduled",
  "ch-consignment.offer-replacement": "Replacement delivery dates offered",
  "ch-consignment.pick-replacement": "Replacement delivery date picked",
  "ch-consignment.scheduled": "Consignment back to Scheduled",
  "ch-consignment.delivered": "Consignment delivered",
  "ch-consignment.cancelled": "Consignment cancelled",
  "ch-consignment.deemed_cancelled": "Consignment deemed cancelled",
  "ch-consignment.confirmed_compliant": "Consignment confirmed compliant",
  "ch-consignment.deemed_compliant": "Consignment deemed compliant",
  "ch-consignment.non_compliant_short": "Consignment short",
  "ch-consignment.rejected": "Consignment rejected",
  "ch-consignment.collected": "Rejected consignment collected",
  "ch-return.notify": "CH return notified",
  "ch-return.notified": "CH return back to Notified",
  "ch-return.rma_requested": "CH return: RMA requested",
  "ch-return.rma_authorised": "CH return: RMA authorised",
  "ch-return.received": "CH return received",
  "ch-return.under_analysis": "CH return under analysis",
  "ch-return.report_issued": "CH return: Fault Analysis Report issued",
  "ch-return.objected": "CH return: report objected to",
  "ch-return.closed": "CH return closed",
  "ch-return.lost": "CH return lost",
  "ch-rma.request": "RMA requested",
  "ch-rma.authorised": "RMA authorised",
  "ch-rma.rejected": "RMA rejected",
  "ch-rma.receive": "RMA delivery received",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];

/** The audit action of a status move, e.g. `ch-return.lost`: typed, so a status without an action fails to compile. */
export function statusAuditAction<P extends string, S extends string>(prefix: P, status: S) {
  return `${prefix}.${status.toLowerCase() as Lowercase<S>}` as const;
}

/** The readable label of a stored action (older rows may hold one no longer in the list). */
export function auditActionLabel(action: string): string {
  return action in AUDIT_ACTIONS ? AUDIT_ACTIONS[action as AuditAction] : action;
}
