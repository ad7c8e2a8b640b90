-- CreateTable
CREATE TABLE "WorkspaceSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "link" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" DATETIME,
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "url" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT NOT NULL DEFAULT '',
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Approval" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "experimentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "designVersion" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requesterId" TEXT NOT NULL,
    "deciderId" TEXT,
    "comment" TEXT NOT NULL DEFAULT '',
    "designSnapshot" TEXT NOT NULL DEFAULT '{}',
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    CONSTRAINT "Approval_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Approval_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Approval_deciderId_fkey" FOREIGN KEY ("deciderId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Approval" ("comment", "decidedAt", "deciderId", "designVersion", "experimentId", "id", "kind", "requestedAt", "requesterId", "status") SELECT "comment", "decidedAt", "deciderId", "designVersion", "experimentId", "id", "kind", "requestedAt", "requesterId", "status" FROM "Approval";
DROP TABLE "Approval";
ALTER TABLE "new_Approval" RENAME TO "Approval";
CREATE INDEX "Approval_status_kind_idx" ON "Approval"("status", "kind");
CREATE INDEX "Approval_experimentId_idx" ON "Approval"("experimentId");
CREATE TABLE "new_Experiment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "flagId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "team" TEXT NOT NULL DEFAULT '',
    "environmentId" TEXT NOT NULL,
    "problemStatement" TEXT NOT NULL DEFAULT '',
    "expectedOutcome" TEXT NOT NULL DEFAULT '',
    "rollbackPlan" TEXT NOT NULL DEFAULT '',
    "controlVariationKey" TEXT NOT NULL DEFAULT '',
    "variantWeights" TEXT NOT NULL DEFAULT '{}',
    "segmentId" TEXT,
    "exposurePercentage" REAL NOT NULL DEFAULT 0,
    "plannedDurationDays" INTEGER NOT NULL DEFAULT 14,
    "alpha" REAL NOT NULL DEFAULT 0.05,
    "power" REAL NOT NULL DEFAULT 0.8,
    "minDetectableEffect" REAL NOT NULL DEFAULT 0.05,
    "baselineRate" REAL NOT NULL DEFAULT 0.1,
    "sampleSizePerVariation" INTEGER,
    "expectedDailyUnits" INTEGER NOT NULL DEFAULT 0,
    "designVersion" INTEGER NOT NULL DEFAULT 1,
    "affectsBilling" BOOLEAN NOT NULL DEFAULT false,
    "touchesPersonalData" BOOLEAN NOT NULL DEFAULT false,
    "securityAdjacent" BOOLEAN NOT NULL DEFAULT false,
    "altersAuthSession" BOOLEAN NOT NULL DEFAULT false,
    "bypassesSecurityChecks" BOOLEAN NOT NULL DEFAULT false,
    "exposesPrivateData" BOOLEAN NOT NULL DEFAULT false,
    "changesCompliance" BOOLEAN NOT NULL DEFAULT false,
    "confirmsNoSecurityChange" BOOLEAN NOT NULL DEFAULT false,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "abortReason" TEXT,
    "decision" TEXT,
    "decisionRationale" TEXT,
    "outcome" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "measurementOverrideReason" TEXT,
    "submittedAt" DATETIME,
    "startedAt" DATETIME,
    "plannedEndAt" DATETIME,
    "endedAt" DATETIME,
    "cleanedUpAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Experiment_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "Flag" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Experiment_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Experiment_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Experiment_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Experiment_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Experiment" ("abortReason", "affectsBilling", "alpha", "altersAuthSession", "bypassesSecurityChecks", "changesCompliance", "cleanedUpAt", "controlVariationKey", "createdAt", "decidedAt", "decidedById", "decision", "decisionRationale", "designVersion", "endedAt", "environmentId", "expectedOutcome", "exposesPrivateData", "exposurePercentage", "flagId", "id", "key", "measurementOverrideReason", "minDetectableEffect", "name", "outcome", "ownerId", "plannedDurationDays", "plannedEndAt", "power", "problemStatement", "rollbackPlan", "sampleSizePerVariation", "securityAdjacent", "segmentId", "startedAt", "state", "touchesPersonalData", "type", "updatedAt") SELECT "abortReason", "affectsBilling", "alpha", "altersAuthSession", "bypassesSecurityChecks", "changesCompliance", "cleanedUpAt", "controlVariationKey", "createdAt", "decidedAt", "decidedById", "decision", "decisionRationale", "designVersion", "endedAt", "environmentId", "expectedOutcome", "exposesPrivateData", "exposurePercentage", "flagId", "id", "key", "measurementOverrideReason", "minDetectableEffect", "name", "outcome", "ownerId", "plannedDurationDays", "plannedEndAt", "power", "problemStatement", "rollbackPlan", "sampleSizePerVariation", "securityAdjacent", "segmentId", "startedAt", "state", "touchesPersonalData", "type", "updatedAt" FROM "Experiment";
DROP TABLE "Experiment";
ALTER TABLE "new_Experiment" RENAME TO "Experiment";
CREATE UNIQUE INDEX "Experiment_key_key" ON "Experiment"("key");
CREATE INDEX "Experiment_state_idx" ON "Experiment"("state");
CREATE INDEX "Experiment_flagId_idx" ON "Experiment"("flagId");
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "deactivatedAt" DATETIME,
    "failedSignInCount" INTEGER NOT NULL DEFAULT 0,
    "lastFailedSignInAt" DATETIME,
    "lockedUntil" DATETIME,
    "lastSignInAt" DATETIME,
    "team" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("createdAt", "deactivatedAt", "email", "failedSignInCount", "id", "lastFailedSignInAt", "lastSignInAt", "lockedUntil", "name", "passwordHash", "updatedAt") SELECT "createdAt", "deactivatedAt", "email", "failedSignInCount", "id", "lastFailedSignInAt", "lastSignInAt", "lockedUntil", "name", "passwordHash", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

