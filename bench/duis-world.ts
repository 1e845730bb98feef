// The DUIS benchmarks' world on PostgreSQL: the DCC and a supplier holding keys, a distributor, and `devices`
// Commissioned ESMEs each on its own registered MPAN (Device IDs 0000000000000001...) and on a Commissioned CHF (one
// per ten meters, IDs from 0000010000000001: a Command reaches a meter only through its CHF), written with set-based SQL.
import type { PrismaClient } from "@/generated/prisma/client";
import { gatewayActor } from "@/lib/duis/gateway-actor";
import { issueOrgCertificates } from "@/lib/smki/keys";

export const benchDeviceId = (n: number) => n.toString(16).toUpperCase().padStart(16, "0");
const HUB_BASE = 0x10000000000;

export async function seedBenchWorld(db: PrismaClient, devices: number) {
  const dcc = await db.party.create({ data: { name: "Bench DCC", eui64: "90B3D51F30000002", isDcc: true, roles: [] } });
  const supplier = await db.party.create({ data: { name: "Bench Supplier", eui64: "90B3D51F30010000", roles: ["IS", "GS"] } });
  const dno = await db.party.create({ data: { name: "Bench DNO", eui64: "90B3D51F30020000", roles: ["ED"] } });
  await issueOrgCertificates(db, dcc);
  await issueOrgCertificates(db, supplier);
  await gatewayActor(supplier, db);
  const started = performance.now();
  await db.$executeRawUnsafe(`INSERT INTO "MeterPoint"(mpxn, fuel, "addressLine", town, postcode) SELECT lpad(i::text, 13, '0'), 'ELECTRICITY', i || ' Bench Street', 'Benchtown', 'CV4 8DE' FROM generate_series(1, ${devices}) i`);
  await db.$executeRawUnsafe(`INSERT INTO "RegistrationRecord"(id, mpxn, "effectiveFrom", "supplierId", "networkOperatorId") SELECT 'r' || i, lpad(i::text, 13, '0'), '2000-01-01', '${supplier.id}', '${dno.id}' FROM generate_series(1, ${devices}) i`);
  await db.$executeRawUnsafe(`INSERT INTO "Device"(id, "deviceType", status, "esmeVariant", "updatedAt") SELECT upper(lpad(to_hex(i), 16, '0')), 'ESME', 'COMMISSIONED', 'SINGLE_ELEMENT', now() FROM generate_series(1, ${devices}) i`);
  await db.$executeRawUnsafe(`INSERT INTO "DeviceMeterPoint"("deviceId", mpxn, role) SELECT upper(lpad(to_hex(i), 16, '0')), lpad(i::text, 13, '0'), 'PRIMARY' FROM generate_series(1, ${devices}) i`);
  const hubs = Math.ceil(devices / 10);
  await db.$executeRawUnsafe(`INSERT INTO "Device"(id, "deviceType", status, "updatedAt") SELECT upper(lpad(to_hex(${HUB_BASE} + i), 16, '0')), 'CHF', 'COMMISSIONED', now() FROM generate_series(1, ${hubs}) i`);
  await db.$executeRawUnsafe(`INSERT INTO "DeviceAssociation"("deviceId", "associatedDeviceId") SELECT upper(lpad(to_hex(i), 16, '0')), upper(lpad(to_hex(${HUB_BASE} + 1 + (i - 1) / 10), 16, '0')) FROM generate_series(1, ${devices}) i`);
  await db.$executeRawUnsafe(`ANALYZE`);
  return { dcc, supplier, dno, seededMs: Math.round(performance.now() - started) };
}
