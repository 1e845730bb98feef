-- CreateEnum
CREATE TYPE "DeviceType" AS ENUM ('ESME', 'GSME', 'CHF', 'GPF', 'PPMID', 'HCALCS', 'IHD', 'CAD');

-- CreateEnum
CREATE TYPE "SmiStatus" AS ENUM ('PENDING', 'WHITELISTED', 'INSTALLED_NOT_COMMISSIONED', 'COMMISSIONED', 'DECOMMISSIONED', 'WITHDRAWN', 'SUSPENDED', 'RECOVERY', 'RECOVERED');

-- CreateEnum
CREATE TYPE "CplDeviceType" AS ENUM ('CH', 'ESME', 'GSME', 'PPMID', 'HCALCS');

-- CreateEnum
CREATE TYPE "CplStatus" AS ENUM ('CURRENT', 'REMOVED');

-- CreateEnum
CREATE TYPE "EsmeVariant" AS ENUM ('SINGLE_ELEMENT', 'TWIN_ELEMENT', 'POLYPHASE');

-- CreateEnum
CREATE TYPE "CspRegion" AS ENUM ('NORTH', 'CENTRAL', 'SOUTH');

-- CreateEnum
CREATE TYPE "Fuel" AS ENUM ('ELECTRICITY', 'GAS');

-- CreateEnum
CREATE TYPE "MpxnRole" AS ENUM ('PRIMARY', 'SECONDARY');

-- CreateEnum
CREATE TYPE "RegistrationFileType" AS ENUM ('FULL', 'REFRESH', 'UPDATE');

-- CreateEnum
CREATE TYPE "RegistrationImportStatus" AS ENUM ('APPLIED', 'REJECTED');

-- CreateTable
CREATE TABLE "DeviceModel" (
    "id" TEXT NOT NULL,
    "deviceType" "CplDeviceType" NOT NULL,
    "manufacturer" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "hardwareVersion" TEXT NOT NULL,
    "firmwareVersion" TEXT NOT NULL,
    "technicalSpecVersion" TEXT NOT NULL,
    "gbcsVersion" TEXT NOT NULL,
    "zigbeeCertificateId" TEXT,
    "dlmsCertificateId" TEXT,
    "cpaCertificateId" TEXT,
    "cpaExpiresOn" TIMESTAMP(3),
    "status" "CplStatus" NOT NULL DEFAULT 'CURRENT',
    "statusChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeviceModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Device" (
    "id" TEXT NOT NULL,
    "deviceType" "DeviceType" NOT NULL,
    "modelId" TEXT,
    "manufacturer" TEXT,
    "firmwareVersion" TEXT,
    "esmeVariant" "EsmeVariant",
    "wanTechnology" TEXT,
    "cspRegion" "CspRegion",
    "description" TEXT,
    "status" "SmiStatus",
    "statusBeforeSuspension" "SmiStatus",
    "statusBeforeRecovery" "SmiStatus",
    "pendingSince" TIMESTAMP(3),
    "commissionedAt" TIMESTAMP(3),
    "preNotifiedById" TEXT,
    "preNotifiedByPartyId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Device_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeterPoint" (
    "mpxn" TEXT NOT NULL,
    "fuel" "Fuel" NOT NULL,
    "addressLine" TEXT NOT NULL,
    "town" TEXT NOT NULL,
    "postcode" TEXT NOT NULL,
    "uprn" TEXT,

    CONSTRAINT "MeterPoint_pkey" PRIMARY KEY ("mpxn")
);

-- CreateTable
CREATE TABLE "DeviceMeterPoint" (
    "deviceId" TEXT NOT NULL,
    "mpxn" TEXT NOT NULL,
    "role" "MpxnRole" NOT NULL DEFAULT 'PRIMARY',

    CONSTRAINT "DeviceMeterPoint_pkey" PRIMARY KEY ("deviceId","role")
);

-- CreateTable
CREATE TABLE "DeviceAssociation" (
    "deviceId" TEXT NOT NULL,
    "associatedDeviceId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeviceAssociation_pkey" PRIMARY KEY ("deviceId","associatedDeviceId")
);

-- CreateTable
CREATE TABLE "DeviceStatusChange" (
    "id" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "fromStatus" "SmiStatus",
    "toStatus" "SmiStatus",
    "at" TIMESTAMP(3) NOT NULL,
    "cause" TEXT NOT NULL,
    "transition" TEXT NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT,

    CONSTRAINT "DeviceStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegistrationRecord" (
    "id" TEXT NOT NULL,
    "mpxn" TEXT NOT NULL,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "effectiveTo" TIMESTAMP(3),
    "supplierId" TEXT NOT NULL,
    "networkOperatorId" TEXT NOT NULL,
    "agentId" TEXT,
    "importId" TEXT,

    CONSTRAINT "RegistrationRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegistrationImport" (
    "id" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileType" "RegistrationFileType" NOT NULL,
    "status" "RegistrationImportStatus" NOT NULL,
    "lineCount" INTEGER NOT NULL,
    "appliedCount" INTEGER NOT NULL,
    "lineErrors" JSONB,
    "importedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegistrationImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DccAlert" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "deviceId" TEXT,
    "partyId" TEXT NOT NULL,
    "recipientAccountId" TEXT,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DccAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavedSearch" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedSearch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DeviceModel_manufacturer_model_hardwareVersion_firmwareVers_key" ON "DeviceModel"("manufacturer", "model", "hardwareVersion", "firmwareVersion");

-- CreateIndex
CREATE INDEX "Device_modelId_status_idx" ON "Device"("modelId", "status");

-- CreateIndex
CREATE INDEX "Device_status_deviceType_idx" ON "Device"("status", "deviceType");

-- CreateIndex
CREATE INDEX "Device_deviceType_idx" ON "Device"("deviceType");

-- CreateIndex
CREATE INDEX "Device_cspRegion_idx" ON "Device"("cspRegion");

-- CreateIndex
CREATE INDEX "Device_status_pendingSince_idx" ON "Device"("status", "pendingSince");

-- CreateIndex
CREATE INDEX "MeterPoint_postcode_idx" ON "MeterPoint"("postcode");

-- CreateIndex
CREATE INDEX "MeterPoint_uprn_idx" ON "MeterPoint"("uprn");

-- CreateIndex
CREATE INDEX "DeviceMeterPoint_mpxn_idx" ON "DeviceMeterPoint"("mpxn");

-- CreateIndex
CREATE INDEX "DeviceAssociation_associatedDeviceId_idx" ON "DeviceAssociation"("associatedDeviceId");

-- CreateIndex
CREATE INDEX "DeviceStatusChange_deviceId_at_idx" ON "DeviceStatusChange"("deviceId", "at");

-- CreateIndex
CREATE INDEX "RegistrationRecord_mpxn_effectiveFrom_idx" ON "RegistrationRecord"("mpxn", "effectiveFrom" DESC);

-- CreateIndex
CREATE INDEX "RegistrationRecord_supplierId_idx" ON "RegistrationRecord"("supplierId");

-- CreateIndex
CREATE INDEX "RegistrationImport_createdAt_idx" ON "RegistrationImport"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "DccAlert_partyId_createdAt_idx" ON "DccAlert"("partyId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "DccAlert_deviceId_idx" ON "DccAlert"("deviceId");

-- CreateIndex
CREATE UNIQUE INDEX "SavedSearch_accountId_name_key" ON "SavedSearch"("accountId", "name");

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "DeviceModel"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_preNotifiedById_fkey" FOREIGN KEY ("preNotifiedById") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_preNotifiedByPartyId_fkey" FOREIGN KEY ("preNotifiedByPartyId") REFERENCES "Party"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceMeterPoint" ADD CONSTRAINT "DeviceMeterPoint_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceMeterPoint" ADD CONSTRAINT "DeviceMeterPoint_mpxn_fkey" FOREIGN KEY ("mpxn") REFERENCES "MeterPoint"("mpxn") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceAssociation" ADD CONSTRAINT "DeviceAssociation_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceAssociation" ADD CONSTRAINT "DeviceAssociation_associatedDeviceId_fkey" FOREIGN KEY ("associatedDeviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceStatusChange" ADD CONSTRAINT "DeviceStatusChange_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistrationRecord" ADD CONSTRAINT "RegistrationRecord_mpxn_fkey" FOREIGN KEY ("mpxn") REFERENCES "MeterPoint"("mpxn") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistrationRecord" ADD CONSTRAINT "RegistrationRecord_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistrationRecord" ADD CONSTRAINT "RegistrationRecord_networkOperatorId_fkey" FOREIGN KEY ("networkOperatorId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistrationRecord" ADD CONSTRAINT "RegistrationRecord_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Party"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistrationImport" ADD CONSTRAINT "RegistrationImport_importedById_fkey" FOREIGN KEY ("importedById") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DccAlert" ADD CONSTRAINT "DccAlert_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedSearch" ADD CONSTRAINT "SavedSearch_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

