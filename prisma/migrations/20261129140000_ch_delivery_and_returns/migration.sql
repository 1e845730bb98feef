-- CreateEnum
CREATE TYPE "ChConsignmentStatus" AS ENUM ('SCHEDULED', 'CANCELLED', 'DEEMED_CANCELLED', 'DELIVERED', 'CONFIRMED_COMPLIANT', 'DEEMED_COMPLIANT', 'NON_COMPLIANT_SHORT', 'REJECTED', 'COLLECTED');

-- CreateEnum
CREATE TYPE "ChDeliveryGround" AS ENUM ('SHORT', 'OVER', 'DAMAGED', 'OTHER');

-- CreateEnum
CREATE TYPE "ChReturnKind" AS ENUM ('FAULT', 'NO_FAULT');

-- CreateEnum
CREATE TYPE "ChReturnStatus" AS ENUM ('NOTIFIED', 'RMA_REQUESTED', 'RMA_AUTHORISED', 'RECEIVED', 'UNDER_ANALYSIS', 'REPORT_ISSUED', 'OBJECTED', 'CLOSED', 'LOST');

-- CreateEnum
CREATE TYPE "ChRmaStatus" AS ENUM ('REQUESTED', 'AUTHORISED', 'REJECTED', 'RECEIVED');

-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "wanBlockedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ChOrder" ADD COLUMN     "confirmDueAt" TIMESTAMP(3),
ADD COLUMN     "deemed" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "detailsConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "detailsDueAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ChOrderEvent" ADD COLUMN     "consignmentId" TEXT;

-- CreateTable
CREATE TABLE "ChConsignment" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "ref" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "deliveryDate" TIMESTAMP(3) NOT NULL,
    "deliveryWindow" TEXT NOT NULL,
    "status" "ChConsignmentStatus" NOT NULL DEFAULT 'SCHEDULED',
    "deliveredAt" TIMESTAMP(3),
    "confirmDueAt" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "ground" "ChDeliveryGround",
    "groundNote" TEXT,
    "replacementDates" TIMESTAMP(3)[],
    "replacementOfId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChConsignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChConsignmentLine" (
    "consignmentId" TEXT NOT NULL,
    "itemCode" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "affectedQuantity" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ChConsignmentLine_pkey" PRIMARY KEY ("consignmentId","itemCode")
);

-- CreateTable
CREATE TABLE "ChReturn" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "ref" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "kind" "ChReturnKind" NOT NULL,
    "reason" TEXT NOT NULL,
    "faultType" TEXT,
    "note" TEXT,
    "removedAt" TIMESTAMP(3) NOT NULL,
    "notifiedAt" TIMESTAMP(3) NOT NULL,
    "notifiedVia" TEXT NOT NULL,
    "returnDueAt" TIMESTAMP(3),
    "status" "ChReturnStatus" NOT NULL DEFAULT 'NOTIFIED',
    "rmaId" TEXT,
    "receivedAt" TIMESTAMP(3),
    "diagnosisNoticeDueAt" TIMESTAMP(3),
    "diagnosisNoticeAt" TIMESTAMP(3),
    "reportDueAt" TIMESTAMP(3),
    "reportAt" TIMESTAMP(3),
    "reportFinding" TEXT,
    "dccReason" TEXT,
    "objectionDueAt" TIMESTAMP(3),
    "objectedAt" TIMESTAMP(3),
    "finalReason" TEXT,
    "closedAt" TIMESTAMP(3),
    "lostAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChReturn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChRma" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "ref" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "returnsLocation" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "contactPhone" TEXT NOT NULL,
    "preferredReturnDate" TIMESTAMP(3) NOT NULL,
    "chfIds" TEXT[],
    "status" "ChRmaStatus" NOT NULL DEFAULT 'REQUESTED',
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "decisionReason" TEXT,
    "bookingReference" TEXT,
    "timeslot" TEXT,
    "receivedAt" TIMESTAMP(3),
    "discrepancies" TEXT,

    CONSTRAINT "ChRma_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChReturnEvent" (
    "id" TEXT NOT NULL,
    "returnId" TEXT,
    "rmaId" TEXT,
    "at" TIMESTAMP(3) NOT NULL,
    "actorName" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "ChReturnEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ChConsignment_number_key" ON "ChConsignment"("number");

-- CreateIndex
CREATE UNIQUE INDEX "ChConsignment_ref_key" ON "ChConsignment"("ref");

-- CreateIndex
CREATE UNIQUE INDEX "ChConsignment_replacementOfId_key" ON "ChConsignment"("replacementOfId");

-- CreateIndex
CREATE INDEX "ChConsignment_orderId_idx" ON "ChConsignment"("orderId");

-- CreateIndex
CREATE INDEX "ChConsignment_status_confirmDueAt_idx" ON "ChConsignment"("status", "confirmDueAt");

-- CreateIndex
CREATE UNIQUE INDEX "ChReturn_number_key" ON "ChReturn"("number");

-- CreateIndex
CREATE UNIQUE INDEX "ChReturn_ref_key" ON "ChReturn"("ref");

-- CreateIndex
CREATE INDEX "ChReturn_partyId_status_idx" ON "ChReturn"("partyId", "status");

-- CreateIndex
CREATE INDEX "ChReturn_partyId_notifiedAt_idx" ON "ChReturn"("partyId", "notifiedAt" DESC);

-- CreateIndex
CREATE INDEX "ChReturn_notifiedAt_idx" ON "ChReturn"("notifiedAt" DESC);

-- CreateIndex
CREATE INDEX "ChReturn_deviceId_idx" ON "ChReturn"("deviceId");

-- CreateIndex
CREATE INDEX "ChReturn_status_returnDueAt_idx" ON "ChReturn"("status", "returnDueAt");

-- CreateIndex
CREATE UNIQUE INDEX "ChRma_number_key" ON "ChRma"("number");

-- CreateIndex
CREATE UNIQUE INDEX "ChRma_ref_key" ON "ChRma"("ref");

-- CreateIndex
CREATE UNIQUE INDEX "ChRma_bookingReference_key" ON "ChRma"("bookingReference");

-- CreateIndex
CREATE INDEX "ChRma_partyId_requestedAt_idx" ON "ChRma"("partyId", "requestedAt");

-- CreateIndex
CREATE INDEX "ChRma_status_idx" ON "ChRma"("status");

-- CreateIndex
CREATE INDEX "ChReturnEvent_returnId_at_idx" ON "ChReturnEvent"("returnId", "at");

-- CreateIndex
CREATE INDEX "ChReturnEvent_rmaId_at_idx" ON "ChReturnEvent"("rmaId", "at");

-- AddForeignKey
ALTER TABLE "ChOrderEvent" ADD CONSTRAINT "ChOrderEvent_consignmentId_fkey" FOREIGN KEY ("consignmentId") REFERENCES "ChConsignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChConsignment" ADD CONSTRAINT "ChConsignment_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "ChOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChConsignment" ADD CONSTRAINT "ChConsignment_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "DeliveryLocation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChConsignment" ADD CONSTRAINT "ChConsignment_replacementOfId_fkey" FOREIGN KEY ("replacementOfId") REFERENCES "ChConsignment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChConsignmentLine" ADD CONSTRAINT "ChConsignmentLine_consignmentId_fkey" FOREIGN KEY ("consignmentId") REFERENCES "ChConsignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChReturn" ADD CONSTRAINT "ChReturn_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChReturn" ADD CONSTRAINT "ChReturn_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChReturn" ADD CONSTRAINT "ChReturn_rmaId_fkey" FOREIGN KEY ("rmaId") REFERENCES "ChRma"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChRma" ADD CONSTRAINT "ChRma_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChReturnEvent" ADD CONSTRAINT "ChReturnEvent_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "ChReturn"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChReturnEvent" ADD CONSTRAINT "ChReturnEvent_rmaId_fkey" FOREIGN KEY ("rmaId") REFERENCES "ChRma"("id") ON DELETE CASCADE ON UPDATE CASCADE;

