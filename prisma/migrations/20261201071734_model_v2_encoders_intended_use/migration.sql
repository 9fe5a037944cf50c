-- CreateEnum
CREATE TYPE "OutOfIntendedUsePolicy" AS ENUM ('REFUSE', 'FLAG');

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "intendedUseReasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "outOfIntendedUse" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ModelVersion" ADD COLUMN     "encodersSha256" TEXT,
ADD COLUMN     "encodersStoragePath" TEXT,
ADD COLUMN     "sharesEncodersWithId" TEXT;

-- AlterTable
ALTER TABLE "Poc" ADD COLUMN     "outOfIntendedUsePolicy" "OutOfIntendedUsePolicy" NOT NULL DEFAULT 'REFUSE';

-- AddForeignKey
ALTER TABLE "ModelVersion" ADD CONSTRAINT "ModelVersion_sharesEncodersWithId_fkey" FOREIGN KEY ("sharesEncodersWithId") REFERENCES "ModelVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;
