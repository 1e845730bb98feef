import type { Actor } from "@/lib/auth/actor";
import { can, type Action } from "@/lib/auth/policy";

export interface NavItem {
  href: string;
  label: string;
  action: Action;
}

/** The portal's areas. An area appears only for accounts the policy allows; later features add their entry here. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Home", action: "home.view" },
  { href: "/smi", label: "Inventory", action: "smi.search" },
  { href: "/service-requests", label: "Service requests", action: "service-request.view" },
  { href: "/alerts", label: "DCC Alerts", action: "alerts.view" },
  { href: "/incidents", label: "Incidents", action: "incident.view" },
  { href: "/tad", label: "ADT submissions", action: "tad.view" },
  { href: "/quarantine", label: "Quarantine", action: "tad.view" },
  { href: "/orders", label: "CH orders", action: "ch.view" },
  { href: "/returns", label: "CH returns", action: "ch.view" },
  { href: "/audit", label: "Audit trail", action: "audit.view" },
  { href: "/certificates", label: "Certificates", action: "smki.view" },
  { href: "/integration", label: "Integration", action: "api-key.manage" },
  { href: "/service-requests/silent-rejects", label: "Silent rejects", action: "duis.silent-rejects.view" },
  { href: "/admin/cpl", label: "CPL", action: "cpl.manage" },
  { href: "/admin/registration", label: "Registration data", action: "registration.import" },
  { href: "/tad/dcc", label: "DCC thresholds", action: "tad.dcc.manage" },
  { href: "/admin/certificates", label: "SMKI", action: "smki.manage" },
  { href: "/admin/response-endpoints", label: "Receive Response URLs", action: "response-endpoint.decide" },
  { href: "/admin/simulator", label: "Device simulator", action: "simulator.view" },
  { href: "/admin/parties", label: "Parties", action: "party.manage" },
  { href: "/admin/accounts", label: "Accounts", action: "account.manage" },
  { href: "/admin/outbox", label: "Email outbox", action: "outbox.view" },
];

export function navigationFor(actor: Actor): NavItem[] {
  return NAV_ITEMS.filter((item) => can(actor, item.action));
}
