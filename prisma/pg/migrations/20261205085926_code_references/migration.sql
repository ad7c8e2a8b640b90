-- CreateTable
CREATE TABLE "CodeReferenceScan" (
    "id" TEXT NOT NULL,
    "repository" TEXT NOT NULL,
    "scannedAt" TIMESTAMP(3) NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL,
    "filesScanned" INTEGER NOT NULL,
    "flagKeys" TEXT NOT NULL,
    "keyPrefix" TEXT NOT NULL,

    CONSTRAINT "CodeReferenceScan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CodeReference" (
    "id" TEXT NOT NULL,
    "scanId" TEXT NOT NULL,
    "flagKey" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "column" INTEGER NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "CodeReference_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CodeReferenceScan_repository_key" ON "CodeReferenceScan"("repository");

-- CreateIndex
CREATE INDEX "CodeReference_flagKey_idx" ON "CodeReference"("flagKey");

-- CreateIndex
CREATE INDEX "CodeReference_scanId_idx" ON "CodeReference"("scanId");

-- AddForeignKey
ALTER TABLE "CodeReference" ADD CONSTRAINT "CodeReference_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "CodeReferenceScan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

