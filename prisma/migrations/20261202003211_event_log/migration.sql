-- Raw events move from one row per event ("Event") to one row per accepted batch ("EventBatch",
-- the new events as a JSON array) plus the ids alone ("EventId", for idempotency). Intake then
-- writes one small B-tree entry per event instead of a ten-column row and its primary-key index.
-- EventId is a WITHOUT ROWID table (SQLite only; the columns are Prisma's).

-- CreateTable
CREATE TABLE "EventId" (
    "environmentId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,

    PRIMARY KEY ("environmentId", "eventId")
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "EventBatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "environmentId" TEXT NOT NULL,
    "receivedAtMs" REAL NOT NULL,
    "events" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "EventBatch_environmentId_receivedAtMs_idx" ON "EventBatch"("environmentId", "receivedAtMs");

-- Stored events keep their ids, and become one batch row per environment and time received.
INSERT INTO "EventId" ("environmentId", "eventId") SELECT "environmentId", "eventId" FROM "Event";
INSERT INTO "EventBatch" ("environmentId", "receivedAtMs", "events")
SELECT "environmentId", "receivedAtMs", json_group_array(json_object(
    'id', "eventId", 'type', "type", 'unitId', "unitId", 'name', "name", 'variation', "variation",
    'value', "value", 'occurredAtMs', "occurredAtMs", 'attributed', "attributed"))
FROM (SELECT * FROM "Event" ORDER BY "environmentId", "receivedAtMs", "occurredAtMs", "eventId")
GROUP BY "environmentId", "receivedAtMs";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "Event";
PRAGMA foreign_keys=on;
