-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('NEW', 'ASSIGNED', 'IN_PROGRESS', 'PENDING', 'RESOLVED', 'CLOSED', 'REOPENED');

-- CreateEnum
CREATE TYPE "IncidentChannel" AS ENUM ('SSI', 'PHONE');

-- CreateEnum
CREATE TYPE "ProblemStatus" AS ENUM ('OPEN', 'CLOSED');

-- DropIndex
DROP INDEX "SavedSearch_accountId_name_key";

-- AlterTable
ALTER TABLE "SavedSearch" ADD COLUMN     "area" TEXT NOT NULL DEFAULT 'smi';

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "ref" TEXT NOT NULL,
    "category" INTEGER NOT NULL,
    "status" "IncidentStatus" NOT NULL DEFAULT 'NEW',
    "channel" "IncidentChannel" NOT NULL DEFAULT 'SSI',
    "raisedByPartyId" TEXT NOT NULL,
    "raisedById" TEXT,
    "contactName" TEXT NOT NULL,
    "contactOrganisation" TEXT NOT NULL,
    "contactDetails" TEXT NOT NULL,
    "ownReference" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "mpxn" TEXT,
    "deviceId" TEXT,
    "summary" TEXT NOT NULL,
    "businessImpact" TEXT NOT NULL,
    "triageResults" TEXT NOT NULL,
    "resolverGroup" TEXT,
    "assigneeId" TEXT,
    "pendingWithPartyId" TEXT,
    "pauseWhilePending" BOOLEAN NOT NULL DEFAULT false,
    "pausedSince" TIMESTAMP(3),
    "responseDueAt" TIMESTAMP(3) NOT NULL,
    "resolutionDueAt" TIMESTAMP(3) NOT NULL,
    "respondedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "resolutionNote" TEXT,
    "resolvedWithWorkaround" BOOLEAN NOT NULL DEFAULT false,
    "disputedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closureReason" TEXT,
    "problemId" TEXT,
    "isMajor" BOOLEAN NOT NULL DEFAULT false,
    "majorSummaryDueAt" TIMESTAMP(3),
    "majorSummarySentAt" TIMESTAMP(3),
    "majorReviewDueAt" TIMESTAMP(3),
    "majorReviewSentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentInterestedParty" (
    "incidentId" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IncidentInterestedParty_pkey" PRIMARY KEY ("incidentId","partyId")
);

-- CreateTable
CREATE TABLE "IncidentEvent" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "field" TEXT,
    "fromValue" TEXT,
    "toValue" TEXT,
    "text" TEXT,

    CONSTRAINT "IncidentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Problem" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "ref" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "knownError" BOOLEAN NOT NULL DEFAULT false,
    "status" "ProblemStatus" NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Problem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceAlert" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "deviceId" TEXT,
    "mpxn" TEXT,
    "incidentId" TEXT,
    "activeFrom" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ServiceAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Incident_number_key" ON "Incident"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_ref_key" ON "Incident"("ref");

-- CreateIndex
CREATE INDEX "Incident_status_category_resolutionDueAt_idx" ON "Incident"("status", "category", "resolutionDueAt");

-- CreateIndex
CREATE INDEX "Incident_raisedByPartyId_createdAt_idx" ON "Incident"("raisedByPartyId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Incident_assigneeId_status_idx" ON "Incident"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "Incident_createdAt_idx" ON "Incident"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "Incident_deviceId_idx" ON "Incident"("deviceId");

-- CreateIndex
CREATE INDEX "Incident_mpxn_idx" ON "Incident"("mpxn");

-- CreateIndex
CREATE INDEX "IncidentInterestedParty_partyId_idx" ON "IncidentInterestedParty"("partyId");

-- CreateIndex
CREATE INDEX "IncidentEvent_incidentId_at_idx" ON "IncidentEvent"("incidentId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Problem_number_key" ON "Problem"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Problem_ref_key" ON "Problem"("ref");

-- CreateIndex
CREATE INDEX "ServiceAlert_endedAt_activeFrom_idx" ON "ServiceAlert"("endedAt", "activeFrom");

-- CreateIndex
CREATE INDEX "ServiceAlert_deviceId_idx" ON "ServiceAlert"("deviceId");

-- CreateIndex
CREATE INDEX "ServiceAlert_mpxn_idx" ON "ServiceAlert"("mpxn");

-- CreateIndex
CREATE UNIQUE INDEX "SavedSearch_accountId_area_name_key" ON "SavedSearch"("accountId", "area", "name");

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_raisedByPartyId_fkey" FOREIGN KEY ("raisedByPartyId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_raisedById_fkey" FOREIGN KEY ("raisedById") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_pendingWithPartyId_fkey" FOREIGN KEY ("pendingWithPartyId") REFERENCES "Party"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentInterestedParty" ADD CONSTRAINT "IncidentInterestedParty_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentInterestedParty" ADD CONSTRAINT "IncidentInterestedParty_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentEvent" ADD CONSTRAINT "IncidentEvent_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAlert" ADD CONSTRAINT "ServiceAlert_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAlert" ADD CONSTRAINT "ServiceAlert_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

