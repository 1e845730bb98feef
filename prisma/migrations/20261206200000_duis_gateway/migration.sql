-- CreateEnum
CREATE TYPE "CertificateUsage" AS ENUM ('XML_SIGNING', 'DIGITAL_SIGNING', 'FILE_SIGNING');

-- CreateEnum
CREATE TYPE "ServiceRequestKind" AS ENUM ('CRITICAL', 'NON_CRITICAL', 'NON_DEVICE');

-- CreateEnum
CREATE TYPE "CommandMode" AS ENUM ('ON_DEMAND', 'FUTURE_DATED_DEVICE', 'FUTURE_DATED_DSP', 'DCC_SCHEDULED');

-- CreateEnum
CREATE TYPE "ServiceRequestStatus" AS ENUM ('REJECTED', 'PRE_COMMAND_ISSUED', 'WAITING_EXECUTION', 'COMMAND_SENT', 'RESPONDED', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "DuisMessageKind" AS ENUM ('SERVICE_RESPONSE', 'DEVICE_ALERT', 'DCC_ALERT');

-- CreateEnum
CREATE TYPE "ApiKeyScope" AS ENUM ('SEND', 'READ');

-- CreateEnum
CREATE TYPE "EndpointStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'REVOKED');

-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "isSystem" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "OrgCertificate" (
    "id" TEXT NOT NULL,
    "serial" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "usage" "CertificateUsage" NOT NULL,
    "eui64" TEXT NOT NULL,
    "partyId" TEXT,
    "roleCode" TEXT,
    "pem" TEXT NOT NULL,
    "encryptedKey" TEXT,
    "notBefore" TIMESTAMP(3) NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revokedReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrgCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceRequest" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "originatorEui" TEXT NOT NULL,
    "targetEui" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "accountId" TEXT,
    "srv" TEXT NOT NULL,
    "commandVariant" INTEGER NOT NULL,
    "kind" "ServiceRequestKind" NOT NULL,
    "mode" "CommandMode" NOT NULL DEFAULT 'ON_DEMAND',
    "status" "ServiceRequestStatus" NOT NULL,
    "responseCode" TEXT,
    "deviceId" TEXT,
    "executeAt" TIMESTAMP(3),
    "scheduleId" BIGINT,
    "checks" JSONB NOT NULL,
    "requestXml" TEXT NOT NULL,
    "answerXml" TEXT,
    "preCommandPayload" TEXT,
    "spcXml" TEXT,
    "spcReceivedAt" TIMESTAMP(3),
    "commandSentAt" TIMESTAMP(3),
    "respondedAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ServiceRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SilentReject" (
    "id" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "endpoint" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requestId" TEXT,
    "requestXml" TEXT NOT NULL,
    "remoteAddress" TEXT,

    CONSTRAINT "SilentReject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DuisMessage" (
    "id" TEXT NOT NULL,
    "seq" BIGINT,
    "partyId" TEXT NOT NULL,
    "serviceRequestId" TEXT,
    "requestId" TEXT,
    "kind" "DuisMessageKind" NOT NULL,
    "code" TEXT,
    "xml" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "deliveredAt" TIMESTAMP(3),
    "deliveryAttempts" INTEGER NOT NULL DEFAULT 0,
    "deliveryError" TEXT,

    CONSTRAINT "DuisMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" "ApiKeyScope"[],
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResponseEndpoint" (
    "id" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "status" "EndpointStatus" NOT NULL DEFAULT 'PENDING',
    "requestedById" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ResponseEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DccSchedule" (
    "id" BIGSERIAL NOT NULL,
    "partyId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "srv" TEXT NOT NULL,
    "frequency" TEXT NOT NULL,
    "startDate" TIMESTAMP(3) NOT NULL,
    "endDate" TIMESTAMP(3),
    "nextRunAt" TIMESTAMP(3) NOT NULL,
    "bodyXml" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "DccSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OrgCertificate_serial_key" ON "OrgCertificate"("serial");

-- CreateIndex
CREATE INDEX "OrgCertificate_eui64_usage_idx" ON "OrgCertificate"("eui64", "usage");

-- CreateIndex
CREATE INDEX "OrgCertificate_partyId_idx" ON "OrgCertificate"("partyId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceRequest_requestId_key" ON "ServiceRequest"("requestId");

-- CreateIndex
CREATE INDEX "ServiceRequest_partyId_receivedAt_idx" ON "ServiceRequest"("partyId", "receivedAt" DESC);

-- CreateIndex
CREATE INDEX "ServiceRequest_receivedAt_idx" ON "ServiceRequest"("receivedAt");

-- CreateIndex
CREATE INDEX "ServiceRequest_deviceId_srv_status_idx" ON "ServiceRequest"("deviceId", "srv", "status");

-- CreateIndex
CREATE INDEX "ServiceRequest_status_executeAt_idx" ON "ServiceRequest"("status", "executeAt");

-- CreateIndex
CREATE INDEX "SilentReject_receivedAt_idx" ON "SilentReject"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "DuisMessage_seq_key" ON "DuisMessage"("seq");

-- CreateIndex
CREATE INDEX "DuisMessage_partyId_seq_idx" ON "DuisMessage"("partyId", "seq");

-- CreateIndex
CREATE INDEX "DuisMessage_serviceRequestId_idx" ON "DuisMessage"("serviceRequestId");

-- CreateIndex
CREATE INDEX "DuisMessage_createdAt_idx" ON "DuisMessage"("createdAt");

-- CreateIndex
CREATE INDEX "DuisMessage_partyId_deliveredAt_idx" ON "DuisMessage"("partyId", "deliveredAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_partyId_idx" ON "ApiKey"("partyId");

-- CreateIndex
CREATE INDEX "ResponseEndpoint_partyId_status_idx" ON "ResponseEndpoint"("partyId", "status");

-- CreateIndex
CREATE INDEX "DccSchedule_partyId_deviceId_idx" ON "DccSchedule"("partyId", "deviceId");

-- CreateIndex
CREATE INDEX "DccSchedule_nextRunAt_idx" ON "DccSchedule"("nextRunAt");

-- AddForeignKey
ALTER TABLE "OrgCertificate" ADD CONSTRAINT "OrgCertificate_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceRequest" ADD CONSTRAINT "ServiceRequest_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceRequest" ADD CONSTRAINT "ServiceRequest_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceRequest" ADD CONSTRAINT "ServiceRequest_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "DccSchedule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DuisMessage" ADD CONSTRAINT "DuisMessage_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DuisMessage" ADD CONSTRAINT "DuisMessage_serviceRequestId_fkey" FOREIGN KEY ("serviceRequestId") REFERENCES "ServiceRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponseEndpoint" ADD CONSTRAINT "ResponseEndpoint_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponseEndpoint" ADD CONSTRAINT "ResponseEndpoint_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponseEndpoint" ADD CONSTRAINT "ResponseEndpoint_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DccSchedule" ADD CONSTRAINT "DccSchedule_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Polling cursors (lib/duis/messages.ts): assigned in commit order by the publisher, from this sequence.
CREATE SEQUENCE "duis_message_seq";

-- The publisher's work list: messages not yet given a cursor.
CREATE INDEX "DuisMessage_unpublished_idx" ON "DuisMessage"("createdAt", "id") WHERE "seq" IS NULL;
