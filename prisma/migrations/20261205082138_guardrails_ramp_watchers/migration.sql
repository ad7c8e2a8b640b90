-- CreateTable
CREATE TABLE "ExperimentWatcher" (
    "experimentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("experimentId", "userId"),
    CONSTRAINT "ExperimentWatcher_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExperimentWatcher_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ArmErrorMinute" (
    "experimentId" TEXT NOT NULL,
    "variation" TEXT NOT NULL,
    "metricId" TEXT NOT NULL,
    "minuteMs" REAL NOT NULL,
    "requests" REAL NOT NULL,
    "errors" REAL NOT NULL,

    PRIMARY KEY ("experimentId", "variation", "metricId", "minuteMs")
);

-- CreateTable
CREATE TABLE "GuardrailSignal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "experimentId" TEXT NOT NULL,
    "variation" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "eventName" TEXT NOT NULL,
    "atMs" REAL NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Environment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "isProduction" BOOLEAN NOT NULL DEFAULT false,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "reliability" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Environment" ("createdAt", "description", "id", "isProduction", "key", "name", "sortOrder", "updatedAt") SELECT "createdAt", "description", "id", "isProduction", "key", "name", "sortOrder", "updatedAt" FROM "Environment";
DROP TABLE "Environment";
ALTER TABLE "new_Environment" RENAME TO "Environment";
CREATE UNIQUE INDEX "Environment_key_key" ON "Environment"("key");
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
    "abortDetails" TEXT,
    "guardrailRules" TEXT,
    "rampSteps" TEXT NOT NULL DEFAULT '[]',
    "rampStepMinutes" REAL NOT NULL DEFAULT 60,
    "autoAdvance" BOOLEAN NOT NULL DEFAULT false,
    "exposureChangedAt" DATETIME,
    "decision" TEXT,
    "decisionRationale" TEXT,
    "outcome" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "measurementOverrideReason" TEXT,
    "iteratedFromId" TEXT,
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
    CONSTRAINT "Experiment_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Experiment_iteratedFromId_fkey" FOREIGN KEY ("iteratedFromId") REFERENCES "Experiment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Experiment" ("abortReason", "affectsBilling", "alpha", "altersAuthSession", "baselineRate", "bypassesSecurityChecks", "changesCompliance", "cleanedUpAt", "confirmsNoSecurityChange", "controlVariationKey", "createdAt", "decidedAt", "decidedById", "decision", "decisionRationale", "designVersion", "endedAt", "environmentId", "expectedDailyUnits", "expectedOutcome", "exposesPrivateData", "exposurePercentage", "flagId", "id", "iteratedFromId", "key", "measurementOverrideReason", "minDetectableEffect", "name", "outcome", "ownerId", "plannedDurationDays", "plannedEndAt", "power", "problemStatement", "rollbackPlan", "sampleSizePerVariation", "securityAdjacent", "segmentId", "startedAt", "state", "submittedAt", "team", "touchesPersonalData", "type", "updatedAt", "variantWeights") SELECT "abortReason", "affectsBilling", "alpha", "altersAuthSession", "baselineRate", "bypassesSecurityChecks", "changesCompliance", "cleanedUpAt", "confirmsNoSecurityChange", "controlVariationKey", "createdAt", "decidedAt", "decidedById", "decision", "decisionRationale", "designVersion", "endedAt", "environmentId", "expectedDailyUnits", "expectedOutcome", "exposesPrivateData", "exposurePercentage", "flagId", "id", "iteratedFromId", "key", "measurementOverrideReason", "minDetectableEffect", "name", "outcome", "ownerId", "plannedDurationDays", "plannedEndAt", "power", "problemStatement", "rollbackPlan", "sampleSizePerVariation", "securityAdjacent", "segmentId", "startedAt", "state", "submittedAt", "team", "touchesPersonalData", "type", "updatedAt", "variantWeights" FROM "Experiment";
DROP TABLE "Experiment";
ALTER TABLE "new_Experiment" RENAME TO "Experiment";
CREATE UNIQUE INDEX "Experiment_key_key" ON "Experiment"("key");
CREATE INDEX "Experiment_state_idx" ON "Experiment"("state");
CREATE INDEX "Experiment_flagId_idx" ON "Experiment"("flagId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ExperimentWatcher_userId_idx" ON "ExperimentWatcher"("userId");

-- CreateIndex
CREATE INDEX "GuardrailSignal_experimentId_idx" ON "GuardrailSignal"("experimentId");

