-- AlterTable
ALTER TABLE "MetricDefinition" ADD COLUMN     "denominatorEventName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "guardrailThreshold" DOUBLE PRECISION,
ADD COLUMN     "retentionDays" INTEGER NOT NULL DEFAULT 7;

