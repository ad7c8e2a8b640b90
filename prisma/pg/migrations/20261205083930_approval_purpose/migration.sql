-- AlterTable
ALTER TABLE "Approval" ADD COLUMN     "purpose" TEXT NOT NULL DEFAULT 'launch';

