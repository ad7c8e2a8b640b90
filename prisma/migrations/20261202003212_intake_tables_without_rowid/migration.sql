-- Event intake's per-unit tables become WITHOUT ROWID tables (SQLite only; the columns and
-- primary keys do not change). A row is then stored once, in its primary-key B-tree, instead of
-- in the rowid table plus a separate primary-key index: each intake upsert touches one B-tree
-- instead of two (`npm run bench -- --part measurement`).
PRAGMA foreign_keys=OFF;

CREATE TABLE "new_ExperimentUnit" (
    "experimentId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "variation" TEXT NOT NULL,
    "exposedAtMs" REAL NOT NULL,

    PRIMARY KEY ("experimentId", "unitId")
) WITHOUT ROWID;
INSERT INTO "new_ExperimentUnit" ("experimentId", "unitId", "variation", "exposedAtMs")
    SELECT "experimentId", "unitId", "variation", "exposedAtMs" FROM "ExperimentUnit";
DROP TABLE "ExperimentUnit";
ALTER TABLE "new_ExperimentUnit" RENAME TO "ExperimentUnit";

CREATE TABLE "new_UnitMetricState" (
    "experimentId" TEXT NOT NULL,
    "metricId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "variation" TEXT NOT NULL,
    "a" REAL NOT NULL,
    "b" REAL NOT NULL,

    PRIMARY KEY ("experimentId", "metricId", "unitId")
) WITHOUT ROWID;
INSERT INTO "new_UnitMetricState" ("experimentId", "metricId", "unitId", "variation", "a", "b")
    SELECT "experimentId", "metricId", "unitId", "variation", "a", "b" FROM "UnitMetricState";
DROP TABLE "UnitMetricState";
ALTER TABLE "new_UnitMetricState" RENAME TO "UnitMetricState";

PRAGMA foreign_keys=ON;
