-- AlterTable
ALTER TABLE "AdtSubmission" ADD COLUMN     "temporary" BOOLEAN NOT NULL DEFAULT false;

