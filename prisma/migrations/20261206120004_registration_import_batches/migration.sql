-- AlterEnum
ALTER TYPE "RegistrationImportStatus" ADD VALUE 'APPLYING';

-- AlterTable
ALTER TABLE "RegistrationImport" ADD COLUMN     "progressAt" TIMESTAMP(3),
ADD COLUMN     "summary" JSONB;

-- CreateTable
CREATE TABLE "RegistrationImportLine" (
    "importId" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "mpxn" TEXT NOT NULL,
    "fuel" "Fuel" NOT NULL,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "supplierId" TEXT NOT NULL,
    "networkOperatorId" TEXT NOT NULL,
    "agentId" TEXT,
    "addressLine" TEXT NOT NULL,
    "town" TEXT NOT NULL,
    "postcode" TEXT NOT NULL,
    "uprn" TEXT,

    CONSTRAINT "RegistrationImportLine_pkey" PRIMARY KEY ("importId","line")
);

-- AddForeignKey
ALTER TABLE "RegistrationImportLine" ADD CONSTRAINT "RegistrationImportLine_importId_fkey" FOREIGN KEY ("importId") REFERENCES "RegistrationImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Imports run one at a time: at most one row is being applied (progressAt set). Not expressible in schema.prisma.
CREATE UNIQUE INDEX "RegistrationImport_one_applying" ON "RegistrationImport" ((true)) WHERE "progressAt" IS NOT NULL;
