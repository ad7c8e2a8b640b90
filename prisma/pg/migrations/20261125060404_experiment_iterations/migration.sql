-- AlterTable
ALTER TABLE "Experiment" ADD COLUMN     "iteratedFromId" TEXT;

-- AddForeignKey
ALTER TABLE "Experiment" ADD CONSTRAINT "Experiment_iteratedFromId_fkey" FOREIGN KEY ("iteratedFromId") REFERENCES "Experiment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

