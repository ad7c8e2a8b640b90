-- AlterTable
ALTER TABLE "Environment" ADD COLUMN     "reliability" TEXT NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Experiment" ADD COLUMN     "abortDetails" TEXT,
ADD COLUMN     "autoAdvance" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "exposureChangedAt" TIMESTAMP(3),
ADD COLUMN     "guardrailRules" TEXT,
ADD COLUMN     "rampStepMinutes" DOUBLE PRECISION NOT NULL DEFAULT 60,
ADD COLUMN     "rampSteps" TEXT NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "ExperimentWatcher" (
    "experimentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExperimentWatcher_pkey" PRIMARY KEY ("experimentId","userId")
);

-- CreateTable
CREATE TABLE "ArmErrorMinute" (
    "experimentId" TEXT NOT NULL,
    "variation" TEXT NOT NULL,
    "metricId" TEXT NOT NULL,
    "minuteMs" DOUBLE PRECISION NOT NULL,
    "requests" DOUBLE PRECISION NOT NULL,
    "errors" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "ArmErrorMinute_pkey" PRIMARY KEY ("experimentId","variation","metricId","minuteMs")
);

-- CreateTable
CREATE TABLE "GuardrailSignal" (
    "id" SERIAL NOT NULL,
    "experimentId" TEXT NOT NULL,
    "variation" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "eventName" TEXT NOT NULL,
    "atMs" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "GuardrailSignal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ExperimentWatcher_userId_idx" ON "ExperimentWatcher"("userId");

-- CreateIndex
CREATE INDEX "GuardrailSignal_experimentId_idx" ON "GuardrailSignal"("experimentId");

-- AddForeignKey
ALTER TABLE "ExperimentWatcher" ADD CONSTRAINT "ExperimentWatcher_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentWatcher" ADD CONSTRAINT "ExperimentWatcher_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

