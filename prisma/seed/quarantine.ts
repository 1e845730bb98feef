// The demo's quarantined batch (issue 13 item 7): sro@brightwater.demo always has something to decide. A handful of
// Disable Supply (7.2) commands from Brightwater's system to its own meters, stored as the pipeline leaves a Signed
// Pre-Command held by Brightwater's User ADT (signed request, Pre-Command, signed SPC, the checks it passed, QUARANTINED
// with I99, nothing sent), quarantined through TAD's own operation (QuarantineItem, TAD incident, email). Items expire
// 120 hours after they are held, so `npm start` tops the batch up whenever none of Brightwater's is still actionable.
import crypto from "node:crypto";
import type { Device, Prisma, PrismaClient, SmiStatus } from "@/generated/prisma/client";
import { now } from "@/lib/clock";
import type { Tx } from "@/lib/db";
import { signedAnswer } from "@/lib/duis/answers";
import { srvEntry } from "@/lib/duis/catalogue";
import { runChecks, type CheckContext, type CheckResult, type TadCheckResult } from "@/lib/duis/checks";
import { CODE } from "@/lib/duis/codes";
import { readDuisRequest } from "@/lib/duis/envelope";
import { gatewayActor } from "@/lib/duis/gateway-actor";
import { GBCS_VERSION, bodyDigest, encodeCommand, signPreCommand } from "@/lib/duis/gbcs";
import { signedPreCommandXml } from "@/lib/duis/requests";
import { signDuis } from "@/lib/duis/signature";
import { parseDuisXml } from "@/lib/duis/xml";
import { registrationsOf } from "@/lib/smi/registrations";
import { signingKeyFor } from "@/lib/smki/keys";
import { trafficXml } from "@/lib/simulator/traffic/send";
import { quarantineCommunications, type Held } from "@/lib/tad/quarantine-create";
import { activeThresholds, userScope } from "@/lib/tad/thresholds";

export const DEMO_QUARANTINE_PARTY = "Brightwater Energy";
/** Commands in a fresh batch. */
export const DEMO_QUARANTINE_ITEMS = 5;
/** `npm start` (and the e2e server) tops the batch up unless this is "0". */
export const DEMO_QUARANTINE_ENV = "SSI_DEMO_QUARANTINE";

export const demoQuarantineEnabled = (value: string | undefined = process.env[DEMO_QUARANTINE_ENV]) => value?.trim() !== "0";

/** Brightwater's Commissioned ESMEs it is the registered supplier of, on a Commissioned CHF: a Disable Supply to each passes every check. */
async function targetMeters(tx: Tx, partyId: string, at: Date): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT d.id FROM "Device" d
    JOIN "DeviceMeterPoint" dmp ON dmp."deviceId" = d.id AND dmp.role = 'PRIMARY'
    JOIN "RegistrationRecord" r ON r.mpxn = dmp.mpxn AND r."effectiveFrom" <= ${at} AND (r."effectiveTo" IS NULL OR r."effectiveTo" > ${at})
    WHERE d."deviceType" = 'ESME' AND d.status = 'COMMISSIONED' AND r."supplierId" = ${partyId}
      AND EXISTS (SELECT 1 FROM "DeviceAssociation" a JOIN "Device" h ON h.id = a."associatedDeviceId" AND h."deviceType" = 'CHF' AND h.status = 'COMMISSIONED' WHERE a."deviceId" = d.id)
    ORDER BY d.id LIMIT ${DEMO_QUARANTINE_ITEMS}`;
  return rows.map((r) => r.id);
}

function parsedRequest(xml: string) {
  const parsed = readDuisRequest(parseDuisXml(xml));
  if (!parsed.ok) throw new Error(`demo quarantine: ${parsed.problems.join("; ")}`);
  return parsed.request;
}

const withStage = (results: CheckResult[]) => results.map((r) => ({ ...r, stage: "SPC" as const }));

/**
 * A fresh batch for Brightwater unless one of its quarantined items can still be decided. Idempotent: the check and
 * the batch run in one transaction under an advisory lock, so two starts at once make one batch.
 */
export async function ensureDemoQuarantine(client: PrismaClient): Promise<{ "quarantined commands": number }> {
  const party = await client.party.findUnique({ where: { name: DEMO_QUARANTINE_PARTY } });
  // Not the demo data (or not yet seeded): nothing to top up.
  if (!party) return { "quarantined commands": 0 };
  return client.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('demo-quarantine'))`;
      const at = now();
      const actionable = await tx.quarantineItem.count({ where: { partyId: party.id, status: "QUARANTINED", downloadUntil: { gt: at } } });
      if (actionable) return { "quarantined commands": 0 };
      // An ESME's 7.2 counts under Brightwater's Import Supplier role (evaluate.ts countedRole).
      const adt = (await activeThresholds(tx)).user.get(userScope(party.id, "IS"))?.get("7.2")?.adt;
      const [xmlKey, digitalKey] = await Promise.all([signingKeyFor(tx, party.eui64, "XML_SIGNING"), signingKeyFor(tx, party.eui64, "DIGITAL_SIGNING")]);
      const meters = await targetMeters(tx, party.id, at);
      if (!adt || !xmlKey || !digitalKey || !meters.length) return { "quarantined commands": 0 };

      const entry = srvEntry("7.2")!;
      const { accountId } = await gatewayActor(party, tx);
      const devices = new Map((await tx.$queryRaw<Device[]>`SELECT * FROM "Device" WHERE id = ANY(${meters}::text[])`).map((d) => [d.id, d]));
      const registrations = await registrationsOf(tx, meters, at);
      const threshold = `User ADT of ${adt.maxCount} per ${adt.periodMinutes} minutes on SRV 7.2 (IS)`;
      const held: Held[] = [];
      for (const [i, deviceId] of meters.entries()) {
        const { xml, endpoint } = trafficXml({ from: party, srv: "7.2", to: deviceId, body: "<sr:DisableSupply/>" });
        const signed = signDuis(xml, xmlKey);
        const request = parsedRequest(signed);
        const payload = encodeCommand({ requestId: request.requestId, srv: "7.2", deviceId, bodyDigest: bodyDigest(request.body.toString()) });
        const spcXml = signDuis(signedPreCommandXml(xml, signPreCommand(payload, digitalKey.privateKey).toString("base64")), xmlKey);
        const ctx: CheckContext = {
          endpoint,
          request,
          entry,
          party: { ...party, suspendedAt: null, suspensionReason: null },
          certificateStatus: "VALID",
          receivedAt: at,
          requestIdUsed: false,
          device: devices.get(deviceId) ?? null,
          hubStatus: "COMMISSIONED" satisfies SmiStatus,
          deviceId,
          registrations: registrations.get(deviceId) ?? [],
        };
        const critical = runChecks("CRITICAL", ctx);
        const spc = runChecks("SIGNED_PRE_COMMAND", { ...ctx, endpoint: "serviceS", request: parsedRequest(spcXml), preCommand: { ok: true } });
        // A meter that fails a check (e.g. a suspended party) would not reach TAD: not held.
        if (critical.failure || spc.failure) continue;
        const answerXml = await signedAnswer(
          { requestId: request.requestId, code: CODE.I0, at, body: { message: { serviceReference: entry.serviceReference, srv: "7.2", preCommand: { gbcsVersion: GBCS_VERSION, gbcsPayload: payload.toString("base64") } } } },
          tx,
        );
        // The 51st and later communications of the hour: the ADT's count the breach records.
        const found = { breach: "USER" as const, thresholdId: adt.thresholdId, threshold, reason: `${threshold} exceeded: ${adt.maxCount + 1 + i} communications.` };
        const tad: TadCheckResult = { check: "tad", result: "quarantine", breach: "USER", thresholdId: adt.thresholdId, reason: found.reason };
        const sr = await tx.serviceRequest.create({
          data: {
            id: crypto.randomUUID(),
            requestId: request.requestId,
            originatorEui: request.originatorEui,
            targetEui: request.targetEui,
            partyId: party.id,
            accountId,
            srv: "7.2",
            commandVariant: request.commandVariant,
            kind: "CRITICAL",
            mode: "ON_DEMAND",
            status: "QUARANTINED",
            responseCode: CODE.I99,
            deviceId,
            checks: [...critical.results, ...withStage(spc.results), { ...tad, stage: "SPC" }] as Prisma.InputJsonArray,
            requestXml: signed,
            answerXml,
            preCommandPayload: payload.toString("base64"),
            spcXml,
            spcReceivedAt: at,
            receivedAt: at,
          },
        });
        held.push({ serviceRequestId: sr.id, requestId: sr.requestId, partyId: party.id, srv: "7.2", deviceId, at, found });
      }
      if (held.length) await quarantineCommunications(tx, held);
      return { "quarantined commands": held.length };
    },
    { timeout: 60_000 },
  );
}
