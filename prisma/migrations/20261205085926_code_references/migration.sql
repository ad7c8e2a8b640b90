-- CreateTable
CREATE TABLE "CodeReferenceScan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "repository" TEXT NOT NULL,
    "scannedAt" DATETIME NOT NULL,
    "uploadedAt" DATETIME NOT NULL,
    "filesScanned" INTEGER NOT NULL,
    "flagKeys" TEXT NOT NULL,
    "keyPrefix" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "CodeReference" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scanId" TEXT NOT NULL,
    "flagKey" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "column" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "CodeReference_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "CodeReferenceScan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CodeReferenceScan_repository_key" ON "CodeReferenceScan"("repository");

-- CreateIndex
CREATE INDEX "CodeReference_flagKey_idx" ON "CodeReference"("flagKey");

-- CreateIndex
CREATE INDEX "CodeReference_scanId_idx" ON "CodeReference"("scanId");

