-- CreateTable
CREATE TABLE "CleanupTask" (
    "id" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "flagId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "winningVariation" TEXT,
    "ownerId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),
    "completion" TEXT,

    CONSTRAINT "CleanupTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CleanupReminder" (
    "flagId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "lastSentAt" TIMESTAMP(3) NOT NULL,
    "escalatedAt" TIMESTAMP(3),

    CONSTRAINT "CleanupReminder_pkey" PRIMARY KEY ("flagId")
);

-- CreateTable
CREATE TABLE "FlagEvaluationActivity" (
    "flagKey" TEXT NOT NULL,
    "environmentKey" TEXT NOT NULL,
    "lastEvaluatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FlagEvaluationActivity_pkey" PRIMARY KEY ("flagKey","environmentKey")
);

-- CreateIndex
CREATE UNIQUE INDEX "CleanupTask_experimentId_key" ON "CleanupTask"("experimentId");

-- CreateIndex
CREATE INDEX "CleanupTask_state_dueAt_idx" ON "CleanupTask"("state", "dueAt");

-- CreateIndex
CREATE INDEX "CleanupTask_flagId_idx" ON "CleanupTask"("flagId");

-- CreateIndex
CREATE INDEX "FlagEvaluationActivity_lastEvaluatedAt_idx" ON "FlagEvaluationActivity"("lastEvaluatedAt");

-- AddForeignKey
ALTER TABLE "CleanupTask" ADD CONSTRAINT "CleanupTask_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CleanupTask" ADD CONSTRAINT "CleanupTask_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "Flag"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CleanupTask" ADD CONSTRAINT "CleanupTask_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CleanupReminder" ADD CONSTRAINT "CleanupReminder_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "Flag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

