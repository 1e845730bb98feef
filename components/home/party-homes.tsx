import { Card } from "@/components/ui/card";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { WorkLinks } from "./work-links";

export function SroHome() {
  return (
    <Card title="Senior Responsible Officer">
      <div data-testid="home-sro">
        <WorkLinks links={[["/audit", "Audit trail", "your organisation's recorded actions and decisions"]]} />
      </div>
    </Card>
  );
}

export function PartyUserHome({ actor }: { actor: Actor }) {
  return (
    <Card title="Your organisation's work">
      <div data-testid="home-party-user">
        <WorkLinks
          links={[
            ["/smi", "Inventory", "search the Smart Metering Inventory, open a device, send SR 8.4 and SR 8.3"],
            ["/smi/pre-notify", "Pre-notify a device", "SR 12.2: add a meter or HAN device to the SMI before installing it"],
            ["/incidents", "Incidents", `incidents ${actor.partyName} raised or is an Interested Party of, with their SLA timers`],
            ["/incidents/new", "Raise an incident", "report a fault with a DCC service (Category 1: phone the Service Desk)"],
            ["/alerts", "DCC Alerts", `N-codes the DCC sent to ${actor.partyName}`],
            ["/audit", "Audit trail", `what accounts of ${actor.partyName} did and what was done to them`],
            [`/parties/${actor.partyId}`, "Organisation", "your party's User Roles and staff accounts"],
          ]}
        />
      </div>
    </Card>
  );
}

export function OmsHome({ actor }: { actor: Actor }) {
  const ordering = can(actor, "ch.order");
  return (
    <Card title="Communications Hub ordering">
      <div data-testid="home-oms">
        <WorkLinks
          links={[
            ["/orders", "CH orders", `${actor.partyName}'s orders, the DCC's answers, and forecast against ordered per month`],
            ["/orders/forecasts", "Forecasts", ordering ? "this month's 24-month forecast: fill in the grid or import a CSV" : "the forecasts your organisation submitted"],
            ...(ordering ? ([["/orders/new", "New order", "order CHs for one Region, delivered in the 5th month from now"]] as [string, string, string][]) : []),
            ["/orders/locations", "Delivery Locations", "where the DCC delivers your Communications Hubs"],
          ]}
        />
      </div>
    </Card>
  );
}

export function OrganisationHome({ actor }: { actor: Actor }) {
  return (
    <Card title="Your organisation">
      <div data-testid="home-organisation">
        <WorkLinks links={[[`/parties/${actor.partyId}`, actor.partyName, "User Roles and staff accounts of your party"]]} />
      </div>
    </Card>
  );
}
