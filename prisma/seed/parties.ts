// Demo organisations and staff accounts (D1). Emails are predictable so the README can list the demo logins.
import type { PrismaClient } from "@/generated/prisma/client";
import type { Permission, UserRole } from "@/generated/prisma/enums";
import { hashPassword } from "@/lib/auth/password";
import { REFERENCE_EUI } from "@/lib/duis/reference-users";
import { britishName } from "./names";
import { eui64From, seededFaker } from "./random";

export const DEMO_PASSWORD = "ssi-demo-password";

interface DemoParty {
  name: string;
  domain: string;
  roles: UserRole[];
  isDcc?: boolean;
  /** A fixed Party ID (EUI-64); otherwise one drawn from the seed. */
  eui64?: string;
}

export const DEMO_PARTIES: DemoParty[] = [
  // The EUI DUIS gives the DCC: Non-Device requests target it and its responses are signed under it.
  { name: "Data and Communications Company", domain: "dcc.demo", roles: [], isDcc: true, eui64: REFERENCE_EUI.dcc },
  { name: "Brightwater Energy", domain: "brightwater.demo", roles: ["IS", "GS", "ES"] },
  { name: "Harbour Energy Supply", domain: "harbour.demo", roles: ["IS", "GS"] },
  { name: "Meridian Home Energy", domain: "meridian.demo", roles: ["IS", "GS"] },
  { name: "Northgate Power", domain: "northgate.demo", roles: ["IS"] },
  { name: "Oakfield Electricity", domain: "oakfield.demo", roles: ["IS"] },
  { name: "Fenland Gas", domain: "fenland.demo", roles: ["GS"] },
  { name: "Northern Grid Distribution", domain: "northerngrid.demo", roles: ["ED"] },
  { name: "Central Networks Distribution", domain: "centralnetworks.demo", roles: ["ED"] },
  { name: "Southern Wires Distribution", domain: "southernwires.demo", roles: ["ED"] },
  { name: "Pennine Gas Networks", domain: "penninegas.demo", roles: ["GT"] },
  { name: "Wessex Gas Transport", domain: "wessexgas.demo", roles: ["GT"] },
  { name: "Metercraft Services", domain: "metercraft.demo", roles: ["RSA"] },
  { name: "Energy Insights", domain: "energyinsights.demo", roles: ["OU"] },
  // The Users the DUIS reference test data (RTDS) sends from, with the roles its templates need (docs/decisions.md).
  { name: "RTDS Supplier", domain: "rtds-supplier.demo", roles: ["IS", "ES", "GS", "OU"], eui64: REFERENCE_EUI.supplier },
  { name: "RTDS Network Operator", domain: "rtds-network.demo", roles: ["ED", "GT"], eui64: REFERENCE_EUI.networkOperator },
  { name: "RTDS Supplier 2", domain: "rtds-supplier2.demo", roles: ["IS", "GS"], eui64: REFERENCE_EUI.supplier2 },
  { name: "RTDS Load Controller", domain: "rtds-loadcontroller.demo", roles: ["OU"], eui64: REFERENCE_EUI.loadController },
];

const SUPPLIER_ROLES: UserRole[] = ["IS", "ES", "GS"];

/** Accounts per party: local part of the email and the permissions it holds. */
export function demoAccountsFor(party: DemoParty): { local: string; permissions: Permission[] }[] {
  if (party.isDcc) {
    return [
      { local: "admin", permissions: ["DCC_ADMIN"] },
      { local: "servicedesk", permissions: ["SERVICE_DESK"] },
      { local: "servicedesk2", permissions: ["SERVICE_DESK"] },
    ];
  }
  const accounts: { local: string; permissions: Permission[] }[] = [
    { local: "user", permissions: ["PARTY_USER"] },
    { local: "aro", permissions: ["ARO"] },
    { local: "sro", permissions: ["SRO"] },
  ];
  if (party.roles.some((r) => SUPPLIER_ROLES.includes(r))) {
    accounts.push(
      { local: "orders", permissions: ["CH_ORDERING"] },
      { local: "deliveries", permissions: ["CH_DELIVERY_RETURNS"] },
    );
  }
  return accounts;
}

export async function seedParties(db: PrismaClient, opts: { seed: number }) {
  const faker = seededFaker(opts.seed);
  // Every demo account shares the published demo password, so one hash gives away nothing more.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let accounts = 0;
  for (const demo of DEMO_PARTIES) {
    // Drawn for fixed ones too, so that fixing a Party ID leaves the others as they were.
    const drawn = eui64From(faker);
    const party = await db.party.create({
      data: {
        name: demo.name,
        eui64: demo.eui64 ?? drawn,
        roles: demo.roles,
        isDcc: !!demo.isDcc,
        contactEmail: `servicedesk@${demo.domain}`,
      },
    });
    const rows = demoAccountsFor(demo).map((a) => ({
      partyId: party.id,
      email: `${a.local}@${demo.domain}`,
      name: britishName(opts.seed, `${a.local}@${demo.domain}`),
      permissions: a.permissions,
      passwordHash,
    }));
    await db.account.createMany({ data: rows });
    accounts += rows.length;
  }
  return { parties: DEMO_PARTIES.length, accounts };
}
