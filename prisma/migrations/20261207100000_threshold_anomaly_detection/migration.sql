-- CreateEnum
CREATE TYPE "AdtSubmissionStatus" AS ENUM ('OPEN', 'VALIDATION_FAILED', 'AWAITING_SRO_CONFIRMATION', 'APPLIED', 'DECLINED');

-- CreateEnum
CREATE TYPE "ThresholdKind" AS ENUM ('ADT', 'WARNING', 'PACKET');

-- CreateEnum
CREATE TYPE "QuarantineStatus" AS ENUM ('QUARANTINED', 'RELEASED', 'DELETED_BY_USER', 'DELETED_BY_DCC', 'ARCHIVED', 'PURGED');

-- CreateEnum
CREATE TYPE "TadIncidentKind" AS ENUM ('QUARANTINE', 'WARNING');

-- CreateEnum
CREATE TYPE "TadBreach" AS ENUM ('PACKET', 'DCC', 'USER');

-- CreateEnum
CREATE TYPE "DccAdvice" AS ENUM ('MUST_DELETE', 'USER_DECIDES', 'NO_ACTION');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ServiceRequestStatus" ADD VALUE 'QUARANTINED';
ALTER TYPE "ServiceRequestStatus" ADD VALUE 'DELETED';

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "tad" "TadIncidentKind";

-- CreateTable
CREATE TABLE "AdtSubmission" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "fastTrack" BOOLEAN NOT NULL DEFAULT false,
    "justification" TEXT,
    "status" "AdtSubmissionStatus" NOT NULL,
    "raisedById" TEXT NOT NULL,
    "raisedAt" TIMESTAMP(3) NOT NULL,
    "fileName" TEXT,
    "fileCsv" TEXT,
    "signature" TEXT,
    "certificateSerial" TEXT,
    "receivedAt" TIMESTAMP(3),
    "deadline" TIMESTAMP(3),
    "reason" TEXT,
    "lineErrors" JSONB,
    "guidanceIssues" JSONB,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "appliedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AdtSubmission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThresholdSet" (
    "id" TEXT NOT NULL,
    "partyId" TEXT,
    "userRole" "UserRole",
    "version" INTEGER NOT NULL,
    "temporary" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL,
    "appliedAt" TIMESTAMP(3) NOT NULL,
    "submissionId" TEXT,
    "createdById" TEXT,

    CONSTRAINT "ThresholdSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Threshold" (
    "id" TEXT NOT NULL,
    "setId" TEXT NOT NULL,
    "srv" TEXT NOT NULL,
    "kind" "ThresholdKind" NOT NULL,
    "maxCount" INTEGER,
    "periodMinutes" INTEGER,
    "param" TEXT,
    "minValue" DOUBLE PRECISION,
    "maxValue" DOUBLE PRECISION,

    CONSTRAINT "Threshold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TadCount" (
    "scope" TEXT NOT NULL,
    "srv" TEXT NOT NULL,
    "minute" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "TadCount_pkey" PRIMARY KEY ("scope","srv","minute")
);

-- CreateTable
CREATE TABLE "TadWarning" (
    "id" TEXT NOT NULL,
    "serviceRequestId" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "srv" TEXT NOT NULL,
    "thresholdId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "incidentId" TEXT,

    CONSTRAINT "TadWarning_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuarantineItem" (
    "id" TEXT NOT NULL,
    "serviceRequestId" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "srv" TEXT NOT NULL,
    "deviceId" TEXT,
    "breach" "TadBreach" NOT NULL,
    "thresholdId" TEXT,
    "incidentId" TEXT NOT NULL,
    "status" "QuarantineStatus" NOT NULL,
    "dccAdvice" "DccAdvice",
    "quarantinedAt" TIMESTAMP(3) NOT NULL,
    "downloadUntil" TIMESTAMP(3) NOT NULL,
    "purgeAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "decidedVia" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "QuarantineItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QcaUpload" (
    "id" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileCsv" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "accepted" BOOLEAN NOT NULL,
    "reasons" JSONB,
    "uploadedById" TEXT NOT NULL,

    CONSTRAINT "QcaUpload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AdtSubmission_reference_key" ON "AdtSubmission"("reference");

-- CreateIndex
CREATE INDEX "AdtSubmission_partyId_raisedAt_idx" ON "AdtSubmission"("partyId", "raisedAt" DESC);

-- CreateIndex
CREATE INDEX "AdtSubmission_status_idx" ON "AdtSubmission"("status");

-- CreateIndex
CREATE INDEX "ThresholdSet_partyId_userRole_active_idx" ON "ThresholdSet"("partyId", "userRole", "active");

-- CreateIndex
CREATE UNIQUE INDEX "ThresholdSet_partyId_userRole_version_key" ON "ThresholdSet"("partyId", "userRole", "version");

-- CreateIndex
CREATE INDEX "Threshold_setId_srv_idx" ON "Threshold"("setId", "srv");

-- CreateIndex
CREATE INDEX "TadWarning_partyId_incidentId_idx" ON "TadWarning"("partyId", "incidentId");

-- CreateIndex
CREATE UNIQUE INDEX "QuarantineItem_serviceRequestId_key" ON "QuarantineItem"("serviceRequestId");

-- CreateIndex
CREATE INDEX "QuarantineItem_partyId_status_quarantinedAt_idx" ON "QuarantineItem"("partyId", "status", "quarantinedAt");

-- CreateIndex
CREATE INDEX "QuarantineItem_incidentId_idx" ON "QuarantineItem"("incidentId");

-- CreateIndex
CREATE INDEX "QuarantineItem_status_downloadUntil_idx" ON "QuarantineItem"("status", "downloadUntil");

-- CreateIndex
CREATE INDEX "QcaUpload_incidentId_receivedAt_idx" ON "QcaUpload"("incidentId", "receivedAt" DESC);

-- AddForeignKey
ALTER TABLE "AdtSubmission" ADD CONSTRAINT "AdtSubmission_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdtSubmission" ADD CONSTRAINT "AdtSubmission_raisedById_fkey" FOREIGN KEY ("raisedById") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdtSubmission" ADD CONSTRAINT "AdtSubmission_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThresholdSet" ADD CONSTRAINT "ThresholdSet_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThresholdSet" ADD CONSTRAINT "ThresholdSet_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "AdtSubmission"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThresholdSet" ADD CONSTRAINT "ThresholdSet_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Threshold" ADD CONSTRAINT "Threshold_setId_fkey" FOREIGN KEY ("setId") REFERENCES "ThresholdSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TadWarning" ADD CONSTRAINT "TadWarning_serviceRequestId_fkey" FOREIGN KEY ("serviceRequestId") REFERENCES "ServiceRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TadWarning" ADD CONSTRAINT "TadWarning_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TadWarning" ADD CONSTRAINT "TadWarning_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarantineItem" ADD CONSTRAINT "QuarantineItem_serviceRequestId_fkey" FOREIGN KEY ("serviceRequestId") REFERENCES "ServiceRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarantineItem" ADD CONSTRAINT "QuarantineItem_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarantineItem" ADD CONSTRAINT "QuarantineItem_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarantineItem" ADD CONSTRAINT "QuarantineItem_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QcaUpload" ADD CONSTRAINT "QcaUpload_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QcaUpload" ADD CONSTRAINT "QcaUpload_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QcaUpload" ADD CONSTRAINT "QcaUpload_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- At most one version in force per party and User Role, and one for the DCC (whose set has neither).
CREATE UNIQUE INDEX "ThresholdSet_active_key" ON "ThresholdSet" ("partyId", "userRole") WHERE active AND "partyId" IS NOT NULL;
CREATE UNIQUE INDEX "ThresholdSet_dcc_active_key" ON "ThresholdSet" ((true)) WHERE active AND "partyId" IS NULL;

-- SMSR references (SMSR0000001...).
CREATE SEQUENCE "smsr_seq";
