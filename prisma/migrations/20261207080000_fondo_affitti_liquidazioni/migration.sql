-- Fondo affitti after the riparto: the Region's liquidation acts (one per group of Comuni), each Comune's
-- revised ranking and its rendicontazione (paid per band, beneficiaries, residual funds), and the states
-- they bring.

-- AlterEnum
ALTER TYPE "BandoStato" ADD VALUE 'CONCLUSO';
ALTER TYPE "DomandaStato" ADD VALUE 'QUOTA_ASSEGNATA';
ALTER TYPE "DomandaStato" ADD VALUE 'LIQUIDATA';
ALTER TYPE "DomandaStato" ADD VALUE 'RENDICONTAZIONE_IN_VERIFICA';
ALTER TYPE "DomandaStato" ADD VALUE 'RENDICONTAZIONE_INTEGRAZIONE';
ALTER TYPE "DomandaStato" ADD VALUE 'RENDICONTATA';
ALTER TYPE "DomandaStato" ADD VALUE 'RENDICONTAZIONE_MANCATA';

-- CreateTable
CREATE TABLE "LiquidazioneFondo" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "bandoId" TEXT NOT NULL,
    "numeroAtto" TEXT NOT NULL,
    "dataAtto" DATE NOT NULL,
    "totale" DECIMAL(14,2) NOT NULL,
    "registrataDaId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LiquidazioneFondo_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "DomandaFondo" ADD COLUMN "graduatoriaRideterminataDocumentId" TEXT,
ADD COLUMN "liquidazioneId" TEXT,
ADD COLUMN "rendicontazioneScadenza" TIMESTAMP(3),
ADD COLUMN "pagatoA" DECIMAL(14,2),
ADD COLUMN "beneficiariPagatiA" INTEGER,
ADD COLUMN "pagatoB" DECIMAL(14,2),
ADD COLUMN "beneficiariPagatiB" INTEGER,
ADD COLUMN "residuo" DECIMAL(14,2),
ADD COLUMN "rendicontazioneDocumentId" TEXT,
ADD COLUMN "rendicontataAt" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "LiquidazioneFondo_idempotencyKey_key" ON "LiquidazioneFondo"("idempotencyKey");
CREATE INDEX "LiquidazioneFondo_bandoId_idx" ON "LiquidazioneFondo"("bandoId");
CREATE INDEX "DomandaFondo_liquidazioneId_idx" ON "DomandaFondo"("liquidazioneId");

-- AddForeignKey
ALTER TABLE "LiquidazioneFondo" ADD CONSTRAINT "LiquidazioneFondo_bandoId_fkey" FOREIGN KEY ("bandoId") REFERENCES "BandoFondo"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DomandaFondo" ADD CONSTRAINT "DomandaFondo_liquidazioneId_fkey" FOREIGN KEY ("liquidazioneId") REFERENCES "LiquidazioneFondo"("id") ON DELETE SET NULL ON UPDATE CASCADE;
