-- CreateTable
CREATE TABLE "CleanupTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "experimentId" TEXT NOT NULL,
    "flagId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "winningVariation" TEXT,
    "ownerId" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "createdAt" DATETIME NOT NULL,
    "completedAt" DATETIME,
    "completion" TEXT,
    CONSTRAINT "CleanupTask_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CleanupTask_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "Flag" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CleanupTask_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CleanupReminder" (
    "flagId" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL,
    "lastSentAt" DATETIME NOT NULL,
    "escalatedAt" DATETIME,
    CONSTRAINT "CleanupReminder_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "Flag" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FlagEvaluationActivity" (
    "flagKey" TEXT NOT NULL,
    "environmentKey" TEXT NOT NULL,
    "lastEvaluatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("flagKey", "environmentKey")
);

-- CreateIndex
CREATE UNIQUE INDEX "CleanupTask_experimentId_key" ON "CleanupTask"("experimentId");

-- CreateIndex
CREATE INDEX "CleanupTask_state_dueAt_idx" ON "CleanupTask"("state", "dueAt");

-- CreateIndex
CREATE INDEX "CleanupTask_flagId_idx" ON "CleanupTask"("flagId");

-- CreateIndex
CREATE INDEX "FlagEvaluationActivity_lastEvaluatedAt_idx" ON "FlagEvaluationActivity"("lastEvaluatedAt");

