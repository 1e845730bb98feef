-- A late order (F5.14): submitted after its month's deadline, stored not compliant.
-- AlterTable
ALTER TABLE "ChOrder" ADD COLUMN     "late" BOOLEAN NOT NULL DEFAULT false;

-- One order per party, Region and month (F5.13(a)), not counting cancelled ones: a party that cancelled may order
-- again that month. A partial unique index, written by hand (the Prisma schema declares it as a plain @@index).
-- DropIndex
DROP INDEX "ChOrder_partyId_region_submissionMonth_key";

-- CreateIndex
CREATE UNIQUE INDEX "ChOrder_partyId_region_submissionMonth_idx" ON "ChOrder"("partyId", "region", "submissionMonth") WHERE "status" <> 'CANCELLED';
