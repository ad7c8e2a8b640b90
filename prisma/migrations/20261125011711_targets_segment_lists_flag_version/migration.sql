-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Flag" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "valueType" TEXT NOT NULL,
    "offVariationKey" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "archivedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Flag_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Flag" ("archivedAt", "createdAt", "description", "expiresAt", "id", "key", "name", "offVariationKey", "ownerId", "updatedAt", "valueType") SELECT "archivedAt", "createdAt", "description", "expiresAt", "id", "key", "name", "offVariationKey", "ownerId", "updatedAt", "valueType" FROM "Flag";
DROP TABLE "Flag";
ALTER TABLE "new_Flag" RENAME TO "Flag";
CREATE UNIQUE INDEX "Flag_key_key" ON "Flag"("key");
CREATE INDEX "Flag_expiresAt_idx" ON "Flag"("expiresAt");
CREATE TABLE "new_FlagEnvironmentConfig" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "flagId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "rules" TEXT NOT NULL DEFAULT '[]',
    "targets" TEXT NOT NULL DEFAULT '[]',
    "rolloutPercentage" REAL NOT NULL DEFAULT 0,
    "weights" TEXT NOT NULL DEFAULT '{}',
    "salt" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FlagEnvironmentConfig_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "Flag" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FlagEnvironmentConfig_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_FlagEnvironmentConfig" ("enabled", "environmentId", "flagId", "id", "rolloutPercentage", "rules", "salt", "updatedAt", "version", "weights") SELECT "enabled", "environmentId", "flagId", "id", "rolloutPercentage", "rules", "salt", "updatedAt", "version", "weights" FROM "FlagEnvironmentConfig";
DROP TABLE "FlagEnvironmentConfig";
ALTER TABLE "new_FlagEnvironmentConfig" RENAME TO "FlagEnvironmentConfig";
CREATE INDEX "FlagEnvironmentConfig_environmentId_idx" ON "FlagEnvironmentConfig"("environmentId");
CREATE UNIQUE INDEX "FlagEnvironmentConfig_flagId_environmentId_key" ON "FlagEnvironmentConfig"("flagId", "environmentId");
CREATE TABLE "new_Segment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "conditions" TEXT NOT NULL DEFAULT '[]',
    "included" TEXT NOT NULL DEFAULT '[]',
    "excluded" TEXT NOT NULL DEFAULT '[]',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Segment" ("conditions", "createdAt", "description", "id", "key", "name", "updatedAt") SELECT "conditions", "createdAt", "description", "id", "key", "name", "updatedAt" FROM "Segment";
DROP TABLE "Segment";
ALTER TABLE "new_Segment" RENAME TO "Segment";
CREATE UNIQUE INDEX "Segment_key_key" ON "Segment"("key");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

