-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_MetricDefinition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "eventName" TEXT NOT NULL,
    "denominatorEventName" TEXT NOT NULL DEFAULT '',
    "retentionDays" INTEGER NOT NULL DEFAULT 7,
    "guardrailThreshold" REAL,
    "unit" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_MetricDefinition" ("createdAt", "description", "direction", "eventName", "id", "key", "kind", "name", "unit", "updatedAt") SELECT "createdAt", "description", "direction", "eventName", "id", "key", "kind", "name", "unit", "updatedAt" FROM "MetricDefinition";
DROP TABLE "MetricDefinition";
ALTER TABLE "new_MetricDefinition" RENAME TO "MetricDefinition";
CREATE UNIQUE INDEX "MetricDefinition_key_key" ON "MetricDefinition"("key");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

