-- Raw events move from one row per event ("Event") to one row per accepted batch ("EventBatch",
-- the new events as a JSON array) plus the ids alone ("EventId", for idempotency).

-- CreateTable
CREATE TABLE "EventId" (
    "environmentId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,

    CONSTRAINT "EventId_pkey" PRIMARY KEY ("environmentId","eventId")
);

-- CreateTable
CREATE TABLE "EventBatch" (
    "id" SERIAL NOT NULL,
    "environmentId" TEXT NOT NULL,
    "receivedAtMs" DOUBLE PRECISION NOT NULL,
    "events" TEXT NOT NULL,

    CONSTRAINT "EventBatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EventBatch_environmentId_receivedAtMs_idx" ON "EventBatch"("environmentId", "receivedAtMs");

-- Stored events keep their ids, and become one batch row per environment and time received.
INSERT INTO "EventId" ("environmentId", "eventId") SELECT "environmentId", "eventId" FROM "Event";
INSERT INTO "EventBatch" ("environmentId", "receivedAtMs", "events")
SELECT "environmentId", "receivedAtMs", json_agg(json_build_object(
    'id', "eventId", 'type', "type", 'unitId', "unitId", 'name', "name", 'variation', "variation",
    'value', "value", 'occurredAtMs', "occurredAtMs", 'attributed', "attributed") ORDER BY "occurredAtMs", "eventId")::text
FROM "Event"
GROUP BY "environmentId", "receivedAtMs";

-- DropTable
DROP TABLE "Event";
