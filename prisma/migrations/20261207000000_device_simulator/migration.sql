-- AlterEnum
ALTER TYPE "ServiceRequestStatus" ADD VALUE 'FAILED';

-- CreateEnum
CREATE TYPE "SimBehaviourScope" AS ENUM ('DEVICE', 'MODEL', 'DEVICE_TYPE', 'POPULATION');

-- CreateEnum
CREATE TYPE "SimResponseMode" AS ENUM ('RESPOND_OK', 'RESPOND_ERROR', 'NO_CSP_ACK', 'NO_RESPONSE');

-- CreateEnum
CREATE TYPE "SimTrafficStatus" AS ENUM ('RUNNING', 'STOPPED', 'FINISHED');

-- AlterTable
ALTER TABLE "ServiceRequest" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "responseData" JSONB;

-- AlterTable
ALTER TABLE "DuisMessage" ADD COLUMN     "deviceId" TEXT;

-- CreateTable
CREATE TABLE "SimDeviceState" (
    "deviceId" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SimDeviceState_pkey" PRIMARY KEY ("deviceId")
);

-- CreateTable
CREATE TABLE "SimBehaviour" (
    "id" TEXT NOT NULL,
    "scope" "SimBehaviourScope" NOT NULL,
    "target" TEXT NOT NULL,
    "mode" "SimResponseMode" NOT NULL DEFAULT 'RESPOND_OK',
    "errorCode" TEXT,
    "delaySeconds" INTEGER NOT NULL DEFAULT 0,
    "dropPercent" INTEGER NOT NULL DEFAULT 0,
    "wanFlapSeconds" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "SimBehaviour_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SimSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "seed" INTEGER NOT NULL,
    "answerDelayMs" INTEGER NOT NULL,
    "onDemandRetrySeconds" INTEGER NOT NULL,
    "onDemandRetries" INTEGER NOT NULL,
    "joinAllowanceSeconds" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SimSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SimTrafficRun" (
    "id" TEXT NOT NULL,
    "scenario" TEXT NOT NULL,
    "status" "SimTrafficStatus" NOT NULL,
    "ratePerSecond" DOUBLE PRECISION NOT NULL,
    "seed" INTEGER NOT NULL,
    "params" JSONB NOT NULL,
    "total" INTEGER,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "refused" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "stoppedAt" TIMESTAMP(3),
    "tickedAt" TIMESTAMP(3) NOT NULL,
    "startedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SimTrafficRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SimDeviceState_updatedAt_idx" ON "SimDeviceState"("updatedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "SimBehaviour_scope_target_key" ON "SimBehaviour"("scope", "target");

-- CreateIndex
CREATE INDEX "SimTrafficRun_status_idx" ON "SimTrafficRun"("status");

-- CreateIndex
CREATE INDEX "DuisMessage_deviceId_createdAt_idx" ON "DuisMessage"("deviceId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "SimBehaviour" ADD CONSTRAINT "SimBehaviour_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SimTrafficRun" ADD CONSTRAINT "SimTrafficRun_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- CreateIndex
CREATE INDEX "ServiceRequest_deviceId_receivedAt_idx" ON "ServiceRequest"("deviceId", "receivedAt" DESC);

-- CreateIndex
CREATE INDEX "DuisMessage_kind_createdAt_idx" ON "DuisMessage"("kind", "createdAt");

-- AlterTable
ALTER TABLE "Party" ADD COLUMN "suspendedAt" TIMESTAMP(3),
ADD COLUMN "suspensionReason" TEXT;
