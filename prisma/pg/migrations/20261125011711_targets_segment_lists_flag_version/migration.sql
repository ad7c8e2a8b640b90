-- AlterTable
ALTER TABLE "Flag" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "FlagEnvironmentConfig" ADD COLUMN     "targets" TEXT NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Segment" ADD COLUMN     "excluded" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "included" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

