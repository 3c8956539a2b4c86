-- AlterEnum
ALTER TYPE "TaskEventTipo" ADD VALUE 'SCADENZA_MODIFICATA';

-- AlterTable
ALTER TABLE "Ricognizione" ADD COLUMN     "chiusaAt" TIMESTAMP(3),
ADD COLUMN     "sollecitiGiorni" INTEGER[] NOT NULL DEFAULT '{}';
-- Prisma's scalar lists are never null; the default only fills rows that existed before.
ALTER TABLE "Ricognizione" ALTER COLUMN "sollecitiGiorni" DROP DEFAULT;

-- AlterTable
ALTER TABLE "RicognizioneEnte" DROP COLUMN "snapshotId",
DROP COLUMN "solleciti",
DROP COLUMN "stato",
DROP COLUMN "trasmessoAt";

-- DropEnum
DROP TYPE "AdempimentoStato";

-- CreateTable
CREATE TABLE "RicognizionePec" (
    "id" TEXT NOT NULL,
    "ricognizioneEnteId" TEXT NOT NULL,
    "round" TEXT NOT NULL,
    "pecId" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RicognizionePec_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RicognizionePec_ricognizioneEnteId_round_key" ON "RicognizionePec"("ricognizioneEnteId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "Ricognizione_dataRiferimento_key" ON "Ricognizione"("dataRiferimento");

-- CreateIndex
CREATE INDEX "RicognizioneEnte_enteId_idx" ON "RicognizioneEnte"("enteId");

-- AddForeignKey
ALTER TABLE "RicognizioneEnte" ADD CONSTRAINT "RicognizioneEnte_enteId_fkey" FOREIGN KEY ("enteId") REFERENCES "Ente"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RicognizionePec" ADD CONSTRAINT "RicognizionePec_ricognizioneEnteId_fkey" FOREIGN KEY ("ricognizioneEnteId") REFERENCES "RicognizioneEnte"("id") ON DELETE CASCADE ON UPDATE CASCADE;
