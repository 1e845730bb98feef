// The portal's main pages, each with the persona whose page it is: the pages under app/(portal), detail pages
// reached through the first link of their list. The axe and small-screen specs visit all of them. Not here: /tad/<id>
// (the demo seeds no SMSR; e2e/tad raises its own) and pages that are files (CSV exports, the QCA File).
import { expect, type Page } from "@playwright/test";
import { DEMO_INCIDENTS } from "@/prisma/seed/demo-incidents";
import { DEMO_ORDERS } from "@/prisma/seed/demo-orders";
import { DEMO_RETURNS } from "@/prisma/seed/demo-returns";
import { DEMO_INVENTORY } from "@/prisma/seed/inventory";
import { demoEmail } from "../support";

export interface MainPage {
  /** The account whose page this is. */
  as: string;
  /** A fixed address, or where to start following `links`: on each page, the first link matching the next one. */
  path: string;
  links?: RegExp[];
}

const admin = demoEmail("admin", "dcc.demo");
const desk = demoEmail("servicedesk", "dcc.demo");
const user = demoEmail("user", "brightwater.demo");
const sro = demoEmail("sro", "brightwater.demo");
const aro = demoEmail("aro", "brightwater.demo");
const orders = demoEmail("orders", "brightwater.demo");
const deliveries = demoEmail("deliveries", "brightwater.demo");
const distributor = demoEmail("user", "northerngrid.demo");

export const MAIN_PAGES: MainPage[] = [
  // Each persona's home.
  ...[admin, desk, user, sro, aro, orders, deliveries, distributor].map((as) => ({ as, path: "/" })),
  // Inventory, alerts, service requests, incidents: a supplier's user.
  { as: user, path: "/smi" },
  { as: user, path: `/smi?q=${DEMO_INVENTORY.dualFuel.postcode}` },
  { as: user, path: `/smi/devices/${DEMO_INVENTORY.dualFuel.esme}` },
  { as: user, path: "/smi/pre-notify" },
  { as: user, path: "/alerts" },
  { as: user, path: "/service-requests" },
  { as: user, path: "/service-requests", links: [/^\/service-requests\/(?!new|export|silent-rejects)[^/?]+$/] },
  { as: user, path: "/service-requests/new" },
  { as: user, path: "/incidents" },
  { as: user, path: "/incidents/new" },
  { as: user, path: `/incidents/${DEMO_INCIDENTS.brightwaterBreached.ref}` },
  { as: user, path: "/integration" },
  { as: user, path: "/audit" },
  { as: user, path: "/audit", links: [/^\/audit\/(?!export)[^/?]+$/] },
  { as: user, path: "/", links: [/^\/parties\/[^/?]+$/] },
  { as: user, path: "/", links: [/^\/accounts\/[^/?]+$/] },
  // The Service Desk.
  { as: desk, path: "/incidents" },
  { as: desk, path: `/incidents/${DEMO_INCIDENTS.brightwaterAtRisk.ref}` },
  { as: desk, path: "/incidents/phoned" },
  { as: desk, path: "/incidents/service-alerts" },
  { as: desk, path: "/incidents/sla-report" },
  // Threshold anomaly detection: the ARO submits, the SRO decides.
  { as: aro, path: "/tad" },
  { as: aro, path: "/tad/new" },
  { as: aro, path: "/tad/thresholds" },
  { as: aro, path: "/certificates" },
  { as: aro, path: "/certificates", links: [/^\/certificates\/(?!export)[^/?]+$/] },
  { as: sro, path: "/quarantine" },
  { as: sro, path: "/quarantine", links: [/^\/quarantine\/(?!incidents)[^/?]+$/] },
  { as: sro, path: "/quarantine", links: [/^\/quarantine\/incidents\/[^/?]+$/] },
  // CH ordering, delivery and returns.
  { as: orders, path: "/orders" },
  { as: orders, path: `/orders/${DEMO_ORDERS.brightwaterSubmitted.ref}` },
  { as: orders, path: "/orders/new" },
  { as: orders, path: "/orders/forecasts" },
  { as: orders, path: "/orders/forecasts", links: [/^\/orders\/forecasts\/(?!export|template)[^/?]+$/] },
  { as: orders, path: "/orders/locations" },
  { as: deliveries, path: "/returns" },
  { as: deliveries, path: "/returns", links: [/^\/returns\/(?!new|rma|export)[^/?]+$/] },
  { as: deliveries, path: "/returns/new" },
  { as: deliveries, path: "/returns/rma/new" },
  { as: deliveries, path: "/returns", links: [/^\/returns\/rma\/(?!new)[^/?]+$/] },
  { as: deliveries, path: `/returns/rma/${DEMO_RETURNS.brightwaterRmaAuthorised.rma}/label` },
  // The DCC admin.
  { as: admin, path: "/orders" },
  { as: admin, path: "/returns" },
  { as: admin, path: "/service-requests/silent-rejects" },
  { as: admin, path: "/admin/parties" },
  { as: admin, path: "/admin/parties/new" },
  { as: admin, path: "/admin/parties", links: [/^\/parties\/[^/?]+$/] },
  { as: admin, path: "/admin/accounts" },
  { as: admin, path: "/admin/accounts/new" },
  { as: admin, path: "/admin/accounts", links: [/^\/accounts\/[^/?]+$/] },
  { as: admin, path: "/admin/outbox" },
  { as: admin, path: "/admin/outbox", links: [/^\/admin\/outbox\/(?!export)[^/?]+$/] },
  { as: admin, path: "/admin/cpl" },
  { as: admin, path: "/admin/cpl", links: [/^\/admin\/cpl\/[^/?]+$/] },
  { as: admin, path: "/admin/registration" },
  { as: admin, path: "/admin/response-endpoints" },
  { as: admin, path: "/admin/certificates" },
  { as: admin, path: "/admin/certificates", links: [/^\/admin\/certificates\/(?!export)[^/?]+$/] },
  { as: admin, path: "/admin/simulator" },
  { as: admin, path: `/admin/simulator/devices/${DEMO_INVENTORY.dualFuel.esme}` },
  { as: admin, path: "/tad/dcc" },
  { as: admin, path: "/audit" },
];

/** "/orders/forecasts → ^\/orders\/forecasts\/[^/?]+$" or the path itself, for test titles. */
export const describePage = (p: MainPage) => [p.path, ...(p.links ?? []).map((l) => l.source)].join(" → ");

/** Open the page (following its list's first matching link) and wait for its title. */
export async function openMainPage(page: Page, target: MainPage): Promise<string> {
  const response = await page.goto(target.path);
  expect(response?.status(), `HTTP status of ${target.path}`).toBe(200);
  for (const link of target.links ?? []) {
    const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    const href = hrefs.find((h) => link.test(h));
    // The e2e database holds something behind every list here (the demo's quarantined batch gives the Service
    // Request and quarantine pages theirs): a missing link is a page left unchecked.
    expect(href, `a link matching ${link} on ${page.url()}`).toBeTruthy();
    const detail = await page.goto(href!);
    expect(detail?.status(), `HTTP status of ${href}`).toBe(200);
  }
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  return new URL(page.url()).pathname;
}
