-- CreateIndex
CREATE INDEX "ChOrderLine_orderId_idx" ON "ChOrderLine"("orderId");

-- CreateIndex
CREATE INDEX "ChOrderLine_locationId_preferredDate_idx" ON "ChOrderLine"("locationId", "preferredDate");

-- CreateIndex
CREATE INDEX "ChReturn_rmaId_idx" ON "ChReturn"("rmaId");

