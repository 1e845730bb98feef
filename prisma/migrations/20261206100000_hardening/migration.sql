-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "requestId" TEXT;

-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "messageId" TEXT,
ADD COLUMN     "rawMessage" TEXT,
ADD COLUMN     "transport" TEXT;

-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "chConsignmentId" TEXT,
ADD COLUMN     "chHolderPartyId" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ChOrder" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ChConsignment" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ChReturn" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ChRma" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStartedAt" TIMESTAMP(3) NOT NULL,
    "blockedUntil" TIMESTAMP(3),

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "FormSubmission" (
    "key" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "resultRef" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FormSubmission_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "FormSubmission_createdAt_idx" ON "FormSubmission"("createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_requestId_idx" ON "AuditEvent"("requestId");

-- CreateIndex
CREATE INDEX "Device_chHolderPartyId_idx" ON "Device"("chHolderPartyId");

-- CreateIndex
CREATE INDEX "Device_chConsignmentId_idx" ON "Device"("chConsignmentId");

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_chHolderPartyId_fkey" FOREIGN KEY ("chHolderPartyId") REFERENCES "Party"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_chConsignmentId_fkey" FOREIGN KEY ("chConsignmentId") REFERENCES "ChConsignment"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- One consignment per order and Delivery Location (a replacement is the other one allowed): written by hand, the
-- schema language cannot express a partial unique index.
CREATE UNIQUE INDEX "ChConsignment_order_location_key" ON "ChConsignment"("orderId", "locationId") WHERE "replacementOfId" IS NULL;
