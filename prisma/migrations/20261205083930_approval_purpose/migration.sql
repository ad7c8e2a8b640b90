-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Approval" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "experimentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "designVersion" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "purpose" TEXT NOT NULL DEFAULT 'launch',
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
INSERT INTO "new_Approval" ("comment", "decidedAt", "deciderId", "designSnapshot", "designVersion", "experimentId", "id", "kind", "requestedAt", "requesterId", "status") SELECT "comment", "decidedAt", "deciderId", "designSnapshot", "designVersion", "experimentId", "id", "kind", "requestedAt", "requesterId", "status" FROM "Approval";
DROP TABLE "Approval";
ALTER TABLE "new_Approval" RENAME TO "Approval";
CREATE INDEX "Approval_status_kind_idx" ON "Approval"("status", "kind");
CREATE INDEX "Approval_experimentId_idx" ON "Approval"("experimentId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

