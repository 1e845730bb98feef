-- AlterTable
ALTER TABLE "ChOrder" ADD COLUMN     "late" BOOLEAN NOT NULL DEFAULT false;

