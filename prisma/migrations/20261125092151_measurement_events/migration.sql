-- CreateTable
CREATE TABLE "Event" (
    "environmentId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "variation" TEXT NOT NULL DEFAULT '',
    "value" REAL NOT NULL DEFAULT 1,
    "occurredAtMs" REAL NOT NULL,
    "receivedAtMs" REAL NOT NULL,
    "attributed" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("environmentId", "eventId")
);

-- CreateTable
CREATE TABLE "ExperimentUnit" (
    "experimentId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "variation" TEXT NOT NULL,
    "exposedAtMs" REAL NOT NULL,

    PRIMARY KEY ("experimentId", "unitId")
);

-- CreateTable
CREATE TABLE "UnitMetricState" (
    "experimentId" TEXT NOT NULL,
    "metricId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "variation" TEXT NOT NULL,
    "a" REAL NOT NULL,
    "b" REAL NOT NULL,

    PRIMARY KEY ("experimentId", "metricId", "unitId")
);

-- CreateTable
CREATE TABLE "ArmTotal" (
    "experimentId" TEXT NOT NULL,
    "variation" TEXT NOT NULL,
    "metricId" TEXT NOT NULL,
    "units" REAL NOT NULL,
    "sum" REAL NOT NULL,
    "sumSquares" REAL NOT NULL,

    PRIMARY KEY ("experimentId", "variation", "metricId")
);

-- CreateTable
CREATE TABLE "ArmSeriesBucket" (
    "experimentId" TEXT NOT NULL,
    "variation" TEXT NOT NULL,
    "metricId" TEXT NOT NULL,
    "bucketMs" REAL NOT NULL,
    "units" REAL NOT NULL,
    "sum" REAL NOT NULL,
    "sumSquares" REAL NOT NULL,

    PRIMARY KEY ("experimentId", "variation", "metricId", "bucketMs")
);

-- CreateTable
CREATE TABLE "ArmHistogram" (
    "experimentId" TEXT NOT NULL,
    "variation" TEXT NOT NULL,
    "metricId" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" REAL NOT NULL,

    PRIMARY KEY ("experimentId", "variation", "metricId", "bucket")
);

