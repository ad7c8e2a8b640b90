-- CreateTable
CREATE TABLE "EnvironmentSnapshot" (
    "environmentId" TEXT NOT NULL PRIMARY KEY,
    "revision" INTEGER NOT NULL,
    "payload" TEXT NOT NULL,
    "etag" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL,
    CONSTRAINT "EnvironmentSnapshot_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

