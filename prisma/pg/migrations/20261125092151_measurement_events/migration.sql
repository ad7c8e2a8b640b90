-- CreateTable
CREATE TABLE "Event" (
    "environmentId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "variation" TEXT NOT NULL DEFAULT '',
    "value" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "occurredAtMs" DOUBLE PRECISION NOT NULL,
    "receivedAtMs" DOUBLE PRECISION NOT NULL,
    "attributed" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("environmentId","eventId")
);

-- CreateTable
CREATE TABLE "ExperimentUnit" (
    "experimentId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "variation" TEXT NOT NULL,
    "exposedAtMs" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "ExperimentUnit_pkey" PRIMARY KEY ("experimentId","unitId")
);

-- CreateTable
CREATE TABLE "UnitMetricState" (
    "experimentId" TEXT NOT NULL,
    "metricId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "variation" TEXT NOT NULL,
    "a" DOUBLE PRECISION NOT NULL,
    "b" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "UnitMetricState_pkey" PRIMARY KEY ("experimentId","metricId","unitId")
);

-- CreateTable
CREATE TABLE "ArmTotal" (
    "experimentId" TEXT NOT NULL,
    "variation" TEXT NOT NULL,
    "metricId" TEXT NOT NULL,
    "units" DOUBLE PRECISION NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "sumSquares" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "ArmTotal_pkey" PRIMARY KEY ("experimentId","variation","metricId")
);

-- CreateTable
CREATE TABLE "ArmSeriesBucket" (
    "experimentId" TEXT NOT NULL,
    "variation" TEXT NOT NULL,
    "metricId" TEXT NOT NULL,
    "bucketMs" DOUBLE PRECISION NOT NULL,
    "units" DOUBLE PRECISION NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "sumSquares" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "ArmSeriesBucket_pkey" PRIMARY KEY ("experimentId","variation","metricId","bucketMs")
);

-- CreateTable
CREATE TABLE "ArmHistogram" (
    "experimentId" TEXT NOT NULL,
    "variation" TEXT NOT NULL,
    "metricId" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "ArmHistogram_pkey" PRIMARY KEY ("experimentId","variation","metricId","bucket")
);

