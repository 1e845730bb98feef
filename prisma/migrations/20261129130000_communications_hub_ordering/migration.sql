-- CreateEnum
CREATE TYPE "ChOrderStatus" AS ENUM ('SUBMITTED', 'ACCEPTED', 'NON_COMPLIANT', 'ACCEPTED_IN_PART', 'REJECTED', 'CANCELLED');

-- CreateTable
CREATE TABLE "DeliveryLocation" (
    "id" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "addressLine" TEXT NOT NULL,
    "town" TEXT NOT NULL,
    "postcode" TEXT NOT NULL,
    "operatingHours" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "contactPhone" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeliveryLocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChForecast" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "ref" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "submissionMonth" TEXT NOT NULL,
    "deemed" BOOLEAN NOT NULL DEFAULT false,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "submittedById" TEXT,

    CONSTRAINT "ChForecast_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChForecastLine" (
    "forecastId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "region" "CspRegion" NOT NULL,
    "hanVariant" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "ChForecastLine_pkey" PRIMARY KEY ("forecastId","month","region","hanVariant")
);

-- CreateTable
CREATE TABLE "ChOrder" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "ref" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "region" "CspRegion" NOT NULL,
    "submissionMonth" TEXT NOT NULL,
    "deliveryMonth" TEXT NOT NULL,
    "status" "ChOrderStatus" NOT NULL DEFAULT 'SUBMITTED',
    "compliant" BOOLEAN NOT NULL,
    "meshShareFlagged" BOOLEAN NOT NULL DEFAULT false,
    "contactPhone" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "submittedById" TEXT,
    "answerDueAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "decisionReason" TEXT,

    CONSTRAINT "ChOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChOrderLine" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "itemCode" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "preferredDate" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChOrderLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChOrderCheck" (
    "orderId" TEXT NOT NULL,
    "hanVariant" TEXT NOT NULL,
    "f10" INTEGER,
    "f7" INTEGER,
    "minimum" INTEGER NOT NULL,
    "maximum" INTEGER NOT NULL,
    "ordered" INTEGER NOT NULL,
    "compliant" BOOLEAN NOT NULL,

    CONSTRAINT "ChOrderCheck_pkey" PRIMARY KEY ("orderId","hanVariant")
);

-- CreateTable
CREATE TABLE "ChOrderEvent" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorName" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "ChOrderEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DeliveryLocation_partyId_name_key" ON "DeliveryLocation"("partyId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ChForecast_number_key" ON "ChForecast"("number");

-- CreateIndex
CREATE UNIQUE INDEX "ChForecast_ref_key" ON "ChForecast"("ref");

-- CreateIndex
CREATE INDEX "ChForecast_partyId_submissionMonth_submittedAt_idx" ON "ChForecast"("partyId", "submissionMonth", "submittedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ChOrder_number_key" ON "ChOrder"("number");

-- CreateIndex
CREATE UNIQUE INDEX "ChOrder_ref_key" ON "ChOrder"("ref");

-- CreateIndex
CREATE INDEX "ChOrder_status_submittedAt_idx" ON "ChOrder"("status", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ChOrder_partyId_region_submissionMonth_key" ON "ChOrder"("partyId", "region", "submissionMonth");

-- CreateIndex
CREATE INDEX "ChOrderEvent_orderId_at_idx" ON "ChOrderEvent"("orderId", "at");

-- AddForeignKey
ALTER TABLE "DeliveryLocation" ADD CONSTRAINT "DeliveryLocation_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChForecast" ADD CONSTRAINT "ChForecast_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChForecast" ADD CONSTRAINT "ChForecast_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChForecastLine" ADD CONSTRAINT "ChForecastLine_forecastId_fkey" FOREIGN KEY ("forecastId") REFERENCES "ChForecast"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChOrder" ADD CONSTRAINT "ChOrder_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChOrder" ADD CONSTRAINT "ChOrder_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChOrderLine" ADD CONSTRAINT "ChOrderLine_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "ChOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChOrderLine" ADD CONSTRAINT "ChOrderLine_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "DeliveryLocation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChOrderCheck" ADD CONSTRAINT "ChOrderCheck_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "ChOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChOrderEvent" ADD CONSTRAINT "ChOrderEvent_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "ChOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

